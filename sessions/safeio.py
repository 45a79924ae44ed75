"""Opening what is in the data directory without following links or blocking on a FIFO.

Kept apart from `files` (and free of pydantic) so the TUI can read its settings this way
before its first paint.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from sessions.errors import NotFollowed


def what_it_is(mode: int) -> str:
    """What a file of this st_mode is, for a message: "a symbolic link", "a FIFO", …"""
    for test, kind in (
        (stat.S_ISREG, "a regular file"),
        (stat.S_ISLNK, "a symbolic link"),
        (stat.S_ISDIR, "a directory"),
        (stat.S_ISFIFO, "a FIFO"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISCHR, "a device"),
        (stat.S_ISBLK, "a device"),
    ):
        if test(mode):
            return kind
    return "not a regular file"


def not_followed(path: Path | str, mode: int, wanted: str = "a regular file") -> NotFollowed:
    return NotFollowed(
        f"{path} is {what_it_is(mode)}, not {wanted}; not followed (walkthrough never follows "
        "links or opens special files in its data directory)"
    )


# Opening a planted link must fail rather than reach its target, and opening a FIFO must not
# wait for a writer that never comes.
_NO_FOLLOW = os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)


def open_regular(path: Path | str, flags: int = os.O_RDONLY) -> tuple[int, os.stat_result]:
    """A descriptor of the regular file at `path` and its stat; NotFollowed for anything else.

    It is checked twice: lstat first, so a device or FIFO is never even opened, and fstat
    after, in case the name was swapped for something else in between."""
    mode = os.lstat(path).st_mode
    if not stat.S_ISREG(mode):
        raise not_followed(path, mode)
    try:
        fd = os.open(path, flags | _NO_FOLLOW)
    except OSError as exc:
        if exc.errno in (errno.ELOOP, errno.EMLINK):  # swapped for a link since the lstat
            raise not_followed(path, stat.S_IFLNK) from None
        raise
    opened = os.fstat(fd)
    if not stat.S_ISREG(opened.st_mode):
        os.close(fd)
        raise not_followed(path, opened.st_mode)
    return fd, opened
