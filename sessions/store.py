"""The session store: one TinyDB file per session.

Layout under the data directory (see `files.Layout`):
    sessions/<id>.json      one TinyDB file per session (`codec` has its tables)
    index.json              what listing needs, rebuilt when stale (`index`)
    backups/<id>/*.json     the last 5 versions, kept before each run's first write (`backups`)
    corrupt/                unreadable files, moved aside with a timestamp, never deleted
    locks/<id>.lock         held while a session is open (`locks`)

Saving an answer rewrites only that session's file (atomically, see `storage`); it does
not touch the index, which `list()` refreshes from file stats.
"""

from __future__ import annotations

import gc
import os
import secrets
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from functools import cached_property
from itertools import repeat
from operator import attrgetter
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter, ValidationError
from tinydb import TinyDB

from sessions import backups, codec, index
from sessions.errors import (
    AmbiguousSession,
    CorruptSession,
    InvalidDocument,
    InvalidName,
    NewerSchema,
    ReadOnlySession,
    SessionLocked,
    SessionNotFound,
    StoreError,
)
from sessions.files import (
    FILE_MODE,
    Layout,
    decode_json,
    describe_os_error,
    encode_json,
    file_identity,
    is_session_file,
    is_session_id,
    reported,
    temp_target,
    utc_stamp,
    write_atomic,
)
from sessions.location import default_data_dir
from sessions.locks import Lock
from sessions.models import SCHEMA_VERSION, Answer, Session, clean_name, utc_now
from sessions.storage import AtomicJSONStorage

StatsFn = Callable[[Session], dict[str, Any]]  # JSON values: counts, and the launch date as text

_TEAM_IDS = TypeAdapter(list[str])
_INDEX_LOCK = "_index"  # cannot clash with a session id, which starts with a letter or digit


@dataclass(frozen=True, init=False)
class SessionEntry:
    """One row of the listing, read from the index (never by parsing every session)."""

    id: str
    name: str
    created: datetime
    updated: datetime
    stats: dict[str, Any]  # whatever the store's stats function returned for this session
    sessions_dir: Path = field(repr=False)  # where the file is: `path`

    def __init__(
        self,
        id: str,
        name: str,
        created: datetime,
        updated: datetime,
        stats: dict[str, Any],
        sessions_dir: Path,
    ) -> None:
        # A listing makes one per session at every start. A frozen dataclass's own __init__ sets
        # each field through object.__setattr__, ~2 µs an entry here (20 ms at 10,000 sessions);
        # filling __dict__ directly costs a third of that and leaves the instance just as frozen.
        fields = self.__dict__
        fields["id"] = id
        fields["name"] = name
        fields["created"] = created
        fields["updated"] = updated
        fields["stats"] = stats
        fields["sessions_dir"] = sessions_dir

    @cached_property
    def path(self) -> Path:
        # Made when asked for, not per listed session: building a Path is slower than the rest of a row.
        return self.sessions_dir / f"{self.id}.json"


@dataclass
class Listing:
    entries: list[SessionEntry]  # most recently updated first
    problems: list[str] = field(default_factory=list)  # one line each, e.g. a corrupt file moved aside


@dataclass
class _Rows:
    """What a listing found, by session id: each file's identity when read, and its listing
    entry or, for a file this walkthrough cannot read, the problem it reports."""

    identities: dict[str, index.Identity] = field(default_factory=dict)  # the ids of both below
    entries: dict[str, SessionEntry] = field(default_factory=dict)
    problems: dict[str, str] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.identities)

    def still_describing(self, found: dict[str, index.Identity]) -> _Rows:
        """The rows whose file still has the identity it had when read (`found`: identities by id)."""
        if self.identities == found:  # the usual case, compared in C
            return self
        same = {key: identity for key, identity in self.identities.items() if found.get(key) == identity}
        return _Rows(
            same,
            {key: entry for key, entry in self.entries.items() if key in same},
            {key: problem for key, problem in self.problems.items() if key in same},
        )


class OpenSession:
    """A session held open (and locked) by this process. Thread-safe: the TUI saves from a worker."""

    session: Session
    read_only: bool

    def __init__(
        self,
        store: SessionStore,
        session: Session,
        *,
        path: Path,
        db: TinyDB | None = None,
        lock: Lock | None = None,
    ) -> None:
        self.session = session
        self.read_only = db is None
        self.path = path
        self._store = store
        self._db = db
        self._lock = lock
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
            changes["name"] = _clean_name(name)
        if excluded_teams is not None:
            changes["excluded_teams"] = _TEAM_IDS.validate_python(list(excluded_teams))

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
            self._store._forget_open(self)
            if self._db is not None:
                self._db.close()
            if self._lock is not None:
                self._lock.release()

        self._serialized(apply)

    def __enter__(self) -> OpenSession:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

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
        name = _quoted(self.session.name)
        if self._closed:
            raise StoreError(f"session {name} is closed; reopen it to save")
        if self._db is None:
            raise ReadOnlySession(f"session {name} is read-only here; changes are not saved")
        storage: AtomicJSONStorage = self._db.storage  # type: ignore[assignment]
        with reported(f"could not save session {name} to {self.path}"):
            if not self._backed_up or storage.changed_on_disk():
                # Before this run's first write, and whenever another program replaced the file under
                # our lock: what is on disk now is kept, so neither version is lost.
                backups.keep_copy(self.path, self._store._layout.backup_dir(self.session.id))
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

    def _rewrite_migrated(self) -> None:
        """Replace an old-format file with the current layout, after keeping the original."""
        assert self._db is not None
        with reported(f"could not upgrade session {_quoted(self.session.name)} in {self.path}"):
            backups.keep_copy(self.path, self._store._layout.backup_dir(self.session.id))
            self._backed_up = True
            self._db.storage.write(codec.tables_for(self.session))


def _replace_with(doc: dict[str, Any]) -> Callable[[dict[str, Any]], None]:
    # TinyDB's update merges fields; a stored answer must become exactly the new one.
    def replace(target: dict[str, Any]) -> None:
        target.clear()
        target.update(doc)

    return replace


class SessionStore:
    def __init__(
        self,
        data_dir: Path,
        *,
        create_parents: bool = False,  # the default platform dir may need parents; an explicit --data-dir only itself
        stats: StatsFn | None = None,
        stats_key: str = "",  # entries computed under another key are recomputed on list()
    ) -> None:
        self.data_dir = Path(data_dir).expanduser()
        self._layout = Layout(self.data_dir)
        self._layout.prepare(create_parents=create_parents)
        self._stats: StatsFn = stats or _count_answers
        self._stats_key = stats_key if stats else "answers"
        self._open: dict[str, OpenSession] = {}
        self._open_mutex = threading.Lock()
        # What the last list() saw, so listing again re-parses neither index.json nor unchanged rows.
        # _index_seen is the identity of the index.json that holds exactly _rows (None: not known to).
        self._list_mutex = threading.Lock()
        self._index_seen: tuple[int, ...] | None = None
        self._rows = _Rows()
        self._sorted: list[SessionEntry] | None = None

    @staticmethod
    def default_dir() -> Path:
        return default_data_dir()

    # -- sessions

    def create(
        self,
        name: str,
        *,
        bank_id: str,
        bank_version: str,
        excluded_teams: Iterable[str] = (),
        launch: date | None = None,
    ) -> Session:
        name = _clean_name(name)
        with reported(f"could not create session {_quoted(name)} in {self.data_dir}"):
            session = Session(
                id=self._new_id(),
                name=name,
                bank_id=bank_id,
                bank_version=bank_version,
                excluded_teams=_TEAM_IDS.validate_python(list(excluded_teams)),
                launch=launch,
            )
            self._write_new(session)
        return session

    def open(self, session_id: str, *, read_only: bool = False) -> OpenSession:
        return self._open_session(session_id, read_only=read_only, purpose="")

    def rename(self, session_id: str, name: str) -> None:
        name = _clean_name(name)
        with self._open_mutex:
            here = self._open.get(session_id)
        if here is not None:
            here.save_settings(name=name)
            return
        with self._open_session(session_id, read_only=False, purpose="renaming it") as handle:
            handle.save_settings(name=name)

    def delete(self, session_id: str) -> None:
        path = self._existing_file(session_id)
        lock = self._lock_or_refuse(session_id, purpose="deleting it")
        try:
            with reported(f"could not delete session {session_id}"):
                # Into the backups rather than gone: a mistaken delete can still be undone by hand.
                backups.move_in(path, self._layout.backup_dir(session_id))
                lock.path.unlink(missing_ok=True)
        finally:
            lock.release()

    def export_document(self, session_id: str) -> dict[str, Any]:
        self._existing_file(session_id)
        session, _ = self._load(session_id)
        return codec.export_document(session)

    def import_document(self, document: Any) -> Session:
        if isinstance(document, (str, bytes, bytearray)):
            try:
                document = decode_json(document if isinstance(document, str) else bytes(document))
            except UnicodeDecodeError:
                raise InvalidDocument("import document is not UTF-8 text") from None
            except ValueError as exc:
                raise InvalidDocument(f"import document is not valid JSON: {exc}") from None
        try:
            version = codec.read_version(document)
        except codec.LayoutError as exc:
            raise InvalidDocument(f"import document is not a session: {exc}") from None
        if version > SCHEMA_VERSION:
            raise NewerSchema(
                f"import document was written by a newer walkthrough (schema {version}, this one reads up to "
                f"{SCHEMA_VERSION}) — upgrade walkthrough to import it"
            )
        wanted = codec.stored_id(document)
        try:
            session = codec.session_from(document, version, session_id="import")
        except codec.LayoutError as exc:
            raise InvalidDocument(f"import document is not a valid session: {exc}") from None
        with reported(f"could not import session {_quoted(session.name)} into {self.data_dir}"):
            taken = not is_session_id(wanted) or self._layout.session_file(wanted).exists()
            session.id = self._new_id() if taken else wanted
            self._write_new(session)
        return session

    # -- listing

    def list(self) -> Listing:
        with reported(f"could not list sessions in {self.data_dir}"), self._list_mutex:
            return self._list()

    def resolve(self, ref: str) -> SessionEntry:
        entries = self.list().entries
        wanted = ref.strip()
        folded = wanted.casefold()
        for matches in (
            [e for e in entries if e.id == wanted],
            [e for e in entries if e.name.casefold() == folded],
            [
                e
                for e in entries
                if wanted and (e.id.startswith(folded) or e.name.casefold().startswith(folded))
            ],
        ):
            if len(matches) == 1:
                return matches[0]
            if matches:
                shown = ", ".join(f"{e.id} ({_one_line(e.name)})" for e in matches[:5])
                more = f" and {len(matches) - 5} more" if len(matches) > 5 else ""
                raise AmbiguousSession(f"{_quoted(ref)} matches {len(matches)} sessions: {shown}{more}")
        # A file this walkthrough cannot read (a newer schema) is listed as a problem, not an
        # entry: naming it should repeat why, not claim it does not exist.
        for session_id, problem in self._rows.problems.items():
            if wanted and session_id.startswith(folded):
                raise NewerSchema(problem)
        raise SessionNotFound(f"no session matches {_quoted(ref)}")

    def most_recent(self) -> SessionEntry | None:
        entries = self.list().entries
        return entries[0] if entries else None

    # -- behind it

    def _list(self) -> Listing:
        problems: list[str] = []
        with _collector_paused():  # not while reading session files below, which makes garbage
            found, temps = self._scan(problems)
            memo, (columns, problem_records), index_file = self._known_rows()
            if memo is not None:
                rows = memo.still_describing(found)
                held = len(memo)
            else:
                rows = self._rows_from_index(found, columns, problem_records)
                held = len(columns.id) + len(problem_records)
        changed = len(rows) != held  # else index.json holds exactly these rows (and maybe more to read below)
        # Files without a row are new, changed or have a damaged record: read them. (The rows are
        # of files found, so the same count means none; that test spares a set of 10,000 ids.)
        stale = sorted(found.keys() - rows.identities.keys()) if len(rows) < len(found) else []
        for session_id in stale:
            changed = True
            self._read_row(session_id, rows, problems)
        self._rows = rows

        if changed or self._sorted is None:
            self._sorted = _most_recent_first(list(rows.entries.values()))
        if changed:
            self._save_index(rows, self._sorted)
        else:
            self._index_seen = index_file  # it holds exactly these rows
        self._remove_orphans(temps)
        problems += rows.problems.values()
        return Listing(list(self._sorted), problems)

    def _scan(self, problems: list[str]) -> tuple[dict[str, index.Identity], list[str]]:
        """The session files' identities by id, and the names of temp files; misnamed files go in `problems`."""
        # One stat per file is the price of noticing files added, removed or edited behind the
        # index's back (even a same-size edit in place, by its ctime), and most of a listing's
        # time: so the names are filtered and the files stat'ed by C functions mapped over them,
        # with no bytecode per file (a quarter faster than a loop calling DirEntry.stat()).
        sessions_dir = self._layout.sessions
        names = os.listdir(sessions_dir)
        files = list(filter(is_session_file, names))
        ids = [name[:-5] for name in files]
        prefix = f"{sessions_dir}{os.sep}"
        paths = [prefix + name for name in files]
        try:
            found = dict(zip(ids, map(file_identity, map(os.stat, paths)), strict=False))
        except FileNotFoundError:  # one was deleted since the directory was read: one by one, then
            found = {}
            for session_id, path in zip(ids, paths, strict=False):
                with suppress(FileNotFoundError):
                    found[session_id] = file_identity(os.stat(path))

        temps: list[str] = []
        if len(files) < len(names):  # rare: temp files of a write (or of a crash), or strays
            for name in sorted(set(names).difference(files)):
                if name.endswith(".json") and not name.startswith("."):
                    problems.append(
                        f"{sessions_dir / name} is not named like a session file (<id>.json); ignored"
                    )
                elif temp_target(name) is not None:
                    temps.append(name)
        return found, temps

    def _rows_from_index(
        self,
        found: dict[str, index.Identity],
        columns: index.Columns,
        problem_records: dict[str, index.ProblemRecord],
    ) -> _Rows:
        """The rows of the files whose index.json record still describes them."""
        problems = {}
        for session_id, record in problem_records.items():
            problem = index.problem_of(record, found.get(session_id))
            if problem is not None:
                problems[session_id] = problem
        session_files = (
            {key: identity for key, identity in found.items() if key not in problems} if problems else found
        )
        usable = index.usable_sessions(columns, session_files)
        # In the index's order, which was the listing's when saved: sorting them again costs little.
        entries = dict(
            zip(usable.id, map(SessionEntry, *usable, repeat(self._layout.sessions)), strict=False)
        )
        if len(entries) + len(problems) == len(found):
            identities = found  # the usual start: every file is described by its record
        else:
            identities = {session_id: found[session_id] for session_id in [*entries, *problems]}
        return _Rows(identities, entries, problems)

    def _known_rows(
        self,
    ) -> tuple[_Rows | None, tuple[index.Columns, dict[str, index.ProblemRecord]], index.Identity | None]:
        """The rows of the last list() if index.json is still the file that holds them, else None
        and the session and problem records index.json holds now; and the identity of index.json."""
        try:
            seen = file_identity(self._layout.index.stat())
        except FileNotFoundError:
            seen = None
        if seen is not None and seen == self._index_seen:
            return self._rows, (index.NO_SESSIONS, {}), seen
        self._index_seen = None
        self._sorted = None
        return (
            None,
            index.load(self._layout.index, self._stats_key) if seen else (index.NO_SESSIONS, {}),
            seen,
        )

    def _read_row(self, session_id: str, rows: _Rows, problems: list[str]) -> None:
        """Read one session file into `rows`; nothing if it is gone or was moved aside (said in `problems`)."""
        storage = AtomicJSONStorage(self._layout.session_file(session_id))
        try:
            session, _ = self._load(session_id, storage)
        except SessionNotFound:
            return
        except NewerSchema as exc:
            assert storage.seen is not None
            rows.identities[session_id] = storage.seen
            rows.problems[session_id] = str(exc)
            return
        except CorruptSession as exc:
            problems.append(str(exc))
            return
        except StoreError as exc:  # e.g. a directory named like a session file: the others still list
            problems.append(str(exc))
            return
        assert storage.seen is not None
        # Times as index.json gives them back, so that this entry equals one a later listing reads.
        created, updated = (
            datetime.fromisoformat(moment.isoformat()) for moment in (session.created, session.updated)
        )
        stats = dict(self._stats(session))
        rows.identities[session_id] = storage.seen
        entry = SessionEntry(session_id, session.name, created, updated, stats, self._layout.sessions)
        rows.entries[session_id] = entry

    def _save_index(self, rows: _Rows, entries: list[SessionEntry]) -> None:
        # The index is a cache: if it cannot be written now, the next list() rebuilds what is stale.
        self._index_seen = None
        # Two walkthroughs listing at once would only write the same facts; the loser skips.
        lock = Lock(self._layout.lock_file(_INDEX_LOCK))
        try:
            if not lock.try_acquire():
                return
            try:
                with os.scandir(self.data_dir) as scan:
                    for item in scan:
                        if temp_target(item.name) == self._layout.index.name:
                            Path(item.path).unlink(missing_ok=True)
                # In listing order: the next fresh listing then finds them sorted already.
                sessions = [(rows.identities[entry.id], entry) for entry in entries]
                problems = {key: (rows.identities[key], problem) for key, problem in rows.problems.items()}
                saved = index.save(self._layout.index, self._stats_key, sessions, problems)
                self._index_seen = file_identity(saved)
            finally:
                lock.release()
        except OSError:
            pass

    def _remove_orphans(self, temps: list[str]) -> None:
        """Delete temp files left by a crash: those of sessions nobody holds (a holder may be mid-write)."""
        for name in temps:
            target = temp_target(name) or ""
            session_id = target[:-5] if target.endswith(".json") else ""
            if not is_session_id(session_id):
                continue
            lock = Lock(self._layout.lock_file(session_id))
            if lock.try_acquire():
                try:
                    (self._layout.sessions / name).unlink(missing_ok=True)
                finally:
                    lock.release()

    def _open_session(self, session_id: str, *, read_only: bool, purpose: str) -> OpenSession:
        path = self._existing_file(session_id)
        if read_only:
            session, _ = self._load(session_id)
            return OpenSession(self, session, path=path)
        lock = self._lock_or_refuse(session_id, purpose=purpose)
        try:
            db = TinyDB(path, storage=AtomicJSONStorage)
            session, version = self._load(session_id, db.storage, locked=True)
            handle = OpenSession(self, session, path=path, db=db, lock=lock)
            if version < SCHEMA_VERSION:
                handle._rewrite_migrated()
        except BaseException:
            lock.release()
            raise
        with self._open_mutex:
            self._open[session_id] = handle
        return handle

    def _forget_open(self, handle: OpenSession) -> None:
        with self._open_mutex:
            if self._open.get(handle.session.id) is handle:
                del self._open[handle.session.id]

    def _load(
        self, session_id: str, storage: AtomicJSONStorage | None = None, *, locked: bool = False
    ) -> tuple[Session, int]:
        """Read, upgrade and validate a session file (migrating in memory only); returns it and its version."""
        path = self._layout.session_file(session_id)
        storage = storage or AtomicJSONStorage(path)
        with reported(f"could not read session file {path}"):
            try:
                raw = storage.read()
            except ValueError as exc:  # bad JSON or bad UTF-8
                raise self._corrupt(session_id, _json_problem(exc), locked=locked) from None
        if raw is None and storage.seen is None:
            raise SessionNotFound(f"no session with id {_quoted(session_id)}")
        try:
            version = codec.read_version(raw)
            if version > SCHEMA_VERSION:
                raise NewerSchema(
                    f"session file {path} was written by a newer walkthrough (schema {version}, this one reads up "
                    f"to {SCHEMA_VERSION}); left untouched — upgrade walkthrough to open it"
                )
            return codec.session_from(raw, version, session_id=session_id), version
        except codec.LayoutError as exc:
            raise self._corrupt(session_id, str(exc), locked=locked) from None

    def _corrupt(self, session_id: str, problem: str, *, locked: bool) -> CorruptSession:
        """Move an unreadable session file aside (never delete it) and say so in one line."""
        path = self._layout.session_file(session_id)
        lock = None if locked else Lock(self._layout.lock_file(session_id))
        if lock is not None and not lock.try_acquire():
            return CorruptSession(
                f"session file {path} is corrupt ({problem}); left in place because another walkthrough has it open"
            )
        try:
            target = self._layout.corrupt / f"{session_id}.{utc_stamp()}.json"
            os.replace(path, target)
            os.chmod(target, FILE_MODE)
        except OSError as exc:
            return CorruptSession(
                f"session file {path} is corrupt ({problem}); could not move it aside: "
                f"{describe_os_error(exc)}"
            )
        finally:
            if lock is not None:
                lock.release()
        return CorruptSession(f"session file {path} is corrupt ({problem}); moved to {target}")

    def _existing_file(self, session_id: str) -> Path:
        path = self._layout.session_file(session_id) if is_session_id(session_id) else None
        if path is None or not path.is_file():
            raise SessionNotFound(f"no session with id {_quoted(session_id)}")
        return path

    def _lock_or_refuse(self, session_id: str, *, purpose: str) -> Lock:
        lock = Lock(self._layout.lock_file(session_id))
        with reported(f"could not lock session {session_id}"):
            if lock.try_acquire():
                return lock
        name = _quoted(self._name_of(session_id))
        with self._open_mutex:
            open_here = session_id in self._open
        pid = lock.holder_pid()
        if open_here or pid == os.getpid():
            where, there = "is already open in this walkthrough", ""
        else:
            where, there = f"is open in another walkthrough (pid {pid if pid else 'unknown'}?)", " there"
        advice = (
            f"close it{there} before {purpose}" if purpose else f"close it{there} first, or open it read-only"
        )
        raise SessionLocked(f"session {name} {where} — {advice}")

    def _name_of(self, session_id: str) -> str:
        try:
            return self._load(session_id)[0].name
        except StoreError:
            return session_id

    def _new_id(self) -> str:
        while True:
            candidate = secrets.token_hex(6)
            # A deleted session's backups keep its id taken, so they never mix with a new session's.
            if (
                not self._layout.session_file(candidate).exists()
                and not self._layout.backup_dir(candidate).exists()
            ):
                return candidate

    def _write_new(self, session: Session) -> None:
        # Held while writing: listing removes temp files only of sessions nobody holds.
        lock = self._lock_or_refuse(session.id, purpose="replacing it")
        try:
            write_atomic(self._layout.session_file(session.id), encode_json(codec.tables_for(session)))
        finally:
            lock.release()


def _count_answers(session: Session) -> dict[str, int]:
    return {"answers": len(session.answers)}


def _clean_name(name: str) -> str:
    try:
        return clean_name(name)
    except ValidationError:
        if not isinstance(name, str) or not name.strip():
            raise InvalidName("a session needs a name") from None
        raise InvalidName(f"session name is too long ({len(name.strip())} characters; at most 200)") from None


def _json_problem(exc: Exception) -> str:
    if isinstance(exc, UnicodeDecodeError):
        return f"not UTF-8 text at byte {exc.start}"
    return f"not valid JSON: {exc}"


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


def _quoted(text: str) -> str:
    return f"'{_one_line(text)}'"


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Keep Python's cyclic garbage collector from running while a listing is made from index.json.

    Listing 10,000 sessions makes tens of thousands of container objects (parsed index columns,
    entries) that mostly outlive it, as the rows are kept for the next listing; with the collector
    on, it walks them again and again as they are made, for nothing: ~20 ms of a 100 ms budget,
    measured. Reference counting still frees garbage meanwhile. The switch is process-wide: it
    is only turned back on if it was on before.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _most_recent_first(entries: list[SessionEntry]) -> list[SessionEntry]:
    """Sorted by updated time, most recent first, ties by name (descending)."""
    # The key is made in C and compared in C, and a listing read from index.json is in this
    # order already, so sorting it costs one comparison per entry. A key function made in Python
    # (as the fallback's) costs ~10 ms at 10,000 sessions.
    try:
        entries.sort(key=_UPDATED_AND_NAME, reverse=True)
    except TypeError:  # naive times (imported sessions may carry them) among aware ones: read them as UTC
        entries.sort(key=_instant_and_name, reverse=True)
    return entries


_UPDATED_AND_NAME = attrgetter("updated", "name")


def _instant_and_name(entry: SessionEntry) -> tuple[float, str]:
    moment = entry.updated
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).timestamp(), entry.name
