"""A label of the app's own words: it keeps the msgid and shows it in the language in use."""

from __future__ import annotations

from textual.widgets import Label

from walkthrough.tui.widgets.language import translated


class Words(Label):
    """`Words(N_("Owner"))`: translated now, and again by `refresh_language` after a switch."""

    def __init__(self, msgid: str, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(translated(msgid), markup=False, id=id, classes=classes)
        self.msgid = msgid

    def refresh_language(self) -> None:
        self.update(translated(self.msgid))
