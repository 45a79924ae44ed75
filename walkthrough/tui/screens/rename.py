"""Rename a session: one field, enter to keep the new name, escape to leave it.

Dismisses with the new name (stripped), or None when cancelled or unchanged.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from sessions.names import MAX_NAME, name_problem
from walkthrough.tui.widgets.field_error import FieldError
from walkthrough.tui.widgets.key_footer import KeyFooter


class RenameScreen(ModalScreen[str | None]):
    HELP = "Type the new name and press enter. Escape keeps the old one."

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, current: str, *, taken: frozenset[str] = frozenset()) -> None:
        super().__init__(classes="dialog-screen")
        self._current = current
        self._taken = frozenset(name.casefold() for name in taken) - {current.casefold()}

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog rename-dialog"):
            yield Static("Rename session", classes="dialog-title")
            yield Input(self._current, placeholder="Session name", max_length=MAX_NAME, id="rename-input")
            yield FieldError(id="rename-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Rename", variant="primary", id="rename")
                yield Button("Cancel", id="cancel")
        yield KeyFooter()

    def on_mount(self) -> None:
        # Input selects its text on focus, so typing replaces the old name outright.
        self.query_one(Input).focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        self.query_one("#rename-error", FieldError).show("")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._submit()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "rename":
            self._submit()
        else:
            self.action_cancel()

    def action_cancel(self) -> None:
        self.dismiss(None)

    def _submit(self) -> None:
        name = self.query_one(Input).value
        problem = name_problem(name, self._taken)
        if problem:
            self.query_one("#rename-error", FieldError).show(problem)
            return
        name = name.strip()
        self.dismiss(None if name == self._current else name)
