"""Kernel locks, so two walkthroughs never write the same session nor pick the same new id.

A `Lock` is one lock file per session (`locks/<id>.lock`); the `IdLock` is the sessions
directory itself, held while a new session's id is chosen and its file created. Both are
flock locks, which die with their process, so a crash never leaves anything locked. The
holder of a session writes its pid into the lock file only to make a refusal message useful;
the pid may be stale, the lock itself never is.

A lock file is opened without following links and only if it is a regular file: a link
planted in its place is refused, never truncated or written through.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import stat
import time
from collections.abc import Iterator
from pathlib import Path

from sessions.errors import N_, StoreError
from sessions.files import FILE_MODE
from sessions.safeio import not_followed, open_regular

_OPEN = os.O_RDWR | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)


class Lock:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None
        self._created = False

    def try_acquire(self) -> bool:
        """Take the lock if nobody holds it; False if someone does. OSError if the file cannot be
        made, NotFollowed if something other than a regular file has its name."""
        for _ in range(10):
            fd, created = self._open()
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                os.close(fd)
                return False
            except BaseException:
                os.close(fd)
                raise
            # A holder may remove the file (deleting a session does) after we opened it and before we
            # locked it: then we hold a lock on a file nobody else will ever open. Lock the current one.
            try:
                current = os.lstat(self.path)
            except FileNotFoundError:
                current = None
            opened = os.fstat(fd)
            if current is not None and (current.st_ino, current.st_dev) == (opened.st_ino, opened.st_dev):
                self._fd, self._created = fd, created
                _record_pid(fd)
                return True
            os.close(fd)
        return False

    def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is not None:
            os.close(fd)  # closing the last descriptor of the file releases the flock

    def release_and_remove(self) -> None:
        """Release, and remove the file if this lock made it: for an id that never became a
        session (a failed create), so nothing is left behind."""
        if self._fd is not None and self._created:
            self.path.unlink(missing_ok=True)
        self.release()

    @property
    def held(self) -> bool:
        return self._fd is not None

    def holder_pid(self) -> int | None:
        """The pid the current holder wrote, if any (it may be stale)."""
        try:
            fd, _ = open_regular(self.path)
        except (OSError, StoreError):
            return None
        with open(fd, "rb", closefd=True) as handle:
            text = handle.read(32).decode("ascii", errors="replace").strip()
        return int(text) if text.isdigit() else None

    def _open(self) -> tuple[int, bool]:
        try:
            return os.open(self.path, _OPEN | os.O_CREAT | os.O_EXCL, FILE_MODE), True
        except FileExistsError:
            pass
        try:
            fd = os.open(self.path, _OPEN)
        except OSError as exc:
            with contextlib.suppress(OSError):
                found = os.lstat(self.path).st_mode
                if not stat.S_ISREG(found):
                    raise not_followed(self.path, found) from None
            raise exc from None
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            os.close(fd)
            raise not_followed(self.path, mode)
        return fd, False


def _record_pid(fd: int) -> None:
    # Only to name the holder in a refusal: on a full disk the lock holds all the same.
    with contextlib.suppress(OSError):
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)


class IdLock:
    """The store-wide lock under which a new session's id is chosen and its file created: the
    sessions directory itself, so taking it never creates a file (nor fails on a full disk)."""

    def __init__(self, directory: Path, *, timeout: float = 30.0) -> None:
        self.directory = directory
        self.timeout = timeout

    @contextlib.contextmanager
    def held(self) -> Iterator[None]:
        with self._locked(wait=True):
            yield

    @contextlib.contextmanager
    def held_if_free(self) -> Iterator[bool]:
        """Held for the block if nobody holds it now (yields True), else not taken (yields False)."""
        with self._locked(wait=False) as got:
            yield got

    @contextlib.contextmanager
    def _locked(self, *, wait: bool) -> Iterator[bool]:
        fd = os.open(
            self.directory, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0)
        )
        try:
            deadline = time.monotonic() + self.timeout
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if not wait:
                        yield False
                        return
                    if time.monotonic() > deadline:
                        raise StoreError(
                            N_("another walkthrough kept {path} busy for {seconds} s; try again"),
                            path=self.directory,
                            seconds=f"{self.timeout:.0f}",
                        ) from None
                    time.sleep(0.005)
            yield True
        finally:
            os.close(fd)
