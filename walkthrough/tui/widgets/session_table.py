"""The home screen's list of saved sessions, one row per session, most recent first.

A RowTable whose rows are made from the listing's entries as they are drawn, so showing
10,000 sessions costs what showing twenty does. Columns follow the width: name, readiness,
answered, open items, gaps and the launch countdown always; a readiness bar, the readiness
trend across the session's milestones, the last update and the start date once there is
room for them beside the names (NAME_ROOM). On a narrow table an arrow beside the readiness
says whether it rose or fell since the latest milestone. The counts use the app's words (see
`walkthrough.report.progress`). Session names are the PM's own text: cells are rich Text, never markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.text import Text
from textual.binding import Binding

from walkthrough.i18n import N_, _, language, percent
from walkthrough.report import launch
from walkthrough.report.progress import stats_launch, stats_progress, stats_trend
from walkthrough.report.trend import arrow, sparkline
from walkthrough.tui.colours import DONE, STATUS
from walkthrough.tui.widgets.cells import widest
from walkthrough.tui.widgets.row_table import PADDING, Column, RowTable
from walkthrough.tui.widgets.session_detail import BAR_WIDTH, format_time, progress_bar
from walkthrough.tui.widgets.visible import visible

if TYPE_CHECKING:
    from sessions.store import SessionEntry

WIDE_TABLE = 100  # table width from which the extra columns fit next to a readable name
# The room a name keeps (or what the longest name needs, if less) before the extra columns
# come, dropped from the last: a wider terminal never shows less of a name than a narrow one.
NAME_ROOM = 30
EXTRAS = ("bar", "trend", "updated", "started")
# Translators: a column title: the countdown to the launch date ("in 12 days")
LAUNCH = N_("Launch")


class SessionTable(RowTable, inherit_bindings=False):
    """Sessions as rows; the highlighted one is `selected`."""

    BINDING_GROUP_TITLE = N_("Session list")
    BINDINGS = [
        Binding("enter", "select_cursor", N_("Resume")),
        Binding("up,k", "cursor_up", N_("Previous session"), show=False),
        Binding("down,j", "cursor_down", N_("Next session"), show=False),
        Binding("pageup", "page_up", N_("Page up"), show=False),
        Binding("pagedown", "page_down", N_("Page down"), show=False),
        Binding("home,ctrl+home", "scroll_top", N_("First session"), show=False),
        Binding("end,ctrl+end", "scroll_bottom", N_("Last session"), show=False),
    ]

    DEFAULT_CSS = """
    SessionTable {
        overflow-x: hidden;
    }
    """

    class Highlighted(RowTable.RowHighlighted):
        """The cursor moved to another session (`key` is its id)."""

    class Selected(RowTable.RowSelected):
        """Enter, or a click on the highlighted row: open this session."""

    RowHighlighted = Highlighted
    RowSelected = Selected

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, zebra=True)
        self._entries: list[SessionEntry] = []
        self._launch_width = 0  # the longest countdown shown, so names keep the rest
        self._name_width = 0  # the longest name, in cells (see NAME_ROOM)
        self._extras_at: tuple[tuple[object, ...], tuple[str, ...]] | None = None  # (key, extras)
        self._today = launch.today()

    @property
    def entries(self) -> list[SessionEntry]:
        return self._entries

    @property
    def selected(self) -> SessionEntry | None:
        if 0 <= self.cursor_row < len(self._entries):
            return self._entries[self.cursor_row]
        return None

    def show(self, entries: Sequence[SessionEntry], *, keep: str | None = None) -> None:
        """Replace the rows; the cursor stays on `keep` (or the current session) if it is still there."""
        current = self.selected
        keep = keep or (current.id if current else None)
        self._entries = list(entries)
        self._today = launch.today()
        self._measure()
        row = 0
        if keep is not None:
            row = next((n for n, entry in enumerate(self._entries) if entry.id == keep), 0)
        self._rows_changed(row)
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # No session, nothing to resume: the footer does not offer "⏎ Resume" for nothing.
        return self.row_count > 0 if action == "select_cursor" else True

    def _measure(self) -> None:
        """The longest countdown and the longest name, which the columns are fitted to."""
        # Only sessions with a launch date have a countdown: the others cost nothing to measure.
        dated = (entry for entry in self._entries if entry.stats.get("launch"))
        self._launch_width = max(
            [cell_len(_(LAUNCH)), *(cell_len(self._countdown(entry)) for entry in dated)]
        )
        # In C for the ASCII names (at 10,000 sessions nearly all), in cells for the others.
        names = [entry.name for entry in self._entries]
        self._name_width = max(
            [
                0,
                *map(len, filter(str.isascii, names)),
                *(cell_len(name) for name in names if not name.isascii()),
            ]
        )

    def refresh_language(self) -> None:
        self._measure()
        super().refresh_language()

    # RowTable's rows, made from the entries as they are drawn ---------------------------

    @property
    def row_count(self) -> int:
        return len(self._entries)

    def key_of(self, row: int) -> str | None:
        return self._entries[row].id

    def columns(self, width: int) -> list[Column]:
        return self._columns_with(width, self._extras(width))

    def _extras(self, width: int) -> tuple[str, ...]:
        """The extra columns that fit at `width` beside the room a name keeps."""
        key = (width, self._launch_width, self._name_width, language())
        if self._extras_at is not None and self._extras_at[0] == key:
            return self._extras_at[1]
        extras = list(EXTRAS) if width >= WIDE_TABLE else []
        room = min(NAME_ROOM, max(self._name_width, 12))
        while extras and (self._columns_with(width, tuple(extras))[0].width or 0) < room:
            extras.pop()
        self._extras_at = (key, tuple(extras))
        return self._extras_at[1]

    def _columns_with(self, width: int, extras: tuple[str, ...]) -> list[Column]:
        readiness = N_("Readiness")
        columns = [
            Column(
                readiness,
                widest(
                    _(readiness),
                    " " * BAR_WIDTH + " " + percent(100) if "bar" in extras else percent(100) + " ↑",
                ),
                "right",
            ),
            # Translators: a column title: questions answered, as "4/9"
            Column(N_("Answered"), widest(_("Answered"), "100/100"), "right"),
            # Translators: a column title: open items (gaps, partial, not yet assessed)
            Column(N_("Open"), widest(_("Open"), "9999"), "right"),
            Column(N_("Gaps"), widest(_("Gaps"), "9999"), "right"),
            Column(LAUNCH, max(self._launch_width, cell_len(_(LAUNCH)))),
        ]
        if "trend" in extras:
            columns.append(Column(N_("Trend"), widest(_("Trend"), "▁▂▃▄▅▆▇█")))
        if "updated" in extras:
            columns.append(Column(N_("Updated"), widest(_("Updated"), "2025-01-01 00:00")))
        if "started" in extras:
            columns.append(Column(N_("Started"), widest(_("Started"), "2025-01-01")))
        used = sum((column.width or 0) + 2 * PADDING for column in columns)
        # The name takes what is left, less two cells spare at the right edge (as ever).
        return [Column(N_("Name"), max(12, width - used - 2 * PADDING - 2)), *columns]

    def _countdown(self, entry: SessionEntry) -> str:
        return launch.countdown(stats_launch(entry.stats), self._today)

    def cells(self, row: int) -> list[Text]:
        palette = self.palette
        entry = self._entries[row]
        extras = self._extras(self.scrollable_content_region.width)
        counts = stats_progress(entry.stats)
        ready = counts.applicable > 0 and counts.ready >= counts.applicable
        trend = [*stats_trend(entry.stats), counts.readiness]
        readiness = Text(percent(counts.readiness), style="bold" if ready else "")
        if "trend" not in extras and len(trend) > 1:
            readiness = Text.assemble(readiness.plain, " ", arrow(trend), style=readiness.style)
        if "bar" in extras:
            bar = Text(
                progress_bar(counts.ready, counts.applicable), style=palette.fill(DONE) if ready else ""
            )
            readiness = Text.assemble(bar, " ", readiness.plain.rjust(len(percent(100))))
        countdown = self._countdown(entry)
        cells = [
            Text(visible(entry.name)),
            readiness,
            Text(f"{counts.answered}/{counts.applicable}"),
            Text(str(counts.open), style="" if counts.open else "dim"),
            Text(str(counts.gap), style=palette.text(STATUS["gap"], bold=True) if counts.gap else "dim"),
            Text(countdown or "—", style="" if countdown else "dim"),
        ]
        if "trend" in extras:
            cells.append(
                Text(sparkline(trend) if len(trend) > 1 else "—", style="" if len(trend) > 1 else "dim")
            )
        if "updated" in extras:
            cells.append(Text(format_time(entry.updated)))
        if "started" in extras:
            cells.append(Text(entry.created.astimezone().strftime("%Y-%m-%d"), style="dim"))
        return cells
