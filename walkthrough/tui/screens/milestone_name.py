"""Name a milestone before it is saved: one field, enter to save, escape to leave it.

The field starts with a name for today's review, selected, so enter keeps it and typing
replaces it. Dismisses with the name (stripped), or None when cancelled.
"""

from __future__ import annotations

from collections.abc import Iterable

from sessions.names import MAX_MILESTONE_NAME, free_name, milestone_name_key, milestone_name_problem
from walkthrough.i18n import N_, _
from walkthrough.tui.screens.name_dialog import NameDialog


def suggested_name(day_words: str, taken: Iterable[str]) -> str:
    """ "Review 28 Mar 2025", or "Review 28 Mar 2025 (2)"… if the session has that one already."""
    # Translators: the name a new milestone starts with; {day} is a date such as 28 Mar 2025.
    return free_name(
        _("Review {day}").format(day=day_words), frozenset(milestone_name_key(name) for name in taken)
    )


class MilestoneNameScreen(NameDialog):
    HELP = N_("Type the milestone's name and press enter to save it. Escape saves nothing.")
    DIALOG_TITLE = N_("Save milestone")
    EXPLAINED = N_(
        "A copy of the session as it is now, kept under this name so the next review can show "
        "what changed. It is never edited; you can delete it."
    )
    PLACEHOLDER = N_("Milestone name, e.g. Beta review")
    MAX_LENGTH = MAX_MILESTONE_NAME
    DIALOG_CLASS = "milestone-dialog"

    def __init__(self, day_words: str, *, taken: Iterable[str] = ()) -> None:
        self._taken = tuple(taken)
        super().__init__(suggested_name(day_words, self._taken))

    def problem(self, name: str) -> str:
        return milestone_name_problem(name, self._taken)
