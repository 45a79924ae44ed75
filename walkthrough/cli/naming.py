"""The session-name rule for the command line: no name another session has (ignoring
case), as the new-session screen and the rename dialog say (`sessions.names.name_problem`).
An empty or overlong name is the store's to refuse, in its own words."""

from __future__ import annotations

from sessions.store import SessionStore
from walkthrough.i18n import N_
from walkthrough.report.errors import UserError


def check_name(store: SessionStore, name: str, *, renaming: str | None = None) -> str:
    """The name trimmed, or UserError if another session has it. `renaming`: the id of
    the session being renamed, whose own name does not count as taken."""
    wanted = name.strip().casefold()
    for entry in store.listing().entries:
        if entry.id != renaming and entry.name.casefold() == wanted:
            raise UserError(
                N_("another session is already named '{name}' ({id}); pick a name you can tell apart"),
                name=entry.name,
                id=entry.id,
            )
    return name.strip()
