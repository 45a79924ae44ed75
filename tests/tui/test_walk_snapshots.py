"""Snapshots of the walk screen in the real app, on fixed data, narrow and wide."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot
from walk_fixtures import fixture_session, real_app, rich_answers

from walkthrough.tui.app import WalkthroughApp


def walk_app(data_dir: Path, *, read_only: bool = False, theme: str | None = None) -> WalkthroughApp:
    session = fixture_session(
        answers=rich_answers(), excluded=["manufacturing"], position="find.marketing.q2"
    )
    return real_app(data_dir, session, read_only=read_only, theme=theme)


async def steady(pilot: Pilot) -> None:
    """Hold the blinking cursor visible so that snapshots do not depend on timing.

    The timer is paused rather than `cursor_blink` turned off: with blinking off, the
    TextArea's line cache ignores focus and can keep a line drawn before focus came."""
    await pilot.pause()
    answer = pilot.app.screen.query_one("#answer")
    while not answer.has_focus:
        await pilot.pause(0.05)
    answer.blink_timer.pause()
    await pilot.pause()
    answer._cursor_visible = True  # a blink tick already queued may have hidden it
    await pilot.pause()


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_walk_screen(snap_compare, data_dir: Path, size: tuple[int, int]) -> None:
    assert snap_compare(walk_app(data_dir), terminal_size=size, run_before=steady)


def test_walk_screen_in_another_theme_80x24(snap_compare, data_dir: Path) -> None:
    # Team line, progress bar, readiness and ratings all take the theme's colours.
    assert snap_compare(walk_app(data_dir, theme="gruvbox"), terminal_size=(80, 24), run_before=steady)


def test_walk_screen_outline_open_80x24(snap_compare, data_dir: Path) -> None:
    async def open_outline(pilot: Pilot) -> None:
        await steady(pilot)
        await pilot.press("ctrl+o")
        await pilot.pause()

    assert snap_compare(walk_app(data_dir), terminal_size=(80, 24), run_before=open_outline)


def test_walk_screen_read_only_and_not_applicable_80x24(snap_compare, data_dir: Path) -> None:
    async def finance(pilot: Pilot) -> None:
        await steady(pilot)
        pilot.app.screen.go_to(next(ref for ref in pilot.app.screen.refs if ref.id == "buy.finance.q1"))
        await pilot.pause()

    assert snap_compare(walk_app(data_dir, read_only=True), terminal_size=(80, 24), run_before=finance)
