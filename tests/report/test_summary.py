"""The gap summary: the counts, not-applicable handling, the priority rule and the quadrants."""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path

import pytest

from questions.loader import load_bank
from sessions.models import Answer, Readiness, Session
from walkthrough.report.filters import NO_OWNER, ItemFilter, owners
from walkthrough.report.priority import Quadrant, format_score, priority_score, quadrant_of
from walkthrough.report.progress import Status, percent, progress, status_of
from walkthrough.report.summary import summarize

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "summary"
BANK = load_bank(FIXTURES / "bank.yaml")
IDS = [ref.id for ref in BANK.walk()]


def make_session(answers: dict[str, Answer] | None = None, excluded: list[str] | None = None) -> Session:
    return Session(
        id="s1",
        name="Test",
        bank_id=BANK.id,
        bank_version=BANK.version,
        answers=answers or {},
        excluded_teams=excluded or [],
    )


def full_session() -> Session:
    return Session.model_validate(json.loads((FIXTURES / "full_session.json").read_text(encoding="utf-8")))


def rated(
    risk: int | None,
    reward: int | None,
    mitigation: int | None = None,
    readiness: Readiness | None = Readiness.GAP,
    **more,
) -> Answer:
    return Answer(readiness=readiness, risk=risk, reward=reward, mitigation=mitigation, **more)


def open_ids(session: Session) -> list[str]:
    return [item.question.id for item in summarize(BANK, session).open_items]


# --- status ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("answer", "status"),
    [
        (Answer(), Status.UNANSWERED),
        (Answer(decision="Do it", risk=4), Status.UNANSWERED),  # a decision alone is not an answer
        (Answer(text="We will"), Status.NOT_ASSESSED),
        (Answer(text="   "), Status.UNANSWERED),
        (Answer(readiness=Readiness.READY), Status.READY),
        (Answer(text="x", readiness=Readiness.PARTIAL), Status.PARTIAL),
        (Answer(readiness=Readiness.GAP), Status.GAP),
        (Answer(readiness=Readiness.NOT_APPLICABLE, na_reason="SaaS"), Status.NOT_APPLICABLE),
    ],
)
def test_status_of(answer: Answer, status: Status) -> None:
    assert status_of(answer) is status


def test_open_statuses_and_severity() -> None:
    assert {s for s in Status if s.is_open} == {
        Status.GAP,
        Status.UNANSWERED,
        Status.NOT_ASSESSED,
        Status.PARTIAL,
    }
    assert (
        Status.GAP.severity
        < Status.UNANSWERED.severity
        == Status.NOT_ASSESSED.severity
        < Status.PARTIAL.severity
    )


# --- counts -----------------------------------------------------------------------------


def test_empty_session_is_all_unanswered() -> None:
    summary = summarize(BANK, make_session())
    c = summary.counts
    assert c.total == c.applicable == c.unanswered == c.open == len(IDS)
    assert (c.answered, c.ready, c.readiness, c.answered_percent) == (0, 0, 0, 0)
    assert [item.question.id for item in summary.open_items] == IDS  # none rated, all unanswered: walk order
    assert summary.decisions == ()
    assert all(item.status is Status.UNANSWERED for item in summary.open_items)


def test_counts_of_the_full_fixture() -> None:
    summary = summarize(BANK, full_session())
    c = summary.counts
    # 11 questions, minus manufacturing's 1 (excluded team) = 10; one is not applicable.
    assert (c.total, c.applicable, c.not_applicable) == (10, 9, 1)
    assert (c.answered, c.ready, c.partial, c.gap, c.not_assessed, c.unanswered) == (7, 1, 2, 3, 1, 2)
    assert (c.readiness, c.answered_percent) == (11, 78)  # readiness is the headline: ready ÷ applicable
    assert c.open == 8 == len(summary.open_items)  # open items: applicable and not ready
    assert summary.whole == c


@pytest.mark.parametrize(
    ("part", "whole", "shown"),
    [
        (0, 9, 0),
        (1, 9, 11),
        (7, 9, 78),
        (1, 2, 50),
        (2, 3, 67),
        (1, 200, 1),
        (199, 200, 99),
        (9, 9, 100),
        (0, 0, 100),
    ],
)
def test_percent_says_100_only_when_all_and_0_only_when_none(part: int, whole: int, shown: int) -> None:
    assert percent(part, whole) == shown


def test_counts_agree_with_progress() -> None:
    session = full_session()
    assert summarize(BANK, session).counts == progress(BANK, session)


def test_counts_per_stage_touchpoint_and_team() -> None:
    summary = summarize(BANK, full_session())
    buy, use = summary.stages
    assert (buy.number, buy.stage.id, use.number) == (1, "buy", 2)
    # Manufacturing does not apply, so it is not a touchpoint of the buy stage.
    assert [t.team.id for t in buy.touchpoints] == ["sales", "finance"]
    assert [t.team.id for t in use.touchpoints] == ["support", "sales"]
    finance = buy.touchpoints[1]
    assert (finance.counts.total, finance.counts.applicable, finance.counts.answered) == (2, 1, 1)
    assert [e.question.id for e in finance.not_applicable] == ["buy.finance.royalties"]
    assert (
        use.counts.applicable,
        use.counts.answered,
        use.counts.answered_percent,
        use.counts.readiness,
    ) == (
        5,
        3,
        60,
        0,
    )
    assert [g.question.id for g in use.open_items] == [
        "use.support.sla",
        "use.sales.renewal",
        "use.sales.upsell",
        "use.support.nfr",
        "use.sales.pricing",
    ]
    # Sales appears in both stages: its team total spans them.
    sales = {t.team_id: t for t in summary.teams}["sales"]
    assert (sales.name, sales.counts.applicable, sales.counts.answered, sales.counts.ready) == (
        "Sales",
        6,
        5,
        1,
    )
    assert [t.team_id for t in summary.teams] == ["sales", "finance", "support"]
    # The parts add up to the whole.
    for field in ("total", "applicable", "answered", "ready", "partial", "gap", "not_applicable"):
        whole = getattr(summary.counts, field)
        assert sum(getattr(s.counts, field) for s in summary.stages) == whole
        assert sum(getattr(t.counts, field) for s in summary.stages for t in s.touchpoints) == whole
        assert sum(getattr(t.counts, field) for t in summary.teams) == whole


def test_not_applicable_leaves_the_denominator_and_keeps_its_reason() -> None:
    session = make_session(
        {
            IDS[0]: Answer(readiness=Readiness.READY),
            IDS[1]: Answer(
                readiness=Readiness.NOT_APPLICABLE,
                na_reason="No channel partners",
                risk=5,
                reward=5,
                decision="ignored",
            ),
        }
    )
    summary = summarize(BANK, session)
    assert summary.counts.applicable == len(IDS) - 1
    assert summary.counts.answered == summary.counts.ready == 1  # an N/A is not an answer
    assert summary.counts.open == len(IDS) - 2
    assert [(e.question.id, e.answer.na_reason) for e in summary.not_applicable] == [
        (IDS[1], "No channel partners")
    ]
    assert IDS[1] not in [g.question.id for g in summary.open_items]
    assert summary.decisions == ()  # a not-applicable question implies no decision


def test_everything_not_applicable_leaves_nothing_open() -> None:
    answers = {qid: Answer(readiness=Readiness.NOT_APPLICABLE) for qid in IDS}
    summary = summarize(BANK, make_session(answers))
    assert summary.counts.applicable == 0
    assert summary.counts.readiness == summary.counts.answered_percent == 100
    assert summary.open_items == ()


def test_excluded_teams_leave_the_walk_and_every_total() -> None:
    answers = {qid: rated(5, 5, text="x", decision="d") for qid in IDS}
    summary = summarize(BANK, make_session(answers, excluded=["sales", "manufacturing"]))
    walked = [g.question.id for g in summary.open_items]
    assert walked == ["buy.finance.invoicing", "buy.finance.royalties", "use.support.sla", "use.support.nfr"]
    assert summary.counts.total == 4
    assert summary.excluded_teams == ("Sales", "Manufacturing")
    assert [t.team_id for t in summary.teams] == ["finance", "support"]
    assert all(t.team.id not in ("sales", "manufacturing") for s in summary.stages for t in s.touchpoints)
    assert len(summary.decisions) == 4
    # Numbers are each question's place in the whole bank: leaving teams out renumbers nothing.
    assert [g.number for g in sorted(summary.open_items, key=lambda g: g.ref.index)] == [4, 5, 7, 8]
    everyone = summarize(BANK, make_session(answers))
    assert {g.question.id: g.number for g in everyone.open_items if g.question.id in walked} == {
        g.question.id: g.number for g in summary.open_items
    }


def test_a_stage_whose_teams_all_do_not_apply_is_left_out() -> None:
    summary = summarize(BANK, make_session(excluded=["support", "sales"]))
    assert [s.stage.id for s in summary.stages] == ["buy"]
    assert summary.excluded_teams == ("Sales", "Support")


def test_unknown_excluded_team_and_unmatched_answers() -> None:
    session = make_session(
        {"no.such.question": Answer(text="orphan"), "another.orphan": Answer()}, excluded=["no-such-team"]
    )
    summary = summarize(BANK, session)
    assert summary.counts.total == len(IDS)
    assert summary.excluded_teams == ()
    assert summary.unmatched_answers == 1  # empty answers are not worth mentioning


def test_bank_change_is_noticed() -> None:
    assert not summarize(BANK, make_session()).bank_changed
    assert summarize(BANK, full_session()).bank_changed
    assert summarize(BANK, full_session()).recorded_bank == ("summary-test-bank", "3.0")


# --- priority ---------------------------------------------------------------------------


def test_priority_score_is_the_weighted_average_of_the_ratings_given() -> None:
    assert priority_score(5, 4, 4) == Fraction(9, 2)  # (2×5 + 4 + 4) / 4
    assert priority_score(1, 1, 1) == 1 and priority_score(5, 5, 5) == 5
    assert priority_score(3, None, None) == 3  # placed by the rating it has
    assert priority_score(None, 5, 1) == 3
    assert priority_score(4, 2, None) == Fraction(10, 3)  # (2×4 + 2) / 3
    assert priority_score(None, None, None) is None


@pytest.mark.parametrize(
    ("score", "shown"),
    [
        (Fraction(13, 4), "3.3"),
        (Fraction(10, 3), "3.3"),
        (Fraction(8, 3), "2.7"),
        (Fraction(5), "5.0"),
        (None, ""),
    ],
)
def test_scores_are_shown_with_one_decimal(score: Fraction | None, shown: str) -> None:
    assert format_score(score) == shown


def test_higher_score_first_and_risk_weighs_double() -> None:
    session = make_session(
        {
            IDS[0]: rated(1, 4, 1),  # 1.75
            IDS[1]: rated(4, 1, 1),  # 2.5: the same ratings, but the 4 is risk
            IDS[2]: rated(5, 5, 5),  # 5
            IDS[3]: rated(2, 2, 5),  # 2.75: mitigation counts too
        }
    )
    assert open_ids(session)[:4] == [IDS[2], IDS[3], IDS[1], IDS[0]]


def test_a_partly_rated_item_is_placed_by_the_ratings_it_has() -> None:
    session = make_session(
        {
            IDS[0]: rated(2, 2, 2),  # 2
            IDS[1]: rated(4, 3, 3),  # 3.5
            IDS[9]: rated(3, None, None, Readiness.PARTIAL),  # 3: between the two, not after them
            IDS[5]: rated(None, None, 4),  # mitigation alone: 4
            IDS[6]: Answer(readiness=Readiness.GAP),  # a gap, but not rated at all
        }
    )
    order = open_ids(session)
    assert order[:5] == [IDS[5], IDS[1], IDS[9], IDS[0], IDS[6]]


def test_one_rating_lifts_an_item_above_every_unrated_one() -> None:
    # The PM's report: risk 3 with no reward yet sank below every unanswered question.
    last = IDS[-1]
    session = make_session({last: Answer(risk=3)})
    assert open_ids(session)[0] == last


def test_equal_scores_higher_risk_first() -> None:
    session = make_session(
        {
            IDS[0]: rated(2, 5, 3),  # 3
            IDS[1]: rated(3, 3, 3),  # 3
            IDS[2]: rated(4, 1, 3),  # 3
            IDS[3]: rated(None, 3, None),  # 3: no risk rated counts as the lowest risk
        }
    )
    assert open_ids(session)[:4] == [IDS[2], IDS[1], IDS[0], IDS[3]]


def test_equal_score_and_risk_worse_status_first() -> None:
    session = make_session(
        {
            IDS[0]: rated(3, 3, None, Readiness.PARTIAL),
            IDS[1]: rated(3, 3, None, None, text="written, not judged"),  # not assessed
            IDS[2]: rated(3, 3, None, None),  # unanswered, but rated
            IDS[3]: rated(3, None, None, Readiness.GAP),  # partly rated, same score and risk
        }
    )
    assert open_ids(session)[:4] == [IDS[3], IDS[1], IDS[2], IDS[0]]


def test_complete_tie_keeps_walk_order() -> None:
    session = make_session({qid: rated(4, 4, 4) for qid in reversed(IDS)})
    assert open_ids(session) == IDS


def test_unrated_come_after_every_rated_by_status_then_walk_order() -> None:
    session = make_session(
        {
            IDS[0]: Answer(readiness=Readiness.PARTIAL),
            IDS[1]: Answer(readiness=Readiness.GAP, decision="A decision is not a rating"),
            IDS[3]: Answer(text="not judged"),  # not assessed
            IDS[4]: rated(1, 1, 1, Readiness.PARTIAL),  # the lowest rated item still comes first
            IDS[5]: Answer(readiness=Readiness.GAP),
        }
    )
    order = open_ids(session)
    assert order[0] == IDS[4]
    gaps = [IDS[1], IDS[5]]
    middle = [IDS[2], IDS[3], *IDS[6:]]  # unanswered and not assessed share a rank: walk order
    assert order[1:] == [*gaps, *middle, IDS[0]]


def test_ready_questions_are_not_open_items_but_keep_their_rank() -> None:
    session = make_session({IDS[0]: rated(5, 5, 5, Readiness.READY)})
    summary = summarize(BANK, session)
    assert IDS[0] not in open_ids(session)
    assert summary.ranked[0].question.id == IDS[0]


def test_fixture_open_item_order() -> None:
    summary = summarize(BANK, full_session())
    assert [(g.label, g.status, format_score(g.score)) for g in summary.open_items] == [
        ("Q7", Status.GAP, "5.0"),  # risk 5 alone: placed by it
        ("Q1", Status.GAP, "4.5"),
        ("Q4", Status.NOT_ASSESSED, "3.0"),  # ties Q2 on 3: higher risk first
        ("Q2", Status.PARTIAL, "3.0"),
        ("Q10", Status.GAP, "2.7"),  # ties Q9 on score and risk: gap before partial
        ("Q9", Status.PARTIAL, "2.7"),
        ("Q8", Status.UNANSWERED, ""),  # not rated: after every rated one
        ("Q11", Status.UNANSWERED, ""),
    ]
    assert summary.top_actions() == summary.open_items[:5]
    assert summary.top_actions(2) == summary.open_items[:2]


# --- decisions and quadrants ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("risk", "reward", "quadrant"),
    [
        (3, 3, Quadrant.ACT_NOW),
        (5, 5, Quadrant.ACT_NOW),
        (3, 2, Quadrant.PROTECT),
        (5, 1, Quadrant.PROTECT),
        (2, 3, Quadrant.OPPORTUNITY),
        (1, 5, Quadrant.OPPORTUNITY),
        (2, 2, Quadrant.LATER),
        (1, 1, Quadrant.LATER),
        (None, 5, Quadrant.UNPLACED),
        (5, None, Quadrant.UNPLACED),
        (None, None, Quadrant.UNPLACED),
    ],
)
def test_quadrant_boundaries(risk: int | None, reward: int | None, quadrant: Quadrant) -> None:
    assert quadrant_of(risk, reward) is quadrant


def test_quadrant_labels_are_for_pms() -> None:
    assert [q.label for q in Quadrant] == ["Act now", "Protect", "Opportunity", "Later", "Not placed"]
    assert all(q.advice for q in Quadrant)


def test_decisions_include_ready_and_unrated_and_skip_empty() -> None:
    session = make_session(
        {
            IDS[0]: rated(3, 3, None, Readiness.READY),  # rated, no text: a decision
            IDS[1]: Answer(decision="Write the runbook"),  # text, no rating
            IDS[2]: Answer(text="An answer, no decision", readiness=Readiness.GAP),
            IDS[3]: Answer(decision="   "),  # blank text is no decision
            IDS[4]: Answer(reward=2, readiness=Readiness.PARTIAL),  # one rating is a decision too
            IDS[5]: Answer(mitigation=4),  # so is mitigation alone
        }
    )
    summary = summarize(BANK, session)
    assert [(d.question.id, d.quadrant) for d in summary.decisions] == [
        (IDS[5], Quadrant.UNPLACED),  # 4
        (IDS[0], Quadrant.ACT_NOW),  # 3
        (IDS[4], Quadrant.UNPLACED),  # 2
        (IDS[1], Quadrant.UNPLACED),  # no rating: last
    ]
    assert summary.decisions[3].decision == "Write the runbook"
    assert summary.on_matrix == (summary.decisions[1],)
    counts = summary.quadrant_counts()
    assert list(counts) == list(Quadrant)
    assert counts[Quadrant.UNPLACED] == 3 and counts[Quadrant.ACT_NOW] == 1 and counts[Quadrant.LATER] == 0


def test_fixture_decisions() -> None:
    summary = summarize(BANK, full_session())
    assert [(d.label, d.quadrant) for d in summary.decisions] == [
        ("Q7", Quadrant.UNPLACED),
        ("Q1", Quadrant.ACT_NOW),
        ("Q4", Quadrant.PROTECT),  # Q4, Q3 and Q2 all score 3: risk 4, 3, 2
        ("Q3", Quadrant.ACT_NOW),  # ready, still a decision
        ("Q2", Quadrant.OPPORTUNITY),
        ("Q10", Quadrant.PROTECT),
        ("Q9", Quadrant.PROTECT),
        ("Q11", Quadrant.UNPLACED),
    ]
    first = summary.decisions[1]
    assert (first.owner, first.due.isoformat(), first.decision, first.mitigation) == (
        "Ana Souza",
        "2026-05-15",
        "Hire a deal-desk lead before launch",
        4,
    )


def test_the_worked_example_in_the_readme() -> None:
    # README, "The priority rule": A, B, C, D in that order, A shown as 3.3.
    a, b, c, d = IDS[3], IDS[0], IDS[1], IDS[2]
    session = make_session(
        {
            a: rated(4, 2, 3, Readiness.GAP),
            b: rated(3, None, None, Readiness.PARTIAL),
            c: rated(None, 5, 1, Readiness.GAP),
            d: Answer(readiness=Readiness.GAP),
        }
    )
    items = summarize(BANK, session).open_items
    assert [item.question.id for item in items[:4]] == [a, b, c, d]
    assert [format_score(item.score) for item in items[:4]] == ["3.3", "3.0", "3.0", ""]
    assert items[0].score == Fraction(13, 4)


def test_one_owner_under_one_spelling_everywhere_in_the_summary() -> None:
    spelled = ["Dana Keller", "dana keller", "Dana Keller ", "Lee", "DANA  KELLER"]
    answers = {
        qid: Answer(readiness=Readiness.GAP, owner=owner) for qid, owner in zip(IDS, spelled, strict=False)
    }
    summary = summarize(BANK, make_session(answers))
    shown = {item.question.id: item.owner for item in summary.open_items if item.owner}
    assert set(shown.values()) == {"Dana Keller", "Lee"}  # the spelling typed most
    assert owners(list(summary.open_items)) == ["Dana Keller", "Lee", NO_OWNER]
    assert [item.owner for item in summary.open_items if ItemFilter(owner="dana KELLER").matches(item)] == [
        "Dana Keller"
    ] * 4
