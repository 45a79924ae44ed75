"""An open session: the handle the app saves through while a session is on screen.

It holds the session's lock and its TinyDB file, and is given everything else it needs
(where its backups go, whom to tell when it closes) by the store that opens it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, MutableMapping
from datetime import date
from pathlib import Path
from typing import Any, cast

from pydantic import TypeAdapter, ValidationError
from tinydb import TinyDB

from sessions import backups, codec
from sessions.errors import InvalidName, ReadOnlySession, StoreError, quoted
from sessions.files import reported
from sessions.locks import Lock
from sessions.models import Answer, Session, clean_name, utc_now
from sessions.storage import AtomicJSONStorage

TEAM_IDS = TypeAdapter(list[str])


class OpenSession:
    """A session held open (and locked) by this process. Thread-safe: the TUI saves from a worker."""

    session: Session
    read_only: bool

    def __init__(
        self,
        session: Session,
        *,
        path: Path,
        backup_dir: Path,
        db: TinyDB | None = None,
        lock: Lock | None = None,
        on_close: Callable[[OpenSession], None] | None = None,
    ) -> None:
        self.session = session
        self.read_only = db is None
        self.path = path
        self._backup_dir = backup_dir
        self._db = db
        self._lock = lock
        self._on_close = on_close
        self._closed = False
        self._backed_up = False
        # Re-entrant: a signal handler may save while the same thread is inside a save.
        # Such a nested call is queued and runs once the outer one is done (`_serialized`).
        self._mutex = threading.RLock()
        self._busy = False
        self._queued: list[Callable[[], None]] = []
        self._doc_ids: dict[str, int] | None = None
        self._meta_id = 1

    # -- the API the app uses

    def save_answer(self, question_id: str, answer: Answer) -> None:
        if not isinstance(answer, Answer):
            raise TypeError(f"expected an Answer, got {type(answer).__name__}")

        def apply() -> None:
            if self.session.answers.get(question_id) == answer:
                return
            now = utc_now()
            self._commit({"updated": now}, (question_id, answer))
            self.session.answers[question_id] = answer
            self.session.updated = now

        self._serialized(apply)

    def save_position(self, question_id: str | None) -> None:
        def apply() -> None:
            if self.session.position != question_id:
                self._commit({"position": question_id})
                self.session.position = question_id

        self._serialized(apply)

    def save_settings(self, *, name: str | None = None, excluded_teams: Iterable[str] | None = None) -> None:
        changes: dict[str, Any] = {}
        if name is not None:
            changes["name"] = checked_name(name)
        if excluded_teams is not None:
            changes["excluded_teams"] = TEAM_IDS.validate_python(list(excluded_teams))

        def apply() -> None:
            wanted = {k: v for k, v in changes.items() if getattr(self.session, k) != v}
            if wanted:
                wanted["updated"] = utc_now()
                self._commit(wanted)
                for key, value in wanted.items():
                    setattr(self.session, key, value)

        self._serialized(apply)

    def save_launch(self, launch: date | None) -> None:
        """Set the launch date, or clear it with None."""
        if launch is not None and not isinstance(launch, date):
            raise TypeError(f"expected a date, got {type(launch).__name__}")

        def apply() -> None:
            if self.session.launch != launch:
                now = utc_now()
                self._commit({"launch": launch, "updated": now})
                self.session.launch = launch
                self.session.updated = now

        self._serialized(apply)

    def close(self) -> None:
        def apply() -> None:
            if self._closed:
                return
            self._closed = True
            if self._on_close is not None:
                self._on_close(self)
            if self._db is not None:
                self._db.close()
            if self._lock is not None:
                self._lock.release()

        self._serialized(apply)

    def __enter__(self) -> OpenSession:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def rewrite_migrated(self) -> None:
        """Replace an old-format file with the current layout, after keeping the original."""
        assert self._db is not None
        with reported(f"could not upgrade session {quoted(self.session.name)} in {self.path}"):
            backups.keep_copy(self.path, self._backup_dir)
            self._backed_up = True
            self._db.storage.write(codec.tables_for(self.session))

    # -- behind it

    def _serialized(self, apply: Callable[[], None]) -> None:
        with self._mutex:
            if self._busy:
                self._queued.append(apply)
                return
            self._busy = True
            try:
                apply()
            finally:
                try:
                    while self._queued:
                        self._queued.pop(0)()
                finally:
                    self._busy = False

    def _commit(self, meta_changes: dict[str, Any], answer: tuple[str, Answer] | None = None) -> None:
        """Write the changes to disk in one atomic write; the in-memory session is updated by the caller after."""
        name = quoted(self.session.name)
        if self._closed:
            raise StoreError(f"session {name} is closed; reopen it to save")
        if self._db is None:
            raise ReadOnlySession(f"session {name} is read-only here; changes are not saved")
        storage = cast(AtomicJSONStorage, self._db.storage)
        with reported(f"could not save session {name} to {self.path}"):
            if not self._backed_up or storage.changed_on_disk():
                # Before this run's first write, and whenever another program replaced the file under
                # our lock: what is on disk now is kept, so neither version is lost.
                backups.keep_copy(self.path, self._backup_dir)
                self._backed_up = True
            if self._doc_ids is None:
                self._load_doc_ids()
            assert self._doc_ids is not None
            candidate = self.session.model_copy(update=meta_changes)
            inserted: int | None = None
            try:
                with storage.batch():
                    if answer is not None:
                        question_id, value = answer
                        doc = codec.answer_doc(question_id, value)
                        doc_id = self._doc_ids.get(question_id)
                        if doc_id is None:
                            inserted = self._db.table(codec.ANSWERS).insert(doc)
                        else:
                            self._db.table(codec.ANSWERS).update(_replace_with(doc), doc_ids=[doc_id])
                    self._db.table(codec.META).update(
                        _replace_with(codec.meta_doc(candidate)), doc_ids=[self._meta_id]
                    )
            except BaseException:
                self._doc_ids = None  # the file may or may not hold the insert: ask it next time
                raise
            if inserted is not None and answer is not None:
                self._doc_ids[answer[0]] = inserted

    def _load_doc_ids(self) -> None:
        assert self._db is not None
        tables = self._db.storage.read() or {}
        self._doc_ids = codec.answer_ids(tables)
        self._meta_id = codec.meta_id(tables)


def _replace_with(doc: dict[str, Any]) -> Callable[[MutableMapping[Any, Any]], None]:
    # TinyDB's update merges fields; a stored answer must become exactly the new one.
    def replace(target: MutableMapping[Any, Any]) -> None:
        target.clear()
        target.update(doc)

    return replace


def checked_name(name: str) -> str:
    """A session name as stored, or InvalidName saying in one line why it cannot be one."""
    try:
        return clean_name(name)
    except ValidationError:
        if not isinstance(name, str) or not name.strip():
            raise InvalidName("a session needs a name") from None
        raise InvalidName(f"session name is too long ({len(name.strip())} characters; at most 200)") from None
