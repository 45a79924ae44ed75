"""The gap summary's list of items in priority order, one row each, keyed by question id.

Columns fit the width with nothing off to the side: the question takes what the others
leave (priority and owner join it on a wide table), and the detail pane beside or below
gives everything about the highlighted item in full. A due date
that is overdue or after the launch says so in words. An item that changed since the
milestone compared with is marked "•" before its number. Cells are rich Text built from plain
strings: DataTable would read a str cell as markup, and answers are the PM's own text.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from rich.text import Text
from textual.binding import Binding
from textual.widgets import DataTable

from walkthrough.report.priority import format_score
from walkthrough.report.progress import Status
from walkthrough.report.summary import QuestionEntry
from walkthrough.tui.colours import CHANGED, STATUS, Palette, Tone, follow_theme
from walkthrough.tui.widgets.visible import visible

WIDE = 100  # table width from which priority and owner fit beside a readable question

_EMPHASIS = {Status.GAP: {"bold": True}, Status.NOT_ASSESSED: {"italic": True}}


def _one_line(text: str) -> str:
    return visible(" ".join(text.split()))


class ItemsTable(DataTable):
    BINDING_GROUP_TITLE = "Open items"
    BINDINGS = [Binding("enter", "select_cursor", "Open question")]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self._items: list[QuestionEntry] = []
        self._today = date.today()
        self._launch: date | None = None
        self._changed: frozenset[str] = frozenset()
        self._width = 0

    def on_mount(self) -> None:
        follow_theme(self, self._repaint)

    def _repaint(self) -> None:
        keep = self.selected
        self._rebuild()
        if keep is not None:
            self.move_cursor(row=self._items.index(keep), animate=False)

    @property
    def items(self) -> list[QuestionEntry]:
        return self._items

    @property
    def selected(self) -> QuestionEntry | None:
        if not self._items or not 0 <= self.cursor_row < len(self._items):
            return None
        return self._items[self.cursor_row]

    def show(
        self,
        items: Sequence[QuestionEntry],
        today: date,
        launch: date | None,
        *,
        keep: str | None,
        changed: frozenset[str] = frozenset(),
    ) -> None:
        """Replace the rows; the cursor goes to `keep` if it is among them, else stays near where it was.
        Items whose question id is in `changed` are marked."""
        row = self.cursor_row
        self._items, self._today, self._launch, self._changed = list(items), today, launch, changed
        self._rebuild()
        ids = [item.ref.id for item in self._items]
        if keep in ids:
            row = ids.index(keep)
        if self._items:
            self.move_cursor(row=max(0, min(row, len(self._items) - 1)), animate=False)

    def on_resize(self) -> None:
        if self._content_width() != self._width:
            self._repaint()

    def _content_width(self) -> int:
        return self.scrollable_content_region.width or self.size.width

    def _rebuild(self) -> None:
        self._width = width = self._content_width()
        wide = width >= WIDE
        columns: list[tuple[str, str, int]] = [("q", "Q", 5), ("status", "Status", len("Not assessed"))]
        if wide:
            columns.append(("priority", "Pri", 3))
        columns.append(("question", "Question", 0))
        if wide:
            columns.append(("owner", "Owner", 16))
        columns.append(("due", "Due", len("after launch")))
        padding = 2 * self.cell_padding * len(columns)
        question = max(12, width - padding - sum(w for _key, _label, w in columns) - 1)
        self.clear(columns=True)
        for key, label, column_width in columns:
            self.add_column(label, width=column_width or question, key=key)
        palette = Palette.of(self.app)
        for item in self._items:
            self.add_row(*self._cells(item, wide, palette), key=item.ref.id)

    def _cells(self, item: QuestionEntry, wide: bool, palette: Palette) -> list[Text]:
        changed = item.ref.id in self._changed
        cells = [
            Text.assemble(
                ("•" if changed else " ", palette.fill(CHANGED)), (item.label, "" if changed else "dim")
            ),
            Text(
                item.status.label, style=palette.text(STATUS[item.status], **_EMPHASIS.get(item.status, {}))
            ),
        ]
        if wide:
            cells.append(
                Text(format_score(item.score) or "·", justify="right", style="" if item.is_rated else "dim")
            )
        cells.append(Text(_one_line(item.question.prompt), no_wrap=True, overflow="ellipsis"))
        if wide:
            owner = _one_line(item.owner)
            cells.append(Text(owner or "—", no_wrap=True, overflow="ellipsis", style="" if owner else "dim"))
        cells.append(self._due(item, palette))
        return cells

    def _due(self, item: QuestionEntry, palette: Palette) -> Text:
        if item.is_overdue(self._today):
            return Text("overdue", style=palette.text(Tone.BAD, bold=True))
        if item.is_due_after(self._launch):
            return Text("after launch", style=palette.text(Tone.CAUTION, bold=True))
        return Text(visible(item.due_label), style="dim")
