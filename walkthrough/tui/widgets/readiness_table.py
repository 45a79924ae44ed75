"""Readiness per stage, per team within a stage, or per team across stages: one row each.

The counts are the app's words (see `walkthrough.report.progress`): readiness, answered,
open items and gaps, all out of the questions that apply. A row's key says what choosing
it filters the summary to. A RowTable, its columns as wide as their widest cell; when the table is too narrow for them
all, the name column gives way (names cut with "…") so the figures stay on screen.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.text import Text
from textual.binding import Binding

from walkthrough.i18n import N_, percent
from walkthrough.report.filters import ItemFilter
from walkthrough.report.progress import Progress
from walkthrough.tui.colours import DONE, STATUS, Palette, follow_theme
from walkthrough.tui.widgets.row_table import Column, RowTable


@dataclass(frozen=True)
class Row:
    name: Text
    counts: Progress
    item_filter: ItemFilter  # what choosing the row shows


class ReadinessTable(RowTable):
    BINDING_GROUP_TITLE = N_("Readiness table")
    BINDINGS = [Binding("enter", "select_cursor", N_("List its items"))]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._readiness_rows: list[Row] = []
        self._name_header = ""

    def on_mount(self) -> None:
        follow_theme(self, self._repaint)

    def _repaint(self) -> None:
        self.show(self._readiness_rows, name_header=self._name_header)

    def show(self, rows: Sequence[Row], *, name_header: str) -> None:
        """`name_header` is an msgid (`N_`): the table translates it where it draws it."""
        self._readiness_rows, self._name_header = list(rows), name_header
        palette = Palette.of(self.app)
        self.set_columns(
            [
                Column(name_header, shrink=True),
                Column(N_("Readiness"), justify="right"),
                Column(N_("Answered"), justify="right"),
                Column(N_("Open"), justify="right"),
                Column(N_("Gap"), justify="right"),
            ]
        )
        table_rows = []
        for index, row in enumerate(self._readiness_rows):
            c = row.counts
            ready = c.applicable > 0 and c.ready == c.applicable
            cells = [
                row.name,
                # Nothing applies (every question N/A): there is no share to give.
                Text(
                    f"{c.ready}/{c.applicable} {percent(c.readiness).rjust(len(percent(100)))}"
                    if c.applicable
                    else "—",
                    style=palette.text(DONE) if ready else "" if c.applicable else "dim",
                ),
                Text(f"{c.answered}/{c.applicable}" if c.applicable else "—"),
                Text(str(c.open) if c.open else "·", style="" if c.open else "dim"),
                Text(
                    str(c.gap) if c.gap else "·",
                    style=palette.text(STATUS["gap"], bold=True) if c.gap else "dim",
                ),
            ]
            table_rows.append((cells, str(index)))
        self.set_rows(table_rows)

    @property
    def selected(self) -> Row | None:
        rows = self._readiness_rows
        return rows[self.cursor_row] if 0 <= self.cursor_row < len(rows) else None
