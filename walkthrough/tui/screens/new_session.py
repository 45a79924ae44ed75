"""Start a session: name it, date its launch, say what kind of product it is, tick the teams that apply.

A product type (the bank's presets) only pre-ticks teams; the PM can change any of them
afterwards. Dismisses with a NewSession, or None when cancelled; the app creates and
opens the session, so this screen never touches the store.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, NamedTuple

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Input, Label, RadioButton, RadioSet

from sessions.names import MAX_NAME, name_problem
from walkthrough.i18n import N_, _
from walkthrough.tui.first_frame import WALK_CSS
from walkthrough.tui.widgets.date_field import DateField
from walkthrough.tui.widgets.field_error import FieldError
from walkthrough.tui.widgets.key_footer import KeyFooter
from walkthrough.tui.widgets.name_input import NameInput
from walkthrough.tui.widgets.team_picker import TeamPicker
from walkthrough.tui.widgets.title_bar import TitleBar

if TYPE_CHECKING:
    from questions.models import Bank


class NewSession(NamedTuple):
    name: str
    excluded: frozenset[str]  # team ids that do not apply
    launch: date | None


class NewSessionScreen(Screen[NewSession | None]):
    CSS_PATH = WALK_CSS
    HELP = N_(
        "Name the product or launch, pick its product type to pre-tick the teams that usually apply, "
        "then untick any team that has no part in this launch. ctrl+s starts the walk."
    )

    BINDINGS = [
        Binding("ctrl+s", "start", N_("Start walk")),
        Binding("escape", "cancel", N_("Cancel")),
    ]

    def __init__(
        self,
        bank: Bank,
        *,
        name: str = "",
        launch: date | None = None,
        taken: Callable[[], frozenset[str]] = frozenset,
    ) -> None:
        super().__init__()
        self._bank = bank
        self._initial_name = name
        self._initial_launch = launch
        self._initial_excluded: frozenset[str] = frozenset()
        self._taken = taken

    def compose(self) -> ComposeResult:
        yield TitleBar(_("New session"))
        with Vertical(id="new-session"):
            with Horizontal(classes="form-row"):
                yield Label(_("Name"), classes="form-label")
                with Vertical(classes="form-field"):
                    yield NameInput(
                        self._initial_name,
                        placeholder=_("Product or launch, e.g. Acme Cloud 2.0"),
                        max_length=MAX_NAME,
                        id="session-name",
                    )
                    yield FieldError(id="name-error")
            with Horizontal(classes="form-row"):
                yield Label(_("Launch date"), classes="form-label launch-label")
                yield DateField(
                    self._initial_launch,
                    # Translators: the date formats shown are the ones the field reads; keep them as they are.
                    placeholder=_("optional: 2026-06-30, 30 Jun 2026, +6w…"),
                    id="launch",
                )
            if self._bank.presets:
                with Horizontal(classes="form-row"):
                    yield Label(_("Product type"), classes="form-label preset-label")
                    yield RadioSet(
                        *(
                            RadioButton(
                                Content.assemble(
                                    (preset.name, "bold"),
                                    (f"  {preset.description}" if preset.description else "", "dim"),
                                ),
                                id=f"preset-{preset.id}",
                            )
                            for preset in self._bank.presets
                        ),
                        id="preset",
                        compact=True,
                    )
            with Horizontal(classes="form-row teams-row"):
                yield Label(_("Teams"), classes="form-label")
                with Vertical(classes="form-field"):
                    yield TeamPicker(self._bank, self._initial_excluded, id="new-session-teams")
                    yield FieldError(id="teams-error")
            with Horizontal(classes="form-buttons"):
                yield Button(_("Start walk"), variant="primary", id="start")
                yield Button(_("Cancel"), id="cancel")
        yield KeyFooter()

    def on_mount(self) -> None:
        if self._initial_name.strip():
            self.query_one(TeamPicker).focus_list()
        else:
            self.query_one("#session-name", Input).focus()

    async def retranslate(self, bank: Bank) -> None:
        """The same name, launch date and teams, with `bank` (the same bank in another language)."""
        self._initial_name = self.query_one("#session-name", Input).value
        self._initial_launch = self.query_one("#launch", DateField).read()[0]
        self._initial_excluded = self.query_one(TeamPicker).excluded
        self._bank = bank
        await self.recompose()
        self.on_mount()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "session-name":
            self.query_one("#name-error", FieldError).show("")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        # Enter moves on rather than starting: teams deserve a look before the walk begins.
        event.stop()
        self.focus_next()

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        self.query_one(TeamPicker).set_excluded(self._bank.presets[event.index].excluded_teams)

    def on_team_picker_changed(self, event: TeamPicker.Changed) -> None:
        self.query_one("#teams-error", FieldError).show("")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "start":
            self.action_start()
        else:
            self.action_cancel()

    def action_start(self) -> None:
        name_field = self.query_one("#session-name", Input)
        problem = name_problem(name_field.value, frozenset(name.casefold() for name in self._taken()))
        if problem:
            self.query_one("#name-error", FieldError).show(problem)
            name_field.focus()
            return
        picker = self.query_one(TeamPicker)
        excluded = picker.excluded
        if len(excluded) == len(self._bank.team_names()):
            self.query_one("#teams-error", FieldError).show(
                _("Pick at least one team: a walk needs questions.")
            )
            picker.focus_list()
            return
        launch, launch_problem = self.query_one("#launch", DateField).read()
        if launch_problem:
            self.query_one("#launch", DateField).input.focus()
            return
        self.dismiss(NewSession(name_field.value.strip(), excluded, launch))

    def action_cancel(self) -> None:
        self.dismiss(None)
