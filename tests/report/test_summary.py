"""The gap summary: coverage, not-applicable handling, the priority rule and the quadrants."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from questions.loader import load_bank
from sessions.models import Answer, Readiness, Session
from walkthrough.report.progress import progress
from walkthrough.report.summary import (
    Quadrant,
    Status,
    priority_score,
    quadrant_of,
    status_of,
    summarize,
)

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
    risk: int | None, reward: int | None, readiness: Readiness | None = Readiness.GAP, **more
) -> Answer:
    return Answer(readiness=readiness, risk=risk, reward=reward, **more)


def gap_ids(session: Session) -> list[str]:
    return [item.question.id for item in summarize(BANK, session).gaps]


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


# --- coverage ---------------------------------------------------------------------------


def test_empty_session_is_all_unanswered() -> None:
    summary = summarize(BANK, make_session())
    assert summary.coverage.total == summary.coverage.applicable == len(IDS)
    assert summary.coverage.answered == 0
    assert summary.coverage.unanswered == len(IDS)
    assert summary.coverage.percent == 0
    assert [item.question.id for item in summary.gaps] == IDS  # all unrated and unanswered: walk order
    assert summary.decisions == ()
    assert all(item.status is Status.UNANSWERED for item in summary.gaps)


def test_coverage_of_the_full_fixture() -> None:
    summary = summarize(BANK, full_session())
    c = summary.coverage
    # 11 questions, minus manufacturing's 1 (excluded team) = 10; one is not applicable.
    assert (c.total, c.applicable, c.not_applicable) == (10, 9, 1)
    assert (c.answered, c.ready, c.partial, c.gap, c.not_assessed, c.unanswered) == (7, 1, 2, 3, 1, 2)
    assert c.percent == 78
    assert c.open == 8 == len(summary.gaps)


def test_coverage_agrees_with_progress() -> None:
    session = full_session()
    assert summarize(BANK, session).coverage.as_dict() == progress(BANK, session).as_dict()


def test_coverage_per_stage_touchpoint_and_team() -> None:
    summary = summarize(BANK, full_session())
    buy, use = summary.stages
    assert (buy.number, buy.stage.id, use.number) == (1, "buy", 2)
    # Manufacturing does not apply, so it is not a touchpoint of the buy stage.
    assert [t.team.id for t in buy.touchpoints] == ["sales", "finance"]
    assert [t.team.id for t in use.touchpoints] == ["support", "sales"]
    finance = buy.touchpoints[1]
    assert (finance.coverage.total, finance.coverage.applicable, finance.coverage.answered) == (2, 1, 1)
    assert [e.question.id for e in finance.not_applicable] == ["buy.finance.royalties"]
    assert (use.coverage.applicable, use.coverage.answered, use.coverage.percent) == (5, 3, 60)
    assert [g.question.id for g in use.gaps] == [
        "use.sales.renewal",
        "use.sales.upsell",
        "use.support.sla",
        "use.support.nfr",
        "use.sales.pricing",
    ]
    # Sales appears in both stages: its team total spans them.
    sales = {t.team_id: t for t in summary.teams}["sales"]
    assert (sales.name, sales.coverage.applicable, sales.coverage.answered) == ("Sales", 6, 5)
    assert [t.team_id for t in summary.teams] == ["sales", "finance", "support"]
    # The parts add up to the whole.
    for field in ("total", "applicable", "answered", "ready", "partial", "gap", "not_applicable"):
        whole = getattr(summary.coverage, field)
        assert sum(getattr(s.coverage, field) for s in summary.stages) == whole
        assert sum(getattr(t.coverage, field) for s in summary.stages for t in s.touchpoints) == whole
        assert sum(getattr(t.coverage, field) for t in summary.teams) == whole


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
    assert summary.coverage.applicable == len(IDS) - 1
    assert summary.coverage.answered == 1
    assert [(e.question.id, e.answer.na_reason) for e in summary.not_applicable] == [
        (IDS[1], "No channel partners")
    ]
    assert IDS[1] not in [g.question.id for g in summary.gaps]
    assert summary.decisions == ()  # a not-applicable question implies no decision


def test_everything_not_applicable_is_fully_covered() -> None:
    answers = {qid: Answer(readiness=Readiness.NOT_APPLICABLE) for qid in IDS}
    summary = summarize(BANK, make_session(answers))
    assert summary.coverage.applicable == 0
    assert summary.coverage.percent == 100
    assert summary.gaps == ()


def test_excluded_teams_leave_the_walk_and_every_total() -> None:
    answers = {qid: rated(5, 5, text="x", decision="d") for qid in IDS}
    summary = summarize(BANK, make_session(answers, excluded=["sales", "manufacturing"]))
    walked = [g.question.id for g in summary.gaps]
    assert walked == ["buy.finance.invoicing", "buy.finance.royalties", "use.support.sla", "use.support.nfr"]
    assert summary.coverage.total == 4
    assert summary.excluded_teams == ("Sales", "Manufacturing")
    assert [t.team_id for t in summary.teams] == ["finance", "support"]
    assert all(t.team.id not in ("sales", "manufacturing") for s in summary.stages for t in s.touchpoints)
    assert len(summary.decisions) == 4
    # Numbers are each question's place in the whole bank: leaving teams out renumbers nothing.
    assert [g.number for g in sorted(summary.gaps, key=lambda g: g.ref.index)] == [4, 5, 7, 8]
    everyone = summarize(BANK, make_session(answers))
    assert {g.question.id: g.number for g in everyone.gaps if g.question.id in walked} == {
        g.question.id: g.number for g in summary.gaps
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
    assert summary.coverage.total == len(IDS)
    assert summary.excluded_teams == ()
    assert summary.unmatched_answers == 1  # empty answers are not worth mentioning


def test_bank_change_is_noticed() -> None:
    assert not summarize(BANK, make_session()).bank_changed
    assert summarize(BANK, full_session()).bank_changed
    assert summarize(BANK, full_session()).recorded_bank == ("summary-test-bank", "3.0")


# --- priority ---------------------------------------------------------------------------


def test_priority_score() -> None:
    assert priority_score(5, 4) == 14
    assert priority_score(1, 1) == 3
    assert priority_score(None, 4) is None
    assert priority_score(4, None) is None


def test_higher_score_first_and_risk_weighs_double() -> None:
    session = make_session(
        {
            IDS[0]: rated(1, 5),  # 7
            IDS[1]: rated(3, 2),  # 8: more risk beats more reward
            IDS[2]: rated(5, 5),  # 15
        }
    )
    assert gap_ids(session)[:3] == [IDS[2], IDS[1], IDS[0]]


def test_equal_scores_higher_risk_first() -> None:
    session = make_session({IDS[0]: rated(2, 5), IDS[1]: rated(3, 3), IDS[2]: rated(4, 1)})  # all score 9
    assert gap_ids(session)[:3] == [IDS[2], IDS[1], IDS[0]]


def test_equal_score_and_risk_worse_status_first() -> None:
    session = make_session(
        {
            IDS[0]: rated(3, 3, Readiness.PARTIAL),
            IDS[1]: rated(3, 3, None, text="written, not judged"),  # not assessed
            IDS[2]: rated(3, 3, None),  # unanswered, but rated
            IDS[3]: rated(3, 3, Readiness.GAP),
        }
    )
    assert gap_ids(session)[:4] == [IDS[3], IDS[1], IDS[2], IDS[0]]


def test_complete_tie_keeps_walk_order() -> None:
    session = make_session({qid: rated(4, 4) for qid in reversed(IDS)})
    assert gap_ids(session) == IDS


def test_unrated_come_after_every_rated_by_status_then_walk_order() -> None:
    session = make_session(
        {
            IDS[0]: Answer(readiness=Readiness.PARTIAL, risk=5),  # unrated: no reward
            IDS[1]: Answer(readiness=Readiness.GAP, reward=5),  # unrated: no risk
            IDS[3]: Answer(text="not judged"),  # unrated, not assessed
            IDS[4]: rated(1, 1, Readiness.PARTIAL),  # the lowest rated item still comes first
            IDS[5]: Answer(readiness=Readiness.GAP),
        }
    )
    order = gap_ids(session)
    assert order[0] == IDS[4]
    gaps = [IDS[1], IDS[5]]
    middle = [IDS[2], IDS[3], *IDS[6:]]  # unanswered and not assessed share a rank: walk order
    assert order[1:] == [*gaps, *middle, IDS[0]]


def test_ready_questions_are_not_gaps() -> None:
    session = make_session({IDS[0]: rated(5, 5, Readiness.READY)})
    assert IDS[0] not in gap_ids(session)


def test_fixture_gap_order() -> None:
    summary = summarize(BANK, full_session())
    assert [(g.label, g.status, g.score) for g in summary.gaps] == [
        ("Q1", Status.GAP, 14),
        ("Q4", Status.NOT_ASSESSED, 9),  # ties Q2 on 9: higher risk first
        ("Q2", Status.PARTIAL, 9),
        ("Q10", Status.GAP, 8),  # ties Q9 on score and risk: gap before partial
        ("Q9", Status.PARTIAL, 8),
        ("Q7", Status.GAP, None),  # unrated: after every rated one
        ("Q8", Status.UNANSWERED, None),
        ("Q11", Status.UNANSWERED, None),
    ]
    assert summary.top_actions() == summary.gaps[:5]
    assert summary.top_actions(2) == summary.gaps[:2]


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
        (None, 5, Quadrant.NOT_RATED),
        (5, None, Quadrant.NOT_RATED),
        (None, None, Quadrant.NOT_RATED),
    ],
)
def test_quadrant_boundaries(risk: int | None, reward: int | None, quadrant: Quadrant) -> None:
    assert quadrant_of(risk, reward) is quadrant


def test_quadrant_labels_are_for_pms() -> None:
    assert [q.label for q in Quadrant] == ["Act now", "Protect", "Opportunity", "Later", "Not rated"]
    assert all(q.advice for q in Quadrant)


def test_decisions_include_ready_and_unrated_and_skip_empty() -> None:
    session = make_session(
        {
            IDS[0]: rated(3, 3, Readiness.READY),  # rated, no text: a decision
            IDS[1]: Answer(decision="Write the runbook"),  # text, no rating: not rated
            IDS[2]: Answer(text="An answer, no decision", readiness=Readiness.GAP),
            IDS[3]: Answer(decision="   "),  # blank text is no decision
            IDS[4]: Answer(reward=2, readiness=Readiness.PARTIAL),  # half a rating is still a decision
        }
    )
    summary = summarize(BANK, session)
    assert [(d.question.id, d.quadrant) for d in summary.decisions] == [
        (IDS[0], Quadrant.ACT_NOW),
        (IDS[1], Quadrant.NOT_RATED),  # unanswered before partial
        (IDS[4], Quadrant.NOT_RATED),
    ]
    assert summary.decisions[1].text == "Write the runbook"
    assert summary.decisions_in(Quadrant.NOT_RATED) == summary.decisions[1:]
    assert summary.rated_decisions == summary.decisions[:1]
    counts = summary.quadrant_counts()
    assert list(counts) == list(Quadrant)
    assert counts[Quadrant.NOT_RATED] == 2 and counts[Quadrant.ACT_NOW] == 1 and counts[Quadrant.LATER] == 0


def test_fixture_decisions() -> None:
    summary = summarize(BANK, full_session())
    assert [(d.label, d.quadrant) for d in summary.decisions] == [
        ("Q1", Quadrant.ACT_NOW),
        ("Q4", Quadrant.PROTECT),
        ("Q3", Quadrant.ACT_NOW),  # ready, still a decision
        ("Q2", Quadrant.OPPORTUNITY),
        ("Q10", Quadrant.PROTECT),
        ("Q9", Quadrant.PROTECT),
        ("Q7", Quadrant.NOT_RATED),
        ("Q11", Quadrant.NOT_RATED),
    ]
    first = summary.decisions[0]
    assert (first.owner, first.due.isoformat(), first.text) == (
        "Ana Souza",
        "2026-05-15",
        "Hire a deal-desk lead before launch",
    )
