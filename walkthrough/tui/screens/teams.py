"""The teams dialog: change which teams apply, from anywhere (the walk opens it mid-walk).

Dismisses with the new set of excluded team ids, or None when cancelled.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from walkthrough.i18n import N_, _
from walkthrough.tui.first_frame import WALK_CSS
from walkthrough.tui.widgets.field_error import FieldError
from walkthrough.tui.widgets.key_footer import KeyFooter
from walkthrough.tui.widgets.team_picker import TeamPicker

if TYPE_CHECKING:
    from questions.models import Bank


class TeamsScreen(ModalScreen[frozenset[str] | None]):
    CSS_PATH = WALK_CSS
    HELP = N_(
        "Tick the teams that take part in this launch. Unticked teams leave the walk and the totals; their answers are kept."
    )

    BINDINGS = [
        Binding("ctrl+s", "apply", N_("Apply")),
        Binding("escape", "cancel", N_("Cancel")),
    ]

    def __init__(self, bank: Bank, excluded: Iterable[str] = ()) -> None:
        super().__init__(classes="dialog-screen")
        self._bank = bank
        self._excluded = frozenset(excluded)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog teams-dialog"):
            yield Static(_("Which teams apply?"), classes="dialog-title")
            yield Static(
                _(
                    "Space toggles a team. Teams left out drop from the walk and the totals; "
                    "answers already given are kept."
                ),
                classes="dialog-body",
            )
            yield TeamPicker(self._bank, self._excluded, id="teams-picker")
            yield FieldError(id="teams-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button(_("Apply"), variant="primary", id="apply")
                yield Button(_("Cancel"), id="cancel")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one(TeamPicker).focus_list()
        self.call_after_refresh(self._fit)

    def on_resize(self) -> None:
        self.query_one(".teams-dialog").styles.max_height = "100%"
        self.call_after_refresh(self._fit)

    def _fit(self) -> None:
        """No taller than its content: the team list fills the height on a short terminal
        and stops at the last team on a tall one, which CSS alone cannot express."""
        dialog = self.query_one(".teams-dialog")
        bottom = max(
            child.region.bottom + child.styles.margin.bottom for child in dialog.children if child.display
        )
        used = bottom - dialog.region.y + dialog.styles.gutter.bottom
        if used < dialog.region.height:
            dialog.styles.max_height = used

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "apply":
            self.action_apply()
        else:
            self.action_cancel()

    def on_team_picker_changed(self, event: TeamPicker.Changed) -> None:
        self.query_one("#teams-error", FieldError).show("")

    def action_apply(self) -> None:
        excluded = self.query_one(TeamPicker).excluded
        if len(excluded) == len(self._bank.team_names()):
            self.query_one("#teams-error", FieldError).show(
                _("Pick at least one team: a walk needs questions.")
            )
            return
        self.dismiss(excluded)

    def action_cancel(self) -> None:
        self.dismiss(None)
