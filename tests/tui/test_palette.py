"""The command palette on every screen offers that screen's own actions, read from its keys."""

from __future__ import annotations

from pathlib import Path

from conftest import run_from_palette, settle
from walk_fixtures import fixture_session, real_app, rich_answers

from walkthrough.tui.app import WalkthroughApp
from walkthrough.tui.commands import screen_entries
from walkthrough.tui.screens.new_session import NewSessionScreen
from walkthrough.tui.screens.summary import SummaryScreen

SIZE = (80, 24)


def titles(app) -> list[str]:  # type: ignore[no-untyped-def]
    return [entry.title for entry in screen_entries(app.screen)]


async def test_the_walk_palette_offers_its_actions_and_any_question_by_number(tmp_path: Path) -> None:
    app = real_app(tmp_path, fixture_session(answers=rich_answers()))
    async with app.run_test(size=SIZE) as pilot:
        walk = app.screen
        offered = titles(app)
        for action in ("Summary", "Teams", "Next question", "Risk up", "Help", "Quit"):
            assert action in offered
        assert "Next field" not in offered  # focus keys are not actions
        helps = {entry.title: entry.help for entry in screen_entries(walk)}
        assert helps["Readiness: ready"] == "alt+y"  # not the whole group's "alt+y ready, alt+p partial…"
        assert helps["Summary"].startswith("The gap summary: readiness, open items, risk × reward · ")
        await run_from_palette(pilot, "Q9")
        assert walk.current.id == "use.support.q2"  # Q9 in the bank
        await run_from_palette(pilot, "Summary")
        assert isinstance(app.screen, SummaryScreen)
        offered = titles(app)
        assert "Export Markdown" in offered and "Help" in offered and "Summary" not in offered


async def test_a_read_only_walk_offers_no_editing_actions(tmp_path: Path) -> None:
    app = real_app(tmp_path, fixture_session(), read_only=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        offered = titles(app)
        assert "Summary" in offered
        assert not {"Risk up", "Readiness: ready", "Teams"} & set(offered)


async def test_home_and_new_session_palettes_offer_their_actions(context, three_sessions) -> None:
    app = WalkthroughApp(context)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        offered = titles(app)
        for action in ("New", "Resume", "Export", "Rename", "Delete", "Help"):
            assert action in offered
        assert offered.count("Quit") == 1  # q and ctrl+q: one entry
        await run_from_palette(pilot, "New")
        assert isinstance(app.screen, NewSessionScreen)
        assert "Start walk" in titles(app) and "Cancel" in titles(app)


async def test_screenshot_is_saved_where_it_can_be_and_the_notice_names_the_file(
    context, three_sessions, tmp_path: Path, monkeypatch
) -> None:
    # No Downloads folder (a server, a fresh account): Textual's entry said only "Failed".
    monkeypatch.setattr("walkthrough.tui.screenshot.user_downloads_path", lambda: tmp_path / "no-such-folder")
    monkeypatch.chdir(tmp_path)
    said: list[str] = []
    app = WalkthroughApp(context)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        notify = app.notify
        app.notify = lambda message, **kwargs: (said.append(str(message)), notify(message, **kwargs))[1]  # type: ignore[method-assign]
        await run_from_palette(pilot, "Screenshot")
        await pilot.pause(0.3)
    (saved,) = tmp_path.glob("walkthrough *.svg")
    assert "<svg" in saved.read_text(encoding="utf-8")
    assert said == [f"Screenshot saved to {saved}"]
