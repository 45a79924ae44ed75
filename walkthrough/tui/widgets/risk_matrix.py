"""The risk × reward matrix: a 5 × 5 grid, risk up the side, reward along the bottom.

Each cell lists the decisions rated there (Q-numbers from the summary, so the
grid and the gap list point at the same questions); when they do not fit, the
first is shown with a count. The four quadrants are tinted and named with their
counts, using the summary module's own rule for "high".
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from rich.style import Style
from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from walkthrough.report.summary import HIGH, Decision, Quadrant, quadrant_of
from walkthrough.tui.colours import QUADRANT, Palette, follow_theme

LEVELS = (1, 2, 3, 4, 5)
AXIS = 8  # "Risk 5 │"


def cell_text(labels: Sequence[str], width: int) -> str:
    """As many labels as fit in `width`, else the first and "+n"."""
    joined = " ".join(labels)
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


class RiskMatrix(Widget):
    DEFAULT_CSS = """
    RiskMatrix {
        height: auto;
        width: 1fr;
    }
    """

    decisions: reactive[tuple[Decision, ...]] = reactive(tuple, layout=True)

    def on_mount(self) -> None:
        follow_theme(self, self.refresh)

    def get_content_height(self, container, viewport, width: int) -> int:
        return 10

    def render(self) -> Text:
        by_cell: dict[tuple[int, int], list[str]] = defaultdict(list)
        counts = {q: 0 for q in Quadrant}
        for decision in self.decisions:
            counts[decision.quadrant] += 1
            if decision.is_rated:
                by_cell[decision.risk, decision.reward].append(decision.label)  # type: ignore[index]

        palette = Palette.of(self.app)
        tints = {quadrant: palette.tint(QUADRANT[quadrant]) for quadrant in Quadrant}
        cell = max(4, min(14, (self.size.width - AXIS - len(" Reward →")) // 5))
        low = HIGH - 1  # columns (and rows) 1..low are "low"
        text = Text(no_wrap=True, overflow="crop")

        def band(left: str, right: str) -> None:
            text.append(" " * AXIS)
            text.append(f" {left}".ljust(cell * low)[: cell * low], Style(bold=True))
            text.append(f" {right}".ljust(cell * (5 - low))[: cell * (5 - low)], Style(bold=True))
            text.append("\n")

        band(
            f"Protect {counts[Quadrant.PROTECT]}",
            f"Act now {counts[Quadrant.ACT_NOW]}",
        )
        for risk in reversed(LEVELS):
            text.append(("Risk " if risk == 5 else "     ") + f"{risk} │", Style(dim=True))
            for reward in LEVELS:
                tint = tints[quadrant_of(risk, reward)]
                labels = by_cell.get((risk, reward), [])
                content = f" {cell_text(labels, cell - 2)}" if labels else " ·"
                text.append(content.ljust(cell), tint + (Style(bold=True) if labels else Style(dim=True)))
            text.append("\n")
        band(
            f"Later {counts[Quadrant.LATER]}",
            f"Opportunity {counts[Quadrant.OPPORTUNITY]}",
        )
        text.append(" " * (AXIS - 1) + "└" + "─" * (cell * 5), Style(dim=True))
        text.append("\n")
        text.append(" " * AXIS)
        for reward in LEVELS:
            text.append(f" {reward}".ljust(cell), Style(dim=True))
        text.append(" Reward →", Style(dim=True))
        text.append("\n")
        unrated = counts[Quadrant.NOT_RATED]
        text.append(
            f"Not rated: {unrated} decision{'s' if unrated != 1 else ''} (risk or reward missing)",
            Style(dim=True, italic=True),
        )
        return text
