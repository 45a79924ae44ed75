"""The summary screen: what it counts, jumping back to a gap, the Markdown export, snapshots."""

from __future__ import annotations

from pathlib import Path

import pytest
from export_checks import export_asks_before_replacing
from test_walk_snapshots import steady, walk_app
from textual.pilot import Pilot
from textual.widgets import DataTable
from walk_fixtures import screen_text

from walkthrough.tui.screens.summary import SummaryScreen
from walkthrough.tui.screens.walk import WalkScreen
from walkthrough.tui.widgets.risk_matrix import RiskMatrix, cell_text


async def open_summary(pilot: Pilot) -> SummaryScreen:
    await steady(pilot)
    await pilot.press("ctrl+s")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, SummaryScreen)
    return screen


async def test_counts_leave_out_teams_and_questions_that_do_not_apply(data_dir: Path) -> None:
    app = walk_app(data_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        summary = await open_summary(pilot)
        shown = screen_text(app)
        # 11 questions, 1 in manufacturing (left out), 1 marked N/A: 9 apply, 4 answered.
        assert "44% covered · 4 of 9 answered · 1 ready · 1 partial · 2 gaps · 1 not applicable" in shown
        assert "Left out: Manufacturing" in shown
        gaps = summary.query_one("#gaps", DataTable)
        assert gaps.row_count == len(summary.summary.gaps) == 8
        # The gap list follows the priority rule: 2 × risk + reward, highest first.
        assert [str(gaps.get_row_at(i)[0]) for i in range(3)] == ["Q3", "Q2", "Q4"]
        assert summary.query_one(RiskMatrix).decisions == summary.summary.decisions
        assert "Protect 2" in shown and "Act now 1" in shown and "Opportunity 1" in shown


async def test_choosing_a_gap_goes_back_to_that_question(data_dir: Path) -> None:
    app = walk_app(data_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        summary = await open_summary(pilot)
        second = summary.summary.gaps[1]
        await pilot.press("down", "enter")
        await pilot.pause()
        walk = app.screen
        assert isinstance(walk, WalkScreen)
        assert walk.current.id == second.ref.id
        assert app.focused is walk.form.answer_area


async def test_escape_goes_back_to_the_same_question(data_dir: Path) -> None:
    app = walk_app(data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_summary(pilot)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, WalkScreen)
        assert app.screen.current.id == "find.marketing.q2"


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


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_summary_screen(snap_compare, data_dir: Path, size: tuple[int, int]) -> None:
    assert snap_compare(walk_app(data_dir), terminal_size=size, run_before=open_summary)


def test_summary_screen_in_another_theme_80x24(snap_compare, data_dir: Path) -> None:
    # Statuses, counts, percentages and the matrix tints all take the theme's colours.
    app = walk_app(data_dir, theme="gruvbox")
    assert snap_compare(app, terminal_size=(80, 24), run_before=open_summary)
