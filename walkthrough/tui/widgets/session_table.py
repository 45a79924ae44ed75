"""The home screen's list of saved sessions, one row per session, most recent first.

A line-API widget: it keeps the listing's entries and draws only the rows on screen, so
showing 10,000 sessions costs what showing twenty does (a DataTable measured and stored
every cell of every row first: seconds at 10,000, and again on each resize). Columns follow
the width at each paint: name, progress, gaps and last update always; ready and partial
counts and the start date once there is room.

Every cell is a rich Text built from plain strings: session names are the PM's own text
and are never read as markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from walkthrough.tui.colours import DONE, STATUS, Palette, follow_theme
from walkthrough.tui.widgets.session_detail import BAR_WIDTH, format_time, progress_bar

if TYPE_CHECKING:
    from sessions.store import SessionEntry

WIDE_TABLE = 100  # table width from which the extra count columns fit next to a readable name
PADDING = 1  # cells of space on each side of every column
HEADER = 1  # rows taken by the column titles, which stay put while the rows scroll


class Column(NamedTuple):
    label: str
    width: int
    justify: str = "left"


class SessionTable(ScrollView, can_focus=True, inherit_bindings=False):
    """Sessions as rows; the highlighted one is `selected`."""

    # Rows only: the scroll keys a ScrollView brings would do nothing useful here.
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

    COMPONENT_CLASSES = {
        "session-table--header",
        "session-table--cursor",
        "session-table--even-row",
    }

    # DataTable's look, which this widget replaced.
    DEFAULT_CSS = """
    SessionTable {
        background: $surface;
        color: $foreground;
        overflow-x: hidden;
        overflow-y: auto;
        &:focus {
            background-tint: $foreground 5%;
            & > .session-table--cursor {
                background: $block-cursor-background;
                color: $block-cursor-foreground;
                text-style: $block-cursor-text-style;
            }
            & > .session-table--header {
                background-tint: $foreground 5%;
            }
        }
        & > .session-table--header {
            text-style: bold;
            background: $panel;
            color: $foreground;
        }
        &:ansi > .session-table--header {
            background: ansi_bright_blue;
            color: ansi_default;
        }
        & > .session-table--even-row {
            background: $surface-lighten-1 50%;
        }
        &:dark > .session-table--even-row {
            background: $surface-darken-1 40%;
        }
        & > .session-table--cursor {
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
            text-style: $block-cursor-blurred-text-style;
        }
    }
    """

    cursor_row: reactive[int] = reactive(0, always_update=True, init=False)

    class Highlighted(Message):
        """The cursor moved to another session."""

        def __init__(self, table: SessionTable, entry: SessionEntry | None) -> None:
            super().__init__()
            self.table = table
            self.entry = entry

        @property
        def control(self) -> SessionTable:
            return self.table

    class Selected(Highlighted):
        """Enter, or a click on the highlighted row: open this session."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._entries: list[SessionEntry] = []
        self._palette: Palette | None = None  # of the current theme, made when first drawn

    def on_mount(self) -> None:
        follow_theme(self, self._repaint)

    def _repaint(self) -> None:
        self._palette = None
        self.refresh()

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
        self.virtual_size = Size(0, len(self._entries) + HEADER)
        row = 0
        if keep is not None:
            row = next((n for n, entry in enumerate(self._entries) if entry.id == keep), 0)
        self.cursor_row = row
        self.refresh()

    # Moving ----------------------------------------------------------------------------

    def validate_cursor_row(self, row: int) -> int:
        return max(0, min(row, len(self._entries) - 1))

    def watch_cursor_row(self, old: int, new: int) -> None:
        self._keep_in_view(new)
        self.refresh()
        if self._entries:
            self.post_message(self.Highlighted(self, self.selected))

    def _keep_in_view(self, row: int) -> None:
        rows_shown = max(1, self.scrollable_content_region.height - HEADER)
        top = round(self.scroll_y)
        if row < top:
            self.scroll_to(y=row, animate=False, immediate=True)
        elif row >= top + rows_shown:
            self.scroll_to(y=row - rows_shown + 1, animate=False, immediate=True)

    @property
    def _page(self) -> int:
        return max(1, self.scrollable_content_region.height - HEADER)

    def action_cursor_up(self) -> None:
        self.cursor_row -= 1

    def action_cursor_down(self) -> None:
        self.cursor_row += 1

    def action_page_up(self) -> None:
        self.cursor_row -= self._page

    def action_page_down(self) -> None:
        self.cursor_row += self._page

    def action_scroll_top(self) -> None:
        self.cursor_row = 0

    def action_scroll_bottom(self) -> None:
        self.cursor_row = len(self._entries) - 1

    def action_select_cursor(self) -> None:
        if self.selected is not None:
            self.post_message(self.Selected(self, self.selected))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or offset.y < HEADER:
            return
        row = round(self.scroll_y) + offset.y - HEADER
        if row >= len(self._entries):
            return
        event.stop()
        if row == self.cursor_row:
            self.action_select_cursor()
        else:
            self.cursor_row = row

    def on_resize(self) -> None:
        self._keep_in_view(self.cursor_row)

    # Drawing ---------------------------------------------------------------------------

    def _columns(self, width: int) -> list[Column]:
        wide = width >= WIDE_TABLE
        columns = [Column("Progress", BAR_WIDTH + 1 + 7)]
        if wide:
            columns += [Column("Ready", 5, "right"), Column("Partial", 7, "right")]
        columns += [Column("Gaps", 4, "right"), Column("Updated", len("2025-01-01 00:00"))]
        if wide:
            columns.append(Column("Started", len("2025-01-01")))
        used = sum(column.width + 2 * PADDING for column in columns)
        # The name takes what is left, less two cells spare at the right edge (as ever).
        return [Column("Name", max(12, width - used - 2 * PADDING - 2)), *columns]

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        columns = self._columns(width)
        if y < HEADER:
            style = self.get_component_rich_style("session-table--header")
            return self._strip([Text(column.label) for column in columns], columns, style, width)
        row = round(self.scroll_y) + y - HEADER
        if row >= len(self._entries):
            return Strip.blank(width, self.rich_style)
        if self._palette is None:
            self._palette = Palette.of(self.app)
        cells = self._cells(self._entries[row], width >= WIDE_TABLE, self._palette)
        if row == self.cursor_row:
            # The cursor's colour wins over the cells' own (a red gap count), as in a DataTable.
            cursor = self.get_component_rich_style("session-table--cursor")
            return self._strip(cells, columns, cursor, width, Style(color=cursor.color))
        if row % 2 == 0:
            return self._strip(
                cells, columns, self.get_component_rich_style("session-table--even-row"), width
            )
        return self._strip(cells, columns, self.rich_style, width)

    def _strip(
        self, cells: list[Text], columns: list[Column], style: Style, width: int, over: Style | None = None
    ) -> Strip:
        """One line of cells: `style` under the cells' own styles, `over` on top of them."""
        line = Text(no_wrap=True, end="")
        pad = " " * PADDING
        for cell, column in zip(cells, columns, strict=True):
            cell.truncate(column.width, overflow="ellipsis")
            room = column.width - cell.cell_len
            line.append(pad + (" " * room if column.justify == "right" else ""))
            line.append_text(cell)
            line.append((" " * room if column.justify != "right" else "") + pad)
        segments = Segment.apply_style(line.render(self.app.console), style, over)
        return Strip(segments).crop_extend(0, width, style)

    def _cells(self, entry: SessionEntry, wide: bool, palette: Palette) -> list[Text]:
        stats = entry.stats
        answered, applicable = stats.get("answered", 0), stats.get("applicable", 0)
        gaps, partial, ready = stats.get("gap", 0), stats.get("partial", 0), stats.get("ready", 0)
        done = applicable > 0 and answered >= applicable
        progress = Text.assemble(
            (progress_bar(answered, applicable), palette.fill(DONE) if done else ""),
            " ",
            (f"{answered}/{applicable}", "bold" if done else ""),
        )
        cells = [Text(entry.name), progress]
        if wide:
            cells += [Text(str(ready)), Text(str(partial))]
        cells += [
            Text(str(gaps), style=palette.text(STATUS["gap"], bold=True) if gaps else "dim"),
            Text(format_time(entry.updated)),
        ]
        if wide:
            cells.append(Text(entry.created.astimezone().strftime("%Y-%m-%d"), style="dim"))
        return cells
