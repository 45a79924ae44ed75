"""The gap summary: what is covered, what is missing, and what to do first.

Pure logic over a bank and a session (no Textual, no I/O), shared by the TUI's
summary screen and the Markdown export. The priority rule and the quadrants are
explained for PMs in the README ("The gap summary"); keep the two in step.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from questions.models import Bank, Question, QuestionRef, Stage, Team
from sessions.models import Answer, Session
from walkthrough.report.progress import Progress, is_answered

HIGH = 3
"""On the 1–5 scales, a risk or reward of HIGH or more counts as high."""

RISK_WEIGHT = 2
"""Risk weighs double in the priority score: keeping a customer costs far less than winning one."""


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
        return _STATUS_LABELS[self]

    @property
    def severity(self) -> int:
        """Lower is worse: gap, then unanswered or not assessed, then partial."""
        return _SEVERITY[self]

    @property
    def is_open(self) -> bool:
        """Belongs in the gap list."""
        return self in _OPEN


_STATUS_LABELS = {
    Status.READY: "Ready",
    Status.PARTIAL: "Partial",
    Status.GAP: "Gap",
    Status.NOT_APPLICABLE: "Not applicable",
    Status.NOT_ASSESSED: "Not assessed",
    Status.UNANSWERED: "Unanswered",
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


def status_of(answer: Answer) -> Status:
    if answer.readiness is not None:
        return Status(answer.readiness.value)
    return Status.NOT_ASSESSED if is_answered(answer) else Status.UNANSWERED


class Quadrant(StrEnum):
    """Where a decision falls on the risk × reward matrix."""

    ACT_NOW = "act_now"
    PROTECT = "protect"
    OPPORTUNITY = "opportunity"
    LATER = "later"
    NOT_RATED = "not_rated"

    @property
    def label(self) -> str:
        return _QUADRANT_TEXT[self][0]

    @property
    def advice(self) -> str:
        return _QUADRANT_TEXT[self][1]


_QUADRANT_TEXT = {
    Quadrant.ACT_NOW: (
        "Act now",
        "high risk and high reward: customers leave without it and come faster with it",
    ),
    Quadrant.PROTECT: ("Protect", "high risk, low reward: do it or customers leave"),
    Quadrant.OPPORTUNITY: ("Opportunity", "low risk, high reward: wins customers faster"),
    Quadrant.LATER: ("Later", "low risk and low reward: park it until the rest is done"),
    Quadrant.NOT_RATED: ("Not rated", "risk or reward not set yet"),
}


def quadrant_of(risk: int | None, reward: int | None) -> Quadrant:
    if risk is None or reward is None:
        return Quadrant.NOT_RATED
    if risk >= HIGH:
        return Quadrant.ACT_NOW if reward >= HIGH else Quadrant.PROTECT
    return Quadrant.OPPORTUNITY if reward >= HIGH else Quadrant.LATER


def priority_score(risk: int | None, reward: int | None) -> int | None:
    """2 × risk + reward, or None when either is missing."""
    if risk is None or reward is None:
        return None
    return RISK_WEIGHT * risk + reward


@dataclass(frozen=True)
class QuestionEntry:
    """One applicable question of the session, with its answer and where it stands."""

    number: int  # the question's place in the whole bank (QuestionRef.number): stable across sessions
    ref: QuestionRef
    answer: Answer
    status: Status

    @property
    def label(self) -> str:
        """Short, markup-safe name for charts and cross-references: "Q12"."""
        return f"Q{self.number}"

    @property
    def question(self) -> Question:
        return self.ref.question

    @property
    def stage(self) -> Stage:
        return self.ref.stage

    @property
    def team(self) -> Team:
        return self.ref.team

    @property
    def risk(self) -> int | None:
        return self.answer.risk

    @property
    def reward(self) -> int | None:
        return self.answer.reward

    @property
    def owner(self) -> str:
        return self.answer.owner.strip()

    @property
    def due(self) -> date | None:
        return self.answer.due

    @property
    def is_rated(self) -> bool:
        return self.answer.is_rated

    @property
    def score(self) -> int | None:
        return priority_score(self.risk, self.reward)

    @property
    def quadrant(self) -> Quadrant:
        return quadrant_of(self.risk, self.reward)

    def is_overdue(self, today: date) -> bool:
        return self.due is not None and self.due < today and self.status is not Status.READY


class GapItem(QuestionEntry):
    """A gap, partial, unanswered or not-assessed question: something to close."""


class Decision(QuestionEntry):
    """An applicable answer with decision text or a risk/reward rating."""

    @property
    def text(self) -> str:
        return self.answer.decision.strip()


def priority_key(entry: QuestionEntry) -> tuple[int, ...]:
    """Sort key for the priority rule (smaller sorts first).

    Rated entries first, highest 2 × risk + reward first; ties go to the higher
    risk, then the worse status (gap, unanswered/not assessed, partial), then
    walk order. Entries missing risk or reward follow, by status then walk order.
    """
    score = entry.score
    if score is not None:
        return (0, -score, -(entry.risk or 0), entry.status.severity, entry.ref.index)
    return (1, 0, 0, entry.status.severity, entry.ref.index)


@dataclass(frozen=True)
class Coverage(Progress):
    """Progress counts over any slice of the walk (a touchpoint, a stage, a team, all)."""

    @property
    def not_assessed(self) -> int:
        return self.answered - self.ready - self.partial - self.gap

    @property
    def unanswered(self) -> int:
        return self.applicable - self.answered

    @property
    def open(self) -> int:
        """Questions in the gap list: gaps, partials, unanswered and not assessed."""
        return self.applicable - self.ready


def coverage_of(entries: Iterable[QuestionEntry]) -> Coverage:
    counts = Counter(entry.status for entry in entries)
    total = sum(counts.values())
    not_applicable = counts[Status.NOT_APPLICABLE]
    applicable = total - not_applicable
    return Coverage(
        total=total,
        applicable=applicable,
        answered=applicable - counts[Status.UNANSWERED],
        ready=counts[Status.READY],
        partial=counts[Status.PARTIAL],
        gap=counts[Status.GAP],
        not_applicable=not_applicable,
    )


@dataclass(frozen=True)
class TouchpointCoverage:
    """One team within one stage."""

    stage: Stage
    team: Team
    coverage: Coverage
    gaps: tuple[GapItem, ...]  # priority order
    not_applicable: tuple[QuestionEntry, ...]  # walk order; the reason is entry.answer.na_reason


@dataclass(frozen=True)
class StageCoverage:
    stage: Stage
    number: int  # 1-based place of the stage in the bank
    coverage: Coverage
    touchpoints: tuple[TouchpointCoverage, ...]  # the teams that apply, in bank order
    gaps: tuple[GapItem, ...]  # priority order


@dataclass(frozen=True)
class TeamCoverage:
    """One team across every stage it appears in."""

    team_id: str
    name: str
    coverage: Coverage
    gaps: tuple[GapItem, ...]  # priority order


@dataclass(frozen=True)
class Summary:
    session_id: str
    session_name: str
    bank_id: str
    bank_title: str
    bank_version: str
    recorded_bank: tuple[str, str]  # (bank id, version) the session was started with
    coverage: Coverage
    stages: tuple[StageCoverage, ...]  # stages with at least one team that applies
    teams: tuple[TeamCoverage, ...]  # teams that apply, in order of first appearance
    gaps: tuple[GapItem, ...]  # every open question, priority order
    decisions: tuple[Decision, ...]  # priority order, unrated ones last
    not_applicable: tuple[QuestionEntry, ...]  # walk order
    excluded_teams: tuple[str, ...]  # names of the bank's teams that do not apply
    unmatched_answers: int  # answers whose question id is not in this bank (kept, not shown)

    def top_actions(self, count: int = 5) -> tuple[GapItem, ...]:
        return self.gaps[:count]

    def decisions_in(self, quadrant: Quadrant) -> tuple[Decision, ...]:
        return tuple(d for d in self.decisions if d.quadrant is quadrant)

    def quadrant_counts(self) -> dict[Quadrant, int]:
        counts = Counter(d.quadrant for d in self.decisions)
        return {q: counts[q] for q in Quadrant}

    @property
    def rated_decisions(self) -> tuple[Decision, ...]:
        return tuple(d for d in self.decisions if d.is_rated)

    @property
    def bank_changed(self) -> bool:
        return self.recorded_bank != (self.bank_id, self.bank_version)


def _is_decision(answer: Answer) -> bool:
    return bool(answer.decision.strip()) or answer.risk is not None or answer.reward is not None


def _ordered(entries: Iterable[QuestionEntry], kind: type) -> tuple:
    return tuple(kind(e.number, e.ref, e.answer, e.status) for e in sorted(entries, key=priority_key))


def summarize(bank: Bank, session: Session) -> Summary:
    entries: list[QuestionEntry] = []
    known_ids: set[str] = set()
    for ref in bank.walk():
        known_ids.add(ref.id)
        if session.applies(ref.team.id):
            answer = session.answer(ref.id)
            entries.append(QuestionEntry(ref.number, ref, answer, status_of(answer)))

    by_touchpoint: dict[tuple[int, int], list[QuestionEntry]] = defaultdict(list)
    by_stage: dict[int, list[QuestionEntry]] = defaultdict(list)
    by_team: dict[str, list[QuestionEntry]] = defaultdict(list)
    for entry in entries:
        by_touchpoint[entry.ref.stage_index, entry.ref.team_index].append(entry)
        by_stage[entry.ref.stage_index].append(entry)
        by_team[entry.team.id].append(entry)

    def open_items(group: list[QuestionEntry]) -> tuple[GapItem, ...]:
        return _ordered((e for e in group if e.status.is_open), GapItem)

    stages = []
    for s_index, stage_entries in sorted(by_stage.items()):
        touchpoints = tuple(
            TouchpointCoverage(
                stage=group[0].stage,
                team=group[0].team,
                coverage=coverage_of(group),
                gaps=open_items(group),
                not_applicable=tuple(e for e in group if e.status is Status.NOT_APPLICABLE),
            )
            for (t_s_index, _), group in sorted(by_touchpoint.items())
            if t_s_index == s_index
        )
        stages.append(
            StageCoverage(
                stage=stage_entries[0].stage,
                number=s_index + 1,
                coverage=coverage_of(stage_entries),
                touchpoints=touchpoints,
                gaps=open_items(stage_entries),
            )
        )

    names = bank.team_names()
    teams = tuple(
        TeamCoverage(
            team_id=team_id, name=names[team_id], coverage=coverage_of(group), gaps=open_items(group)
        )
        for team_id, group in by_team.items()
    )
    applicable = [e for e in entries if e.status is not Status.NOT_APPLICABLE]
    return Summary(
        session_id=session.id,
        session_name=session.name,
        bank_id=bank.id,
        bank_title=bank.title,
        bank_version=bank.version,
        recorded_bank=(session.bank_id, session.bank_version),
        coverage=coverage_of(entries),
        stages=tuple(stages),
        teams=teams,
        gaps=open_items(entries),
        decisions=_ordered((e for e in applicable if _is_decision(e.answer)), Decision),
        not_applicable=tuple(e for e in entries if e.status is Status.NOT_APPLICABLE),
        excluded_teams=tuple(name for team_id, name in names.items() if not session.applies(team_id)),
        unmatched_answers=sum(
            1 for qid, answer in session.answers.items() if qid not in known_ids and not answer.is_empty
        ),
    )
