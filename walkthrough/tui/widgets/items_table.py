"""The gap summary's list of items in priority order, one row each, keyed by question id.

Columns fit the width with nothing off to the side: the question takes what the others
leave (priority and owner join it on a wide table), and the detail pane beside or below
gives everything about the highlighted item in full. A due date that is overdue or after the
launch says so in words. An item that changed since the milestone compared with is marked
"•" before its number. A RowTable: rows are made as they are drawn, from rich Text built from
plain strings (answers are the PM's own text, never markup).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from functools import cache

from rich.text import Text
from textual.binding import Binding

from walkthrough.i18n import N_, _, language
from walkthrough.report.launch import show_date
from walkthrough.report.priority import format_score
from walkthrough.report.progress import Status
from walkthrough.report.summary import QuestionEntry
from walkthrough.tui.colours import CHANGED, STATUS, Palette, Tone
from walkthrough.tui.widgets.cells import widest
from walkthrough.tui.widgets.row_table import PADDING, Column, RowTable
from walkthrough.tui.widgets.visible import visible

WIDE = 100  # table width from which priority and owner fit beside a readable question

# Translators: in the Due column of an item whose due date has passed
OVERDUE = N_("overdue")
# Translators: in the Due column of an item due after the launch date
AFTER_LAUNCH = N_("after launch")
_EMPHASIS = {Status.GAP: {"bold": True}, Status.NOT_ASSESSED: {"italic": True}}


@cache
def _widest_date(code: str) -> int:
    """The cells the longest due date takes in `code`, the language in use (the cache's key):
    a Chinese or Thai date ("2026年12月28日", "28 มิ.ย. 2026") is wider than ISO, and month
    names differ in length."""
    return widest(*(show_date(date(2026, month, 28)) for month in range(1, 13)))


def _one_line(text: str) -> str:
    return visible(" ".join(text.split()))


class ItemsTable(RowTable):
    BINDING_GROUP_TITLE = N_("Open items")
    BINDINGS = [Binding("enter", "select_cursor", N_("Open question"))]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, zebra=True)
        self._items: list[QuestionEntry] = []
        self._today = date.today()
        self._launch: date | None = None
        self._changed: frozenset[str] = frozenset()

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
        ids = [item.ref.id for item in self._items]
        if keep in ids:
            row = ids.index(keep)
        self._rows_changed(max(0, min(row, len(self._items) - 1)))

    # RowTable's rows, made from the items as they are drawn -----------------------------

    @property
    def row_count(self) -> int:
        return len(self._items)

    def key_of(self, row: int) -> str | None:
        return self._items[row].ref.id

    def columns(self, width: int) -> list[Column]:
        wide = width >= WIDE
        # Translators: a narrow column title: the question's number ("Q12")
        before = [
            Column(N_("Q"), 5),
            Column(N_("Status"), widest(_("Status"), *(s.label for s in Status if s.is_open))),
        ]
        if wide:
            # Translators: a 3-cell column title: the priority score; keep it as short
            before.append(Column(N_("Pri"), widest(_("Pri"), "9.9"), "right"))
        after = [Column(N_("Owner"), 16)] if wide else []
        due = N_("Due")
        after.append(Column(due, max(widest(_(due), _(OVERDUE), _(AFTER_LAUNCH)), _widest_date(language()))))
        used = sum((column.width or 0) + 2 * PADDING for column in before + after)
        return [*before, Column(N_("Question"), max(12, width - used - 2 * PADDING - 1)), *after]

    def cells(self, row: int) -> list[Text]:
        palette = self.palette
        item = self._items[row]
        wide = self.scrollable_content_region.width >= WIDE
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
            cells.append(Text(format_score(item.score) or "·", style="" if item.is_rated else "dim"))
        cells.append(Text(_one_line(item.question.prompt)))
        if wide:
            owner = _one_line(item.owner)
            cells.append(Text(owner or "—", style="" if owner else "dim"))
        cells.append(self._due(item, palette))
        return cells

    def _due(self, item: QuestionEntry, palette: Palette) -> Text:
        if item.is_overdue(self._today):
            return Text(_(OVERDUE), style=palette.text(Tone.BAD, bold=True))
        if item.is_due_after(self._launch):
            return Text(_(AFTER_LAUNCH), style=palette.text(Tone.CAUTION, bold=True))
        return Text(visible(item.due_label), style="dim")
