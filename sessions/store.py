"""The session store: one TinyDB file per session. INTERFACE STUB — being implemented."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Callable, Iterable

from sessions.models import Answer, Session

StatsFn = Callable[[Session], dict[str, int]]


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


class OpenSession:
    """A session held open (and locked) by this process. Thread-safe: the TUI saves from a worker."""

    session: Session
    read_only: bool

    def save_answer(self, question_id: str, answer: Answer) -> None: ...
    def save_position(self, question_id: str | None) -> None: ...
    def save_settings(self, *, name: str | None = None, excluded_teams: Iterable[str] | None = None) -> None: ...
    def close(self) -> None: ...
    def __enter__(self) -> "OpenSession": ...
    def __exit__(self, *exc: object) -> None: ...


class SessionStore:
    def __init__(
        self,
        data_dir: Path,
        *,
        create_parents: bool = False,  # the default platform dir may need parents; an explicit --data-dir only itself
        stats: StatsFn | None = None,
        stats_key: str = "",  # entries computed under another key are recomputed on list()
    ) -> None: ...

    @staticmethod
    def default_dir() -> Path: ...

    def create(self, name: str, *, bank_id: str, bank_version: str, excluded_teams: Iterable[str] = ()) -> Session: ...
    def open(self, session_id: str, *, read_only: bool = False) -> OpenSession: ...
    def list(self) -> Listing: ...
    def resolve(self, ref: str) -> SessionEntry: ...
    def most_recent(self) -> SessionEntry | None: ...
    def rename(self, session_id: str, name: str) -> None: ...
    def delete(self, session_id: str) -> None: ...
    def export_document(self, session_id: str) -> dict[str, Any]: ...
    def import_document(self, document: Any) -> Session: ...
