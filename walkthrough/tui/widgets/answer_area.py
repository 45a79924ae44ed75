"""The answer box (and the decision box): a TextArea that wraps, leaves tab to move on,
and paints control characters as symbols.

An answer pasted from a terminal can hold escape sequences; drawn raw they would
reach the PM's terminal. The document keeps them, so the answer is saved as typed.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.widgets import TextArea

from walkthrough.tui.widgets.keys_in_order import KeysInOrder
from walkthrough.tui.widgets.language import translated
from walkthrough.tui.widgets.visible import visible


class AnswerArea(KeysInOrder, TextArea):
    """The placeholder is an msgid (`N_`), shown in the language in use."""

    def __init__(self, **kwargs: Any) -> None:
        self._placeholder_id = str(kwargs.pop("placeholder", ""))
        kwargs["placeholder"] = translated(self._placeholder_id)
        kwargs.setdefault("soft_wrap", True)
        kwargs.setdefault("tab_behavior", "focus")
        kwargs.setdefault("show_line_numbers", False)
        kwargs.setdefault("highlight_cursor_line", False)
        super().__init__(**kwargs)

    def refresh_language(self) -> None:
        self.placeholder = translated(self._placeholder_id)

    def get_line(self, line_index: int) -> Text:
        line = super().get_line(line_index)
        shown = visible(line.plain)
        if shown != line.plain:
            line.plain = shown
        return line
