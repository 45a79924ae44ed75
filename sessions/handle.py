"""An open session: the handle the app saves through while a session is on screen.

It holds the session's lock and its TinyDB file, and is given everything else it needs
(where its backups go, whom to tell when it closes) by the store that opens it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Mapping, MutableMapping
from datetime import date
from pathlib import Path
from typing import Any, cast

from pydantic import TypeAdapter, ValidationError
from tinydb import TinyDB

from sessions import backups, codec
from sessions.errors import N_, InvalidName, Message, MilestoneExists, ReadOnlySession, StoreError, quoted
from sessions.files import reported
from sessions.locks import Lock
from sessions.milestones import MilestoneFiles, new_key
from sessions.models import Answer, Milestone, Session, clean_name, utc_now
from sessions.names import MAX_MILESTONE_NAME, MAX_NAME, same_milestone_name
from sessions.storage import AtomicJSONStorage
from sessions.text import shows_nothing

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
        milestones: MilestoneFiles,
        db: TinyDB | None = None,
        lock: Lock | None = None,
        on_close: Callable[[OpenSession], None] | None = None,
    ) -> None:
        self.session = session
        self.read_only = db is None
        self.path = path
        self._backup_dir = backup_dir
        self._milestones = milestones
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
        self._milestone_ids: dict[str, int] = {}
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

    def save_milestone(self, name: str, counts: Mapping[str, int]) -> Milestone:
        """Keep the session as it is now under `name` (unique in the session, ignoring case);
        `counts` are the figures to list it with (readiness, open items…), as counted now."""
        name = checked_milestone_name(name)
        saved: list[Milestone] = []

        def apply() -> None:
            self._check_writable()
            taken = next((m for m in self.session.milestones if same_milestone_name(m.name, name)), None)
            if taken is not None:
                raise MilestoneExists(
                    N_(
                        "session {session} already has a milestone named {milestone} (saved {saved} UTC); "
                        "milestones are never overwritten — pick another name"
                    ),
                    session=quoted(self.session.name),
                    milestone=quoted(taken.name),
                    saved=f"{taken.saved:%Y-%m-%d %H:%M}",
                )
            milestone = Milestone(key=new_key(), name=name, saved=utc_now(), counts=dict(counts))
            state = self.session.model_copy(update={"answers": dict(self.session.answers), "milestones": []})
            with reported(
                Message(
                    N_("could not save milestone {milestone} of session {session}"),
                    milestone=quoted(name),
                    session=quoted(self.session.name),
                )
            ):
                # The state first: a kill before the reference is written leaves a file nothing lists,
                # never a listed milestone without its state.
                self._milestones.write(milestone, state)
            self._commit({}, milestone=milestone)
            self.session.milestones = [*self.session.milestones, milestone]
            saved.append(milestone)

        self._serialized(apply)
        return saved[0]

    def delete_milestone(self, key: str) -> None:
        """Remove a milestone from the session; its state moves into the session's backups."""

        def apply() -> None:
            self._check_writable()
            milestone = self.session.milestone(key)
            if milestone is None:
                return
            with reported(
                Message(N_("could not delete milestone {milestone}"), milestone=quoted(milestone.name))
            ):
                # Moved before the reference goes: a kill in between leaves a listed milestone whose
                # state is read from the backups, never a state nothing lists outside them.
                self._milestones.retire(key)
            self._commit({}, drop_milestone=key)
            self.session.milestones = [m for m in self.session.milestones if m.key != key]

        self._serialized(apply)

    def milestone_state(self, milestone: Milestone) -> Session:
        """The session as it was when `milestone` was saved: read from its own file, never changed."""
        return self._milestones.read(milestone, self.session.id)

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
        with reported(
            Message(
                N_("could not upgrade session {session} in {path}"),
                session=quoted(self.session.name),
                path=self.path,
            )
        ):
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

    def _check_writable(self) -> None:
        name = quoted(self.session.name)
        if self._closed:
            raise StoreError(N_("session {session} is closed; reopen it to save"), session=name)
        if self._db is None:
            raise ReadOnlySession(
                N_("session {session} is read-only here; changes are not saved"), session=name
            )

    def _commit(
        self,
        meta_changes: dict[str, Any],
        answer: tuple[str, Answer] | None = None,
        *,
        milestone: Milestone | None = None,
        drop_milestone: str | None = None,
    ) -> None:
        """Write the changes to disk in one atomic write; the in-memory session is updated by the caller after."""
        name = quoted(self.session.name)
        self._check_writable()
        assert self._db is not None
        storage = cast(AtomicJSONStorage, self._db.storage)
        with reported(
            Message(N_("could not save session {session} to {path}"), session=name, path=self.path)
        ):
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
            milestones = self._db.table(codec.MILESTONES)
            try:
                with storage.batch():
                    if milestone is not None:
                        self._milestone_ids[milestone.key] = milestones.insert(codec.milestone_doc(milestone))
                    if drop_milestone is not None and drop_milestone in self._milestone_ids:
                        milestones.remove(doc_ids=[self._milestone_ids.pop(drop_milestone)])
                    if answer is not None:
                        question_id, value = answer
                        doc = codec.answer_doc(question_id, value)
                        doc_id = self._doc_ids.get(question_id)
                        if doc_id is None:
                            inserted = self._db.table(codec.ANSWERS).insert(doc)
                        else:
                            self._db.table(codec.ANSWERS).update(_replace_with(doc), doc_ids=[doc_id])
                    if meta_changes:
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
        self._milestone_ids = codec.milestone_ids(tables)
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
            raise InvalidName(N_("a session needs a name")) from None
        raise InvalidName(
            N_("session name is too long ({count} characters; at most {most})"),
            count=len(name.strip()),
            most=MAX_NAME,
        ) from None


def checked_milestone_name(name: str) -> str:
    """A milestone name as stored, or InvalidName saying in one line why it cannot be one."""
    if not isinstance(name, str) or shows_nothing(name):
        raise InvalidName(N_("a milestone needs a name"))
    if len(name.strip()) > MAX_MILESTONE_NAME:
        raise InvalidName(
            N_("milestone name is too long ({count} characters; at most {most})"),
            count=len(name.strip()),
            most=MAX_MILESTONE_NAME,
        )
    return Milestone(key="x", name=name, saved=utc_now()).name
