"""The gap summary: readiness by stage and team, the open items in priority order, the decisions.

Pure logic over a bank and a session (no Textual, no I/O), shared by the TUI's summary
screen and the Markdown export. The counts come from `progress.counts_of` and the order
from `priority.priority_key`, so every view says the same thing.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from fractions import Fraction

from questions.models import Bank, Question, QuestionRef, Stage, Team
from sessions.models import Answer, Session
from walkthrough.i18n import gettext
from walkthrough.report.filters import Filter, ItemFilter
from walkthrough.report.launch import is_after_launch, show_date
from walkthrough.report.owners import owner_key, owner_spellings
from walkthrough.report.priority import Quadrant, priority_key, priority_score, quadrant_of
from walkthrough.report.progress import Progress, Status, counts_of, status_of


@dataclass(frozen=True)
class QuestionEntry:
    """One question of the teams that apply, with its answer and where it stands."""

    number: int  # the question's place in the whole bank (QuestionRef.number): stable across sessions
    ref: QuestionRef
    answer: Answer
    status: Status
    # The owner as the session spells them most ("dee" and "Dee " are one Dee); see report/owners.
    owner_spelling: str = ""

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
    def stage_number(self) -> int:
        return self.ref.stage_index + 1

    @property
    def team(self) -> Team:
        return self.ref.team

    @property
    def team_id(self) -> str:
        return self.ref.team.id

    @property
    def risk(self) -> int | None:
        return self.answer.risk

    @property
    def reward(self) -> int | None:
        return self.answer.reward

    @property
    def mitigation(self) -> int | None:
        return self.answer.mitigation

    @property
    def decision(self) -> str:
        return self.answer.decision.strip()

    @property
    def owner(self) -> str:
        return self.owner_spelling or self.answer.owner.strip()

    @property
    def due(self) -> date | None:
        return self.answer.due

    @property
    def due_label(self) -> str:
        """The due date to show: as the language in use writes dates (ISO in English), or,
        when what was typed is no date, those words with "(not a date)", or "" for none."""
        if self.due is not None:
            return show_date(self.due)
        typed = " ".join(self.answer.due_text.split())
        # Translators: a due date typed as words that are no date ("next sprint (not a date)").
        return gettext("{typed} (not a date)").format(typed=typed) if typed else ""

    @property
    def is_rated(self) -> bool:
        """At least one of risk, reward and mitigation is set: the item has a priority score."""
        return self.score is not None

    @property
    def on_matrix(self) -> bool:
        """Risk and reward are both set: the item has a cell on the risk × reward matrix."""
        return self.risk is not None and self.reward is not None

    @property
    def score(self) -> Fraction | None:
        return priority_score(self.risk, self.reward, self.mitigation)

    @property
    def quadrant(self) -> Quadrant:
        return quadrant_of(self.risk, self.reward)

    def is_overdue(self, today: date) -> bool:
        return self.due is not None and self.due < today and self.status is not Status.READY

    def is_due_after(self, launch: date | None) -> bool:
        return self.status is not Status.READY and is_after_launch(self.due, launch)


def is_decision(entry: QuestionEntry) -> bool:
    """An applicable answer with decision text or any of the three ratings."""
    return entry.status is not Status.NOT_APPLICABLE and bool(entry.decision or entry.is_rated)


@dataclass(frozen=True)
class TouchpointProgress:
    """One team within one stage."""

    stage: Stage
    team: Team
    team_index: int  # place of the team in its stage in the bank
    counts: Progress
    open_items: tuple[QuestionEntry, ...]  # priority order
    not_applicable: tuple[QuestionEntry, ...]  # walk order; the reason is entry.answer.na_reason


@dataclass(frozen=True)
class StageProgress:
    stage: Stage
    number: int  # 1-based place of the stage in the bank
    counts: Progress
    touchpoints: tuple[TouchpointProgress, ...]  # the teams that apply, in bank order
    open_items: tuple[QuestionEntry, ...]  # priority order


@dataclass(frozen=True)
class TeamProgress:
    """One team across every stage it appears in."""

    team_id: str
    name: str
    counts: Progress
    open_items: tuple[QuestionEntry, ...]  # priority order


@dataclass(frozen=True)
class Summary:
    session_id: str
    session_name: str
    bank_id: str
    bank_title: str
    bank_version: str
    recorded_bank: tuple[str, str]  # (bank id, version) the session was started with
    launch: date | None
    item_filter: Filter  # what was left out of everything below but `whole`
    whole: Progress  # the session without the filter
    counts: Progress
    stages: tuple[StageProgress, ...]  # stages with at least one item, in bank order
    teams: tuple[TeamProgress, ...]  # teams with at least one item, in order of first appearance
    ranked: tuple[QuestionEntry, ...]  # every applicable item, ready ones included, priority order
    not_applicable: tuple[QuestionEntry, ...]  # walk order
    excluded_teams: tuple[str, ...]  # names of the bank's teams that do not apply
    unmatched_answers: int  # answers whose question id is not in this bank (kept, not shown)

    @property
    def open_items(self) -> tuple[QuestionEntry, ...]:
        """Applicable questions that are not ready, highest priority first."""
        return tuple(e for e in self.ranked if e.status.is_open)

    @property
    def decisions(self) -> tuple[QuestionEntry, ...]:
        """Every decision, ready ones included, in priority order (unrated last)."""
        return tuple(e for e in self.ranked if is_decision(e))

    def top_actions(self, count: int = 5) -> tuple[QuestionEntry, ...]:
        return self.open_items[:count]

    def quadrant_counts(self) -> dict[Quadrant, int]:
        counts = dict.fromkeys(Quadrant, 0)
        for decision in self.decisions:
            counts[decision.quadrant] += 1
        return counts

    @property
    def on_matrix(self) -> tuple[QuestionEntry, ...]:
        return tuple(d for d in self.decisions if d.on_matrix)

    @property
    def bank_changed(self) -> bool:
        return self.recorded_bank != (self.bank_id, self.bank_version)


def entries_of(bank: Bank, session: Session) -> list[QuestionEntry]:
    """Every question of the teams that apply, in walk order, each owner under one spelling."""
    refs = [ref for ref in bank.walk() if session.applies(ref.team.id)]
    answers = [session.answer(ref.id) for ref in refs]
    spellings = owner_spellings(answer.owner for answer in answers)
    return [
        QuestionEntry(ref.number, ref, answer, status_of(answer), spellings.get(owner_key(answer.owner), ""))
        for ref, answer in zip(refs, answers, strict=True)
    ]


def ranked(entries: Iterable[QuestionEntry]) -> tuple[QuestionEntry, ...]:
    return tuple(sorted(entries, key=priority_key))


def _open(group: Iterable[QuestionEntry]) -> tuple[QuestionEntry, ...]:
    return ranked(e for e in group if e.status.is_open)


def _counts(group: Iterable[QuestionEntry]) -> Progress:
    return counts_of(e.status for e in group)


def summarize(bank: Bank, session: Session, item_filter: Filter | None = None) -> Summary:
    item_filter = item_filter or ItemFilter()
    every = entries_of(bank, session)
    entries = [e for e in every if item_filter.matches(e)]

    by_touchpoint: dict[tuple[int, int], list[QuestionEntry]] = defaultdict(list)
    by_stage: dict[int, list[QuestionEntry]] = defaultdict(list)
    by_team: dict[str, list[QuestionEntry]] = defaultdict(list)
    for entry in entries:
        by_touchpoint[entry.ref.stage_index, entry.ref.team_index].append(entry)
        by_stage[entry.ref.stage_index].append(entry)
        by_team[entry.team.id].append(entry)

    stages = tuple(
        StageProgress(
            stage=group[0].stage,
            number=s_index + 1,
            counts=_counts(group),
            touchpoints=tuple(
                TouchpointProgress(
                    stage=members[0].stage,
                    team=members[0].team,
                    team_index=t_index,
                    counts=_counts(members),
                    open_items=_open(members),
                    not_applicable=tuple(e for e in members if e.status is Status.NOT_APPLICABLE),
                )
                for (t_s_index, t_index), members in sorted(by_touchpoint.items())
                if t_s_index == s_index
            ),
            open_items=_open(group),
        )
        for s_index, group in sorted(by_stage.items())
    )
    names = bank.team_names()
    teams = tuple(
        TeamProgress(team_id=team_id, name=names[team_id], counts=_counts(group), open_items=_open(group))
        for team_id, group in by_team.items()
    )
    return Summary(
        session_id=session.id,
        session_name=session.name,
        bank_id=bank.id,
        bank_title=bank.title,
        bank_version=bank.version,
        recorded_bank=(session.bank_id, session.bank_version),
        launch=session.launch,
        item_filter=item_filter,
        whole=_counts(every),
        counts=_counts(entries),
        stages=stages,
        teams=teams,
        ranked=ranked(e for e in entries if e.status is not Status.NOT_APPLICABLE),
        not_applicable=tuple(e for e in entries if e.status is Status.NOT_APPLICABLE),
        excluded_teams=tuple(name for team_id, name in names.items() if not session.applies(team_id)),
        unmatched_answers=unmatched_answers(bank, session),
    )


def unmatched_answers(bank: Bank, session: Session) -> int:
    """How many answers are keyed by a question id this bank does not have: kept, shown nowhere."""
    known_ids = {ref.id for ref in bank.walk()}
    return sum(1 for qid, answer in session.answers.items() if qid not in known_ids and not answer.is_empty)
