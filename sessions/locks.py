"""One lock file per session, so two walkthroughs never write the same session.

The kernel lock (flock, through filelock) dies with its process, so a crash never leaves a
session locked. The holder writes its pid into the file only to make the refusal message
useful; the pid may be stale, the lock itself never is.
"""

from __future__ import annotations

import os
from pathlib import Path

from filelock import FileLock, Timeout

from sessions.files import FILE_MODE


def _record_pid(fd: int) -> None:
    os.ftruncate(fd, 0)
    os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)


class Lock:
    def __init__(self, path: Path) -> None:
        self.path = path
        # thread_local=False: the TUI may open a session on one thread and close it on another.
        # on_acquired also keeps filelock from silently falling back to a lock that outlives a crash.
        self._lock = FileLock(path, timeout=0, mode=FILE_MODE, thread_local=False, on_acquired=_record_pid)

    def try_acquire(self) -> bool:
        try:
            self._lock.acquire(timeout=0)
        except Timeout:
            return False
        return True

    def release(self) -> None:
        if self._lock.is_locked:
            self._lock.release(force=True)

    @property
    def held(self) -> bool:
        return self._lock.is_locked

    def holder_pid(self) -> int | None:
        """The pid the current holder wrote, if any (it may be stale)."""
        try:
            text = self.path.read_text(encoding="ascii", errors="replace").strip()
        except OSError:
            return None
        return int(text) if text.isdigit() else None
