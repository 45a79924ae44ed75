"""A session's milestones as the screens use them: list, save, read, delete.

The walk owns the open session; the gap summary and the compare screen get a
`MilestoneBook` through their constructors, so they can save and read milestones without
holding the session's handle (or importing the app). A milestone is saved from what is on
disk, so the walk's unsaved edits are flushed first: the copy is the session as the PM
sees it. States are read once each: they never change.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from walkthrough.report import launch

if TYPE_CHECKING:
    from questions.models import Bank
    from sessions.models import Milestone, Session
    from sessions.store import OpenSession


class MilestoneBook(Protocol):
    @property
    def read_only(self) -> bool: ...
    @property
    def milestones(self) -> list[Milestone]: ...
    def save(self, name: str) -> Milestone: ...
    def state(self, milestone: Milestone) -> Session: ...
    def delete(self, milestone: Milestone) -> None: ...


class SessionMilestones:
    """The milestones of an open session (`flush` writes the screen's pending edits)."""

    def __init__(self, handle: OpenSession, bank: Bank, flush: Callable[[], object]) -> None:
        self._handle = handle
        self._bank = bank
        self._flush = flush
        self._states: dict[str, Session] = {}

    def use_bank(self, bank: Bank) -> None:
        """The same bank in another language (milestones count by ids, so nothing is lost)."""
        self._bank = bank

    @property
    def read_only(self) -> bool:
        return self._handle.read_only

    @property
    def milestones(self) -> list[Milestone]:
        return list(self._handle.session.milestones)

    def save(self, name: str) -> Milestone:
        # The comparison's module (and the summary's under it) loads when a milestone is
        # first saved, not with the walk that holds this book.
        from walkthrough.report.compare import milestone_counts

        self._flush()
        counts = milestone_counts(self._bank, self._handle.session, launch.today())
        return self._handle.save_milestone(name, counts)

    def state(self, milestone: Milestone) -> Session:
        if milestone.key not in self._states:
            self._states[milestone.key] = self._handle.milestone_state(milestone)
        return self._states[milestone.key]

    def delete(self, milestone: Milestone) -> None:
        self._handle.delete_milestone(milestone.key)
