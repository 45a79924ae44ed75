"""Where the store keeps things on disk, and how it writes them so nothing is half-written.

Every file is written whole to a temp file beside its target, fsynced, renamed over the
target and the directory fsynced: a crash at any moment leaves the old file or the new one,
never a mix. Files are 0600 and directories 0700 because answers can hold unannounced plans.
"""

from __future__ import annotations

import errno
import json
import os
import re
import stat
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from operator import attrgetter
from pathlib import Path
from typing import Any

from sessions.errors import N_, DataDirError, Message, NotFollowed, StoreError
from sessions.safeio import DIRECTORY, not_followed, open_regular

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
    import pydantic_core  # here, not at the top: listing from the index needs no encoder

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
    # orjson parses about twice as fast as json.loads, and pydantic_core nearly so, but importing
    # either costs more than that saves on all but the largest index: each is used once
    # something else has loaded it (`list --json` prints with orjson, reading a session loads
    # pydantic_core), and `walkthrough list` loads neither.
    fast = sys.modules.get("orjson")
    core = sys.modules.get("pydantic_core")
    try:
        if fast is not None:
            return fast.loads(data)
        if core is not None:
            return core.from_json(data, cache_strings="keys" if unique_values else True)
    except ValueError:
        pass  # they refuse the \ud800-style escapes encode_json can write; json words errors better
    return json.loads(data if isinstance(data, str) else data.decode("utf-8"))


def read_file(path: Path) -> tuple[bytes, os.stat_result]:
    """The regular file's bytes and the stat of exactly those bytes (not of a file replaced since)."""
    fd, opened = open_regular(path)
    with open(fd, "rb", closefd=True) as handle:
        return handle.read(), opened


def make_private_file(path: Path) -> None:
    """Make the file at `path` 0600: through a descriptor, so a link is never chmod'ed through."""
    try:
        fd, _ = open_regular(path)
    except NotFollowed:
        return
    try:
        os.fchmod(fd, FILE_MODE)
    finally:
        os.close(fd)


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
    with _written_beside(path, data) as temp:
        os.replace(temp, path)  # replaces a link planted at `path` itself, never its target
    fsync_dir(path.parent)
    return os.lstat(path)  # after the rename, which changes the ctime


def write_new(path: Path, data: bytes) -> os.stat_result:
    """Create `path` holding `data` durably, all or nothing; FileExistsError if anything has
    that name already, even if it appeared a moment ago (a hard link never replaces)."""
    with _written_beside(path, data) as temp:
        try:
            os.link(temp, path)
        except OSError as exc:
            if exc.errno not in _NO_HARD_LINKS:
                raise
            # A file system without hard links: the caller holds the store's id lock, which every
            # walkthrough creating a session takes, so a name free now stays free.
            if os.path.lexists(path):
                raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(path)) from None
            os.rename(temp, path)
    fsync_dir(path.parent)
    return os.lstat(path)


_NO_HARD_LINKS = {errno.EPERM, errno.EOPNOTSUPP, errno.ENOTSUP, errno.EMLINK, errno.EXDEV}


@contextmanager
def _written_beside(path: Path, data: bytes) -> Iterator[Path]:
    """A temp file beside `path` holding `data`, fsynced, removed after the block if still there.
    An error names `path` when the system named no file (a full disk on write says nothing else)."""
    import secrets  # here: reading (a listing) never needs it, and it brings in random and hashlib

    temp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), FILE_MODE)
        try:
            os.fchmod(fd, FILE_MODE)  # a umask can strip bits from os.open's mode, never add the ones we need
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        finally:
            os.close(fd)
        yield temp
    except OSError as exc:
        if exc.filename is None:
            raise OSError(exc.errno, exc.strerror, str(path)) from exc
        raise
    finally:
        temp.unlink(missing_ok=True)


def make_private_dir(path: Path) -> bool:
    """Create the directory 0700, or check the one there: a real directory (never a link to one),
    made 0700 if others could use it. True if its mode had to be tightened."""
    try:
        path.mkdir(mode=DIR_MODE)
    except FileExistsError:
        found = os.lstat(path)
        if not stat.S_ISDIR(found.st_mode):
            raise not_followed(path, found.st_mode, DIRECTORY) from None
        if stat.S_IMODE(found.st_mode) & 0o077 and found.st_uid == os.geteuid():
            os.chmod(path, DIR_MODE)
            return True
        return False
    os.chmod(path, DIR_MODE)
    return False


# The common reasons in our own words, so they can be translated; their English is the C
# library's (what the store said before, and what users search for). Others: the system's words.
_OS_REASONS = {
    errno.ENOENT: N_("No such file or directory"),
    errno.EACCES: N_("Permission denied"),
    errno.EPERM: N_("Operation not permitted"),
    errno.ENOSPC: N_("No space left on device"),
    errno.EDQUOT: N_("Disk quota exceeded"),
    errno.EROFS: N_("Read-only file system"),
    errno.ELOOP: N_("Too many levels of symbolic links"),
    errno.EISDIR: N_("Is a directory"),
    errno.ENOTDIR: N_("Not a directory"),
    errno.EEXIST: N_("File exists"),
    errno.ENOTEMPTY: N_("Directory not empty"),
    errno.ENAMETOOLONG: N_("File name too long"),
    errno.EMFILE: N_("Too many open files"),
    errno.ENFILE: N_("Too many open files in system"),
    errno.EIO: N_("Input/output error"),
    errno.EBUSY: N_("Device or resource busy"),
}


def os_reason(exc: OSError) -> str:
    """Why an OS call failed, without the path: a Message for the common reasons."""
    reason = _OS_REASONS.get(exc.errno) if exc.errno is not None else None
    if reason is not None and exc.strerror in (None, os.strerror(exc.errno or 0)):
        return Message(reason)
    return exc.strerror or str(exc) or type(exc).__name__


def describe_os_error(exc: OSError) -> str:
    """Why an OS call failed and on which path, as one line (a Message: it translates)."""
    reason = os_reason(exc)
    return Message(N_("{reason} ({path})"), reason=reason, path=exc.filename) if exc.filename else reason


@contextmanager
def reported(action: str) -> Iterator[None]:
    """Turn an OSError into a one-line StoreError that says what failed (`action`, a Message)
    and on which path."""
    try:
        yield
    except NotFollowed as exc:
        raise NotFollowed(N_("{action}: {reason}"), action=action, reason=exc.message()) from None
    except StoreError:
        raise
    except OSError as exc:
        raise StoreError(N_("{action}: {reason}"), action=action, reason=describe_os_error(exc)) from exc


class Layout:
    """The data directory's parts: sessions/, index.json, backups/, corrupt/, locks/, milestones/."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.sessions = root / "sessions"
        self.index = root / "index.json"
        self.backups = root / "backups"
        self.corrupt = root / "corrupt"
        self.locks = root / "locks"
        self.milestones = root / "milestones"  # made with the first milestone saved

    def session_file(self, session_id: str) -> Path:
        return self.sessions / f"{session_id}.json"

    def lock_file(self, name: str) -> Path:
        return self.locks / f"{name}.lock"

    def backup_dir(self, session_id: str) -> Path:
        return self.backups / session_id

    def milestone_dir(self, session_id: str) -> Path:
        return self.milestones / session_id

    def prepare(self, *, create_parents: bool) -> list[str]:
        """Check the data directory and create what is missing, or raise a one-line DataDirError.
        Returns notices (Messages) of what had to be changed (a directory others could read made private)."""
        root = self.root
        notices: list[str] = []
        if root.exists() or root.is_symlink():
            if not root.is_dir():
                raise DataDirError(N_("data directory {path} is not a directory"), path=root)
            notice = _made_private(root)
            if notice:
                notices.append(notice)
        else:
            parent = root.parent
            if not create_parents and not parent.is_dir():
                raise DataDirError(N_("data directory {path} does not exist"), path=root)
            try:
                if create_parents:
                    parent.mkdir(parents=True, exist_ok=True)
                make_private_dir(root)
            except OSError as exc:
                raise DataDirError(
                    N_("data directory {path} cannot be created: {reason}"),
                    path=root,
                    reason=describe_os_error(exc),
                ) from exc
        if not os.access(root, os.W_OK | os.X_OK):
            raise DataDirError(N_("data directory {path} is not writable"), path=root)
        for part in (self.sessions, self.backups, self.corrupt, self.locks):
            try:
                if make_private_dir(part):
                    notices.append(
                        Message(
                            N_("{path} could be read by other users; made it private (mode 0700)"), path=part
                        )
                    )
            except NotFollowed as exc:
                raise DataDirError(_NOT_USABLE, path=root, reason=exc.message()) from None
            except OSError as exc:
                raise DataDirError(_NOT_USABLE, path=root, reason=describe_os_error(exc)) from exc
        return notices


_NOT_USABLE = N_("data directory {path} is not usable: {reason}")


def _made_private(root: Path) -> str | None:
    """Tighten the data directory as ssh and gpg want theirs: answers can hold unannounced plans.
    One that belongs to someone else and that others can write to is refused (as git refuses a
    repository another user owns); one of ours that others can use is made 0700, and said so."""
    found = root.stat()  # the data directory itself may be a link to where the user keeps it
    mode = stat.S_IMODE(found.st_mode)
    if not mode & 0o077:
        return None
    if found.st_uid != os.geteuid():
        if mode & 0o022:
            raise DataDirError(
                N_(
                    "data directory {path} belongs to another user and others can write to it "
                    "(mode {mode}); use a directory of your own"
                ),
                path=root,
                mode=f"{mode:04o}",
            )
        return None
    try:
        os.chmod(root, DIR_MODE)
    except OSError as exc:
        raise DataDirError(
            N_(
                "data directory {path} can be used by other users (mode {mode}) and could not be "
                "made private: {reason}"
            ),
            path=root,
            mode=f"{mode:04o}",
            reason=describe_os_error(exc),
        ) from exc
    return Message(
        N_("data directory {path} could be used by other users (mode {mode}); made it private (mode 0700)"),
        path=root,
        mode=f"{mode:04o}",
    )
