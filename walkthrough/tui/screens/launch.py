"""Set, change or clear a session's launch date.

Dismisses with a LaunchChoice (its `day` None to clear the date), or None when cancelled.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from walkthrough.i18n import N_, _
from walkthrough.tui.widgets.date_field import DateField
from walkthrough.tui.widgets.key_footer import KeyFooter


@dataclass(frozen=True)
class LaunchChoice:
    day: date | None


class LaunchScreen(ModalScreen[LaunchChoice | None]):
    HELP = N_(
        "The day the product launches. The top bar and the gap summary count down to it, "
        "and due dates after it are flagged. Leave the field empty to have no launch date."
    )

    BINDINGS = [Binding("escape", "cancel", N_("Cancel"))]

    def __init__(self, current: date | None) -> None:
        super().__init__(classes="dialog-screen")
        self._current = current

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog launch-dialog"):
            yield Static(_("Launch date"), classes="dialog-title")
            yield Static(_("When does the product launch?"), classes="dialog-body")
            yield DateField(self._current, compact=False, id="launch-date")
            with Horizontal(classes="dialog-buttons"):
                yield Button(_("Save"), variant="primary", id="save")
                yield Button(_("No launch date"), id="clear")
                yield Button(_("Cancel"), id="cancel")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one(DateField).input.focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._save()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "save":
            self._save()
        elif event.button.id == "clear":
            self.dismiss(LaunchChoice(None))
        else:
            self.action_cancel()

    def action_cancel(self) -> None:
        self.dismiss(None)

    def _save(self) -> None:
        day, problem = self.query_one(DateField).read()
        if problem:
            self.query_one(DateField).input.focus()
            return
        self.dismiss(LaunchChoice(day))
