"""Where each question stands, and the counts every view shows: readiness, answered, open items.

One set of words for the whole app (top bar, outline, home, summary, `list`, export):
- readiness = ready ÷ applicable, the headline;
- answered = answered ÷ applicable;
- open items = applicable questions that are not ready (gap, partial, not assessed, unanswered);
- gap = readiness "gap", nothing else.
Questions marked not applicable, and the teams left out, leave every denominator.
Every view counts through `counts_of`, so they cannot disagree.

Pure logic over a bank and a session; no Textual here.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from enum import StrEnum
from itertools import chain
from operator import itemgetter, methodcaller
from typing import TYPE_CHECKING, Any, NamedTuple

from walkthrough.i18n import N_, gettext

if TYPE_CHECKING:
    # Only annotations: `walkthrough list` reads its counts through this module
    # (stats_progress) and must not load pydantic behind the models.
    from questions.models import Bank
    from sessions.models import Answer, Session


def is_answered(answer: Answer) -> bool:
    """A question counts as answered once it has a readiness call or a written answer."""
    return answer.readiness is not None or bool(answer.text.strip())


def is_settled(answer: Answer | None) -> bool:
    """Answered or set aside as not applicable: nothing left to do on it in the walk."""
    return answer is not None and (answer.readiness == Status.NOT_APPLICABLE or is_answered(answer))


class Status(StrEnum):
    """Where one question stands: its readiness, or why it has none."""

    READY = "ready"
    PARTIAL = "partial"
    GAP = "gap"
    NOT_APPLICABLE = "not_applicable"
    NOT_ASSESSED = "not_assessed"  # an answer is written but nobody has judged it ready
    UNANSWERED = "unanswered"

    @property
    def label(self) -> str:
        """The status in the language in use ("Ready", "Prêt", "就绪"…)."""
        return gettext(_STATUS_LABELS[self])

    @property
    def english(self) -> str:
        """The English label, whatever the language: stable words for tags and file formats."""
        return _STATUS_LABELS[self]

    @property
    def severity(self) -> int:
        """Lower is worse: gap, then unanswered or not assessed, then partial."""
        return _SEVERITY[self]

    @property
    def is_open(self) -> bool:
        """An open item: applicable and not ready."""
        return self in _OPEN


# Translators: where a question stands; shown as a word in tables, lists and the report.
_STATUS_LABELS = {
    Status.READY: N_("Ready"),
    Status.PARTIAL: N_("Partial"),
    Status.GAP: N_("Gap"),
    Status.NOT_APPLICABLE: N_("Not applicable"),
    Status.NOT_ASSESSED: N_("Not assessed"),
    Status.UNANSWERED: N_("Unanswered"),
}
_SEVERITY = {
    Status.GAP: 0,
    Status.UNANSWERED: 1,
    Status.NOT_ASSESSED: 1,
    Status.PARTIAL: 2,
    Status.READY: 3,
    Status.NOT_APPLICABLE: 4,
}
_OPEN = frozenset({Status.GAP, Status.UNANSWERED, Status.NOT_ASSESSED, Status.PARTIAL})


def status_of(answer: Answer | None) -> Status:
    if answer is None:
        return Status.UNANSWERED
    if answer.readiness is not None:
        return Status(answer.readiness.value)
    return Status.NOT_ASSESSED if is_answered(answer) else Status.UNANSWERED


def percent(part: int, whole: int) -> int:
    """Rounded, except that 100% means all and 0% means none (199 of 200 is 99%, not 100%).

    Nothing to count (every question not applicable) is 100%: nothing is left to do."""
    if not whole:
        return 100
    rounded = (200 * part + whole) // (2 * whole)  # halves up, in integers
    if rounded == 100 and part < whole:
        return 99
    if rounded == 0 and part > 0:
        return 1
    return rounded


class Progress(NamedTuple):
    """The counts over any slice of the walk: a team in a stage, a stage, a team, the session.

    A NamedTuple rather than a dataclass: `walkthrough list` reads every session's counts
    through it, and importing dataclasses (with inspect) cost that command ~10 ms."""

    total: int  # questions of the teams that apply
    applicable: int  # total minus questions marked not applicable
    answered: int
    ready: int
    partial: int
    gap: int
    not_applicable: int

    @property
    def readiness(self) -> int:
        """The headline: percent of applicable questions that are ready."""
        return percent(self.ready, self.applicable)

    @property
    def answered_percent(self) -> int:
        return percent(self.answered, self.applicable)

    @property
    def not_assessed(self) -> int:
        return _not_assessed(self.answered, self.ready, self.partial, self.gap)

    @property
    def unanswered(self) -> int:
        return _unanswered(self.applicable, self.answered)

    @property
    def open(self) -> int:
        """Open items: applicable questions that are not ready."""
        return _open(self.applicable, self.ready)

    def as_dict(self) -> dict[str, int]:
        return self._asdict()


# The counts Progress derives, as functions over its fields: `progress_columns` maps them over
# a whole listing's columns.
def _not_assessed(answered: int, ready: int, partial: int, gap: int) -> int:
    return answered - ready - partial - gap


def _unanswered(applicable: int, answered: int) -> int:
    return applicable - answered


def _open(applicable: int, ready: int) -> int:
    return applicable - ready


def counts_of(statuses: Iterable[Status]) -> Progress:
    counts = Counter(statuses)
    total = sum(counts.values())
    not_applicable = counts[Status.NOT_APPLICABLE]
    applicable = total - not_applicable
    return Progress(
        total=total,
        applicable=applicable,
        answered=applicable - counts[Status.UNANSWERED],
        ready=counts[Status.READY],
        partial=counts[Status.PARTIAL],
        gap=counts[Status.GAP],
        not_applicable=not_applicable,
    )


def progress(bank: Bank, session: Session) -> Progress:
    return counts_of(
        status_of(session.answers.get(ref.id)) for ref in bank.walk() if session.applies(ref.team.id)
    )


# What a listing keeps per session (sessions/index.json), so home and `list` need not
# open every session. Bump STATS_FORMAT when the shape changes: old records are recomputed.
STATS_FORMAT = 3


def listing_stats(bank: Bank, session: Session) -> dict[str, Any]:
    return {
        **progress(bank, session).as_dict(),
        "launch": session.launch.isoformat() if session.launch else None,
        # Each milestone's readiness, oldest first, as counted when it was saved: the trend home
        # draws without opening a milestone (or the session).
        "trend": [milestone_readiness(m.counts) for m in session.milestones],
    }


def milestone_readiness(counts: Mapping[str, Any]) -> int:
    return percent(_count(counts.get("ready")), _count(counts.get("applicable")))


def stats_trend(stats: Mapping[str, Any]) -> list[int]:
    """The readiness of each milestone, oldest first, from a listing record (odd values dropped)."""
    trend = stats.get("trend")
    if not isinstance(trend, list):
        return []
    return [value for value in trend if type(value) is int and 0 <= value <= 100]


def stats_progress(stats: Mapping[str, Any]) -> Progress:
    """The counts back from a listing record (a missing or odd field counts as 0)."""
    return Progress(*[_count(stats.get(name)) for name in Progress._fields])


def stats_count(records: Iterable[Mapping[str, Any]], name: str) -> list[int]:
    """One count (a Progress field) of each listing record, as `stats_progress` reads it: a
    missing or odd value (index.json is a cache anyone can edit) counts as 0."""
    values = list(map(methodcaller("get", name), records))  # in C: home sums 10,000 of them
    return values if _all_counts(values) else list(map(_count, values))


def progress_columns(records: Sequence[Mapping[str, Any]]) -> dict[str, list[int]]:
    """Every count of `list --json`, for many listing records at once: by name, a list with
    each record's figure, as `stats_progress` gives it for that record.

    `list --json` writes 16 figures for each of 10,000 sessions: made a column at a time by C
    functions (itemgetter, map, zip), with bytecode only for the percentages and derived
    counts, it takes a third of the time of a Progress per session. A record with a missing
    or odd field sends the whole listing through stats_progress instead.
    """
    try:
        rows: list[tuple[int, ...]] = list(map(_FIELD_GETTER, records))
        usable = _all_counts(list(chain.from_iterable(rows)))
    except (KeyError, TypeError):  # a field missing, or a record that is not an object
        usable = False
    if not usable:  # an edited index.json: each record on its own, odd fields as 0
        rows = list(map(stats_progress, records))
    _total, applicable, answered, ready, partial, gap, not_applicable = (
        list(column) for column in (zip(*rows, strict=True) if rows else ([],) * len(Progress._fields))
    )
    return {
        "readiness": list(map(percent, ready, applicable)),
        "answered_percent": list(map(percent, answered, applicable)),
        "open": list(map(_open, applicable, ready)),
        "answered": answered,
        "applicable": applicable,
        "ready": ready,
        "gap": gap,
        "partial": partial,
        "not_assessed": list(map(_not_assessed, answered, ready, partial, gap)),
        "unanswered": list(map(_unanswered, applicable, answered)),
        "not_applicable": not_applicable,
    }


_FIELD_GETTER = itemgetter(*Progress._fields)


def stats_launch(stats: Mapping[str, Any]) -> date | None:
    value = stats.get("launch")
    try:
        return date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _count(value: Any) -> int:
    return value if type(value) is int and value >= 0 else 0


def _all_counts(values: list[Any]) -> bool:
    """Whether `_count` would keep every value as it is, checked by C functions over the list."""
    return set(map(type, values)) <= {int} and (not values or min(values) >= 0)
