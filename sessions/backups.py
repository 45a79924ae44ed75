"""The last few versions of each session, kept before a run first changes it.

`backups/<id>/<UTC timestamp>.json`, newest last by name; only the last KEEP stay. A bad
edit, a buggy release or a mistaken delete then costs at most one run's work.

A backups folder is only ever a real directory: a link planted in its place is refused
(`files.make_private_dir`), and pruning works through a descriptor of the folder opened
without following links, so it can only ever remove files inside it.
"""

from __future__ import annotations

import os
from pathlib import Path

from sessions.files import (
    make_private_dir,
    make_private_file,
    read_file,
    temp_target,
    utc_stamp,
    write_atomic,
)

KEEP = 5
_FOLDER = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0)


def keep_copy(source: Path, folder: Path) -> Path | None:
    """Copy `source` into `folder` as its newest backup; None if there is no source yet."""
    try:
        data, _ = read_file(source)
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
    make_private_file(target)
    prune(folder)
    return target


def listed(folder: Path) -> list[Path]:
    """Backups in `folder`, oldest first."""
    try:
        fd = os.open(folder, _FOLDER)
    except FileNotFoundError:
        return []
    try:
        return [folder / name for name in _backup_names(fd)]
    finally:
        os.close(fd)


def prune(folder: Path, keep: int = KEEP) -> None:
    fd = os.open(folder, _FOLDER)
    try:
        for old in _backup_names(fd)[:-keep]:
            os.unlink(old, dir_fd=fd)
        # The caller holds the session's lock, so any temp file here is left by a crash.
        with os.scandir(fd) as entries:
            for entry in entries:
                if temp_target(entry.name) is not None:
                    os.unlink(entry.name, dir_fd=fd)
    finally:
        os.close(fd)


def _backup_names(fd: int) -> list[str]:
    """The backups' names in the folder open as `fd`, oldest first: regular files only."""
    with os.scandir(fd) as entries:
        return sorted(
            entry.name
            for entry in entries
            if entry.name.endswith(".json")
            and not entry.name.startswith(".")
            and entry.is_file(follow_symlinks=False)
        )


def _fresh_name(folder: Path) -> Path:
    stamp = utc_stamp()
    target = folder / f"{stamp}.json"
    n = 1
    while os.path.lexists(target):
        target = folder / f"{stamp}~{n}.json"  # "~" sorts after ".", keeping name order = time order
        n += 1
    return target
