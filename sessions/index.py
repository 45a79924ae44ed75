"""index.json: the little a listing needs per session, so listing never parses every session.

    {"format": 2, "schema_version": 2, "stats_key": "<key>",
     "sessions": {"id": [...], "ino": [...], "ctime_ns": [...], "mtime_ns": [...], "size": [...],
                  "name": [...], "created": [...], "updated": [...], "stats": [...]},
     "problems": {"<id>": [ino, ctime_ns, mtime_ns, size, "<problem>"]}}

"sessions" is a table by columns: the n-th item of every list describes one session, most
recently updated first. ino, ctime_ns, mtime_ns and size are its file's identity
(`files.file_identity`), created and updated ISO 8601 times, stats what the store's stats
function returned, under the stats key stored once at the top.

A record is trusted only while its session file still has the same identity, and a session
record only while the index was made under the store's stats key; else the store re-reads
that one file. A file a walkthrough cannot read (a newer schema) gets a problem record instead,
so it is reported without being parsed again; problems do not depend on the stats key. The
index is a cache: if it is missing, garbage or of another format (e.g. format 1, an object per
session), it is rebuilt from the session files.

Why columns: every start of the app (and every CLI command) lists all sessions, and at 10,000
sessions reading this file is a good part of the time. Columns name each field once (1.7 MB
where format 1 took 2.6 MB, with the default stats), parse into a few lists instead of an object
per session, and let `usable_sessions` check and convert them a column at a time, in C, in the
usual case where no file changed behind the index's back.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from datetime import UTC, datetime
from operator import attrgetter
from pathlib import Path
from typing import Any, NamedTuple, Protocol

from sessions.errors import Message, NotFollowed
from sessions.files import decode_json, encode_json, read_file, write_atomic
from sessions.schema import EARLIEST, LATEST, SCHEMA_VERSION, utc_moment

FORMAT = 2

Identity = tuple[int, ...]  # files.file_identity
ProblemRecord = list[Any]  # [*identity, problem]


class Columns(NamedTuple):
    """index.json's "sessions", as read: not yet checked (see `usable_sessions`)."""

    id: list[Any]
    ino: list[Any]
    ctime_ns: list[Any]
    mtime_ns: list[Any]
    size: list[Any]
    name: list[Any]
    created: list[Any]
    updated: list[Any]
    stats: list[Any]


NO_SESSIONS = Columns(*([] for _ in Columns._fields))


class Usable(NamedTuple):
    """The sessions whose records still describe their files, by columns."""

    id: list[str]
    name: list[str]
    created: list[datetime]
    updated: list[datetime]
    stats: list[dict[str, Any]]


class Entry(Protocol):
    """What a session's record is made from (a store's listing entry, which is read-only)."""

    @property
    def id(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def created(self) -> datetime: ...
    @property
    def updated(self) -> datetime: ...
    @property
    def stats(self) -> dict[str, Any]: ...


def load(path: Path, stats_key: str) -> tuple[Columns, dict[str, ProblemRecord]]:
    """The session records (none if made under another stats key) and the problem records index.json holds."""
    try:
        raw = decode_json(read_file(path)[0], unique_values=True)  # ids, names and times
    except (OSError, ValueError, NotFollowed):
        return NO_SESSIONS, {}
    if (
        not isinstance(raw, dict)
        or raw.get("format") != FORMAT
        or raw.get("schema_version") != SCHEMA_VERSION
    ):
        return NO_SESSIONS, {}
    problems = raw.get("problems")
    return _columns(raw.get("sessions") if raw.get("stats_key") == stats_key else None), (
        problems if isinstance(problems, dict) else {}
    )


def _columns(table: Any) -> Columns:
    if not isinstance(table, dict):
        return NO_SESSIONS
    columns = [table.get(field) for field in Columns._fields]
    lists = [column for column in columns if isinstance(column, list)]
    if len(lists) != len(columns) or len({len(column) for column in lists}) != 1:
        return NO_SESSIONS  # a damaged table: the store re-reads every file
    return Columns(*lists)


def save(
    path: Path,
    stats_key: str,
    sessions: Sequence[tuple[Identity, Entry]],
    problems: dict[str, tuple[Identity, str]],
) -> os.stat_result:
    """Write the index: `sessions` in listing order (most recent first), so that reading them back
    gives a listing already sorted."""
    identities = [identity for identity, _ in sessions]
    entries = [entry for _, entry in sessions]
    ino, ctime_ns, mtime_ns, size = zip(*identities, strict=False) if identities else ((), (), (), ())
    table = {
        "id": [entry.id for entry in entries],
        "ino": ino,
        "ctime_ns": ctime_ns,
        "mtime_ns": mtime_ns,
        "size": size,
        "name": [entry.name for entry in entries],
        # Datetimes as such: encode_json writes them in ISO 8601 (in Rust, several times faster
        # than 20,000 calls to isoformat(), which were most of a save at 10,000 sessions).
        "created": [entry.created for entry in entries],
        "updated": [entry.updated for entry in entries],
        "stats": [entry.stats for entry in entries],
    }
    document = {
        "format": FORMAT,
        "schema_version": SCHEMA_VERSION,
        "stats_key": stats_key,
        "sessions": table,
        "problems": {
            session_id: [*identity, problem, *_said(problem)]
            for session_id, (identity, problem) in problems.items()
        },
    }
    return write_atomic(path, encode_json(document))


def usable_sessions(columns: Columns, found: dict[str, Identity]) -> Usable:
    """The session records whose file (by id in `found`) still has the recorded identity, with
    their times parsed. A damaged record is left out: its file gets re-read."""
    identities = list(zip(columns.ino, columns.ctime_ns, columns.mtime_ns, columns.size, strict=False))
    try:
        unchanged = dict(zip(columns.id, identities, strict=False)) == found
    except TypeError:  # an id that cannot be a key: a damaged record
        unchanged = False
    wanted: list[list[Any]] = [columns.id, columns.name, columns.created, columns.updated, columns.stats]
    if not unchanged:
        # Files changed, came or went behind the index's back: keep the records of the others.
        keep = [
            n
            for n, (session_id, identity) in enumerate(zip(columns.id, identities, strict=False))
            if isinstance(session_id, str) and found.get(session_id) == identity
        ]
        wanted = [[column[n] for n in keep] for column in wanted]
    ids, names, created, updated, stats = wanted
    try:
        # A column at a time, in C: no bytecode per session. (The stats are the parsed objects
        # themselves, which nothing else holds.)
        if not set(map(type, names)) <= {str} or not set(map(type, stats)) <= {dict}:
            raise TypeError("a name that is not a string, or stats that are not an object")
        created_at = list(map(datetime.fromisoformat, created))
        updated_at = list(map(datetime.fromisoformat, updated))
        if not (_stored_times(created_at) and _stored_times(updated_at)):
            raise ValueError("a time not in UTC, or out of range")
        return Usable(ids, names, created_at, updated_at, stats)
    except (TypeError, ValueError):
        pass
    # A damaged record (index.json edited by hand?): find it, and keep the others.
    usable = Usable([], [], [], [], [])
    for record in zip(*wanted, strict=False):
        checked = _checked(*record)
        if checked is not None:
            for column, value in zip(usable, checked, strict=False):
                column.append(value)  # type: ignore[attr-defined]  # Usable's fields are lists
    return usable


def _stored_times(moments: list[datetime]) -> bool:
    """Whether every time is one the store writes: in UTC and in range (`models.utc_moment`).
    Checked by C functions over the column, as listing reads 20,000 times at 10,000 sessions."""
    return not moments or (
        set(map(_ZONE, moments)) == {UTC} and min(moments) >= EARLIEST and max(moments) <= LATEST
    )


_ZONE = attrgetter("tzinfo")


def _checked(session_id: str, name: Any, created: Any, updated: Any, stats: Any) -> tuple[Any, ...] | None:
    if not isinstance(name, str) or not isinstance(stats, dict):
        return None
    try:
        times = [utc_moment(datetime.fromisoformat(moment)) for moment in (created, updated)]
    except (TypeError, ValueError):
        return None
    return session_id, name, *times, stats


def _said(problem: str) -> list[Any]:
    """A problem's template and params, kept beside its English so that a later listing can say
    it in the language then in use (a problem whose params are not plain text is kept in English)."""
    if isinstance(problem, Message) and all(
        type(value) in (str, int) or isinstance(value, Path) for value in problem.params.values()
    ):
        return [problem.template, {key: str(value) for key, value in problem.params.items()}]
    return []


def problem_of(record: Any, identity: Identity | None) -> str | None:
    """A problem record's problem, if it still describes the file with this identity (None: no file)."""
    if not isinstance(record, list) or len(record) not in (5, 7):
        return None
    ino, ctime_ns, mtime_ns, size, problem, *said = record
    if (ino, ctime_ns, mtime_ns, size) != identity or not isinstance(problem, str):
        return None
    if said and isinstance(said[0], str) and isinstance(said[1], dict):
        try:
            message = Message(said[0], **said[1])
        except (KeyError, IndexError, ValueError, TypeError):
            return problem  # an index.json edited by hand: its English is still the problem
        if message == problem:
            return message
    return problem
