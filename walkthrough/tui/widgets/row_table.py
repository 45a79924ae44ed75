"""A table that draws only the rows on screen: the session list and the gap summary's tables.

A line-API widget. Each visible line is one rich Text cut to the columns and rendered once,
where a DataTable stores, measures and renders every cell of every row on its own: the
difference between microseconds and seconds at 10,000 sessions, and most of the time the gap
summary took to open. Rows come from `set_rows`, or from a subclass that makes each row's
cells when it is drawn (`cells`, `row_count`), so a long list costs nothing until scrolled to.

Cells are rich Text, never str: the PM's own text is never read as markup. Column titles are
msgids (`N_`), translated as they are drawn and measured in cells; cells are cut to their
column in cells, between characters (`refresh_language` re-measures after a switch). The cursor, when
there is one, highlights a whole row; enter or a click on the highlighted row selects it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from rich.cells import cell_len
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

from walkthrough.i18n import N_
from walkthrough.tui.colours import Palette, follow_theme
from walkthrough.tui.widgets.cells import fit
from walkthrough.tui.widgets.language import translated

PADDING = 1  # cells of space on each side of every column
SHRUNK = 12  # cells a shrinking column keeps at least (or its title's, if wider)
HEADER = 1  # rows taken by the column titles, which stay put while the rows scroll


class Column(NamedTuple):
    label: str  # an msgid: translated where it is drawn
    width: int | None = None  # None: as wide as its widest cell (or its label)
    justify: str = "left"  # or "right"
    # Gives up cells (its cells cut with "…") when the columns are wider than the table, so
    # the columns after it stay on screen: a name before figures.
    shrink: bool = False


Row = tuple[list[Text], str | None]  # the cells, and the row's key


class RowTable(ScrollView, can_focus=True, inherit_bindings=False):
    """Rows under fixed column titles; with `cursor`, one highlighted row to select."""

    BINDINGS = [
        Binding("enter", "select_cursor", N_("Open"), show=False),
        Binding("up", "cursor_up", N_("Previous row"), show=False),
        Binding("down", "cursor_down", N_("Next row"), show=False),
        Binding("pageup", "page_up", N_("Page up"), show=False),
        Binding("pagedown", "page_down", N_("Page down"), show=False),
        Binding("home,ctrl+home", "scroll_top", N_("First row"), show=False),
        Binding("end,ctrl+end", "scroll_bottom", N_("Last row"), show=False),
    ]

    COMPONENT_CLASSES = {"row-table--header", "row-table--cursor", "row-table--even-row"}

    # DataTable's look, which this widget replaced.
    DEFAULT_CSS = """
    RowTable {
        background: $surface;
        color: $foreground;
        height: auto;
        max-height: 100%;
        &:focus {
            background-tint: $foreground 5%;
            & > .row-table--cursor {
                background: $block-cursor-background;
                color: $block-cursor-foreground;
                text-style: $block-cursor-text-style;
            }
            & > .row-table--header {
                background-tint: $foreground 5%;
            }
        }
        & > .row-table--header {
            text-style: bold;
            background: $panel;
            color: $foreground;
        }
        &:ansi > .row-table--header {
            background: ansi_bright_blue;
            color: ansi_default;
        }
        & > .row-table--even-row {
            background: $surface-lighten-1 50%;
        }
        &:dark > .row-table--even-row {
            background: $surface-darken-1 40%;
        }
        & > .row-table--cursor {
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
            text-style: $block-cursor-blurred-text-style;
        }
    }
    """

    cursor_row: reactive[int] = reactive(0, always_update=True, init=False)

    class RowHighlighted(Message):
        """The cursor moved to another row."""

        def __init__(self, table: RowTable, row: int, key: str | None) -> None:
            super().__init__()
            self.table = table
            self.row = row
            self.key = key

        @property
        def control(self) -> RowTable:
            return self.table

    class RowSelected(RowHighlighted):
        """Enter, or a click on the highlighted row."""

    def __init__(self, *, id: str | None = None, cursor: bool = True, zebra: bool = False) -> None:
        super().__init__(id=id)
        self.show_cursor = cursor
        self.zebra = zebra
        self._columns: list[Column] = []
        self._rows: list[Row] = []
        self._palette: Palette | None = None  # of the current theme, made when first drawn
        self._settled: tuple[int, list[Column]] | None = None  # `columns` for a width, until the rows change

    def on_mount(self) -> None:
        follow_theme(self, self._theme_changed)

    def _theme_changed(self) -> None:
        self._palette = None
        self.refresh()

    @property
    def palette(self) -> Palette:
        """The current theme's colours, for cells made as they are drawn."""
        if self._palette is None:
            self._palette = Palette.of(self.app)
        return self._palette

    # What is shown ---------------------------------------------------------------------

    def set_columns(self, columns: Sequence[Column]) -> None:
        self._columns = list(columns)
        self._settled = None
        self._resize_virtual()

    def set_rows(self, rows: Sequence[Row]) -> None:
        """Replace the rows; the cursor stays at its row number where it still can."""
        self._rows = list(rows)
        self._rows_changed(min(self.cursor_row, max(0, self.row_count - 1)))

    @property
    def row_count(self) -> int:
        return len(self._rows)

    def get_row_at(self, row: int) -> list[Text]:
        return self.cells(row)

    def cells(self, row: int) -> list[Text]:
        """The cells of one row, made afresh for drawing (drawing cuts them to fit)."""
        return [cell.copy() for cell in self._rows[row][0]]

    def key_of(self, row: int) -> str | None:
        return self._rows[row][1]

    def columns(self, width: int) -> list[Column]:
        """The columns, every width settled, for a table `width` cells wide."""
        if self._settled is None or self._settled[0] != width:
            self._settled = (width, self._settle(width))
        return self._settled[1]

    def _settle(self, width: int) -> list[Column]:
        widths = [cell_len(translated(column.label)) for column in self._columns]
        if any(column.width is None for column in self._columns):
            for cells, _key in self._rows:
                widths = [max(known, cell.cell_len) for known, cell in zip(widths, cells, strict=True)]
        over = sum(widths) + 2 * PADDING * len(widths) - width
        for index, column in enumerate(self._columns):
            if over > 0 and column.shrink and column.width is None:
                least = min(widths[index], max(SHRUNK, cell_len(translated(column.label))))
                given = min(over, widths[index] - least)
                widths[index] -= given
                over -= given
        return [
            column if column.width is not None else column._replace(width=widest)
            for column, widest in zip(self._columns, widths, strict=True)
        ]

    def refresh_language(self) -> None:
        """Titles and cells are drawn afresh; only the widths settled for them are kept."""
        self._settled = None
        self._resize_virtual()
        self.refresh()

    def _rows_changed(self, cursor: int) -> None:
        """The rows were replaced (by `set_rows` or a subclass): put the cursor on row `cursor`."""
        self._settled = None
        self._resize_virtual()
        self.cursor_row = cursor
        self.refresh()

    def _resize_virtual(self) -> None:
        columns = self.columns(self.scrollable_content_region.width)
        self.virtual_size = Size(
            sum((column.width or 0) + 2 * PADDING for column in columns), self.row_count + HEADER
        )

    # Moving ----------------------------------------------------------------------------

    def move_cursor(self, *, row: int) -> None:
        self.cursor_row = row

    def validate_cursor_row(self, row: int) -> int:
        return max(0, min(row, self.row_count - 1))

    def watch_cursor_row(self, old: int, new: int) -> None:
        self._keep_in_view(new)
        self.refresh()
        if self.row_count and self.show_cursor:
            self.post_message(self.RowHighlighted(self, new, self.key_of(new)))

    def _keep_in_view(self, row: int) -> None:
        top = round(self.scroll_y)
        if row < top:
            self.scroll_to(y=row, animate=False, immediate=True)
        elif row >= top + self._page:
            self.scroll_to(y=row - self._page + 1, animate=False, immediate=True)

    @property
    def _page(self) -> int:
        return max(1, self.scrollable_content_region.height - HEADER)

    def _move(self, rows: int) -> None:
        if self.show_cursor:
            self.cursor_row += rows
        else:
            self.scroll_to(y=self.scroll_y + rows, animate=False)

    def action_cursor_up(self) -> None:
        self._move(-1)

    def action_cursor_down(self) -> None:
        self._move(1)

    def action_page_up(self) -> None:
        self._move(-self._page)

    def action_page_down(self) -> None:
        self._move(self._page)

    def action_scroll_top(self) -> None:
        self._move(-self.row_count)

    def action_scroll_bottom(self) -> None:
        self._move(self.row_count)

    def action_select_cursor(self) -> None:
        if self.show_cursor and self.row_count:
            self.post_message(self.RowSelected(self, self.cursor_row, self.key_of(self.cursor_row)))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if not self.show_cursor or offset is None or offset.y < HEADER:
            return
        row = round(self.scroll_y) + offset.y - HEADER
        if row >= self.row_count:
            return
        event.stop()
        if row == self.cursor_row:
            self.action_select_cursor()
        else:
            self.cursor_row = row

    def on_resize(self) -> None:
        self._resize_virtual()
        self._keep_in_view(self.cursor_row)

    # Drawing ---------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        columns = self.columns(width)
        left = round(self.scroll_x)
        if y < HEADER:
            style = self.get_component_rich_style("row-table--header")
            titles = [Text(translated(column.label)) for column in columns]
            return self._strip(titles, columns, style, left, width)
        row = round(self.scroll_y) + y - HEADER
        if row >= self.row_count:
            return Strip.blank(width, self.rich_style)
        cells = self.cells(row)
        if self.show_cursor and row == self.cursor_row:
            # The cursor's colour wins over the cells' own (a red gap count), as in a DataTable.
            cursor = self.get_component_rich_style("row-table--cursor")
            return self._strip(cells, columns, cursor, left, width, Style(color=cursor.color))
        if self.zebra and row % 2 == 0:
            return self._strip(
                cells, columns, self.get_component_rich_style("row-table--even-row"), left, width
            )
        return self._strip(cells, columns, self.rich_style, left, width)

    def _strip(
        self,
        cells: list[Text],
        columns: list[Column],
        style: Style,
        left: int,
        width: int,
        over: Style | None = None,
    ) -> Strip:
        """One line of cells: `style` under the cells' own styles, `over` on top of them."""
        line = Text(no_wrap=True, end="")
        pad = " " * PADDING
        for cell, column in zip(cells, columns, strict=True):
            column_width = column.width or 0
            if cell.cell_len > column_width:
                cell.plain = fit(cell.plain, column_width)  # the cell's styles stay on what is kept
            room = " " * (column_width - cell.cell_len)
            right = column.justify == "right" or cell.justify == "right"
            line.append(pad + (room if right else ""))
            line.append_text(cell)
            line.append(("" if right else room) + pad)
        segments = Segment.apply_style(line.render(self.app.console), style, over)
        return Strip(segments).crop_extend(left, left + width, style)
