"""A date typed the way people type it (2026-06-30, 30 Jun 2026, +6w), with what was understood under it.

The field and the line under it are the walk's own date widgets (`date_input`), which read
with `walkthrough.report.dates.parse_date`, the one the command line uses, so a date means
the same day wherever it is typed.
"""

from __future__ import annotations

from datetime import date

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input

from walkthrough.i18n import N_
from walkthrough.report.launch import show_date
from walkthrough.tui.widgets.date_input import DateInput, DateNote


class DateField(Vertical):
    """An empty field means no date; anything else must be a date. `placeholder` is an msgid.

    `compact` draws the field as one bare line, for a form whose rows show where to type;
    alone in a dialog a bare line reads as text, so there it is framed (`compact=False`)."""

    DEFAULT_CSS = """
    DateField {
        height: auto;
    }
    """

    def __init__(
        self, value: date | None = None, *, placeholder: str = "", compact: bool = True, id: str | None = None
    ) -> None:
        super().__init__(id=id)
        self._initial = value
        self._placeholder = placeholder
        self._compact = compact

    def compose(self) -> ComposeResult:
        yield DateInput(
            value=show_date(self._initial) if self._initial else "",
            # The input's own placeholder is the examples in the language in use.
            **({"placeholder": self._placeholder} if self._placeholder else {}),
            compact=self._compact,
        )
        yield DateNote(empty=N_("No date"))

    def on_mount(self) -> None:
        self._show_reading()

    @property
    def input(self) -> DateInput:
        return self.query_one(DateInput)

    def read(self) -> tuple[date | None, str]:
        """(the date, "") or (None, "") when empty, (None, why) when not a date."""
        reading = self.input.reading
        return reading.day, reading.problem

    def on_input_changed(self, event: Input.Changed) -> None:
        self._show_reading()

    def _show_reading(self) -> None:
        reading = self.input.reading
        self.set_class(bool(reading.problem), "-invalid")
        self.query_one(DateNote).show(reading)
