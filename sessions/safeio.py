"""Opening what is in the data directory without following links or blocking on a FIFO.

Kept apart from `files` (and free of pydantic) so the TUI can read its settings this way
before its first paint.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from sessions.errors import N_, Message, NotFollowed

_KINDS = (
    # Translators: what was found in the data directory, as in "PATH is a symbolic link, not a session file".
    (stat.S_ISREG, N_("a regular file")),
    (stat.S_ISLNK, N_("a symbolic link")),
    (stat.S_ISDIR, N_("a directory")),
    (stat.S_ISFIFO, N_("a FIFO")),
    (stat.S_ISSOCK, N_("a socket")),
    (stat.S_ISCHR, N_("a device")),
    (stat.S_ISBLK, N_("a device")),
)
REGULAR_FILE = N_("a regular file")
SESSION_FILE = N_("a session file")
DIRECTORY = N_("a directory")


def not_followed(path: Path | str, mode: int, wanted: str = REGULAR_FILE) -> NotFollowed:
    """The one-line refusal of what was found at `path` (its st_mode) where `wanted` (one of
    the kinds above, REGULAR_FILE, SESSION_FILE or DIRECTORY) belongs."""
    kind = next((kind for test, kind in _KINDS if test(mode)), N_("not a regular file"))
    if stat.S_ISLNK(mode):
        refused = N_("not followed (walkthrough never follows links in its data directory)")
    elif stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        refused = N_("left alone")
    else:
        refused = N_("not opened (walkthrough opens only regular files in its data directory)")
    return NotFollowed(
        N_("{path} is {kind}, not {wanted}; {refused}"),
        path=path,
        kind=Message(kind),
        wanted=Message(wanted),
        refused=Message(refused),
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
