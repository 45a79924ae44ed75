"""A label of the app's own words: it keeps the msgid and shows it in the language in use."""

from __future__ import annotations

from collections.abc import Callable

from textual.widgets import Label

from walkthrough.tui.widgets.language import translated


class Words(Label):
    """`Words(N_("Owner"))`, or `Words(lambda: pgettext("field label", "Owner"))` for a word
    whose translation must be shorter here than elsewhere: translated now, and again by
    `refresh_language` after a switch."""

    def __init__(
        self, msgid: str | Callable[[], str], *, id: str | None = None, classes: str | None = None
    ) -> None:
        self._say = msgid if callable(msgid) else lambda: translated(msgid)
        super().__init__(self._say(), markup=False, id=id, classes=classes)

    def refresh_language(self) -> None:
        self.update(self._say())
