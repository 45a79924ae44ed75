"""Pick one of a few options from a list: which team, which owner, which status to filter by.

Dismisses with the chosen option's value, or None when cancelled. Labels may hold the PM's
own text (owner names, a custom bank's team names), so they are plain Content, never markup.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from walkthrough.i18n import N_
from walkthrough.tui.widgets.key_footer import KeyFooter
from walkthrough.tui.widgets.visible import visible

T = TypeVar("T")


@dataclass(frozen=True)
class Choice(Generic[T]):
    label: str
    value: T
    note: str = ""  # shown dimmed after the label, e.g. a count
    key: str = ""  # a key that picks it at once, as the note may say ("o · now: any")


class ChoiceScreen(ModalScreen["Choice[T] | None"], Generic[T]):
    HELP = N_("Move with up and down, choose with enter; escape leaves everything as it was.")

    BINDINGS = [Binding("escape", "cancel", N_("Cancel"))]

    def __init__(self, title: str, choices: list[Choice[T]], *, current: int = 0) -> None:
        super().__init__(classes="dialog-screen")
        self._title = title
        self._choices = choices
        self._current = current

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog choice-dialog"):
            yield Static(self._title, classes="dialog-title", markup=False)
            yield OptionList(
                *(
                    Option(
                        Content.assemble(
                            visible(choice.label), (f"  {choice.note}" if choice.note else "", "dim")
                        )
                    )
                    for choice in self._choices
                ),
                id="choices",
            )
        yield KeyFooter()

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.highlighted = min(self._current, len(self._choices) - 1) if self._choices else None
        options.focus()

    def on_key(self, event: events.Key) -> None:
        chosen = next(
            (choice for choice in self._choices if choice.key and choice.key == event.character), None
        )
        if chosen is not None:
            event.stop()
            event.prevent_default()
            self.dismiss(chosen)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self._choices[event.option_index])

    def action_cancel(self) -> None:
        self.dismiss(None)
