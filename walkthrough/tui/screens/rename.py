"""Rename a session: one field, enter to keep the new name, escape to leave it.

Dismisses with the new name (stripped), or None when cancelled or unchanged.
"""

from __future__ import annotations

from sessions.names import MAX_NAME, name_problem
from walkthrough.i18n import N_
from walkthrough.tui.screens.name_dialog import NameDialog


class RenameScreen(NameDialog):
    HELP = N_("Type the new name and press enter. Escape keeps the old one.")
    DIALOG_TITLE = N_("Rename session")
    CONFIRM = N_("Rename")
    PLACEHOLDER = N_("Session name")
    MAX_LENGTH = MAX_NAME
    DIALOG_CLASS = "rename-dialog"

    def __init__(self, current: str, *, taken: frozenset[str] = frozenset()) -> None:
        super().__init__(current)
        self._current = current
        self._taken = frozenset(name.casefold() for name in taken) - {current.casefold()}

    def problem(self, name: str) -> str:
        return name_problem(name, self._taken)

    def result(self, name: str) -> str | None:
        return None if name == self._current else name
