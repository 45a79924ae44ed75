"""The article's three tests of a decision, the priority rule built on them, and the quadrants.

- risk: if we don't do it, will customers leave us?
- reward: if we do it, will we win customers faster?
- mitigation: if we prioritise it, are our risks reduced?

Each is 1–5 or not rated. The rule and the quadrants are explained for PMs in the README
("The priority rule"); keep the two in step.
"""

from __future__ import annotations

from enum import StrEnum
from fractions import Fraction
from typing import Protocol

from walkthrough.report.progress import Status

HIGH = 3
"""On the 1–5 scales, a rating of HIGH or more counts as high."""

WEIGHTS = {"risk": 2, "reward": 1, "mitigation": 1}
"""Risk counts twice: keeping a customer costs far less than winning a new one."""

RATINGS = tuple(WEIGHTS)

QUESTIONS = {
    "risk": "If we don't, will customers leave?",
    "reward": "If we do, will we win customers faster?",
    "mitigation": "If we prioritise it, are our risks reduced?",
}


class Rated(Protocol):
    """What the rule reads from an item: its ratings, status and place in the walk."""

    @property
    def risk(self) -> int | None: ...
    @property
    def reward(self) -> int | None: ...
    @property
    def mitigation(self) -> int | None: ...
    @property
    def status(self) -> Status: ...
    @property
    def number(self) -> int: ...


def priority_score(risk: int | None, reward: int | None, mitigation: int | None) -> Fraction | None:
    """The weighted average of the ratings given (risk counted twice), 1 to 5; None if none is.

    A missing rating is left out rather than counted as low, so an item is placed by the
    ratings it has: risk 3 alone scores 3, like risk 3, reward 3, mitigation 3.
    """
    given = [
        (WEIGHTS[name], value)
        for name, value in zip(RATINGS, (risk, reward, mitigation), strict=True)
        if value is not None
    ]
    if not given:
        return None
    return Fraction(sum(weight * value for weight, value in given), sum(weight for weight, _ in given))


def format_score(score: Fraction | None) -> str:
    """One decimal, halves rounded up (3.25 → "3.3"); "" when not rated."""
    if score is None:
        return ""
    tenths = int(score * 10 + Fraction(1, 2))
    return f"{tenths // 10}.{tenths % 10}"


def priority_key(item: Rated) -> tuple[object, ...]:
    """Sort key of the priority rule (smaller sorts first).

    1. Items with at least one rating first, highest score first.
    2. Equal scores: the higher risk first (no risk rating counts as lowest).
    3. Still equal: the worse status (gap, then unanswered or not assessed, then partial, then ready).
    4. Still equal: the order of the walk.
    Items with no rating at all follow every rated one, by status then walk order.
    """
    score = priority_score(item.risk, item.reward, item.mitigation)
    if score is None:
        return (1, 0, 0, item.status.severity, item.number)
    return (0, -score, -(item.risk or 0), item.status.severity, item.number)


class Quadrant(StrEnum):
    """Where a decision falls on the risk × reward matrix."""

    ACT_NOW = "act_now"
    PROTECT = "protect"
    OPPORTUNITY = "opportunity"
    LATER = "later"
    UNPLACED = "unplaced"

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
    Quadrant.UNPLACED: ("Not placed", "risk or reward not rated yet, so it has no place on the matrix"),
}


def quadrant_of(risk: int | None, reward: int | None) -> Quadrant:
    if risk is None or reward is None:
        return Quadrant.UNPLACED
    if risk >= HIGH:
        return Quadrant.ACT_NOW if reward >= HIGH else Quadrant.PROTECT
    return Quadrant.OPPORTUNITY if reward >= HIGH else Quadrant.LATER
