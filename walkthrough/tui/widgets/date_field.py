"""A date typed the way people type it (2026-06-30, 30 Jun 2026, +6w), with what was understood under it.

The reading is `walkthrough.report.dates.parse_date`, the one the command line uses, so a
date means the same day wherever it is typed.
"""

from __future__ import annotations

from datetime import date

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Static

from walkthrough.report import launch
from walkthrough.report.dates import DateProblem, describe_date, parse_date
from walkthrough.tui.widgets.safe_input import SafeInput


class DateField(Vertical):
    """An empty field means no date; anything else must be a date."""

    DEFAULT_CSS = """
    DateField {
        height: auto;
    }
    DateField .date-reading {
        height: 1;
        color: $text-muted;
    }
    DateField.-invalid .date-reading {
        color: $text-error;
    }
    """

    def __init__(self, value: date | None = None, *, placeholder: str = "", id: str | None = None) -> None:
        super().__init__(id=id)
        self._initial = value
        self._placeholder = placeholder

    def compose(self) -> ComposeResult:
        yield SafeInput(
            value=self._initial.isoformat() if self._initial else "",
            placeholder=self._placeholder or "2026-06-30, 30 Jun 2026, +6w…",
            compact=True,
        )
        yield Static("", classes="date-reading", markup=False)

    def on_mount(self) -> None:
        self._show_reading()

    @property
    def input(self) -> Input:
        return self.query_one(Input)

    def read(self) -> tuple[date | None, str]:
        """(the date, "") or (None, "") when empty, (None, why) when not a date."""
        text = self.input.value
        if not text.strip():
            return None, ""
        try:
            return parse_date(text, launch.today()), ""
        except DateProblem as exc:
            return None, str(exc)

    def on_input_changed(self, event: Input.Changed) -> None:
        self._show_reading()

    def _show_reading(self) -> None:
        day, problem = self.read()
        self.set_class(bool(problem), "-invalid")
        reading = self.query_one(".date-reading", Static)
        if problem:
            reading.update(f"Not a date: {problem}")
        elif day is not None:
            reading.update(describe_date(day, launch.today()))
        else:
            reading.update("No date")
