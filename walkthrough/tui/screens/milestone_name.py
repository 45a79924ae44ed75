"""Name a milestone before it is saved: one field, enter to save, escape to leave it.

The field starts with a name for today's review, selected, so enter keeps it and typing
replaces it. Dismisses with the name (stripped), or None when cancelled.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Input, Static

from sessions.names import MAX_MILESTONE_NAME, milestone_name_problem
from walkthrough.tui.widgets.field_error import FieldError

EXPLAINED = (
    "A copy of the session as it is now, kept under this name so the next review can show "
    "what changed. It is never edited; you can delete it."
)


class MilestoneNameScreen(ModalScreen[str | None]):
    HELP = "Type the milestone's name and press enter to save it. Escape saves nothing."

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, suggested: str, *, taken: Iterable[str] = ()) -> None:
        super().__init__(classes="dialog-screen")
        self._suggested = suggested
        self._taken = tuple(taken)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog milestone-dialog"):
            yield Static("Save milestone", classes="dialog-title")
            yield Static(EXPLAINED, classes="dialog-body", markup=False)
            yield Input(
                self._suggested,
                placeholder="Milestone name, e.g. Beta review",
                max_length=MAX_MILESTONE_NAME,
                id="milestone-name",
            )
            yield FieldError(id="milestone-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save", variant="primary", id="save")
                yield Button("Cancel", id="cancel")
        yield Footer()

    def on_mount(self) -> None:
        # Input selects its text on focus, so typing replaces the suggestion outright.
        self.query_one(Input).focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        self.query_one("#milestone-error", FieldError).show("")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._submit()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "save":
            self._submit()
        else:
            self.action_cancel()

    def action_cancel(self) -> None:
        self.dismiss(None)

    def _submit(self) -> None:
        name = self.query_one(Input).value
        problem = milestone_name_problem(name, self._taken)
        if problem:
            self.query_one("#milestone-error", FieldError).show(problem)
            return
        self.dismiss(name.strip())
