"""Milestone states: the session as it was at a launch review, one file each, written once.

    milestones/<session id>/<key>.json             a milestone's state
    backups/<session id>/milestones/<key>.json     a deleted milestone's, or every one of a deleted session

Each file is `{"milestone": <its reference>, "session": <the session as it was>}`, so it
explains itself when found on its own. The session file keeps only the references
(`models.Milestone`): an answer saved with fifty milestones in the session rewrites none of
them. A state file is created without replacing anything (`files.write_new`) and never
written again; a newer walkthrough upgrades what it reads in memory only. Deleting moves it
into the session's backups, so a mistaken delete can be undone by hand, and reading looks
there too: a session file restored from a backup finds its milestones again.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sessions import codec
from sessions.errors import N_, Message, MilestoneMissing, MilestoneNotFound, StoreError, quoted, reason_of
from sessions.files import (
    decode_json,
    describe_os_error,
    encode_json,
    make_private_dir,
    make_private_file,
    read_file,
    temp_target,
    utc_stamp,
    write_new,
)
from sessions.models import Milestone, Session
from sessions.names import same_milestone_name

RETIRED = "milestones"  # the folder inside a session's backups that deleted milestones move to


def new_key() -> str:
    """A key that sorts in time order, as the file names of backups do."""
    return utc_stamp()


class MilestoneFiles:
    """Where one session's milestone states live: `live`, and `retired` (inside its backups)."""

    def __init__(self, live: Path, retired: Path) -> None:
        self.live = live
        self.retired = retired

    def write(self, milestone: Milestone, state: Session) -> Path:
        """Create the state's file; FileExistsError if anything has its name."""
        make_private_dir(self.live.parent)
        make_private_dir(self.live)
        path = self.live / f"{milestone.key}.json"
        write_new(path, encode_json(state_file_document(milestone, state)))
        return path

    def read(self, milestone: Milestone, session_id: str) -> Session:
        """The session as it was when `milestone` was saved (with `session_id` as its id)."""
        for path in self._places(milestone.key):
            try:
                raw, _ = read_file(path)
            except FileNotFoundError:
                continue
            except OSError as exc:
                raise StoreError(
                    N_("milestone {milestone}: cannot read {path}: {reason}"),
                    milestone=quoted(milestone.name),
                    path=path,
                    reason=describe_os_error(exc),
                ) from exc
            try:
                return codec.state_from(_state_of(decode_json(raw)), session_id=session_id)
            except (ValueError, codec.LayoutError) as exc:
                raise StoreError(
                    N_("milestone {milestone}: {path} cannot be read ({reason}); left as it is"),
                    milestone=quoted(milestone.name),
                    path=path,
                    reason=reason_of(exc),
                ) from None
        raise MilestoneMissing(
            N_("milestone {milestone} has lost its saved state: {path} is missing"),
            milestone=quoted(milestone.name),
            path=self.live / f"{milestone.key}.json",
        )

    def tidy(self) -> None:
        """Remove what a killed save left: temp files (the caller holds the session's lock, so
        none is a live write)."""
        for name in self._names(lambda name: temp_target(name) is not None):
            (self.live / name).unlink(missing_ok=True)

    def has(self, key: str) -> bool:
        return any(os.path.lexists(path) for path in self._places(key))

    def retire(self, key: str) -> None:
        """Move one state into the session's backups (nothing if it is not there)."""
        source = self.live / f"{key}.json"
        if os.path.lexists(source):
            make_private_dir(self.retired.parent)
            make_private_dir(self.retired)
            os.replace(source, self.retired / source.name)
            make_private_file(self.retired / source.name)

    def retire_all(self) -> None:
        """Move every state into the session's backups, as deleting the session does."""
        for name in list(self._names(lambda name: name.endswith(".json") and not name.startswith("."))):
            self.retire(name.removesuffix(".json"))
        try:
            self.live.rmdir()
        except OSError:
            pass  # not there, or something we did not put there is left in it

    def _names(self, wanted: Callable[[str], bool]) -> list[str]:
        """The regular files in the live folder whose names are `wanted`."""
        try:
            found = os.lstat(self.live)
        except FileNotFoundError:
            return []
        if not stat.S_ISDIR(found.st_mode):
            return []  # a link in its place is never followed
        with os.scandir(self.live) as entries:
            return [
                entry.name for entry in entries if wanted(entry.name) and entry.is_file(follow_symlinks=False)
            ]

    def _places(self, key: str) -> tuple[Path, Path]:
        name = f"{key}.json"
        return self.live / name, self.retired / name


def state_file_document(milestone: Milestone, state: Session) -> dict[str, Any]:
    return {"milestone": codec.milestone_doc(milestone), codec.STATE: codec.state_document(state)}


def _state_of(raw: Any) -> Any:
    if not isinstance(raw, dict) or not isinstance(raw.get(codec.STATE), dict):
        raise codec.LayoutError(N_("not a milestone state file"))
    return raw[codec.STATE]


def find(session: Session, ref: str) -> Milestone:
    """The milestone `ref` names: its name (ignoring case and spacing), else a unique prefix of one."""
    wanted = " ".join(ref.split()).casefold()
    exact = [m for m in session.milestones if same_milestone_name(m.name, ref)]
    if exact:
        return exact[0]
    matches = [m for m in session.milestones if wanted and m.name.casefold().startswith(wanted)]
    if len(matches) == 1:
        return matches[0]
    if matches:
        shown = ", ".join(quoted(m.name) for m in matches[:5])
        raise MilestoneNotFound(
            N_("{ref} matches {count} milestones: {shown}"), ref=quoted(ref), count=len(matches), shown=shown
        )
    known: str = ", ".join(quoted(m.name) for m in session.milestones[-8:])
    if not session.milestones:
        known = Message(N_("none yet"))
    elif len(session.milestones) > 8:
        known = Message(N_("{count} more, then {names}"), count=len(session.milestones) - 8, names=known)
    raise MilestoneNotFound(
        N_("session {session} has no milestone {ref} (its milestones: {known})"),
        session=quoted(session.name),
        ref=quoted(ref),
        known=known,
    )
