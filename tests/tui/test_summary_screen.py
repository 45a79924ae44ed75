"""The gap summary at 80×24 first: its words, the list and the detail, filters, acting on an
item, the export, and snapshots narrow and wide, with and without a filter.

The walk fixture session (today pinned to 2025-03-28 by conftest): 9 questions apply
(manufacturing is left out, one question is N/A); 1 is ready, 4 are answered, 8 are open.
In priority order the open items are Q3 (gap, risk 5 reward 1, overdue), Q2 (partial,
3/2), Q4 (gap, 2/4), then the unanswered Q5, Q8, Q9, Q10, Q11.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from export_checks import export_asks_before_replacing
from test_walk_snapshots import steady, walk_app
from textual.pilot import Pilot
from walk_fixtures import FakeOpenSession, fixture_bank, fixture_session, rich_answers, screen_text

from walkthrough.context import Context
from walkthrough.tui.app import WalkthroughApp
from walkthrough.tui.screens.choice import ChoiceScreen
from walkthrough.tui.screens.home import HomeScreen
from walkthrough.tui.screens.summary import SummaryScreen
from walkthrough.tui.screens.walk import WalkScreen
from walkthrough.tui.widgets.items_table import ItemsTable
from walkthrough.tui.widgets.readiness_table import ReadinessTable
from walkthrough.tui.widgets.risk_matrix import RiskMatrix, cell_text

OPEN_ORDER = ["Q3", "Q2", "Q4", "Q5", "Q8", "Q9", "Q10", "Q11"]
LONG_ANSWER = (
    "Trademark search done in the EU only; the US filing waits on the naming review, which "
    "waits on the brand agency's second round. Legal estimates six to eight weeks from filing "
    "to a first office action, so the name may not be protected in the US on launch day. "
    "Fallback: launch under the working name in the US and rebrand with the first update."
)


def summary_app(data_dir: Path, *, launch: date | None = None, long_answer: bool = False) -> WalkthroughApp:
    answers = rich_answers()
    if long_answer:
        answers["find.legal.q1"] = answers["find.legal.q1"].model_copy(update={"text": LONG_ANSWER})
    if launch is not None:
        # Due after the launch: flagged, since the launch would go without it.
        answers["buy.sales.q1"] = answers["buy.sales.q1"].model_copy(
            update={"due": date(2025, 5, 2), "owner": "Sam"}
        )
    session = fixture_session(answers=answers, excluded=["manufacturing"], position="find.marketing.q2")
    session.launch = launch
    context = Context(data_dir_option=data_dir)
    context.bank = fixture_bank()
    return WalkthroughApp(context, open_session=FakeOpenSession(session))  # type: ignore[arg-type]


async def open_summary(pilot: Pilot) -> SummaryScreen:
    await steady(pilot)
    await pilot.press("ctrl+s")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, SummaryScreen)
    return screen


def listed(screen: SummaryScreen) -> list[str]:
    return [item.label for item in screen.query_one(ItemsTable).items]


def highlighted(screen: SummaryScreen) -> str | None:
    selected = screen.query_one(ItemsTable).selected
    return selected.label if selected else None


async def choose(pilot: Pilot, label: str) -> None:
    """Pick the option whose label starts with `label` in the open ChoiceScreen."""
    screen = pilot.app.screen
    assert isinstance(screen, ChoiceScreen)
    index = next(i for i, choice in enumerate(screen._choices) if choice.label.startswith(label))
    for _ in range(index):
        await pilot.press("down")
    await pilot.press("enter")
    await pilot.pause()


# --- 1. the words ---------------------------------------------------------------------


async def test_the_headline_is_readiness_then_answered_then_open_items(data_dir: Path) -> None:
    app = summary_app(data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_summary(pilot)
        shown = screen_text(app)
        assert "Readiness 11% · 1 of 9 ready · 4 answered (44%) · 8 open items" in shown
        assert "2 gaps · 1 partial · 5 unanswered · 1 not applicable · left out: Manufacturing" in shown
        assert "1 Open items (8)" in shown
        assert "covered" not in shown.lower()


# --- 4. the list and the detail at 80×24 ----------------------------------------------------


async def test_the_list_is_in_priority_order_and_the_detail_gives_the_highlighted_item_in_full(
    data_dir: Path,
) -> None:
    app = summary_app(data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        summary = await open_summary(pilot)
        assert listed(summary) == OPEN_ORDER
        shown = screen_text(app)
        assert "How is the product name protected?" in shown
        assert "Stage 1 Customers find out about it › Legal" in shown
        assert "Answer: no answer yet" in shown
        assert "Decision: File the trademark" in shown
        assert "Owner: Legal team · Due: 2025-03-20 · overdue by 8 days" in shown
        assert "Risk 5 customers leave · Reward 1 no change · Mitigation not rated" in shown
        assert "Q3 · Gap · priority 3.7 · Protect" in shown
        # Overdue is said in words in the list too, not by colour only.
        (q3_row,) = [line for line in shown.splitlines() if line.startswith("  Q3 ")]
        assert "overdue" in q3_row

        await pilot.press("down")
        shown = screen_text(app)
        assert "Answer: Draft ROI calculator; needs finance sign-off." in shown
        assert "Decision: Publish the ROI calculator" in shown
        assert "Owner: Lee · Due: no date" in shown
        assert "Risk 3 some would leave · Reward 2 a little faster · Mitigation not rated" in shown


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
async def test_nothing_needs_scrolling_sideways(data_dir: Path, size: tuple[int, int]) -> None:
    app = summary_app(data_dir, long_answer=True, launch=date(2025, 4, 27))
    async with app.run_test(size=size) as pilot:
        summary = await open_summary(pilot)
        for widget in (summary.query_one(ItemsTable), summary.query_one("#detail-scroll")):
            assert widget.virtual_size.width <= widget.scrollable_content_region.width, widget
        # The long answer wraps inside the detail pane: every word of it is on screen.
        shown = " ".join(screen_text(app).split())
        assert "rebrand with the first update." in shown
        assert "Fallback: launch under the working name" in shown


async def test_a_wide_terminal_shows_the_list_and_the_detail_side_by_side(data_dir: Path) -> None:
    app = summary_app(data_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        summary = await open_summary(pilot)
        table, detail = summary.query_one(ItemsTable).region, summary.query_one("#detail-scroll").region
        assert detail.x >= table.right and detail.y == table.y
    async with summary_app(data_dir).run_test(size=(80, 24)) as pilot:
        summary = await open_summary(pilot)
        table, detail = summary.query_one(ItemsTable).region, summary.query_one("#detail-scroll").region
        assert detail.y >= table.bottom and detail.width >= 78


# --- 3. the launch date -------------------------------------------------------------------


async def test_the_summary_counts_down_and_flags_work_due_after_the_launch(data_dir: Path) -> None:
    app = summary_app(data_dir, launch=date(2025, 4, 27))
    async with app.run_test(size=(80, 24)) as pilot:
        summary = await open_summary(pilot)
        shown = screen_text(app)
        assert "30 days to launch (2025-04-27)" in shown.splitlines()[0]
        (q4_row,) = [line for line in shown.splitlines() if line.startswith("  Q4 ")]
        assert "after launch" in q4_row
        await pilot.press("down", "down")
        assert highlighted(summary) == "Q4"
        assert "Owner: Sam · Due: 2025-05-02 · after launch (2025-04-27)" in screen_text(app)


# --- 5. filters ---------------------------------------------------------------------------


async def test_filter_by_team_from_its_key_shows_the_filter_and_clears(data_dir: Path) -> None:
    app = summary_app(data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        summary = await open_summary(pilot)
        await pilot.press("t")
        shown = screen_text(app)
        assert "Filter by team" in shown and "Any team  8" in shown and "Sales  3" in shown
        await choose(pilot, "Sales")
        assert listed(summary) == ["Q4", "Q5", "Q10"]  # Sales in stage 2 and in stage 4
        shown = screen_text(app)
        assert "Filter: team Sales · 3 of 8 open items · x clears" in shown
        assert "x Clear filter" in shown  # in the footer while a filter is set
        await pilot.press("x")
        assert listed(summary) == OPEN_ORDER
        assert "All 8 open items" in screen_text(app)
        assert "x Clear filter" not in screen_text(app)


@pytest.mark.parametrize(
    ("keys", "label", "expected", "words"),
    [
        ("s", "2 Customers can buy it", ["Q4", "Q5"], "stage 2 Customers can buy it"),
        ("o", "Lee", ["Q2"], "owner Lee"),
        ("o", "No owner yet", ["Q4", "Q5", "Q8", "Q9", "Q10", "Q11"], "no owner"),
        ("r", "Gap", ["Q3", "Q4"], "status gap"),
        ("r", "Ready", ["Q1"], "status ready"),
        ("m", "Protect", ["Q3", "Q2"], "quadrant Protect"),
    ],
)
async def test_every_facet_has_a_key(
    data_dir: Path, keys: str, label: str, expected: list[str], words: str
) -> None:
    app = summary_app(data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        summary = await open_summary(pilot)
        await pilot.press(keys)
        await choose(pilot, label)
        assert listed(summary) == expected
        assert f"Filter: {words} · " in screen_text(app)


async def test_the_filter_menu_leads_to_every_facet(data_dir: Path) -> None:
    app = summary_app(data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        summary = await open_summary(pilot)
        await pilot.press("f")
        shown = screen_text(app)
        for facet in ("Stage…", "Team…", "Owner…", "Status…", "Quadrant…"):
            assert facet in shown
        await choose(pilot, "Status…")
        await choose(pilot, "Gap")
        await pilot.press("f")
        await choose(pilot, "Team…")
        await choose(pilot, "Legal")
        assert listed(summary) == ["Q3"]  # both filters hold
        assert "Filter: team Legal · status gap · 1 of 8 open items" in screen_text(app)


async def test_filters_from_the_command_palette(data_dir: Path) -> None:
    app = summary_app(data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        summary = await open_summary(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Filter: owner Lee")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is summary
        assert listed(summary) == ["Q2"]
        titles = [entry.title for entry in summary.palette_entries()]
        assert "Filter: team Sales" in titles and "Filter: quadrant Act now" in titles
        assert "Clear filter" in titles and "Export Markdown" in titles


async def test_choosing_a_matrix_cell_lists_its_decisions(data_dir: Path) -> None:
    app = summary_app(data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        summary = await open_summary(pilot)
        await pilot.press("3")
        matrix = summary.query_one(RiskMatrix)
        assert app.focused is matrix
        assert "Protect 2" in screen_text(app) and "Opportunity 1" in screen_text(app)
        await pilot.press("up", "left", "left", "left", "left")  # from risk 5, reward 5 to 5 and 1
        assert matrix.cursor == (5, 1)
        await pilot.press("enter")
        assert summary.view == "items"
        assert listed(summary) == ["Q3"]
        assert "Filter: risk 5 × reward 1 · 1 of 8 open items" in screen_text(app)
        # A click chooses too, and a cell replaces the cell before it.
        await pilot.press("3")
        # Below the quadrant names (row 0) come risk 5 (row 1) and risk 4 (row 2); reward 4
        # is the fourth cell after the 8-column axis.
        await pilot.click(RiskMatrix, offset=(8 + 3 * matrix._cell_width() + 1, 2))
        assert summary.item_filter.cell == (4, 4)
        assert listed(summary) == []
        assert "No item matches this filter; x clears it." in screen_text(app)


async def test_a_stage_or_team_row_filters_to_its_items(data_dir: Path) -> None:
    app = summary_app(data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        summary = await open_summary(pilot)
        await pilot.press("2")
        stages = summary.query_one("#stage-table", ReadinessTable)
        assert app.focused is stages
        assert "Finance" in screen_text(app)
        await pilot.press("down", "down", "down", "down")  # 1 find, Marketing, Legal, 2 buy, Sales
        assert stages.selected is not None and stages.selected.name.plain.strip() == "Sales"
        await pilot.press("enter")
        assert summary.view == "items"
        assert listed(summary) == ["Q4", "Q5"]
        assert "Filter: stage 2 Customers can buy it · team Sales" in screen_text(app)


# --- 6. acting from the summary -------------------------------------------------------------


async def test_enter_opens_the_highlighted_item_and_escape_comes_back_to_it_with_the_filter(
    data_dir: Path,
) -> None:
    app = summary_app(data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        summary = await open_summary(pilot)
        await pilot.press("t")
        await choose(pilot, "Sales")
        await pilot.press("down")
        assert highlighted(summary) == "Q5"
        await pilot.press("enter")
        await pilot.pause()
        walk = app.screen
        assert isinstance(walk, WalkScreen)
        assert walk.current is not None and walk.current.id == "buy.sales.q2"
        assert app.focused is walk.form.answer_area
        assert "esc Back " in screen_text(app)

        await pilot.press("escape")
        await pilot.pause()
        back = app.screen
        assert isinstance(back, SummaryScreen) and back is not summary
        assert listed(back) == ["Q4", "Q5", "Q10"]
        assert highlighted(back) == "Q5"
        assert "Filter: team Sales" in screen_text(app)

        await pilot.press("escape")  # from the summary: back to the walk, at the question
        await pilot.pause()
        assert isinstance(app.screen, WalkScreen) and app.screen.current.id == "buy.sales.q2"
        await pilot.press("escape")  # and from there home, as before
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_the_summary_shows_what_was_just_changed_in_the_walk(data_dir: Path) -> None:
    app = summary_app(data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        summary = await open_summary(pilot)
        await pilot.press("enter")  # Q3
        await pilot.pause()
        await pilot.press("alt+y")  # now ready
        await pilot.press("escape")
        await pilot.pause()
        back = app.screen
        assert isinstance(back, SummaryScreen)
        assert "Q3" not in listed(back)
        assert highlighted(back) == "Q2"  # the item that took its place
        assert "Readiness 22% · 2 of 9 ready" in screen_text(app)
        assert summary is not back


async def test_export_writes_what_the_filter_shows(data_dir: Path, work_dir: Path) -> None:
    app = summary_app(data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_summary(pilot)
        await pilot.press("t")
        await choose(pilot, "Sales")
        await pilot.press("e")
        await pilot.pause()
        target = work_dir / "Acme Launch (team Sales).md"
        written = target.read_text(encoding="utf-8")
        assert written.startswith("# Gap summary: Acme Launch — team Sales\n")
        assert "This part holds 3 questions of the session's 10" in written
        by_team = written.split("## By stage and team")[1].split("\n## ")[0]
        shown = re.findall(r"^(?:##### |- )(Q\d+) ", by_team, flags=re.MULTILINE)
        assert [q for q in OPEN_ORDER if q in shown] == ["Q4", "Q5", "Q10"]
        assert any(str(target) in n.message for n in app._notifications)

        await pilot.press("x", "e")
        await pilot.pause()
        whole = (work_dir / "Acme Launch.md").read_text(encoding="utf-8")
        every = re.findall(
            r"^(?:##### |- )(Q\d+) ", whole.split("## By stage and team")[1], flags=re.MULTILINE
        )
        assert "This part holds" not in whole and set(OPEN_ORDER) <= set(every)


async def test_export_writes_markdown_here_and_asks_before_replacing(data_dir: Path, work_dir: Path) -> None:
    app = walk_app(data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_summary(pilot)
        await export_asks_before_replacing(pilot, SummaryScreen, work_dir / "Acme Launch.md", "Acme Launch")


@pytest.mark.parametrize(
    ("labels", "width", "expected"),
    [
        (["Q1"], 6, "Q1"),
        (["Q1", "Q2"], 6, "Q1 Q2"),
        (["Q1", "Q2", "Q3"], 6, "Q1 +2"),
        (["Q10", "Q11", "Q12"], 4, "3"),
    ],
)
def test_matrix_cells_show_ids_or_a_count(labels: list[str], width: int, expected: str) -> None:
    assert cell_text(labels, width) == expected


# --- 7. snapshots ---------------------------------------------------------------------------


async def filtered_to_sales(pilot: Pilot) -> None:
    await open_summary(pilot)
    await pilot.press("t")
    await choose(pilot, "Sales")


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_summary_screen(snap_compare, data_dir: Path, size: tuple[int, int]) -> None:
    assert snap_compare(summary_app(data_dir), terminal_size=size, run_before=open_summary)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_summary_screen_filtered(snap_compare, data_dir: Path, size: tuple[int, int]) -> None:
    assert snap_compare(summary_app(data_dir), terminal_size=size, run_before=filtered_to_sales)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_summary_screen_long_answer_and_launch(snap_compare, data_dir: Path, size: tuple[int, int]) -> None:
    app = summary_app(data_dir, long_answer=True, launch=date(2025, 4, 27))
    assert snap_compare(app, terminal_size=size, run_before=open_summary)


def test_summary_matrix_view_80x24(snap_compare, data_dir: Path) -> None:
    async def matrix(pilot: Pilot) -> None:
        await open_summary(pilot)
        await pilot.press("3")

    assert snap_compare(summary_app(data_dir), terminal_size=(80, 24), run_before=matrix)


def test_summary_screen_in_another_theme_80x24(snap_compare, data_dir: Path) -> None:
    # Statuses, counts, percentages and the matrix tints all take the theme's colours.
    app = walk_app(data_dir, theme="gruvbox")
    assert snap_compare(app, terminal_size=(80, 24), run_before=open_summary)


async def test_a_team_filter_goes_when_the_team_is_left_out(data_dir: Path) -> None:
    app = summary_app(data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_summary(pilot)
        await pilot.press("t")
        await choose(pilot, "Sales")
        assert "Filter: team Sales" in screen_text(app)
        await pilot.press("escape")  # back to the walk
        await pilot.pause()
        walk = app.screen
        assert isinstance(walk, WalkScreen)
        walk._teams_chosen(walk.excluded | {"sales"})  # as the teams dialog (ctrl+t) applies it
        await pilot.pause()
        summary = await open_summary(pilot)
        assert summary.item_filter.team is None
        shown = screen_text(app)
        assert "Filter: team Sales" not in shown and "All " in shown and " open items" in shown
        assert listed(summary)  # the open items of the teams that still apply, not an empty list


async def test_the_filter_menu_takes_the_keys_it_shows_and_says_a_cell_filter(data_dir: Path) -> None:
    app = summary_app(data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        summary = await open_summary(pilot)
        await pilot.press("f")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)
        await pilot.press("t")  # "Team…  t · now: any": the letter picks it here too
        await pilot.pause()
        assert "Filter by team" in screen_text(app)
        await choose(pilot, "Sales")
        assert summary.item_filter.team == "sales"
        summary._set_filter(summary.item_filter.with_(team=None, cell=(5, 4)))  # as enter on a cell
        await pilot.pause()
        await pilot.press("f")
        await pilot.pause()
        assert "m · now: risk 5 × reward 4" in screen_text(app)
        await pilot.press("x")  # "Clear the filter  x"
        await pilot.pause()
        assert app.screen is summary and summary.item_filter.is_empty
