"""A yes/no question in a dialog: delete this?, overwrite that?, open read-only?

Dismisses with True for yes. The message often quotes a session name, so it is shown
as plain text, never as markup.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from walkthrough.i18n import N_, _
from walkthrough.tui.widgets.key_footer import KeyFooter
from walkthrough.tui.widgets.visible import visible


class ConfirmScreen(ModalScreen[bool]):
    HELP = N_("Answer the question: y for yes, n or escape for no.")

    BINDINGS = [
        Binding("y", "answer(True)", N_("Yes")),
        Binding("n,escape", "answer(False)", N_("No")),
        Binding("left,right", "switch_button", N_("Switch button"), show=False),
    ]

    def __init__(
        self, title: str, message: str, *, yes: str = "", no: str = "", danger: bool = False
    ) -> None:
        """`yes`, `no`: the buttons' words, already translated (default Yes and Cancel)."""
        super().__init__(classes="dialog-screen")
        self._title = title
        self._message = message
        self._yes = yes or _("Yes")
        self._no = no or _("Cancel")
        self._danger = danger

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog confirm-dialog"):
            # The message often quotes a session name or a path: shown, never sent raw.
            yield Static(visible(self._title), classes="dialog-title", markup=False)
            yield Static(visible(self._message), classes="dialog-body", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button(self._yes, variant="error" if self._danger else "primary", id="yes")
                yield Button(self._no, id="no")
        yield KeyFooter()

    def on_mount(self) -> None:
        # Enter on a destructive question should not destroy: start on "no".
        self.query_one("#no" if self._danger else "#yes", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)

    def action_switch_button(self) -> None:
        target = "#no" if self.focused is self.query_one("#yes") else "#yes"
        self.query_one(target, Button).focus()
