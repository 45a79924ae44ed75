"""The listing of every session, kept cheap by index.json and by what the last listing saw.

A listing stats every session file (one stat each, in C) and trusts index.json's record of a
file only while the file still has the identity recorded (`index`); any other file is read
(`reader`) and its record rewritten. The same object listing again re-parses neither
index.json nor unchanged rows.
"""

from __future__ import annotations

import gc
import os
import stat
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from datetime import datetime
from itertools import repeat
from operator import attrgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from sessions import index
from sessions.errors import N_, Message, NewerSchema, NotFollowed, SessionNotFound, StoreError
from sessions.files import Layout, file_identity, is_session_file, is_session_id, temp_target
from sessions.locks import IdLock, Lock
from sessions.safeio import SESSION_FILE, not_followed

if TYPE_CHECKING:
    # Listing from an up-to-date index reads no session file: the models (and pydantic) and
    # the storage (and TinyDB) are imported only when one must be read.
    from sessions.models import Session
    from sessions.storage import AtomicJSONStorage

StatsFn = Callable[["Session"], dict[str, Any]]  # JSON values: counts, and the launch date as text
LoadFn = Callable[[str, "AtomicJSONStorage"], tuple["Session", int]]

_INDEX_LOCK = "_index"
_MODE = attrgetter("st_mode")  # cannot clash with a session id, which starts with a letter or digit


class SessionEntry(NamedTuple):
    """One row of the listing, read from the index (never by parsing every session).

    A NamedTuple rather than a class or a dataclass: a listing makes one per session at every
    start, and `_rows_from_index` makes them all with tuple.__new__ mapped over the index's
    columns, in C (a third of the time of an __init__ per session); and `walkthrough list`
    imports this module, where the dataclasses it used to hold cost ~15 ms of compiling.
    Being a tuple it is frozen; its stats are a dict, so it has no hash.
    """

    id: str
    name: str
    created: datetime
    updated: datetime
    stats: dict[str, Any]  # whatever the store's stats function returned for this session
    sessions_dir: Path  # where the file is: `path`

    @property
    def path(self) -> Path:
        # Made when asked for, not per listed session: building a Path is slower than the rest of a row.
        return self.sessions_dir / f"{self.id}.json"


class Listing:
    def __init__(self, entries: list[SessionEntry], problems: list[str] | None = None) -> None:
        self.entries = entries  # most recently updated first
        self.problems = problems if problems is not None else []  # one line each, e.g. a file moved aside

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Listing):
            return NotImplemented
        return (self.entries, self.problems) == (other.entries, other.problems)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Listing(entries={self.entries!r}, problems={self.problems!r})"


class _Rows:
    """What a listing found, by session id: each file's identity when read, and its listing
    entry or, for a file this walkthrough cannot read, the problem it reports."""

    def __init__(
        self,
        identities: dict[str, index.Identity] | None = None,  # the ids of both below
        entries: dict[str, SessionEntry] | None = None,
        problems: dict[str, str] | None = None,
    ) -> None:
        self.identities = identities if identities is not None else {}
        self.entries = entries if entries is not None else {}
        self.problems = problems if problems is not None else {}

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


class SessionListing:
    """Lists a data directory's sessions, most recently updated first, keeping what it saw."""

    def __init__(self, layout: Layout, *, stats: StatsFn, stats_key: str, load: LoadFn) -> None:
        self._layout = layout
        self._stats = stats
        self._stats_key = stats_key
        self._load = load  # reads one session file; raises StoreError subclasses
        # _index_seen is the identity of the index.json that holds exactly _rows (None: not known to).
        self._mutex = threading.Lock()
        self._index_seen: tuple[int, ...] | None = None
        self._rows = _Rows()
        self._sorted: list[SessionEntry] | None = None

    def listing(self) -> Listing:
        with self._mutex:
            return self._list()

    def unreadable(self, prefix: str) -> str | None:
        """Why the last listing could not list a session whose id starts with `prefix`, if it could not."""
        for session_id, problem in self._rows.problems.items():
            if prefix and session_id.startswith(prefix):
                return problem
        return None

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
        """The session files' identities by id, and the names of temp files; misnamed files, and
        links or special files named like session files (never followed), go in `problems`."""
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
            stats = list(map(os.lstat, paths))
        except FileNotFoundError:  # one was deleted since the directory was read: one by one, then
            kept = []
            for n, path in enumerate(paths):
                with suppress(FileNotFoundError):
                    kept.append((n, os.lstat(path)))
            ids, paths = [ids[n] for n, _ in kept], [paths[n] for n, _ in kept]
            stats = [found_stat for _, found_stat in kept]
        if not all(map(stat.S_ISREG, map(_MODE, stats))):  # rare: a link, a FIFO, a directory…
            regular = [n for n, found_stat in enumerate(stats) if stat.S_ISREG(found_stat.st_mode)]
            problems.extend(
                not_followed(path, found_stat.st_mode, SESSION_FILE).message()
                for path, found_stat in zip(paths, stats, strict=False)
                if not stat.S_ISREG(found_stat.st_mode)
            )
            ids, stats = [ids[n] for n in regular], [stats[n] for n in regular]
        found: dict[str, index.Identity] = dict(zip(ids, map(file_identity, stats), strict=False))

        temps: list[str] = []
        if len(files) < len(names):  # rare: temp files of a write (or of a crash), or strays
            for name in sorted(set(names).difference(files)):
                if name.endswith(".json") and not name.startswith("."):
                    problems.append(
                        Message(
                            N_("{path} is not named like a session file (<id>.json); ignored"),
                            path=sessions_dir / name,
                        )
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
        rows = zip(*usable, repeat(self._layout.sessions))
        entries = dict(zip(usable.id, map(tuple.__new__, repeat(SessionEntry), rows), strict=False))
        if len(entries) + len(problems) == len(found):
            identities = found  # the usual start: every file is described by its record
        else:
            identities = {session_id: found[session_id] for session_id in [*entries, *problems]}
        return _Rows(identities, entries, problems)

    def _known_rows(
        self,
    ) -> tuple[_Rows | None, tuple[index.Columns, dict[str, index.ProblemRecord]], index.Identity | None]:
        """The rows of the last listing if index.json is still the file that holds them, else None
        and the session and problem records index.json holds now; and the identity of index.json."""
        try:
            index_stat = os.lstat(self._layout.index)
            seen = file_identity(index_stat) if stat.S_ISREG(index_stat.st_mode) else None
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
        from sessions.storage import AtomicJSONStorage

        storage = AtomicJSONStorage(self._layout.session_file(session_id))
        try:
            session, _ = self._load(session_id, storage)
        except SessionNotFound:
            return
        except NewerSchema as exc:
            assert storage.seen is not None
            rows.identities[session_id] = storage.seen
            rows.problems[session_id] = exc.message()
            return
        except (
            StoreError
        ) as exc:  # corrupt, or e.g. a directory named like a session file: the others still list
            problems.append(exc.message())
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
        # The index is a cache: if it cannot be written now, the next listing rebuilds what is stale.
        self._index_seen = None
        # Two walkthroughs listing at once would only write the same facts; the loser skips.
        # (An index.json that is not a regular file, say a link, is replaced, not followed.)
        lock = Lock(self._layout.lock_file(_INDEX_LOCK))
        try:
            if not lock.try_acquire():
                return
            try:
                with os.scandir(self._layout.root) as scan:
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
        except (OSError, NotFollowed):
            pass

    def _remove_orphans(self, temps: list[str]) -> None:
        """Delete temp files left by a crash: those of sessions nobody holds (a holder may be
        mid-write), and only while no session is being created (`ids`: its temp file is held by
        the id lock alone)."""
        if not temps:
            return
        with IdLock(self._layout.sessions).held_if_free() as free:
            if not free:
                return
            for name in temps:
                target = temp_target(name) or ""
                session_id = target[:-5] if target.endswith(".json") else ""
                if not is_session_id(session_id):
                    continue
                lock = Lock(self._layout.lock_file(session_id))
                with suppress(NotFollowed):  # a link in the lock's place: leave the temp file alone
                    if lock.try_acquire():
                        try:
                            (self._layout.sessions / name).unlink(missing_ok=True)
                        finally:
                            lock.release()


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
    # order already, so sorting it costs one comparison per entry. Every time is in UTC
    # (`models.utc_moment`, checked again on reading the index), so any two compare.
    entries.sort(key=_UPDATED_AND_NAME, reverse=True)
    return entries


_UPDATED_AND_NAME = attrgetter("updated", "name")
