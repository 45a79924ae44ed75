"""A date field that reads dates as people type them, and the line under it that says
what it understood (`report.dates` does the reading).

What was typed is never thrown away: a date that cannot be read stays in the field
with the reason under it, and the form saves the text as typed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from rich.text import Text
from textual.widgets import Static

from walkthrough.i18n import N_, _, translate_error
from walkthrough.report import launch
from walkthrough.report.dates import DateProblem, describe_date, parse_date
from walkthrough.tui.widgets.language import translated
from walkthrough.tui.widgets.safe_input import SafeInput
from walkthrough.tui.widgets.visible import visible

# Translators: keep the three examples as they are: the field reads dates written that way
DATE_PLACEHOLDER = N_("e.g. 31 Dec 2026, +2w, friday")


@dataclass(frozen=True)
class DateReading:
    """What a date field holds: the day it names, or why it names none."""

    text: str  # as typed, trimmed
    day: date | None = None
    problem: str = ""  # "" when the text is empty or was read

    @property
    def unread(self) -> str:
        """The text to keep as typed because no date could be read from it."""
        return self.text if self.problem else ""


def read_date(text: str, on: date) -> DateReading:
    text = text.strip()
    if not text:
        return DateReading(text)
    try:
        return DateReading(text, parse_date(text, on))
    except DateProblem as problem:
        return DateReading(text, problem=translate_error(problem))


class DateInput(SafeInput):
    """A one-line date field: ISO dates, `31 Dec 2026`, `tomorrow`, `+2w`, `friday`…"""

    def __init__(self, **kwargs: object) -> None:
        kwargs.setdefault("placeholder", DATE_PLACEHOLDER)
        super().__init__(**kwargs)
        # The last text read as a date, and the date: after a language switch the words
        # ("30 nov. 2026", "demain") may no longer read, but they still mean that day.
        self._understood: tuple[str, date] | None = None

    @property
    def reading(self) -> DateReading:
        text = self.value.strip()
        if self._understood is not None and self._understood[0] == text:
            # Read already, maybe in the language before a switch ("15 déc. 2026" no longer
            # reads in English): still that day, never text that is no date.
            return DateReading(text, self._understood[1])
        reading = read_date(text, launch.today())
        if reading.day is not None:
            self._understood = (reading.text, reading.day)
        return reading

    def refresh_language(self) -> None:
        super().refresh_language()
        if self._understood is not None and self._understood[0] == self.value.strip():
            self.load(launch.show_date(self._understood[1]))

    def load_date(self, day: date | None, unread: str = "") -> None:
        """Show the text kept because it could not be read, or else the date as the language
        writes it ("30 nov. 2026"; ISO in English), not the words it was typed in: `demain`
        or `+2w` typed last week means another day now. The field reads that form back."""
        shown = launch.show_date(day) if day and not unread else ""
        self._understood = (shown, day) if day and shown else None
        self.load(unread or shown)


class DateNote(Static):
    """One line under a date field: `Thu 31 Dec 2026 · in 32 days`, or why it is not a date.

    `what` names the field in the line ("Due Thu 31 Dec 2026"); `keep` says that text that
    is not a date is kept as typed (the due date keeps it); `empty` is the line for an
    empty field (none: the line goes away). `what` and `empty` are msgids (`N_`), said in
    the language in use.
    """

    DEFAULT_CSS = """
    DateNote {
        height: auto;
        color: $text-muted;
    }
    DateNote.-problem {
        color: $text-error;
    }
    DateNote.-empty {
        display: none;
    }
    """

    def __init__(self, what: str = "", *, keep: bool = False, empty: str = "", id: str | None = None) -> None:
        super().__init__("", id=id, markup=False)
        self.what, self.keep, self.empty = what, keep, empty
        self._reading = DateReading("")
        self.show(self._reading)

    def show(self, reading: DateReading) -> None:
        self._reading = reading
        self.set_class(bool(reading.problem), "-problem")
        self.set_class(not reading.text and not self.empty, "-empty")
        what = translated(self.what)
        if reading.day is not None:
            said = describe_date(reading.day, launch.today())
            # Translators: a field's name and the date it holds: "Due Thu 31 Dec 2026 · in 32 days"
            line = _("{field} {date}").format(field=what, date=said) if what else said
        elif reading.problem and self.keep:
            # Translators: under a due date that is no date: the reason, and the text is kept
            line = _("{field}: {problem} (kept as typed)").format(field=what, problem=reading.problem)
        elif reading.problem and what:
            line = _("{field}: {problem}").format(field=what, problem=reading.problem)
        elif reading.problem:  # the reason says it is not a date: not "Not a date: not a date…"
            line = reading.problem[:1].upper() + reading.problem[1:]
        else:
            line = translated(self.empty)
        self.update(Text(visible(line)))

    def refresh_language(self) -> None:
        self.show(self._reading)
