"""The command line: the parser, and one module per group of commands.

Top floor: it may use the TUI and the report; nothing imports it back.
"""

import gc

# Starting a command makes tens of thousands of objects that live as long as it does
# (modules, classes, functions, the listing, the TUI's widgets and styles) and next to no
# garbage, and Python's collector, run every 700 new objects, walks them again and again:
# ~3 ms of `walkthrough list`, ~14 ms of `walkthrough resume` before the question shows.
# Every 50,000 is still a collector for the TUI's long life: measured, its peak memory with a
# full session open is the same (55.4 MiB either way).
STARTUP_GC_THRESHOLD = 50_000
gc.set_threshold(STARTUP_GC_THRESHOLD, *gc.get_threshold()[1:])

from walkthrough.cli.main import main, run  # noqa: E402  (after the threshold: its imports count)

__all__ = ["main", "run"]
