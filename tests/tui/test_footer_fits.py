"""Every screen's footer at 80 columns, in every language: each key it shows reads whole, and
the keys the screen ranks first are among them.

Textual's footer cut its line at the terminal's edge, so at 80×24 the home screen ended in
"q Вы" in Russian and "q " in French: the quit key with its word cut off and help gone.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import screen_text, settle
from test_summary_screen import open_summary, summary_app
from textual.app import App
from textual.widgets._footer import FooterKey

from walkthrough.context import Context
from walkthrough.i18n import set_language
from walkthrough.tui.app import WalkthroughApp
from walkthrough.tui.widgets.key_footer import action_name

WIDTH = 80


@pytest.fixture(params=["en", "id", "zh", "fr", "ru", "th"])
def language(request: pytest.FixtureRequest) -> Iterator[str]:
    """The language is process-wide: set for the test, English again after it."""
    set_language(request.param)
    yield request.param
    set_language("en")


def footer_line(app: App[object]) -> str:
    return screen_text(app).rstrip("\n").splitlines()[-1]


def assert_footer_reads_whole(app: App[object], must_show: set[str]) -> None:
    keys = list(app.screen.query(FooterKey))
    line = footer_line(app)
    for key in keys:
        assert key.region.right <= WIDTH, (key.description, key.region)
        # The key and its word, side by side and uncut, on the footer's line.
        assert f"{key.key_display} {key.description}" in line, (key.description, line)
    shown = {action_name(key.action) for key in keys}
    assert must_show <= shown, (must_show - shown, line)


async def test_home_footer_reads_whole_with_resume_quit_and_help(
    context: Context, three_sessions: list[str], language: str
) -> None:
    app = WalkthroughApp(context)
    async with app.run_test(size=(WIDTH, 24)) as pilot:
        await settle(pilot)
        assert_footer_reads_whole(app, {"select_cursor", "new_session", "quit", "help"})


async def test_summary_footer_reads_whole_with_open_filter_back_and_help(
    data_dir: Path, language: str
) -> None:
    app = summary_app(data_dir)
    async with app.run_test(size=(WIDTH, 24)) as pilot:
        await open_summary(pilot)
        await pilot.pause()
        assert_footer_reads_whole(app, {"select_cursor", "filter_menu", "back", "help"})
