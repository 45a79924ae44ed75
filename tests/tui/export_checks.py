"""What exporting from any screen of the TUI must do: the same for home and the summary."""

from __future__ import annotations

from pathlib import Path

from conftest import screen_text
from textual.pilot import Pilot
from textual.screen import Screen

from walkthrough.tui.screens.confirm import ConfirmScreen


async def press(pilot: Pilot, key: str) -> None:
    await pilot.press(key)
    await pilot.pause()


async def export_asks_before_replacing(pilot: Pilot, screen: type[Screen], target: Path, name: str) -> None:
    """`e` writes `target`; `e` again asks "Replace file?": n keeps the PM's file, y replaces it."""
    app = pilot.app
    await press(pilot, "e")
    written = target.read_text(encoding="utf-8")
    assert written.startswith("#") and name in written
    assert any(str(target) in n.message for n in app._notifications)

    target.write_text("my own notes", encoding="utf-8")
    await press(pilot, "e")
    assert isinstance(app.screen, ConfirmScreen)
    shown = screen_text(app)
    assert "Replace file?" in shown and "already exists" in shown
    assert not list(app._notifications)  # the first export's notice no longer sits over the buttons
    await press(pilot, "n")
    assert isinstance(app.screen, screen)
    assert target.read_text(encoding="utf-8") == "my own notes"

    await press(pilot, "e")
    await press(pilot, "y")
    assert isinstance(app.screen, screen)
    assert target.read_text(encoding="utf-8") == written
    assert [path.name for path in target.parent.iterdir()] == [target.name]  # no temporary file left
    # The app has no command-line flags to offer: it asked instead.
    assert not any("--" in n.message for n in app._notifications)
