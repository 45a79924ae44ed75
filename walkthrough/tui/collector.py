"""Python's cyclic garbage collector, held off while the TUI starts.

Start-up makes tens of thousands of objects that live as long as the app (modules, classes,
pydantic's schemas, the first screen's widgets) and next to no garbage, yet every pass of
the collector meanwhile walks all of them again: 30-45 ms of the ~450 ms from
`walkthrough resume` to its question on the screen, measured. So the collector is paused
from the moment the TUI is imported until the app's first frame is on the screen (or the
app ends without one), and then runs as before. Reference counting frees garbage meanwhile,
as always.

What was made before the app itself (the modules and classes, pydantic's schemas, the
session opened from the command line) is frozen as the app is made (`gc.freeze`): the
collector never walks it again, so its later passes stay short while the PM types. Frozen
objects are still freed by reference counting; only a cycle among them would outlive its
use, and those live as long as the run. The screens, made later, stay the collector's.

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


def freeze_start_up() -> None:
    """Freeze what start-up has made so far, once, if the collector was paused for it."""
    if _paused and not gc.get_freeze_count():
        gc.freeze()


def resume() -> None:
    """Turn the collector back on (once; nothing if it was not paused here)."""
    global _paused
    if _paused:
        _paused = False
        gc.enable()
