"""Why a question matters, its hints and the stage's measures, under the prompt.

At 80×24 they rarely fit, so they scroll; the wheel is not the only way in: when some
of them are hidden the notes take the focus (shift+tab from the answer), and the arrow
keys scroll them. When everything shows, tab passes them by.
"""

from __future__ import annotations

from textual.binding import Binding
from textual.containers import VerticalScroll

from walkthrough.i18n import N_


class QuestionNotes(VerticalScroll):
    BINDING_GROUP_TITLE = N_("Question notes")
    BINDINGS = [
        Binding("up", "scroll_up", N_("Scroll the notes up"), show=False),
        Binding("down", "scroll_down", N_("Scroll the notes down"), show=False),
        Binding("home", "scroll_home", N_("Top of the notes"), show=False),
        Binding("end", "scroll_end", N_("End of the notes"), show=False),
    ]

    def allow_focus(self) -> bool:
        return self.max_scroll_y > 0
