"""The command line: the parser, and one module per group of commands.

Top floor: it may use the TUI and the report; nothing imports it back.
"""

import gc

# Starting a command makes tens of thousands of objects that live as long as it does
# (modules, classes, functions, the listing) and next to no garbage, and Python's collector,
# run every 700 new objects, walks them again and again: ~3 ms of `walkthrough list`.
# `main` puts the usual threshold back before the TUI starts, for its long life.
STARTUP_GC_THRESHOLD = 50_000
USUAL_GC_THRESHOLD = gc.get_threshold()
gc.set_threshold(STARTUP_GC_THRESHOLD, *USUAL_GC_THRESHOLD[1:])

from walkthrough.cli.main import main, run  # noqa: E402  (after the threshold: its imports count)

__all__ = ["main", "run"]
