"""When typed answers reach disk: the walk screen's debounce and flush rules.

No Textual here, so the timing rules are unit-tested with a fake clock. The
screen records every edit and navigation; a timer asks `due()`; a thread worker
calls `Flusher.flush()`. Rules:

- typing pauses for `quiet` seconds -> flush (one save per burst, not per key);
- typing never pauses -> flush anyway `max_wait` seconds after the first
  unsaved change, so nothing typed is more than a second from disk;
- navigation and quit flush at once (the screen calls `flush()` directly).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

from sessions.models import Answer
from walkthrough.i18n import _

QUIET = 0.3
MAX_WAIT = 1.0


class SessionWriter(Protocol):
    """The part of `sessions.store.OpenSession` that autosave writes through."""

    def save_answer(self, question_id: str, answer: Answer) -> None: ...
    def save_position(self, question_id: str | None) -> None: ...
    def close(self) -> None: ...


@dataclass
class Batch:
    """What one flush writes: the newest answer per question and maybe a position."""

    answers: dict[str, Answer] = field(default_factory=dict)
    position: str | None = None
    has_position: bool = False

    def __bool__(self) -> bool:
        return bool(self.answers) or self.has_position


class Autosaver:
    """Collects unsaved edits and decides when they are due. Thread-safe: the
    UI records while a worker thread takes."""

    def __init__(
        self, *, quiet: float = QUIET, max_wait: float = MAX_WAIT, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.quiet = quiet
        self.max_wait = max_wait
        self.clock = clock
        self._lock = threading.Lock()
        self._pending = Batch()
        self._first: float | None = None
        self._last: float | None = None

    def record_answer(self, question_id: str, answer: Answer) -> None:
        with self._lock:
            self._pending.answers[question_id] = answer
            self._touch()

    def record_position(self, question_id: str | None) -> None:
        with self._lock:
            self._pending.position = question_id
            self._pending.has_position = True
            self._touch()

    def _touch(self) -> None:
        now = self.clock()
        if self._first is None:
            self._first = now
        self._last = now

    @property
    def has_pending(self) -> bool:
        with self._lock:
            return bool(self._pending)

    def deadline(self) -> float | None:
        """Clock time by which the pending edits must be flushed, or None."""
        with self._lock:
            if self._first is None or self._last is None:
                return None
            return min(self._last + self.quiet, self._first + self.max_wait)

    def due(self, now: float | None = None) -> bool:
        deadline = self.deadline()
        if deadline is None:
            return False
        return (self.clock() if now is None else now) >= deadline

    def take(self) -> Batch:
        """Hand over everything pending and start afresh."""
        with self._lock:
            batch, self._pending = self._pending, Batch()
            self._first = self._last = None
            return batch

    def restore(self, batch: Batch) -> None:
        """Put back a batch whose save failed, under any edit made since, so the
        next flush retries it without overwriting newer text."""
        with self._lock:
            merged = Batch(dict(batch.answers), batch.position, batch.has_position)
            merged.answers.update(self._pending.answers)
            if self._pending.has_position:
                merged.position, merged.has_position = self._pending.position, True
            self._pending = merged
            if merged:
                self._touch()


class Flusher:
    """Writes an Autosaver's batches through a session, one flush at a time, so
    two overlapping flushes can never write an older answer after a newer one."""

    def __init__(self, writer: SessionWriter, autosaver: Autosaver) -> None:
        self.writer = writer
        self.autosaver = autosaver
        self._io = threading.Lock()
        self.closed = False

    def flush(self) -> bool:
        """Save whatever is pending; True if anything was written. A failed save
        is put back for the next try and the error re-raised."""
        with self._io:
            if self.closed:
                return False
            batch = self.autosaver.take()
            if not batch:
                return False
            try:
                for question_id, answer in batch.answers.items():
                    self.writer.save_answer(question_id, answer)
                if batch.has_position:
                    self.writer.save_position(batch.position)
            except BaseException:
                self.autosaver.restore(batch)
                raise
            return True

    def close(self) -> None:
        """Flush, then release the session. Idempotent; the session is closed
        even when the last flush fails (the error is re-raised afterwards)."""
        with self._io:
            if self.closed:
                return
        try:
            self.flush()
        finally:
            with self._io:
                if not self.closed:
                    self.closed = True
                    self.writer.close()


@dataclass
class SaveStatus:
    """The status line's word on saving: quiet when all is well."""

    state: str = "idle"  # idle | pending | saving | saved | failed
    saved_at: datetime | None = None
    error: str = ""

    def describe(self) -> str:
        if self.state == "failed":
            return _("Not saved: {error} (retrying)").format(error=self.error)
        if self.state in ("pending", "saving"):
            return _("Saving…")
        if self.saved_at is not None:
            return _("Saved {time}").format(time=f"{self.saved_at:%H:%M:%S}")
        return _("Autosave on")
