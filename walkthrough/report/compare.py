"""What changed between two looks at a session: a milestone and now, or two milestones.

The headline counts of each side (readiness, answered, open items, gaps, overdue) and every
question that moved: became ready, stopped being ready, became a gap, changed status
otherwise, changed priority, changed owner or due date, had its answer or decision
rewritten; the teams that came to apply or were left out; a moved launch date. Both sides
are counted with the same bank and the same rules (`progress`, `summary`), so a figure here
is the one the summary showed at the time, counted with today's bank.

Pure: a bank and two sessions in, plain data out, for the CLI, the TUI and the report alike.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from fractions import Fraction
from typing import Any
from unicodedata import category

from questions.models import Bank, QuestionRef
from sessions.models import Milestone, Session
from sessions.text import printable
from walkthrough.i18n import gettext, ngettext
from walkthrough.report.priority import format_score, priority_key
from walkthrough.report.progress import Progress, Status, counts_of
from walkthrough.report.summary import QuestionEntry, entries_of

_JOINERS = "\u200d\ufe0f"  # zero-width joiner, emoji presentation: part of the cluster before
MINUS = "−"  # U+2212: a minus sign that lines up with "+" and is not a hyphen
FIRST_LINE = 80  # characters of an answer shown where it changed


@dataclass(frozen=True)
class Side:
    """One end of a comparison: a milestone's state, or the session now."""

    session: Session
    on: date  # the day its overdue items are counted on: when the milestone was saved, or today
    milestone: Milestone | None = None

    @property
    def label(self) -> str:
        # Translators: the session as it is now, compared with a milestone (a column title).
        return self.milestone.name if self.milestone else gettext("now")

    @property
    def when(self) -> datetime | None:
        return self.milestone.saved if self.milestone else None


def milestone_side(milestone: Milestone, state: Session) -> Side:
    return Side(state, milestone.saved.astimezone().date(), milestone)


def now_side(session: Session, today: date) -> Side:
    return Side(session, today)


@dataclass(frozen=True)
class Headline:
    """The counts the summary heads with, for one side."""

    counts: Progress
    overdue: int


@dataclass(frozen=True)
class ItemChange:
    """One question as it was and as it is (both sides count it: its team applies on both)."""

    before: QuestionEntry
    after: QuestionEntry

    @property
    def ref(self) -> QuestionRef:
        return self.after.ref

    @property
    def question_id(self) -> str:
        return self.after.ref.id

    @property
    def label(self) -> str:
        return self.after.label

    @property
    def text_moves(self) -> dict[str, tuple[str, str, str]]:
        """How the answer and the decision moved, for each that did: "answer" or "decision"
        -> ("written" where there was none, "rewritten" or "cleared"; then the text before
        and after). The one place that says what counts as a change of text."""
        moves = {}
        for field, before, after in (
            ("answer", self.before.answer.text, self.after.answer.text),
            ("decision", self.before.decision, self.after.decision),
        ):
            if before.strip() != after.strip():
                move = (
                    "rewritten"
                    if before.strip() and after.strip()
                    else "cleared"
                    if before.strip()
                    else "written"
                )
                moves[field] = (move, before, after)
        return moves

    @property
    def rewritten(self) -> bool:
        """An answer or a decision there was is now another or gone; a first one written
        where there was none is not a rewrite (the headline counts it as answered)."""
        return any(move != "written" for move, _before, _after in self.text_moves.values())

    @property
    def score_before(self) -> Fraction | None:
        return self.before.score

    @property
    def score_after(self) -> Fraction | None:
        return self.after.score


@dataclass(frozen=True)
class TeamChange:
    team_id: str
    name: str
    questions: int  # of this team, on the side where it applies
    ready: int


@dataclass(frozen=True)
class Comparison:
    session_id: str
    session_name: str
    before: Side
    after: Side
    headline_before: Headline
    headline_after: Headline
    became_ready: tuple[ItemChange, ...]
    no_longer_ready: tuple[ItemChange, ...]
    new_gaps: tuple[ItemChange, ...]
    other_status: tuple[ItemChange, ...]  # every other change of status
    priorities: tuple[ItemChange, ...]  # the priority (from the three ratings) moved
    owners_and_dates: tuple[ItemChange, ...]  # the owner or the due date changed
    answers: tuple[ItemChange, ...]  # the answer or the decision was rewritten
    teams_added: tuple[TeamChange, ...]
    teams_left_out: tuple[TeamChange, ...]
    launch_before: date | None
    launch_after: date | None

    @property
    def status_changes(self) -> tuple[ItemChange, ...]:
        return self.became_ready + self.no_longer_ready + self.new_gaps + self.other_status

    @property
    def changed_ids(self) -> frozenset[str]:
        """Every question that changed in any way listed here."""
        return frozenset(
            change.question_id
            for group in (self.status_changes, self.priorities, self.owners_and_dates, self.answers)
            for change in group
        )

    @property
    def launch_moved(self) -> bool:
        return self.launch_before != self.launch_after

    @property
    def is_empty(self) -> bool:
        return not (
            self.changed_ids
            or self.teams_added
            or self.teams_left_out
            or self.launch_moved
            or self.headline_before != self.headline_after
        )

    def deltas(self) -> dict[str, int]:
        """After minus before, for each headline figure."""
        a, b = self.headline_after, self.headline_before
        return {
            "readiness": a.counts.readiness - b.counts.readiness,
            "ready": a.counts.ready - b.counts.ready,
            "answered": a.counts.answered - b.counts.answered,
            "open": a.counts.open - b.counts.open,
            "gaps": a.counts.gap - b.counts.gap,
            "overdue": a.overdue - b.overdue,
        }

    def moves(self) -> list[tuple[str, int, str]]:
        """(figure, change, words) for each headline figure that moved — "readiness +12 pts",
        "+3 ready", "−2 gaps" — then the answers rewritten (figure "answers")."""
        d = self.deltas()
        moves = []
        for key in ("readiness", "ready", "gaps", "open", "overdue", "answered"):
            if d[key]:
                words = _MOVES[key](abs(d[key])).format(change=signed(d[key]))
                moves.append((key, d[key], words))
        # A first answer is in "answered" above, not a rewrite as well.
        count = sum(1 for change in self.answers if change.rewritten)
        if count:
            words = ngettext("{count} answer rewritten", "{count} answers rewritten", count).format(
                count=count
            )
            moves.append(("answers", count, words))
        return moves

    def phrases(self) -> list[str]:
        """The moves in words (an empty list when nothing moved)."""
        return [words for _key, _change, words in self.moves()]


# How a headline figure moved, in the language in use, for a change of `n` (its size).
_MOVES: dict[str, Callable[[int], str]] = {
    # Translators: how readiness moved since a milestone; {change} is "+3" or "−2",
    # in percentage points.
    "readiness": lambda n: ngettext("readiness {change} pt", "readiness {change} pts", n),
    # Translators: how many more (or fewer) questions are ready; {change} is "+3" or "−2".
    "ready": lambda n: ngettext("{change} ready", "{change} ready", n),
    "gaps": lambda n: ngettext("{change} gap", "{change} gaps", n),
    # Translators: how many more (or fewer) open items there are.
    "open": lambda n: ngettext("{change} open", "{change} open", n),
    "overdue": lambda n: ngettext("{change} overdue", "{change} overdue", n),
    "answered": lambda n: ngettext("{change} answered", "{change} answered", n),
}


def signed(number: int) -> str:
    """ "+3", "−2", "0"."""
    if number > 0:
        return f"+{number}"
    if number < 0:
        return f"{MINUS}{-number}"
    return "0"


def first_line(text: str, limit: int = FIRST_LINE) -> str:
    """The first line that says something, cut to `limit` characters with "…" (never inside
    a character cluster: a Thai vowel mark or an accent stays with its letter)."""
    lines = _said_lines(text)
    return _cut(lines[0], limit) if lines else ""


def changed_lines(before: str, after: str, limit: int = FIRST_LINE) -> tuple[str, str]:
    """Where two texts first differ, as the line each has there, cut to `limit` like
    `first_line`: the first lines when those differ, else the first line that does (after
    "… "), shown from a little before the first change when that is past the cut. "" for a
    text that has no line there. Two first lines alike said nothing of what changed."""
    old, new = _said_lines(before), _said_lines(after)
    for number in range(max(len(old), len(new))):
        was = old[number] if number < len(old) else ""
        now = new[number] if number < len(new) else ""
        if was != now:
            # The first character that differs; where the shorter line ends when one line
            # only adds to the other ("… and more" appended past the cut).
            start = next(
                (i for i, (a, b) in enumerate(zip(was, now, strict=False)) if a != b), min(len(was), len(now))
            )
            start = max(0, start - _CONTEXT)
            if start and max(len(was), len(now)) <= limit:
                start = 0  # both whole: no need to start later
            lead = "… " if number or start else ""
            return (
                lead + _cut(was[start:], limit) if was else "",
                lead + _cut(now[start:], limit) if now else "",
            )
    return first_line(before, limit), first_line(after, limit)


_CONTEXT = 20  # characters shown before a change that lies past the cut


def _said_lines(text: str) -> list[str]:
    """The lines that say something, printable, white space folded."""
    lines = (" ".join(line.split()) for line in printable(text, keep_newlines=True).split("\n"))
    return [line for line in lines if line]


def _cut(line: str, limit: int) -> str:
    if len(line) <= limit:
        return line
    cut = limit - 1
    while cut > 0 and (category(line[cut])[0] == "M" or line[cut] in _JOINERS or line[cut - 1] in _JOINERS):
        cut -= 1
    return line[:cut].rstrip() + "…"


def headline(entries: list[QuestionEntry], on: date) -> Headline:
    return Headline(
        counts_of(e.status for e in entries), sum(1 for e in entries if e.status.is_open and e.is_overdue(on))
    )


def milestone_counts(bank: Bank, session: Session, on: date) -> dict[str, int]:
    """What a milestone saved now is listed with: the session's counts and its overdue items."""
    figures = headline(entries_of(bank, session), on)
    return {**figures.counts.as_dict(), "overdue": figures.overdue}


def since_latest(
    bank: Bank, session: Session, state_of: Callable[[Milestone], Session], today: date
) -> Comparison | None:
    """The session now against its latest milestone (None without one); `state_of` reads a
    milestone's state (and raises the store's error if it is lost)."""
    if not session.milestones:
        return None
    latest = session.milestones[-1]
    return compare(bank, milestone_side(latest, state_of(latest)), now_side(session, today))


def compare(bank: Bank, before: Side, after: Side) -> Comparison:
    old = entries_of(bank, before.session)
    new = entries_of(bank, after.session)
    old_by_id = {e.ref.id: e for e in old}
    pairs = [ItemChange(old_by_id[e.ref.id], e) for e in new if e.ref.id in old_by_id]

    became_ready, no_longer_ready, new_gaps, other_status = [], [], [], []
    for pair in pairs:
        was, now = pair.before.status, pair.after.status
        if was is now:
            continue
        if now is Status.READY:
            became_ready.append(pair)
        elif now is Status.GAP:
            new_gaps.append(pair)
        elif was is Status.READY:
            no_longer_ready.append(pair)
        else:
            other_status.append(pair)

    by_priority = sorted(pairs, key=lambda pair: priority_key(pair.after))
    return Comparison(
        session_id=after.session.id,
        session_name=after.session.name,
        before=before,
        after=after,
        headline_before=headline(old, before.on),
        headline_after=headline(new, after.on),
        became_ready=tuple(became_ready),
        no_longer_ready=tuple(no_longer_ready),
        new_gaps=tuple(new_gaps),
        other_status=tuple(other_status),
        priorities=tuple(p for p in by_priority if p.before.score != p.after.score),
        owners_and_dates=tuple(
            p for p in by_priority if _owner(p.before) != _owner(p.after) or p.before.due != p.after.due
        ),
        answers=tuple(p for p in pairs if p.text_moves),
        teams_added=tuple(_teams(new, old)),
        teams_left_out=tuple(_teams(old, new)),
        launch_before=before.session.launch,
        launch_after=after.session.launch,
    )


def _owner(entry: QuestionEntry) -> str:
    return " ".join(entry.owner.split())


def _teams(side: list[QuestionEntry], other: list[QuestionEntry]) -> Iterator[TeamChange]:
    """The teams `side` counts and `other` does not, in walk order of first appearance."""
    elsewhere = {e.team_id for e in other}
    seen: dict[str, list[QuestionEntry]] = {}
    for entry in side:
        if entry.team_id not in elsewhere:
            seen.setdefault(entry.team_id, []).append(entry)
    for team_id, entries in seen.items():
        yield TeamChange(
            team_id,
            entries[0].team.name,
            len(entries),
            sum(1 for e in entries if e.status is Status.READY),
        )


# -- as data (`walkthrough compare --format json`)


def comparison_document(comparison: Comparison) -> dict[str, Any]:
    """The comparison as JSON-ready data: the same facts the Markdown gives."""
    c = comparison

    def side(s: Side, h: Headline) -> dict[str, Any]:
        return {
            "milestone": s.milestone.name if s.milestone else None,
            "saved": s.milestone.saved.isoformat() if s.milestone else None,
            "counted_on": s.on.isoformat(),
            "launch": s.session.launch.isoformat() if s.session.launch else None,
            "readiness": h.counts.readiness,
            "ready": h.counts.ready,
            "applicable": h.counts.applicable,
            "answered": h.counts.answered,
            "answered_percent": h.counts.answered_percent,
            "open": h.counts.open,
            "gaps": h.counts.gap,
            "overdue": h.overdue,
        }

    return {
        "session": {"id": c.session_id, "name": c.session_name},
        "from": side(c.before, c.headline_before),
        "to": side(c.after, c.headline_after),
        "change": c.deltas(),
        "became_ready": [_status_item(p) for p in c.became_ready],
        "no_longer_ready": [_status_item(p) for p in c.no_longer_ready],
        "new_gaps": [_status_item(p) for p in c.new_gaps],
        "other_status_changes": [_status_item(p) for p in c.other_status],
        "priorities": [
            {
                **_item(p),
                "from": _score(p.before),
                "to": _score(p.after),
                "ratings_from": _ratings(p.before),
                "ratings_to": _ratings(p.after),
            }
            for p in c.priorities
        ],
        "owners_and_due_dates": [
            {
                **_item(p),
                "owner_from": _owner(p.before) or None,
                "owner_to": _owner(p.after) or None,
                "due_from": p.before.due.isoformat() if p.before.due else None,
                "due_to": p.after.due.isoformat() if p.after.due else None,
                "overdue": p.after.is_overdue(c.after.on),
            }
            for p in c.owners_and_dates
        ],
        "answers": [_rewrite_document(p) for p in c.answers],
        "teams_added": [_team(t) for t in c.teams_added],
        "teams_left_out": [_team(t) for t in c.teams_left_out],
        "launch": {
            "from": c.launch_before.isoformat() if c.launch_before else None,
            "to": c.launch_after.isoformat() if c.launch_after else None,
        },
    }


def _rewrite_document(p: ItemChange) -> dict[str, Any]:
    """An answer or decision that changed: each as the line where before and after differ."""
    answer_from, answer_to = changed_lines(p.before.answer.text, p.after.answer.text)
    decision_from, decision_to = changed_lines(p.before.decision, p.after.decision)
    return {
        **_item(p),
        "answer_from": answer_from,
        "answer_to": answer_to,
        "decision_from": decision_from,
        "decision_to": decision_to,
    }


def _item(change: ItemChange) -> dict[str, Any]:
    entry = change.after
    return {
        "q": entry.label,
        "question_id": entry.ref.id,
        "stage": entry.stage_number,
        "team": entry.team.name,
        "question": entry.question.prompt,
    }


def _status_item(change: ItemChange) -> dict[str, Any]:
    return {**_item(change), "from": change.before.status.value, "to": change.after.status.value}


def _score(entry: QuestionEntry) -> float | None:
    return float(format_score(entry.score)) if entry.score is not None else None


def _ratings(entry: QuestionEntry) -> dict[str, int | None]:
    return {"risk": entry.risk, "reward": entry.reward, "mitigation": entry.mitigation}


def _team(team: TeamChange) -> dict[str, Any]:
    return {"id": team.team_id, "name": team.name, "questions": team.questions, "ready": team.ready}
