"""Shown over everything while the terminal is below the smallest size the layout supports.

A cramped layout would hide fields and clip questions without saying so; a plain message
with the current and needed sizes tells the PM exactly what to do. The app removes this
screen as soon as the terminal is large enough again.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import ModalScreen
from textual.widgets import Static

from walkthrough.i18n import N_, _

MIN_WIDTH = 60
MIN_HEIGHT = 18


def too_small(width: int, height: int) -> bool:
    return width < MIN_WIDTH or height < MIN_HEIGHT


def too_small_message(width: int, height: int) -> str:
    return _("Terminal too small: {width}×{height} — needs at least {min_width}×{min_height}").format(
        width=width, height=height, min_width=MIN_WIDTH, min_height=MIN_HEIGHT
    )


class TooSmallScreen(ModalScreen[None]):
    # Modal so that the app's own keys (help, palette) stay off too: the screens beneath
    # cannot be seen, so acting on them would be blind. Its background is opaque (app.tcss).
    BINDINGS = [Binding("ctrl+q", "app.quit", N_("Quit"), priority=True)]

    def compose(self) -> ComposeResult:
        yield Static(too_small_message(*self.app.size), id="too-small-message")
        yield Static(
            _("Make the window larger to carry on. ctrl+q quits; your answers are saved."),
            id="too-small-hint",
        )

    def update_size(self, width: int, height: int) -> None:
        self.query_one("#too-small-message", Static).update(too_small_message(width, height))
