"""The risk × reward chart of the report: a Mermaid quadrantChart that stays readable.

Every plotted decision gets its own point and a short label ("Q12"). Points sit on a grid of
24 × 24 slots, so no two are closer than one slot (30 px or so at the size the chart asks
for) and none is outside the plot; each stays inside the band of its own ratings, so its
quadrant is always the true one:

- A rating of 1 or 2 is low and falls in the low half of its axis, 3 to 5 in the high half
  (HIGH = 3): each low rating has a band of 6 slots, each high rating 4.
- Decisions are placed in priority order, the first ones nearest the middle of their cell.
- The slot row along the bottom edge (labels hang below their point) and the top row of each
  half (where Mermaid writes the quadrant's name) are left empty.
- At most MAX_POINTS decisions are plotted; the rest, and any that do not fit in a full
  cell, are returned in `left_out` for the report to list under the chart.

Pure: no I/O. The README ("The quadrants") explains it for PMs; keep the two in step.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from functools import cache
from unicodedata import category

GRID = 24
"""Slots along each axis."""

MAX_POINTS = 40
"""The chart shows at most this many decisions, the highest priority first."""

CHART_SIZE = 720
"""Asked of Mermaid, in pixels (square): with Mermaid's margins a slot is about 28 px."""

LABEL_FONT = 11
POINT_RADIUS = 4

# Slot index range [start, end) of each rating's band, on either axis.
_BANDS = {1: (0, 6), 2: (6, 12), 3: (12, 16), 4: (16, 20), 5: (20, 24)}
# Rows with no point: the bottom edge (a label hangs below its point) and the top row of each
# half (Mermaid writes the quadrant's name there once a chart has points).
_EMPTY_ROWS = frozenset({0, GRID // 2 - 1, GRID - 1})


@dataclass(frozen=True)
class Rated:
    """What the chart needs of a decision: a short label and its two ratings (1–5)."""

    label: str
    risk: int
    reward: int


@dataclass(frozen=True)
class Point:
    item: Rated
    column: int  # slot along the reward axis, 0 at the left
    row: int  # slot along the risk axis, 0 at the bottom

    @property
    def x(self) -> Fraction:
        """0–1 across the plot, at the middle of the slot."""
        return Fraction(2 * self.column + 1, 2 * GRID)

    @property
    def y(self) -> Fraction:
        return Fraction(2 * self.row + 1, 2 * GRID)


@dataclass(frozen=True)
class Chart:
    points: tuple[Point, ...]  # in the order given (priority order)
    left_out: tuple[Rated, ...]  # not plotted, in the order given


@cache
def slots(risk: int, reward: int) -> tuple[tuple[int, int], ...]:
    """The (column, row) slots of one cell, nearest its middle first.

    Ties go to the higher row, then the left column, so the order is fixed.
    """
    c0, c1 = _BANDS[reward]
    r0, r1 = _BANDS[risk]
    rows = [r for r in range(r0, r1) if r not in _EMPTY_ROWS]
    # Twice the distance from the middle, in whole numbers.
    middle_c, middle_r = c0 + c1 - 1, rows[0] + rows[-1]
    cells = [(c, r) for c in range(c0, c1) for r in rows]
    return tuple(
        sorted(
            cells, key=lambda cr: ((2 * cr[0] - middle_c) ** 2 + (2 * cr[1] - middle_r) ** 2, -cr[1], cr[0])
        )
    )


def layout(items: Iterable[Rated], limit: int = MAX_POINTS) -> Chart:
    """Place `items` (highest priority first) on the grid."""
    free: dict[tuple[int, int], list[tuple[int, int]]] = {}
    points: list[Point] = []
    left_out: list[Rated] = []
    for item in items:
        cell = free.setdefault((item.risk, item.reward), list(slots(item.risk, item.reward)))
        if len(points) >= limit or not cell:
            left_out.append(item)
            continue
        column, row = cell.pop(0)
        points.append(Point(item, column, row))
    return Chart(tuple(points), tuple(left_out))


def _coordinate(value: Fraction) -> str:
    # Mermaid reads a coordinate as "1" or "0.ddd" only; every slot middle is inside (0, 1).
    return f"{float(value):.3f}"


def _text(words: str) -> str:
    """Words as Mermaid reads them whole: bare when only letters, marks, digits and spaces
    (the English chart, Chinese, Thai…), in double quotes otherwise ("Plus tard (p. ex.)":
    bare, `(` or `:` would end the text)."""
    words = " ".join(words.replace('"', "'").split())
    if all(c == " " or category(c)[0] in "LMN" for c in words):
        return words
    return f'"{words}"'


def mermaid(
    chart: Chart,
    *,
    title: str,
    quadrants: Sequence[str],
    x_axis: tuple[str, str] = ("Low reward", "High reward"),
    y_axis: tuple[str, str] = ("Low risk", "High risk"),
) -> str:
    """The chart as a fenced Mermaid block. `quadrants`: the names of quadrant 1 (top right),
    2 (top left), 3 (bottom left) and 4 (bottom right); each axis: its (low, high) ends.
    Point labels must be letters and digits."""
    lines = [
        "```mermaid",
        "---",
        "config:",
        "  quadrantChart:",
        f"    chartWidth: {CHART_SIZE}",
        f"    chartHeight: {CHART_SIZE}",
        f"    pointLabelFontSize: {LABEL_FONT}",
        f"    pointRadius: {POINT_RADIUS}",
        "---",
        "quadrantChart",
        f"    title {_text(title)}",
        f"    x-axis {_text(x_axis[0])} --> {_text(x_axis[1])}",
        f"    y-axis {_text(y_axis[0])} --> {_text(y_axis[1])}",
        *(f"    quadrant-{n} {_text(name)}" for n, name in enumerate(quadrants, 1)),
    ]
    for point in chart.points:
        assert point.item.label.isalnum(), point.item.label
        lines.append(f"    {point.item.label}: [{_coordinate(point.x)}, {_coordinate(point.y)}]")
    lines.append("```")
    return "\n".join(lines)
