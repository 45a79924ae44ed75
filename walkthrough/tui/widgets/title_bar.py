"""The one-line bar at the top of the home and new-session screens: the app, and where you are.

Lighter than Textual's Header (one widget instead of four, no clock machinery), which
counts on the home screen, the first thing every run draws.
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from walkthrough.i18n import N_, _

APP_NAME = "walkthrough"  # the program's name, never translated
TAGLINE = N_("customer journey touchpoints")


class TitleBar(Static):
    """`place` is an msgid (`N_`): said in the language in use, again after a switch."""

    DEFAULT_CLASSES = "title-bar"

    def __init__(self, place: str = "") -> None:
        self.place = place
        super().__init__(self._said())

    def _said(self) -> Content:
        parts: list[str | tuple[str, str]] = [(APP_NAME, "bold")]
        place = self.place
        parts += [(" · " + _(place), "bold $text-accent")] if place else [(" · " + _(TAGLINE), "$text-muted")]
        return Content.assemble(*parts)

    def refresh_language(self) -> None:
        self.update(self._said())
