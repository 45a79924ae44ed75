"""A one-line "pick one of a few, or none" control, driven by digits, arrows or the mouse.

Readiness and the two ratings are this control with different options. It is one
focusable line rather than a RadioSet so the whole answer form fits in 80×24 and
a choice can be cleared again (a question starts with no readiness and no rating).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from walkthrough.i18n import N_
from walkthrough.tui.colours import Palette, Tone, follow_theme
from walkthrough.tui.widgets.language import translated

T = TypeVar("T")


@dataclass(frozen=True)
class Option(Generic[T]):
    value: T
    label: str  # shown in the control: an msgid, translated as it is drawn
    tone: Tone | None = None  # colour of the option while it is chosen


class Picker(Widget, Generic[T], can_focus=True):
    """Digits 1..n pick an option, left/right move along the options as they are drawn
    (from none, either arrow starts at the first), 0 / backspace / delete clear."""

    DEFAULT_CSS = """
    Picker {
        height: 1;
        width: auto;
    }
    """

    BINDINGS = [
        Binding("left", "step(-1)", N_("One to the left"), show=False),
        Binding("right", "step(1)", N_("One to the right"), show=False),
        Binding("0,backspace,delete", "clear", N_("Clear"), show=False),
    ]

    value: reactive[Any] = reactive(None, init=False, layout=True)

    class Changed(Message):
        def __init__(self, picker: Picker[Any], value: Any) -> None:
            super().__init__()
            self.picker = picker
            self.value = value

        @property
        def control(self) -> Picker[Any]:
            return self.picker

    def __init__(
        self,
        options: Sequence[Option[T]],
        *,
        separator: str = " ",
        id: str | None = None,
        classes: str | None = None,
        disabled: bool = False,
    ) -> None:
        super().__init__(id=id, classes=classes, disabled=disabled)
        self.options = tuple(options)
        self.separator = separator
        self._spans: list[tuple[int, int]] = []

    def on_mount(self) -> None:
        follow_theme(self, self.refresh)

    @property
    def index(self) -> int | None:
        for index, option in enumerate(self.options):
            if option.value == self.value:
                return index
        return None

    def watch_value(self, value: Any) -> None:
        self.post_message(self.Changed(self, value))

    def action_step(self, delta: int) -> None:
        index = self.index
        index = 0 if index is None else max(0, min(len(self.options) - 1, index + delta))
        self.value = self.options[index].value

    def action_clear(self) -> None:
        self.value = None

    def on_key(self, event: events.Key) -> None:
        character = event.character or ""
        if character.isdigit() and 1 <= int(character) <= len(self.options):
            event.stop()
            event.prevent_default()
            self.value = self.options[int(character) - 1].value

    def on_click(self, event: events.Click) -> None:
        for index, (start, end) in enumerate(self._spans):
            if start <= event.x < end:
                chosen = self.options[index].value
                self.value = None if chosen == self.value else chosen
                return

    def segment(self, option: Option[T], chosen: bool, palette: Palette) -> Text:
        """How one option looks: the chosen one reversed in its tone."""
        if chosen:
            tone = palette.fill(option.tone) if option.tone else Style()
            style = tone + Style(bold=True, reverse=True)
        else:
            style = Style(dim=True)
        return Text(f" {translated(option.label)} ", style=style)

    def render(self) -> Text:
        text = Text(no_wrap=True, overflow="ellipsis")
        self._spans = []
        chosen = self.index
        palette = Palette.of(self.app)
        for index, option in enumerate(self.options):
            if index:
                text.append(self.separator)
            start = text.cell_len
            text.append_text(self.segment(option, index == chosen, palette))
            self._spans.append((start, text.cell_len))
        return text
