"""Python's cyclic garbage collector, held off while the TUI starts.

Start-up makes tens of thousands of objects that live as long as the app (modules, classes,
pydantic's schemas, the first screen's widgets) and next to no garbage, yet every pass of
the collector meanwhile walks all of them again: 30-45 ms of the ~450 ms from
`walkthrough resume` to its question on the screen, measured. So the collector is paused
from the moment the TUI is imported until the app's first frame is on the screen (or the
app ends without one). Then what start-up made is frozen (`gc.freeze`: never walked again,
which keeps the collector's later passes short while the PM types) and the collector runs
as before. Reference counting frees garbage meanwhile, as always.

The switch is process-wide, so it is only turned back on if it was on before, as the
session listing does (sessions.listing).
"""

from __future__ import annotations

import gc

_paused = False


def pause() -> None:
    global _paused
    if gc.isenabled():
        gc.disable()
        _paused = True


def resume() -> None:
    """Freeze what was made while paused and turn the collector back on (once; no-op if not paused)."""
    global _paused
    if _paused:
        _paused = False
        gc.freeze()
        gc.enable()
