"""index.json: the little a listing needs per session, so listing never parses every session.

    {"format": 1, "schema_version": 2,
     "sessions": {"<id>": {"name", "created", "updated", "stats", "stats_key",
                           "ino", "ctime_ns", "mtime_ns", "size"}}}

A record is trusted only while its session file still has the same identity
(`files.file_identity`) and was counted under the same stats key; else
the store re-reads that one file. A file a walkthrough cannot read (a newer schema) gets a
record with a "problem" instead, so it is reported without being parsed again. The index is
a cache: if it is missing or garbage, it is rebuilt from the session files.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from sessions.files import decode_json, encode_json, write_atomic
from sessions.models import SCHEMA_VERSION, Session

FORMAT = 1
_IDENTITY = ("ino", "ctime_ns", "mtime_ns", "size")  # the fields of files.file_identity, in order

Record = dict[str, Any]


def load(path: Path) -> dict[str, Record]:
    try:
        raw = decode_json(path.read_bytes())
    except (OSError, ValueError):
        return {}
    if not isinstance(raw, dict) or raw.get("format") != FORMAT or raw.get("schema_version") != SCHEMA_VERSION:
        return {}
    records = raw.get("sessions")
    return records if isinstance(records, dict) else {}


def save(path: Path, records: dict[str, Record]) -> os.stat_result:
    return write_atomic(path, encode_json({"format": FORMAT, "schema_version": SCHEMA_VERSION, "sessions": records}))


def identity(record: Record) -> tuple[Any, ...]:
    """The session file identity a record was made from, to compare with `files.file_identity`."""
    return record.get("ino"), record.get("ctime_ns"), record.get("mtime_ns"), record.get("size")


def usable(record: Any, file: tuple[int, ...], stats_key: str) -> bool:
    """Whether a record read from index.json still describes the file with this identity."""
    return (
        isinstance(record, dict)
        and identity(record) == file
        and ("problem" in record or record.get("stats_key") == stats_key)
    )


def session_record(session: Session, file: tuple[int, ...], stats: dict[str, int], stats_key: str) -> Record:
    return {
        "name": session.name,
        "created": session.created.isoformat(),
        "updated": session.updated.isoformat(),
        "stats": stats,
        "stats_key": stats_key,
        **_identity(file),
    }


def problem_record(file: tuple[int, ...], problem: str) -> Record:
    return {"problem": problem, **_identity(file)}


def _identity(file: tuple[int, ...]) -> Record:
    return dict(zip(_IDENTITY, file))
