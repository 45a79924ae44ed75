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

import os
import secrets
import threading
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable, Iterable

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
    is_session_id,
    reported,
    temp_target,
    utc_stamp,
    write_atomic,
)
from sessions.locks import Lock
from sessions.models import SCHEMA_VERSION, Answer, Session, clean_name, utc_now
from sessions.storage import AtomicJSONStorage

StatsFn = Callable[[Session], dict[str, int]]

_TEAM_IDS = TypeAdapter(list[str])
_INDEX_LOCK = "_index"  # cannot clash with a session id, which starts with a letter or digit


@dataclass(frozen=True)
class SessionEntry:
    """One row of the listing, read from the index (never by parsing every session)."""

    id: str
    name: str
    created: datetime
    updated: datetime
    path: Path
    stats: dict[str, int]  # whatever the store's stats function returned for this session


@dataclass
class Listing:
    entries: list[SessionEntry]  # most recently updated first
    problems: list[str] = field(default_factory=list)  # one line each, e.g. a corrupt file moved aside


# A listed session file: its identity when read, its index record, and its listing row or the
# problem it reports (None until made, for a row just read from index.json).
_Row = tuple[tuple[int, ...], "index.Record", "SessionEntry | str | None"]


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
                    self._db.table(codec.META).update(_replace_with(codec.meta_doc(candidate)), doc_ids=[self._meta_id])
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
        self._rows: dict[str, _Row] = {}
        self._sorted: list[SessionEntry] | None = None

    @staticmethod
    def default_dir() -> Path:
        import platformdirs  # only the default run needs it; keep it off the import path of the rest

        return platformdirs.user_data_path("walkthrough")

    # -- sessions

    def create(self, name: str, *, bank_id: str, bank_version: str, excluded_teams: Iterable[str] = ()) -> Session:
        name = _clean_name(name)
        with reported(f"could not create session {_quoted(name)} in {self.data_dir}"):
            session = Session(
                id=self._new_id(),
                name=name,
                bank_id=bank_id,
                bank_version=bank_version,
                excluded_teams=_TEAM_IDS.validate_python(list(excluded_teams)),
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
            [e for e in entries if wanted and (e.id.startswith(folded) or e.name.casefold().startswith(folded))],
        ):
            if len(matches) == 1:
                return matches[0]
            if matches:
                shown = ", ".join(f"{e.id} ({_one_line(e.name)})" for e in matches[:5])
                more = f" and {len(matches) - 5} more" if len(matches) > 5 else ""
                raise AmbiguousSession(f"{_quoted(ref)} matches {len(matches)} sessions: {shown}{more}")
        raise SessionNotFound(f"no session matches {_quoted(ref)}")

    def most_recent(self) -> SessionEntry | None:
        entries = self.list().entries
        return entries[0] if entries else None

    # -- behind it

    def _list(self) -> Listing:
        sessions_dir = self._layout.sessions
        problems: list[str] = []
        stats: dict[str, os.stat_result] = {}
        temps: list[str] = []
        with os.scandir(sessions_dir) as scan:
            for item in scan:
                name = item.name
                if name.endswith(".json") and not name.startswith("."):
                    if is_session_id(name[:-5]):
                        try:
                            stats[name[:-5]] = item.stat()
                        except FileNotFoundError:
                            pass
                    else:
                        problems.append(f"{item.path} is not named like a session file (<id>.json); ignored")
                elif temp_target(name) is not None:
                    temps.append(name)

        memo, records, index_file = self._known_rows()
        changed = (memo if memo is not None else records).keys() != stats.keys()
        rows: dict[str, _Row] = {}
        for session_id, stat in stats.items():
            seen = file_identity(stat)
            if memo is not None:
                row = memo.get(session_id)
                if row is not None and row[0] == seen:
                    rows[session_id] = row
                    continue
            else:
                record = records.get(session_id)
                if index.usable(record, seen, self._stats_key):
                    entry = self._entry(sessions_dir, session_id, record)
                    if entry is not None:
                        rows[session_id] = (seen, record, entry)
                        continue
            changed = True
            record = self._fresh_record(session_id, problems)
            if record is not None:
                rows[session_id] = (index.identity(record), record, self._entry(sessions_dir, session_id, record))
        unchanged = memo is not None and not changed
        self._rows = rows
        if changed:
            self._save_index({session_id: row[1] for session_id, row in rows.items()})
        else:
            self._index_seen = index_file  # it holds exactly these rows
        self._remove_orphans(temps)

        if not unchanged or self._sorted is None:
            entries = [row[2] for row in rows.values() if isinstance(row[2], SessionEntry)]
            entries.sort(key=lambda e: (_instant(e.updated), e.name), reverse=True)
            self._sorted = entries
        problems += [row[2] for row in rows.values() if isinstance(row[2], str)]
        return Listing(list(self._sorted), problems)

    def _known_rows(self) -> tuple[dict[str, _Row] | None, dict[str, index.Record], tuple[int, ...] | None]:
        """The rows of the last list() if index.json is still the file that holds them, else None
        and the records index.json holds now; and the identity of index.json."""
        try:
            seen = file_identity(self._layout.index.stat())
        except FileNotFoundError:
            seen = None
        if seen is not None and seen == self._index_seen:
            return self._rows, {}, seen
        self._index_seen = None
        self._sorted = None
        return None, index.load(self._layout.index) if seen else {}, seen

    def _entry(self, sessions_dir: Path, session_id: str, record: index.Record) -> SessionEntry | str | None:
        """The listing row for a record, the problem it reports, or None if the record is damaged."""
        if "problem" in record:
            return str(record["problem"])
        try:
            return SessionEntry(
                id=session_id,
                name=record["name"],
                created=datetime.fromisoformat(record["created"]),
                updated=datetime.fromisoformat(record["updated"]),
                path=sessions_dir / f"{session_id}.json",
                stats=dict(record["stats"]),
            )
        except (KeyError, TypeError, ValueError):
            return None  # a damaged record: the caller re-reads the file

    def _fresh_record(self, session_id: str, problems: list[str]) -> index.Record | None:
        """Read one session file for the index; None if it is gone or was moved aside (said in `problems`)."""
        storage = AtomicJSONStorage(self._layout.session_file(session_id))
        try:
            session, _ = self._load(session_id, storage)
        except SessionNotFound:
            return None
        except NewerSchema as exc:
            assert storage.seen is not None
            return index.problem_record(storage.seen, str(exc))
        except CorruptSession as exc:
            problems.append(str(exc))
            return None
        assert storage.seen is not None
        return index.session_record(session, storage.seen, self._stats(session), self._stats_key)

    def _save_index(self, records: dict[str, index.Record]) -> None:
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
                self._index_seen = file_identity(index.save(self._layout.index, records))
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
            return CorruptSession(f"session file {path} is corrupt ({problem}); could not move it aside: "
                                  f"{describe_os_error(exc)}")
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
        advice = f"close it{there} before {purpose}" if purpose else f"close it{there} first, or open it read-only"
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
            if not self._layout.session_file(candidate).exists() and not self._layout.backup_dir(candidate).exists():
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


def _instant(moment: datetime) -> float:
    # Imported sessions may carry naive times; read them as UTC so sorting never mixes the two.
    return (moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)).timestamp()
