"""The session store: one TinyDB file per session, and the API the app uses.

Layout under the data directory (see `files.Layout`):
    sessions/<id>.json      one TinyDB file per session (`codec` has its tables)
    index.json              what listing needs, rebuilt when stale (`index`, `listing`)
    backups/<id>/*.json     the last 5 versions, kept before each run's first write (`backups`)
    milestones/<id>/*.json  each milestone's saved state, written once (`milestones`)
    corrupt/                unreadable files, moved aside with a timestamp, never deleted (`reader`)
    locks/<id>.lock         held while a session is open (`locks`)

This module is the facade: an open session is an `OpenSession` (`handle`), the listing and
its cache are a `SessionListing` (`listing`). Saving an answer rewrites only that session's
file (atomically, see `storage`); it does not touch the index, which `listing()` refreshes
from file stats.
"""

from __future__ import annotations

import os
import stat
import threading
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, cast

from sessions.errors import (
    N_,
    NO_SUCH_ID,
    AmbiguousSession,
    InvalidDocument,
    Message,
    MilestoneMissing,
    NewerSchema,
    SessionLocked,
    SessionNotFound,
    StoreError,
    one_line,
    quoted,
)
from sessions.files import Layout, decode_json, describe_os_error, is_session_id, reported
from sessions.listing import Listing, SessionEntry, SessionListing, StatsFn
from sessions.location import default_data_dir
from sessions.locks import Lock
from sessions.safeio import SESSION_FILE, not_followed
from sessions.schema import SCHEMA_VERSION

# Listing, resolving and deleting need none of the modules that read or write a session, which
# bring pydantic and TinyDB: `walkthrough list` and the home screen's list never import them.
# Each method that reads or writes one imports what it uses.
if TYPE_CHECKING:
    from sessions.handle import OpenSession
    from sessions.milestones import MilestoneFiles
    from sessions.models import Session

__all__ = ["Imported", "Listing", "OpenSession", "SessionEntry", "SessionStore", "StatsFn"]


def __getattr__(name: str) -> Any:
    if name == "OpenSession":  # still importable from here, as before the split
        from sessions.handle import OpenSession

        return OpenSession
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class Imported(NamedTuple):
    """An imported session, and the name its document gave it (another session may have had it)."""

    session: Session
    asked_name: str

    @property
    def renamed(self) -> bool:
        return self.session.name != self.asked_name


class SessionStore:
    def __init__(
        self,
        data_dir: Path,
        *,
        create_parents: bool = False,  # the default platform dir may need parents; an explicit --data-dir only itself
        stats: StatsFn | None = None,
        stats_key: str = "",  # entries computed under another key are recomputed on listing()
    ) -> None:
        self.data_dir = Path(data_dir).expanduser()
        self._layout = Layout(self.data_dir)
        # Said once, with the first listing (the CLI's list and the home screen show its problems).
        self._notices = self._layout.prepare(create_parents=create_parents)
        self._open: dict[str, OpenSession] = {}
        self._open_mutex = threading.Lock()
        self._stats = stats or _count_answers
        self._stats_key = stats_key if stats else "answers"
        self._listing = self._new_listing()

    def _new_listing(self) -> SessionListing:
        return SessionListing(self._layout, stats=self._stats, stats_key=self._stats_key, load=self._load)

    def _load(self, session_id: str, storage: Any = None, *, locked: bool = False) -> tuple[Session, int]:
        from sessions import reader

        return reader.load(self._layout, session_id, storage, locked=locked)

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
        from sessions.handle import TEAM_IDS, checked_name
        from sessions.ids import create_session_file
        from sessions.models import Session

        name = checked_name(name)
        session = Session(
            id="new",  # given its own by create_session_file
            name=name,
            bank_id=bank_id,
            bank_version=bank_version,
            excluded_teams=TEAM_IDS.validate_python(list(excluded_teams)),
            launch=launch,
        )
        with reported(
            Message(
                N_("could not create session {session} in {path}"), session=quoted(name), path=self.data_dir
            )
        ):
            create_session_file(self._layout, session)
        return session

    def open(self, session_id: str, *, read_only: bool = False, purpose: str = "") -> OpenSession:
        """`purpose` ("saving a milestone"): what a refusal says the session is locked against
        (a sessions.errors.Message to have it translated with the refusal)."""
        return self._open_session(session_id, read_only=read_only, purpose=purpose)

    def rename(self, session_id: str, name: str) -> None:
        from sessions.handle import checked_name

        name = checked_name(name)
        with self._open_mutex:
            here = self._open.get(session_id)
        if here is not None:
            here.save_settings(name=name)
            return
        with self._open_session(session_id, read_only=False, purpose=Message(N_("renaming it"))) as handle:
            handle.save_settings(name=name)

    def delete(self, session_id: str) -> None:
        from sessions import backups

        path = self._existing_file(session_id)
        lock = self._lock_or_refuse(session_id, purpose=Message(N_("deleting it")))
        try:
            with reported(Message(N_("could not delete session {id}"), id=session_id)):
                # Into the backups rather than gone: a mistaken delete can still be undone by hand.
                backups.move_in(path, self._layout.backup_dir(session_id))
                self._milestone_files(session_id).retire_all()
                lock.path.unlink(missing_ok=True)
        finally:
            lock.release()

    def export_document(self, session_id: str) -> dict[str, Any]:
        """The whole session as one JSON document, each milestone with its saved state."""
        from sessions import codec

        self._existing_file(session_id)
        session, _ = self._load(session_id)
        files = self._milestone_files(session_id)
        states = {}
        for milestone in session.milestones:
            try:
                states[milestone.key] = files.read(milestone, session_id)
            except MilestoneMissing:
                continue  # exported as it is here: a milestone whose state was lost
        return codec.export_document(session, states)

    def import_document(self, document: Any) -> Session:
        """Store an exported session (see `import_session`) and return it."""
        return self.import_session(document).session

    def import_session(self, document: Any) -> Imported:
        """Store an exported session under its own id if that is free, and under its own name
        if no session has it; otherwise under a new id, and as "Name (2)" (or the next free)."""
        from sessions import codec
        from sessions.ids import create_session_file

        if isinstance(document, (str, bytes, bytearray)):
            try:
                document = decode_json(document if isinstance(document, str) else bytes(document))
            except UnicodeDecodeError:
                raise InvalidDocument(N_("import document is not UTF-8 text")) from None
            except ValueError as exc:
                raise InvalidDocument(N_("import document is not valid JSON: {reason}"), reason=exc) from None
        try:
            version = codec.read_version(document)
        except codec.LayoutError as exc:
            raise InvalidDocument(
                N_("import document is not a session: {reason}"), reason=exc.message()
            ) from None
        if version > SCHEMA_VERSION:
            raise NewerSchema(
                N_(
                    "import document was written by a newer walkthrough (schema {version}, this one reads up to "
                    "{ours}) — upgrade walkthrough to import it"
                ),
                version=version,
                ours=SCHEMA_VERSION,
            )
        wanted = codec.stored_id(document)
        document, inline = codec.inline_states(document)
        try:
            session = codec.session_from(document, version, session_id="import")
        except codec.LayoutError as exc:
            raise InvalidDocument(_NOT_VALID, reason=exc.message()) from None
        states = self._imported_states(session, inline, wanted)
        asked = session.name
        with reported(
            Message(
                N_("could not import session {session} into {path}"),
                session=quoted(session.name),
                path=self.data_dir,
            )
        ):
            create_session_file(
                self._layout,
                session,
                wanted=wanted,
                names=lambda: [entry.name for entry in self.listing().entries],
            )
            files = self._milestone_files(session.id)
            for milestone in session.milestones:
                state = states.get(milestone.key)
                if state is not None and not files.has(milestone.key):
                    files.write(milestone, state)
        return Imported(session, asked)

    def _imported_states(
        self, session: Session, inline: dict[int, Any], stored_id: Any
    ) -> dict[str, Session]:
        """Each imported milestone's state: carried in the document (checked now, before anything
        is written), or, for a session file brought back from a backup, the state this data
        directory still keeps under the id it names. A milestone with neither is kept, stateless."""
        from sessions import codec

        here = self._milestone_files(stored_id) if is_session_id(stored_id) else None
        states = {}
        for n, milestone in enumerate(session.milestones):
            if n in inline:
                try:
                    states[milestone.key] = codec.state_from(inline[n], session_id="import")
                except codec.LayoutError as exc:
                    raise InvalidDocument(
                        _NOT_VALID,
                        reason=Message(
                            N_("{where}: {reason}"),
                            where=f"milestones.{n}.{codec.STATE}",
                            reason=exc.message(),
                        ),
                    ) from None
            elif here is not None and here.has(milestone.key):
                try:
                    states[milestone.key] = here.read(milestone, "import")
                except StoreError:
                    continue
        return states

    # -- listing

    def listing(self) -> Listing:
        with reported(Message(N_("could not list sessions in {path}"), path=self.data_dir)):
            listing = self._listing.listing()
        if self._notices:
            listing.problems[:0], self._notices = self._notices, []
        return listing

    def resolve(self, ref: str) -> SessionEntry:
        entries = self.listing().entries
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
                shown = ", ".join(f"{e.id} ({one_line(e.name)})" for e in matches[:5])
                if len(matches) > 5:
                    shown = Message(N_("{names} and {count} more"), names=shown, count=len(matches) - 5)
                raise AmbiguousSession(
                    N_("{ref} matches {count} sessions: {shown}"),
                    ref=quoted(ref),
                    count=len(matches),
                    shown=shown,
                )
        # A file this walkthrough cannot read (a newer schema) is listed as a problem, not an
        # entry: naming it should repeat why, not claim it does not exist.
        problem = self._listing.unreadable(folded)
        if problem is not None:
            raise NewerSchema.of(problem)
        raise SessionNotFound(N_("no session matches {ref}"), ref=quoted(ref))

    def most_recent(self) -> SessionEntry | None:
        entries = self.listing().entries
        return entries[0] if entries else None

    def release_listing(self) -> None:
        """Forget the rows the last listing kept to make the next one quick: the next listing
        reads index.json again, as a new run's first does. A run that holds one session open
        (a walk started from the command line) has no use for thousands of rows meanwhile."""
        self._listing = self._new_listing()

    # -- behind it

    def _open_session(self, session_id: str, *, read_only: bool, purpose: str) -> OpenSession:
        from tinydb import TinyDB

        from sessions.handle import OpenSession
        from sessions.storage import AtomicJSONStorage

        path = self._existing_file(session_id)
        backup_dir = self._layout.backup_dir(session_id)
        if read_only:
            session, _ = self._load(session_id)
            return OpenSession(
                session, path=path, backup_dir=backup_dir, milestones=self._milestone_files(session_id)
            )
        lock = self._lock_or_refuse(session_id, purpose=purpose)
        try:
            db = TinyDB(path, storage=AtomicJSONStorage)
            storage = cast(AtomicJSONStorage, db.storage)
            session, version = self._load(session_id, storage, locked=True)
            handle = OpenSession(
                session,
                path=path,
                backup_dir=backup_dir,
                milestones=self._milestone_files(session_id),
                db=db,
                lock=lock,
                on_close=self._forget_open,
            )
            if version < SCHEMA_VERSION:
                handle.rewrite_migrated()
            with reported(Message(N_("could not open session {session}"), session=quoted(session.name))):
                self._milestone_files(session_id).tidy()
        except BaseException:
            lock.release()
            raise
        with self._open_mutex:
            self._open[session_id] = handle
        return handle

    def _milestone_files(self, session_id: str) -> MilestoneFiles:
        from sessions.milestones import RETIRED, MilestoneFiles

        return MilestoneFiles(
            self._layout.milestone_dir(session_id), self._layout.backup_dir(session_id) / RETIRED
        )

    def _forget_open(self, handle: OpenSession) -> None:
        with self._open_mutex:
            if self._open.get(handle.session.id) is handle:
                del self._open[handle.session.id]

    def _existing_file(self, session_id: str) -> Path:
        """The session's file, if it is a regular file (a link or a FIFO in its place is refused)."""
        if not is_session_id(session_id):
            raise SessionNotFound(NO_SUCH_ID, id=quoted(session_id))
        path = self._layout.session_file(session_id)
        try:
            mode = os.lstat(path).st_mode
        except (FileNotFoundError, NotADirectoryError):
            raise SessionNotFound(NO_SUCH_ID, id=quoted(session_id)) from None
        except OSError as exc:
            raise StoreError(
                N_("could not read session file {path}: {reason}"), path=path, reason=describe_os_error(exc)
            ) from exc
        if not stat.S_ISREG(mode):
            raise not_followed(path, mode, SESSION_FILE)
        return path

    def _lock_or_refuse(self, session_id: str, *, purpose: str) -> Lock:
        lock = Lock(self._layout.lock_file(session_id))
        with reported(Message(N_("could not lock session {id}"), id=session_id)):
            if lock.try_acquire():
                return lock
        name = quoted(self._name_of(session_id))
        with self._open_mutex:
            open_here = session_id in self._open
        pid = lock.holder_pid()
        here = open_here or pid == os.getpid()
        template = _LOCKED[here, bool(purpose)]
        raise SessionLocked(template, session=name, pid=pid or Message(N_("unknown")), purpose=purpose)

    def _name_of(self, session_id: str) -> str:
        try:
            return self._load(session_id)[0].name
        except StoreError:
            return session_id


_NOT_VALID = N_("import document is not a valid session: {reason}")
# (open in this walkthrough, what for is known) -> why the session cannot be opened now
_LOCKED = {
    (True, True): N_("session {session} is already open in this walkthrough — close it before {purpose}"),
    (True, False): N_(
        "session {session} is already open in this walkthrough — close it first, or open it read-only"
    ),
    (False, True): N_(
        "session {session} is open in another walkthrough (pid {pid}?) — close it there before {purpose}"
    ),
    (False, False): N_(
        "session {session} is open in another walkthrough (pid {pid}?) — close it there first, "
        "or open it read-only"
    ),
}


def _count_answers(session: Session) -> dict[str, int]:
    return {"answers": len(session.answers)}
