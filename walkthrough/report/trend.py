"""A session's readiness across its milestones, drawn in a few characters for a list row.

The values come from the listing's index (`progress.stats_trend`, each milestone's readiness
as counted when it was saved, then the session's now), so home draws a trend for every
session without opening one. No imports beyond the standard library: it sits on the path
of the first listing.
"""

from __future__ import annotations

from collections.abc import Sequence

BLOCKS = "▁▂▃▄▅▆▇█"
UP, DOWN, SAME = "↑", "↓", "→"


def sparkline(values: Sequence[int], width: int = 8) -> str:
    """The last `width` readiness percentages as bars on one scale: 0% is the lowest, 100% the
    highest, so two sessions' lines can be compared at a glance."""
    return "".join(BLOCKS[min(len(BLOCKS) - 1, value * len(BLOCKS) // 101)] for value in values[-width:])


def arrow(values: Sequence[int]) -> str:
    """Up, down or level since the previous value; "" with fewer than two."""
    if len(values) < 2:
        return ""
    last, before = values[-1], values[-2]
    return UP if last > before else DOWN if last < before else SAME
