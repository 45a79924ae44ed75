"""The home screen's list of saved sessions, one row per session, keyed by session id.

Columns follow the width: name, readiness, answered, open items, gaps and the launch
countdown always; a readiness bar, the last update and the start date once there is
room. The counts use the app's words (see `walkthrough.report.progress`). Every cell is
a rich Text built from plain strings, because DataTable parses str cells as markup and
session names are the PM's own text.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.text import Text
from textual.binding import Binding
from textual.widgets import DataTable

from walkthrough.report import launch
from walkthrough.report.progress import stats_launch, stats_progress
from walkthrough.tui.colours import DONE, STATUS, Palette, follow_theme
from walkthrough.tui.widgets.session_detail import BAR_WIDTH, format_time, progress_bar
from walkthrough.tui.widgets.visible import visible

if TYPE_CHECKING:
    from sessions.store import SessionEntry

WIDE_TABLE = 100  # table width from which the extra columns fit next to a readable name


class SessionTable(DataTable, inherit_bindings=False):
    # Rows only: DataTable's column and sideways-paging keys would do nothing useful here.
    BINDING_GROUP_TITLE = "Session list"
    BINDINGS = [
        Binding("enter", "select_cursor", "Resume"),
        Binding("up,k", "cursor_up", "Previous session", show=False),
        Binding("down,j", "cursor_down", "Next session", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("home,ctrl+home", "scroll_top", "First session", show=False),
        Binding("end,ctrl+end", "scroll_bottom", "Last session", show=False),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self._entries: list[SessionEntry] = []
        self._layout: tuple[int, bool] | None = None

    def on_mount(self) -> None:
        follow_theme(self, self._redraw)

    @property
    def entries(self) -> list[SessionEntry]:
        return self._entries

    @property
    def selected(self) -> SessionEntry | None:
        if not self._entries or self.cursor_row < 0 or self.cursor_row >= len(self._entries):
            return None
        return self._entries[self.cursor_row]

    def show(self, entries: Sequence[SessionEntry], *, keep: str | None = None) -> None:
        """Replace the rows; the cursor stays on `keep` (or the current session) if it is still there."""
        current = self.selected
        keep = keep or (current.id if current else None)
        self._entries = list(entries)
        self._rebuild()
        ids = [entry.id for entry in self._entries]
        if keep in ids:
            self.move_cursor(row=ids.index(keep), animate=False)

    def on_resize(self) -> None:
        if self._layout != self._wanted_layout():
            self._redraw()

    def _redraw(self) -> None:
        """Rebuild the rows (for a new width or theme), the cursor staying on its session."""
        current = self.selected
        self._rebuild()
        if current is not None:
            self.move_cursor(row=[entry.id for entry in self._entries].index(current.id), animate=False)

    def _wanted_layout(self) -> tuple[int, bool]:
        width = self.scrollable_content_region.width or self.size.width
        return width, width >= WIDE_TABLE

    def _rebuild(self) -> None:
        width, wide = self._layout = self._wanted_layout()
        columns: list[tuple[str, str, int]] = [
            ("readiness", "Readiness", BAR_WIDTH + len(" 100%") if wide else len("Readiness")),
            ("answered", "Answered", 8),
            ("open", "Open", 4),
            ("gaps", "Gaps", 4),
        ]
        # As wide as the longest countdown shown, so names keep the room no launch date needs.
        countdowns = [len(self._countdown(entry)) for entry in self._entries]
        columns.append(("launch", "Launch", max([len("Launch"), *countdowns])))
        if wide:
            columns += [
                ("updated", "Updated", len("2025-01-01 00:00")),
                ("created", "Started", len("2025-01-01")),
            ]
        padding = 2 * self.cell_padding * (len(columns) + 1)
        name_width = max(
            12, width - padding - sum(column_width for _key, _label, column_width in columns) - 2
        )
        self.clear(columns=True)
        self.add_column("Name", width=name_width, key="name")
        for key, label, column_width in columns:
            self.add_column(label, width=column_width, key=key)
        palette = Palette.of(self.app)
        for entry in self._entries:
            self.add_row(*self._cells(entry, wide, palette), key=entry.id)

    @staticmethod
    def _countdown(entry: SessionEntry) -> str:
        return launch.countdown(stats_launch(entry.stats), launch.today())

    def _cells(self, entry: SessionEntry, wide: bool, palette: Palette) -> list[Text]:
        counts = stats_progress(entry.stats)
        ready = counts.applicable > 0 and counts.ready >= counts.applicable
        readiness = Text(f"{counts.readiness}%", style="bold" if ready else "", justify="right")
        if wide:
            bar = Text(
                progress_bar(counts.ready, counts.applicable), style=palette.fill(DONE) if ready else ""
            )
            readiness = Text.assemble(bar, " ", readiness.plain.rjust(len("100%")))
        countdown = self._countdown(entry)
        cells = [
            Text(visible(entry.name), no_wrap=True, overflow="ellipsis"),
            readiness,
            Text(f"{counts.answered}/{counts.applicable}", justify="right"),
            Text(str(counts.open), justify="right", style="" if counts.open else "dim"),
        ]
        gap_style = palette.text(STATUS["gap"], bold=True) if counts.gap else "dim"
        cells.append(Text(str(counts.gap), justify="right", style=gap_style))
        cells.append(Text(countdown or "—", style="" if countdown else "dim"))
        if wide:
            cells += [
                Text(format_time(entry.updated)),
                Text(entry.created.astimezone().strftime("%Y-%m-%d"), style="dim"),
            ]
        return cells
