"""The answer box: a TextArea that paints control characters as symbols.

An answer pasted from a terminal can hold escape sequences; drawn raw they would
reach the PM's terminal. The document keeps them, so the answer is saved as typed.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import TextArea

from walkthrough.tui.widgets.visible import visible


class AnswerArea(TextArea):
    def get_line(self, line_index: int) -> Text:
        line = super().get_line(line_index)
        shown = visible(line.plain)
        if shown != line.plain:
            line.plain = shown
        return line
