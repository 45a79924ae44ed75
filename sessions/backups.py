"""The last few versions of each session, kept before a run first changes it.

`backups/<id>/<UTC timestamp>.json`, newest last by name; only the last KEEP stay. A bad
edit, a buggy release or a mistaken delete then costs at most one run's work.
"""

from __future__ import annotations

import os
from pathlib import Path

from sessions.files import FILE_MODE, make_private_dir, temp_target, utc_stamp, write_atomic

KEEP = 5


def keep_copy(source: Path, folder: Path) -> Path | None:
    """Copy `source` into `folder` as its newest backup; None if there is no source yet."""
    try:
        data = source.read_bytes()
    except FileNotFoundError:
        return None
    make_private_dir(folder)
    target = _fresh_name(folder)
    write_atomic(target, data)
    prune(folder)
    return target


def move_in(source: Path, folder: Path) -> Path:
    """Move `source` into `folder` as its newest backup (a delete that can be undone by hand)."""
    make_private_dir(folder)
    target = _fresh_name(folder)
    os.replace(source, target)
    os.chmod(target, FILE_MODE)
    prune(folder)
    return target


def listed(folder: Path) -> list[Path]:
    """Backups in `folder`, oldest first."""
    try:
        names = [
            e.name for e in os.scandir(folder) if e.name.endswith(".json") and not e.name.startswith(".")
        ]
    except FileNotFoundError:
        return []
    return [folder / name for name in sorted(names)]


def prune(folder: Path, keep: int = KEEP) -> None:
    for old in listed(folder)[:-keep]:
        old.unlink(missing_ok=True)
    # The caller holds the session's lock, so any temp file here is left by a crash.
    for entry in os.scandir(folder):
        if temp_target(entry.name) is not None:
            Path(entry.path).unlink(missing_ok=True)


def _fresh_name(folder: Path) -> Path:
    stamp = utc_stamp()
    target = folder / f"{stamp}.json"
    n = 1
    while target.exists():
        target = folder / f"{stamp}~{n}.json"  # "~" sorts after ".", keeping name order = time order
        n += 1
    return target
