"""Choosing a new session's id and creating its file, so that no two sessions ever share one.

Under the store-wide `IdLock`, an id is taken if a session file or a backups folder has it (a
deleted session's backups keep its id, so a new session never prunes them), and the file is
created with a hard link, which fails rather than replace a file that appeared meanwhile.
Two walkthroughs importing the same document at once thus get two ids, and each is told
the one it got. An import's name is chosen under the same lock: if another session has it,
the first free "Name (2)", "Name (3)"… (two imports of one document get two names).
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable, Iterable, Iterator

from sessions import codec
from sessions.files import Layout, encode_json, is_session_id, write_new
from sessions.locks import IdLock
from sessions.models import Session
from sessions.names import free_name


def create_session_file(
    layout: Layout,
    session: Session,
    *,
    wanted: object = None,
    names: Callable[[], Iterable[str]] | None = None,
) -> None:
    """Give `session` a free id (`wanted` if it is one) and write its file; OSError names the file.
    With `names` (the names of the sessions there are), a free name too: see `free_name`."""
    with IdLock(layout.sessions).held():
        if names is not None:
            session.name = free_name(session.name, frozenset(name.strip().casefold() for name in names()))
        for candidate in _candidates(wanted):
            if _taken(layout, candidate):
                continue
            session.id = candidate
            try:
                write_new(layout.session_file(candidate), encode_json(codec.tables_for(session)))
            except FileExistsError:
                continue  # made by something that did not take the lock
            return


def _candidates(wanted: object) -> Iterator[str]:
    if isinstance(wanted, str) and is_session_id(wanted):
        yield wanted
    while True:
        yield secrets.token_hex(6)


def _taken(layout: Layout, session_id: str) -> bool:
    return os.path.lexists(layout.session_file(session_id)) or os.path.lexists(layout.backup_dir(session_id))
