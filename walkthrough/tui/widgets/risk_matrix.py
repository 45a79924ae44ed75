"""The risk × reward matrix: a 5 × 5 grid, risk up the side, reward along the bottom.

Each cell lists the decisions rated there (Q-numbers from the summary, so the grid and
the list point at the same questions); when they do not fit, the first is shown with a
count. The four quadrants are tinted and named with their counts, using the report's own
rule for "high". Arrow keys move a cursor over the cells, and enter (or a click) chooses
one: the summary then lists that cell's decisions.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from walkthrough.i18n import N_, _, ngettext
from walkthrough.report.priority import HIGH, Quadrant, quadrant_of
from walkthrough.report.summary import QuestionEntry
from walkthrough.tui.colours import QUADRANT, Palette, follow_theme
from walkthrough.tui.widgets.cells import pad

LEVELS = (1, 2, 3, 4, 5)
# Translators: the matrix's axes: "Risk" up the side, "Reward" along the bottom
RISK = N_("Risk")
REWARD = N_("Reward")
TOP = 1  # the quadrant names above the grid


def cell_text(labels: Sequence[str], width: int) -> str:
    """As many labels as fit in `width`, else the first and "+n"."""
    joined = " ".join(labels)  # "Q12": ASCII, so len() is cells
    if len(joined) <= width:
        return joined
    shown: list[str] = []
    for label in labels:
        rest = len(labels) - len(shown) - 1
        attempt = " ".join([*shown, label, f"+{rest}"]) if rest else " ".join([*shown, label])
        if len(attempt) > width:
            break
        shown.append(label)
    if not shown:
        return f"{len(labels)}"[:width]
    return " ".join([*shown, f"+{len(labels) - len(shown)}"])


class RiskMatrix(Widget, can_focus=True):
    DEFAULT_CSS = """
    RiskMatrix {
        height: auto;
        width: 1fr;
    }
    """

    BINDING_GROUP_TITLE = N_("Risk × reward matrix")
    BINDINGS = [
        Binding("up", "move(1, 0)", N_("Risk up"), show=False),
        Binding("down", "move(-1, 0)", N_("Risk down"), show=False),
        Binding("right", "move(0, 1)", N_("Reward up"), show=False),
        Binding("left", "move(0, -1)", N_("Reward down"), show=False),
        Binding("enter", "choose", N_("List this cell")),
    ]

    class CellChosen(Message):
        def __init__(self, risk: int, reward: int) -> None:
            super().__init__()
            self.risk = risk
            self.reward = reward

    decisions: reactive[tuple[QuestionEntry, ...]] = reactive(tuple, layout=True)
    cursor: reactive[tuple[int, int]] = reactive((5, 5))  # (risk, reward)
    chosen: reactive[tuple[int, int] | None] = reactive(None)  # the cell the list shows, if any

    def on_mount(self) -> None:
        follow_theme(self, self.refresh)

    def get_content_height(self, container, viewport, width: int) -> int:
        return 10

    def _cell_width(self) -> int:
        return max(4, min(14, (self.size.width - self._axis() - 1 - cell_len(_(REWARD)) - 2) // 5))

    def _axis(self) -> int:
        """Cells left of the grid: "Risk 5 │", as wide as "Risk" is in the language in use."""
        return cell_len(_(RISK)) + len(" 5 │")

    def action_move(self, risk: int, reward: int) -> None:
        r, w = self.cursor
        self.cursor = (min(5, max(1, r + risk)), min(5, max(1, w + reward)))

    def action_choose(self) -> None:
        self.post_message(self.CellChosen(*self.cursor))

    def on_click(self, event: events.Click) -> None:
        axis = self._axis()
        row, column = event.y - TOP, (event.x - axis) // self._cell_width()
        if 0 <= row < 5 and 0 <= column < 5 and event.x >= axis:
            self.cursor = (5 - row, column + 1)
            self.action_choose()

    def render(self) -> Text:
        by_cell: dict[tuple[int, int], list[str]] = defaultdict(list)
        counts = dict.fromkeys(Quadrant, 0)
        for decision in self.decisions:
            counts[decision.quadrant] += 1
            if decision.risk is not None and decision.reward is not None:
                by_cell[decision.risk, decision.reward].append(decision.label)

        palette = Palette.of(self.app)
        tints = {quadrant: palette.tint(QUADRANT[quadrant]) for quadrant in Quadrant}
        cell = self._cell_width()
        axis = self._axis()
        low = HIGH - 1  # columns (and rows) 1..low are "low"
        text = Text(no_wrap=True, overflow="crop")

        def band(left: str, right: str) -> None:
            text.append(" " * axis)
            text.append(pad(f" {left}", cell * low), Style(bold=True))
            text.append(pad(f" {right}", cell * (5 - low)), Style(bold=True))
            text.append("\n")

        def named(quadrant: Quadrant) -> str:
            # Translators: a quadrant's name and how many decisions are in it: "Act now 3"
            return _("{quadrant} {count}").format(quadrant=quadrant.label, count=counts[quadrant])

        band(named(Quadrant.PROTECT), named(Quadrant.ACT_NOW))
        for risk in reversed(LEVELS):
            text.append(pad(_(RISK) if risk == 5 else "", axis - len("5 │")) + f"{risk} │", Style(dim=True))
            for reward in LEVELS:
                style = tints[quadrant_of(risk, reward)]
                labels = by_cell.get((risk, reward), [])
                content = f" {cell_text(labels, cell - 2)}" if labels else " ·"
                style += Style(bold=True) if labels else Style(dim=True)
                if (risk, reward) == self.chosen:
                    style += Style(underline=True, bold=True)
                if self.has_focus and (risk, reward) == self.cursor:
                    style += Style(reverse=True)
                text.append(content.ljust(cell), style)
            text.append("\n")
        band(named(Quadrant.LATER), named(Quadrant.OPPORTUNITY))
        text.append(" " * (axis - 1) + "└" + "─" * (cell * 5), Style(dim=True))
        text.append("\n")
        text.append(" " * axis)
        for reward in LEVELS:
            text.append(f" {reward}".ljust(cell), Style(dim=True))
        text.append(f" {_(REWARD)} →", Style(dim=True))
        text.append("\n")
        unplaced = counts[Quadrant.UNPLACED]
        text.append(
            ngettext(
                "Not placed: {count} decision (risk or reward not rated)",
                "Not placed: {count} decisions (risk or reward not rated)",
                unplaced,
            ).format(count=unplaced),
            Style(dim=True, italic=True),
        )
        return text

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()
