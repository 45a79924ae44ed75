"""Where the store keeps things on disk, and how it writes them so nothing is half-written.

Every file is written whole to a temp file beside its target, fsynced, renamed over the
target and the directory fsynced: a crash at any moment leaves the old file or the new one,
never a mix. Files are 0600 and directories 0700 because answers can hold unannounced plans.
"""

from __future__ import annotations

import json
import os
import re
import secrets
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from operator import attrgetter
from pathlib import Path
from typing import Any

import pydantic_core

from sessions.errors import DataDirError, StoreError

FILE_MODE = 0o600
DIR_MODE = 0o700

# A temp file names its target so an orphan (left by a crash) can be told from a live write.
_TEMP_NAME = re.compile(r"\.(?P<target>.+)\.[0-9a-f]{8}\.tmp")
# Ids become file names: keep them to characters that are safe and case-stable everywhere.
_SESSION_ID = re.compile(r"[a-z0-9][a-z0-9_-]{0,63}")


def is_session_id(value: object) -> bool:
    return isinstance(value, str) and _SESSION_ID.fullmatch(value) is not None


# is_session_file(name): whether a file name is <id>.json (a match, or None), as a bound method
# so that filtering a directory of 10,000 sessions with it runs in C.
is_session_file = re.compile(rf"{_SESSION_ID.pattern}\.json").fullmatch


def temp_target(name: str) -> str | None:
    """The file a temp file was meant to become, or None if `name` is not one of our temp files."""
    match = _TEMP_NAME.fullmatch(name)
    return match.group("target") if match else None


def utc_stamp() -> str:
    """A UTC timestamp for file names that sorts in time order."""
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%S.%fZ")


def encode_json(data: Any) -> bytes:
    """Compact UTF-8 JSON, not ASCII-escaped; a datetime becomes an ISO 8601 string."""
    try:
        # pydantic_core's encoder is about 3x faster than json.dumps, and a save is mostly encoding and fsync.
        return pydantic_core.to_json(data)
    except pydantic_core.PydanticSerializationError:
        # A lone surrogate (from a broken paste) cannot be UTF-8; \u escapes keep it losslessly.
        return json.dumps(data, ensure_ascii=True, separators=(",", ":"), default=_isoformat).encode("ascii")


def _isoformat(value: object) -> str:
    if isinstance(value, datetime):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


def decode_json(data: bytes | str, *, unique_values: bool = False) -> Any:
    """Parse JSON. unique_values: string values rarely repeat (as in index.json), so caching
    them to share repeats would cost more than it saves; object keys are still cached."""
    try:
        # about twice as fast as json.loads
        return pydantic_core.from_json(data, cache_strings="keys" if unique_values else True)
    except ValueError:
        # It refuses the \ud800-style escapes that encode_json can write, and json words errors better.
        return json.loads(data if isinstance(data, str) else data.decode("utf-8"))


def read_file(path: Path) -> tuple[bytes, os.stat_result]:
    """The file's bytes and the stat of exactly those bytes (not of a file replaced since)."""
    with open(path, "rb") as handle:
        return handle.read(), os.fstat(handle.fileno())


# file_identity(stat) -> (st_ino, st_ctime_ns, st_mtime_ns, st_size): what tells one version of
# a file from another. An atomic save makes a new inode; an edit in place changes the ctime,
# which (unlike the mtime) no tool can set back, so even a same-size edit within one clock tick
# shows. An attrgetter, not a def, because listing calls it once per session file and it then
# runs in C, with no Python frame.
file_identity: Callable[[os.stat_result], tuple[int, int, int, int]] = attrgetter(
    "st_ino", "st_ctime_ns", "st_mtime_ns", "st_size"
)


def fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_atomic(path: Path, data: bytes) -> os.stat_result:
    """Replace `path` with `data` durably; returns the new file's stat."""
    temp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), FILE_MODE)
    try:
        try:
            os.fchmod(fd, FILE_MODE)  # a umask can strip bits from os.open's mode, never add the ones we need
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    fsync_dir(path.parent)
    return os.stat(path)  # after the rename, which changes the ctime


def make_private_dir(path: Path) -> None:
    try:
        path.mkdir(mode=DIR_MODE)
    except FileExistsError:
        if not path.is_dir():
            raise NotADirectoryError(20, "Not a directory", str(path)) from None
        return
    os.chmod(path, DIR_MODE)


def describe_os_error(exc: OSError) -> str:
    reason = exc.strerror or str(exc) or type(exc).__name__
    return f"{reason} ({exc.filename})" if exc.filename else reason


@contextmanager
def reported(action: str) -> Iterator[None]:
    """Turn an OSError into a one-line StoreError that says what failed and on which path."""
    try:
        yield
    except StoreError:
        raise
    except OSError as exc:
        raise StoreError(f"{action}: {describe_os_error(exc)}") from exc


class Layout:
    """The data directory's parts: sessions/, index.json, backups/, corrupt/, locks/."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.sessions = root / "sessions"
        self.index = root / "index.json"
        self.backups = root / "backups"
        self.corrupt = root / "corrupt"
        self.locks = root / "locks"

    def session_file(self, session_id: str) -> Path:
        return self.sessions / f"{session_id}.json"

    def lock_file(self, name: str) -> Path:
        return self.locks / f"{name}.lock"

    def backup_dir(self, session_id: str) -> Path:
        return self.backups / session_id

    def prepare(self, *, create_parents: bool) -> None:
        """Check the data directory and create what is missing, or raise a one-line DataDirError."""
        root = self.root
        if root.exists() or root.is_symlink():
            if not root.is_dir():
                raise DataDirError(f"data directory {root} is not a directory")
        else:
            parent = root.parent
            if not create_parents and not parent.is_dir():
                raise DataDirError(f"data directory {root} does not exist")
            try:
                if create_parents:
                    parent.mkdir(parents=True, exist_ok=True)
                make_private_dir(root)
            except OSError as exc:
                raise DataDirError(
                    f"data directory {root} cannot be created: {describe_os_error(exc)}"
                ) from exc
        if not os.access(root, os.W_OK | os.X_OK):
            raise DataDirError(f"data directory {root} is not writable")
        for part in (self.sessions, self.backups, self.corrupt, self.locks):
            try:
                make_private_dir(part)
            except OSError as exc:
                raise DataDirError(f"data directory {root} is not usable: {describe_os_error(exc)}") from exc
