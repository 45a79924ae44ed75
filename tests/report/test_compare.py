"""Comparing a milestone with now: every kind of change, found and written out.

The kick-off fixture differs from the summary fixture ("now") in every way a comparison
reports: a question became ready, one stopped being ready, two became gaps (one was
ready), one changed status otherwise, priorities moved, owners and due dates changed,
answers and decisions were rewritten, a team came to apply and one was left out, the
launch moved, one more item is overdue. Golden files hold the Markdown and the JSON;
regenerate them after an intended change with:
    UPDATE_GOLDEN=1 python -m pytest tests/report/test_compare.py
"""

from __future__ import annotations

import json
import os
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from questions.loader import load_bank
from questions.models import Bank
from sessions.models import Answer, Milestone, Readiness, Session
from walkthrough.report.compare import (
    Comparison,
    changed_lines,
    compare,
    comparison_document,
    first_line,
    milestone_counts,
    milestone_side,
    now_side,
    signed,
)
from walkthrough.report.compare_markdown import render_comparison
from walkthrough.report.progress import listing_stats, stats_trend

HERE = Path(__file__).resolve().parents[1]
BANK = HERE / "fixtures" / "summary" / "bank.yaml"
NOW = HERE / "fixtures" / "summary" / "full_session.json"
KICKOFF = HERE / "fixtures" / "compare" / "kickoff.json"
GOLDEN_MD = HERE / "golden" / "compare.md"
GOLDEN_JSON = HERE / "golden" / "compare.json"
TODAY = date(2026, 3, 28)
SAVED = datetime(2026, 2, 1, 12, 0, tzinfo=UTC)


# A milestone's day is its local date: pin the zone.
pytestmark = pytest.mark.usefixtures("utc_clock")


@pytest.fixture(scope="module")
def bank() -> Bank:
    return load_bank(BANK)


def session(path: Path) -> Session:
    return Session.model_validate(json.loads(path.read_text(encoding="utf-8")))


def kickoff_milestone(name: str = "Kick-off | review") -> Milestone:
    return Milestone(key="20260201T120000.000000Z", name=name, saved=SAVED)


@pytest.fixture
def comparison(bank: Bank) -> Comparison:
    before = milestone_side(kickoff_milestone(), session(KICKOFF))
    return compare(bank, before, now_side(session(NOW), TODAY))


def ids(changes: tuple) -> list[str]:
    return [change.question_id for change in changes]


def test_every_kind_of_change_is_found_once_where_it_belongs(comparison: Comparison) -> None:
    c = comparison
    assert ids(c.became_ready) == ["buy.sales.lighthouse"]
    assert ids(c.new_gaps) == ["buy.sales.process"]  # was partial
    assert ids(c.no_longer_ready) == ["use.sales.upsell"]  # ready → partial
    assert ids(c.other_status) == ["buy.sales.incentives"]  # gap → partial
    assert ids(c.priorities) == ["buy.sales.process"]  # 3.3 → 4.5
    # In priority order now, as the summary lists them.
    assert ids(c.owners_and_dates) == ["use.support.sla", "buy.sales.process", "buy.sales.lighthouse"]
    assert ids(c.answers) == ["buy.sales.incentives", "use.sales.upsell", "use.sales.pricing"]
    assert [(t.name, t.questions, t.ready) for t in c.teams_added] == [("Finance & operations", 2, 0)]
    assert [(t.name, t.questions, t.ready) for t in c.teams_left_out] == [("Manufacturing", 1, 1)]
    assert (c.launch_before, c.launch_after) == (date(2026, 4, 1), date(2026, 5, 1))
    assert "use.sales.renewal" not in c.changed_ids  # nothing about it moved
    assert "buy.finance.invoicing" not in c.changed_ids  # its team did not apply before: told as a team


def test_the_headline_counts_each_side_with_the_same_rules(comparison: Comparison) -> None:
    before, after = comparison.headline_before.counts, comparison.headline_after.counts
    assert (before.applicable, before.ready, before.gap, before.answered) == (9, 2, 3, 7)
    assert (after.applicable, after.ready, after.gap, after.answered) == (9, 1, 3, 7)
    # Overdue on the day each side was counted: the SPIFF (due 1 March) was not yet, on 1 February.
    assert (comparison.headline_before.overdue, comparison.headline_after.overdue) == (0, 1)
    assert comparison.deltas() == {
        "readiness": -11,
        "ready": -1,
        "answered": 0,
        "open": 1,
        "gaps": 0,
        "overdue": 1,
    }
    assert comparison.phrases() == [
        "readiness −11 pts",
        "−1 ready",
        "+1 open",
        "+1 overdue",
        "2 answers rewritten",  # the third, use.sales.pricing, is a first answer: written, not rewritten
    ]


def test_the_markdown_matches_the_golden_file(comparison: Comparison) -> None:
    rendered = render_comparison(comparison)
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN_MD.write_text(rendered, encoding="utf-8", newline="\n")
    assert rendered == GOLDEN_MD.read_text(encoding="utf-8"), "regenerate with UPDATE_GOLDEN=1 after review"


def test_the_json_gives_the_same_facts_and_matches_the_golden_file(comparison: Comparison) -> None:
    document = comparison_document(comparison)
    rendered = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN_JSON.write_text(rendered, encoding="utf-8", newline="\n")
    assert rendered == GOLDEN_JSON.read_text(encoding="utf-8"), "regenerate with UPDATE_GOLDEN=1 after review"
    assert document["from"]["milestone"] == "Kick-off | review" and document["to"]["milestone"] is None
    assert document["change"] == comparison.deltas()
    assert [item["question_id"] for item in document["became_ready"]] == ids(comparison.became_ready)
    assert document["priorities"][0]["from"] == 3.3 and document["priorities"][0]["to"] == 4.5


def test_the_markdown_is_well_formed_and_user_text_stays_text(bank: Bank) -> None:
    hostile = session(NOW).model_copy(
        update={
            "answers": {
                **session(NOW).answers,
                "use.sales.renewal": Answer(
                    text="# Heading?\n| a | b |\n<script>alert(1)</script> `code` \x1b[2J\u202e",
                    readiness=Readiness.GAP,
                ),
            }
        }
    )
    before = milestone_side(kickoff_milestone("<b>Beta</b> | `x` # \u202e"), session(KICKOFF))
    text = render_comparison(compare(bank, before, now_side(hostile, TODAY)))
    assert "\x1b" not in text and "\u202e" not in text
    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    assert next(t.tag for t in tokens if t.type == "heading_open") == "h1"
    assert not [t for t in tokens if t.type in ("html_block", "html_inline")]
    assert [t.type for t in tokens].count("table_open") == 1  # the headline only: no text made another
    rows = [line for line in text.splitlines() if line.startswith("| Readiness")]
    assert len(rows) == 1 and rows[0].count(" | ") == 3  # the name's "|" did not split a cell


def test_two_identical_looks_say_nothing_changed(bank: Bank) -> None:
    now = session(NOW)
    same = Milestone(key="same", name="Same", saved=datetime(2026, 3, 28, 8, 0, tzinfo=UTC))
    c = compare(bank, milestone_side(same, now), now_side(now, TODAY))
    assert c.changed_ids == frozenset() and not c.teams_added and not c.launch_moved
    text = render_comparison(c)
    assert "Nothing changed between **Same** and **now**." in text
    assert "## " not in text  # no empty lists


def test_two_milestones_compare_the_same_way(bank: Bank) -> None:
    later = Milestone(key="later", name="Beta", saved=datetime(2026, 3, 28, 9, 0, tzinfo=UTC))
    c = compare(
        bank, milestone_side(kickoff_milestone(), session(KICKOFF)), milestone_side(later, session(NOW))
    )
    assert c.after.label == "Beta" and c.after.on == TODAY
    assert ids(c.became_ready) == ["buy.sales.lighthouse"]
    assert (
        "From **Kick-off | review** (saved 2026-02-01 12:00 UTC) to **Beta** (saved 2026-03-28 09:00 UTC)."
        in (render_comparison(c))
    )


def test_a_milestone_is_listed_with_the_counts_the_summary_shows(bank: Bank) -> None:
    counts = milestone_counts(bank, session(NOW), TODAY)
    assert counts["ready"] == 1 and counts["applicable"] == 9 and counts["overdue"] == 1
    with_milestones = session(NOW).model_copy(
        update={
            "milestones": [
                Milestone(
                    key="a",
                    name="Kick-off",
                    saved=SAVED,
                    counts=milestone_counts(bank, session(KICKOFF), TODAY),
                ),
                Milestone(key="b", name="Beta", saved=SAVED, counts=counts),
            ]
        }
    )
    stats = listing_stats(bank, with_milestones)
    assert stats_trend(stats) == [22, 11]
    assert stats_trend({"trend": [50, "x", -1, 101, True, 70]}) == [50, 70]
    assert stats_trend({}) == []


def test_small_words() -> None:
    assert [signed(n) for n in (3, 0, -2)] == ["+3", "0", "−2"]
    assert first_line("\n\n  First  line \nsecond") == "First line"
    assert first_line("x" * 100) == "x" * 79 + "…"
    assert first_line("\x1b[31mred\x1b[0m \u202eflip") == "red flip"
    assert first_line("   ") == ""


def test_the_report_tells_the_progress_since_the_milestone_first(comparison: Comparison, bank: Bank) -> None:
    from walkthrough.report.filters import ItemFilter
    from walkthrough.report.markdown import render_markdown

    report = render_markdown(bank, session(NOW), generated=TODAY, since=comparison)
    headings = [line for line in report.splitlines() if line.startswith("#")]
    assert headings[:4] == [
        "# Gap summary: Launch 2027: Atlas | EU",
        "## Progress since Kick-off | review",
        "### Became ready (1)",
        "### New gaps (1)",
    ]
    assert headings.index("## Executive summary") > headings.index("### Teams")
    section = report[report.index("## Progress since") : report.index("## Executive summary")]
    assert "| Readiness | 22% (2 of 9) | 11% (1 of 9) | −11 pts |" in section
    assert render_markdown(bank, session(NOW), generated=TODAY) == report.replace(section, "")
    part = render_markdown(
        bank, session(NOW), generated=TODAY, since=comparison, item_filter=ItemFilter(team="sales")
    )
    assert "Progress since" not in part  # a team's part: the figures would be the whole session's


def test_a_rewrite_below_the_first_line_is_shown_where_it_is() -> None:
    # Two first lines alike said nothing of what changed (the trial's Q44: a word added to line 4).
    before = "Answer 44: *bold* `code`\nline 2\nline 3\nline 4"
    assert changed_lines(before, before + " more") == ("… line 4", "… line 4 more")
    assert changed_lines("Old plan", "New plan\nsecond") == ("Old plan", "New plan")
    assert changed_lines("", "A first answer") == ("", "A first answer")
    assert changed_lines("kept\ngone", "kept") == ("… gone", "")
    # A change past the cut of a long line is shown from a little before it.
    long_line = "x" * 100
    was, now = changed_lines(long_line + " A", long_line + " B")
    assert was.endswith("x A") and now.endswith("x B") and was.startswith("… ")
    # …and so is words added at the end of a long line, past the cut.
    was, now = changed_lines(long_line, long_line + " and more")
    assert was != now and now.endswith("x and more") and now.startswith("… ")
