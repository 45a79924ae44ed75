"""Readiness per stage, per team within a stage, or per team across stages: one row each.

The counts are the app's words (see `walkthrough.report.progress`): readiness, answered,
open items and gaps, all out of the questions that apply. A row's key says what choosing
it filters the summary to.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.text import Text
from textual.binding import Binding
from textual.widgets import DataTable

from walkthrough.report.filters import ItemFilter
from walkthrough.report.progress import Progress
from walkthrough.tui.colours import DONE, STATUS, Palette, follow_theme


@dataclass(frozen=True)
class Row:
    name: Text
    counts: Progress
    item_filter: ItemFilter  # what choosing the row shows


class ReadinessTable(DataTable):
    BINDING_GROUP_TITLE = "Readiness table"
    BINDINGS = [Binding("enter", "select_cursor", "List its items")]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row")
        self._rows: list[Row] = []
        self._name_header = ""

    def on_mount(self) -> None:
        follow_theme(self, self._repaint)

    def _repaint(self) -> None:
        row = self.cursor_row
        self.show(self._rows, name_header=self._name_header)
        self.move_cursor(row=row, animate=False)

    def show(self, rows: Sequence[Row], *, name_header: str) -> None:
        self._rows, self._name_header = list(rows), name_header
        palette = Palette.of(self.app)
        self.clear(columns=True)
        for label, key in (
            (name_header, "name"),
            ("Readiness", "readiness"),
            ("Answered", "answered"),
            ("Open", "open"),
            ("Gap", "gap"),
        ):
            self.add_column(label, key=key)
        for index, row in enumerate(self._rows):
            c = row.counts
            ready = c.applicable > 0 and c.ready == c.applicable
            self.add_row(
                row.name,
                # Nothing applies (every question N/A): there is no share to give.
                Text(
                    f"{c.ready}/{c.applicable} {c.readiness:>3}%" if c.applicable else "—",
                    justify="right",
                    style=palette.text(DONE) if ready else "" if c.applicable else "dim",
                ),
                Text(f"{c.answered}/{c.applicable}" if c.applicable else "—", justify="right"),
                Text(str(c.open) if c.open else "·", justify="right", style="" if c.open else "dim"),
                Text(
                    str(c.gap) if c.gap else "·",
                    justify="right",
                    style=palette.text(STATUS["gap"], bold=True) if c.gap else "dim",
                ),
                key=str(index),
            )

    @property
    def selected(self) -> Row | None:
        return self._rows[self.cursor_row] if 0 <= self.cursor_row < len(self._rows) else None
