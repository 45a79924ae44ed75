"""The session-name rule for the command line: the same one the new-session screen and
the rename dialog apply (`sessions.names.name_problem`), said as one `error:` line."""

from __future__ import annotations

from sessions.names import name_problem
from sessions.store import SessionStore
from walkthrough.report.errors import UserError


def check_name(store: SessionStore, name: str, *, renaming: str | None = None) -> str:
    """The name trimmed, or UserError saying why it cannot be used. `renaming`: the id of
    the session being renamed, whose own name does not count as taken."""
    others = [entry for entry in store.list().entries if entry.id != renaming]
    problem = name_problem(name, frozenset(entry.name.casefold() for entry in others))
    if not problem:
        return name.strip()
    clash = next((e for e in others if e.name.casefold() == name.strip().casefold()), None)
    if clash is not None:
        raise UserError(
            f"another session is already named '{clash.name}' ({clash.id}); pick a name you can tell apart"
        )
    raise UserError(problem[0].lower() + problem[1:].rstrip("."))
