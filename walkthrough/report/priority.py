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

from walkthrough.i18n import N_, gettext
from walkthrough.report.progress import Status

HIGH = 3
"""On the 1–5 scales, a rating of HIGH or more counts as high."""

WEIGHTS = {"risk": 2, "reward": 1, "mitigation": 1}
"""Risk counts twice: keeping a customer costs far less than winning a new one."""

RATINGS = tuple(WEIGHTS)

# Marked only: whoever shows one translates it then (`gettext(QUESTIONS[name])`).
QUESTIONS = {
    "risk": N_("If we don't, will customers leave?"),
    "reward": N_("If we do, will we win customers faster?"),
    "mitigation": N_("If we prioritise it, are our risks reduced?"),
}

# Translators: the three ratings of a decision, as words ("risk 5, reward 4").
RATING_NAMES = {"risk": N_("risk"), "reward": N_("reward"), "mitigation": N_("mitigation")}


def rating_name(name: str) -> str:
    """ "risk", "reward" or "mitigation" in the language in use."""
    return gettext(RATING_NAMES[name])


def rating_words(name: str, value: object) -> str:
    """ "risk 5" (or "risk 3 → 5") in the language in use."""
    # Translators: one rating of a decision: "risk 5", or how it moved: "reward 3 → 4".
    return gettext("{rating} {value}").format(rating=rating_name(name), value=value)


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
    return Fraction(sum(weight * value for weight, value in given), sum(weight for weight, _value in given))


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
        """The quadrant's name in the language in use."""
        return gettext(_QUADRANT_TEXT[self][0])

    @property
    def english(self) -> str:
        """The English name, whatever the language: stable words for tags."""
        return _QUADRANT_TEXT[self][0]

    @property
    def advice(self) -> str:
        return gettext(_QUADRANT_TEXT[self][1])


# Translators: the quadrants of the risk × reward matrix: a short name (it titles a chart
# quadrant and a column) and what it means.
_QUADRANT_TEXT = {
    Quadrant.ACT_NOW: (
        N_("Act now"),
        N_("high risk and high reward: customers leave without it and come faster with it"),
    ),
    Quadrant.PROTECT: (N_("Protect"), N_("high risk, low reward: do it or customers leave")),
    Quadrant.OPPORTUNITY: (N_("Opportunity"), N_("low risk, high reward: wins customers faster")),
    Quadrant.LATER: (N_("Later"), N_("low risk and low reward: park it until the rest is done")),
    Quadrant.UNPLACED: (
        N_("Not placed"),
        N_("risk or reward not rated yet, so it has no place on the matrix"),
    ),
}


def quadrant_of(risk: int | None, reward: int | None) -> Quadrant:
    if risk is None or reward is None:
        return Quadrant.UNPLACED
    if risk >= HIGH:
        return Quadrant.ACT_NOW if reward >= HIGH else Quadrant.PROTECT
    return Quadrant.OPPORTUNITY if reward >= HIGH else Quadrant.LATER
