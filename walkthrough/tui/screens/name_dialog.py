"""One name in a dialog: a field, a line saying what is wrong with it, Save and Cancel.

The session's rename dialog and the milestone dialog differ only in their words and in what
makes a name unusable; both dismiss with the name (stripped), or None when cancelled.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from walkthrough.i18n import N_, _
from walkthrough.tui.widgets.field_error import FieldError
from walkthrough.tui.widgets.key_footer import KeyFooter
from walkthrough.tui.widgets.name_input import NameInput


class NameDialog(ModalScreen[str | None]):
    BINDINGS = [Binding("escape", "cancel", N_("Cancel"))]

    # Marked N_() in the subclasses, translated when shown.
    DIALOG_TITLE = ""
    EXPLAINED = ""  # a paragraph under the title, if the dialog needs one
    CONFIRM = N_("Save")
    PLACEHOLDER = ""
    MAX_LENGTH = 200
    DIALOG_CLASS = ""

    def __init__(self, value: str) -> None:
        super().__init__(classes="dialog-screen")
        self._value = value

    def problem(self, name: str) -> str:
        """Why `name` cannot be used, or "" when it can."""
        raise NotImplementedError

    def result(self, name: str) -> str | None:
        """What to dismiss with for a usable, stripped name."""
        return name

    def compose(self) -> ComposeResult:
        with Vertical(classes=f"dialog {self.DIALOG_CLASS}"):
            yield Static(_(self.DIALOG_TITLE), classes="dialog-title", markup=False)
            if self.EXPLAINED:
                yield Static(_(self.EXPLAINED), classes="dialog-body", markup=False)
            yield NameInput(
                self._value,
                placeholder=_(self.PLACEHOLDER) if self.PLACEHOLDER else "",
                max_length=self.MAX_LENGTH,
                id="name-input",
            )
            yield FieldError(id="name-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button(_(self.CONFIRM), variant="primary", id="confirm")
                yield Button(_("Cancel"), id="cancel")
        yield KeyFooter()

    def on_mount(self) -> None:
        # Input selects its text on focus, so typing replaces what is there outright.
        self.query_one(Input).focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        self.query_one("#name-error", FieldError).show("")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._submit()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "confirm":
            self._submit()
        else:
            self.action_cancel()

    def action_cancel(self) -> None:
        self.dismiss(None)

    def _submit(self) -> None:
        name = self.query_one(Input).value
        problem = self.problem(name)
        if problem:
            self.query_one("#name-error", FieldError).show(problem)
            return
        self.dismiss(self.result(name.strip()))
