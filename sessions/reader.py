"""Reading one session file, for opening, exporting and listing alike: upgraded in memory,
validated, and if it cannot be read, moved aside to `corrupt/` (never deleted) with a reason."""

from __future__ import annotations

import os

from sessions import codec
from sessions.errors import N_, NO_SUCH_ID, CorruptSession, Message, NewerSchema, SessionNotFound, quoted
from sessions.files import Layout, describe_os_error, make_private_file, reported, utc_stamp
from sessions.locks import Lock
from sessions.models import Session
from sessions.schema import SCHEMA_VERSION
from sessions.storage import AtomicJSONStorage


def load(
    layout: Layout, session_id: str, storage: AtomicJSONStorage | None = None, *, locked: bool = False
) -> tuple[Session, int]:
    """Read, upgrade and validate a session file (migrating in memory only); returns it and its version.

    locked: the caller holds the session's lock (else a corrupt file is moved aside only if
    nobody else holds it)."""
    path = layout.session_file(session_id)
    storage = storage or AtomicJSONStorage(path)
    with reported(Message(N_("could not read session file {path}"), path=path)):
        try:
            raw = storage.read()
        except ValueError as exc:  # bad JSON or bad UTF-8
            raise move_aside(layout, session_id, json_problem(exc), locked=locked) from None
    if raw is None and storage.seen is None:
        raise SessionNotFound(NO_SUCH_ID, id=quoted(session_id))
    try:
        version = codec.read_version(raw)
        if version > SCHEMA_VERSION:
            raise NewerSchema(
                N_(
                    "session file {path} was written by a newer walkthrough (schema {version}, this one reads "
                    "up to {ours}); left untouched — upgrade walkthrough to open it"
                ),
                path=path,
                version=version,
                ours=SCHEMA_VERSION,
            )
        assert raw is not None  # read_version refuses an empty file
        return codec.session_from(raw, version, session_id=session_id), version
    except codec.LayoutError as exc:
        raise move_aside(layout, session_id, exc.message(), locked=locked) from None


def move_aside(layout: Layout, session_id: str, problem: str, *, locked: bool) -> CorruptSession:
    """Move an unreadable session file aside (never delete it) and say so in one line."""
    path = layout.session_file(session_id)
    lock = None if locked else Lock(layout.lock_file(session_id))
    if lock is not None and not lock.try_acquire():
        return CorruptSession(
            N_(
                "session file {path} is corrupt ({problem}); left in place because another walkthrough has it open"
            ),
            path=path,
            problem=problem,
        )
    try:
        target = layout.corrupt / f"{session_id}.{utc_stamp()}.json"
        os.replace(path, target)
        make_private_file(target)
    except OSError as exc:
        return CorruptSession(
            N_("session file {path} is corrupt ({problem}); could not move it aside: {reason}"),
            path=path,
            problem=problem,
            reason=describe_os_error(exc),
        )
    finally:
        if lock is not None:
            lock.release()
    return CorruptSession(
        N_("session file {path} is corrupt ({problem}); moved to {target}"),
        path=path,
        problem=problem,
        target=target,
    )


def json_problem(exc: Exception) -> str:
    if isinstance(exc, UnicodeDecodeError):
        return Message(N_("not UTF-8 text at byte {offset}"), offset=exc.start)
    return Message(N_("not valid JSON: {reason}"), reason=exc)
