"""The one-line bar at the top of the home and new-session screens: the app, and where you are.

Lighter than Textual's Header (one widget instead of four, no clock machinery), which
counts on the home screen, the first thing every run draws.
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

APP_NAME = "walkthrough"
TAGLINE = "customer journey touchpoints"


class TitleBar(Static):
    DEFAULT_CLASSES = "title-bar"

    def __init__(self, place: str = "") -> None:
        parts: list[str | tuple[str, str]] = [(APP_NAME, "bold")]
        parts += [(" · " + place, "bold $text-accent")] if place else [(" · " + TAGLINE, "$text-muted")]
        super().__init__(Content.assemble(*parts))
