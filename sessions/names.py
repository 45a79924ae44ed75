"""What makes a session name usable: the one rule the new-session screen, the rename
dialog and the CLI all apply."""

from __future__ import annotations

import re
from collections.abc import Iterable

from sessions.errors import N_, Message
from sessions.text import shows_nothing

MAX_NAME = 200  # the session model's limit
_TOO_LONG = N_("Keep the name under {most} characters.")


def name_problem(name: str, taken: frozenset[str] = frozenset()) -> str:
    """Why a session name cannot be used (a Message: it translates), or "" when it can. Names are
    matched case-insensitively because `walkthrough resume NAME` finds sessions that way."""
    name = name.strip()
    # A name of only U+202E or zero-width spaces looks empty in every list and title.
    if shows_nothing(name):
        return Message(N_("Give the session a name."))
    if len(name) > MAX_NAME:
        return Message(_TOO_LONG, most=MAX_NAME)
    if name.casefold() in taken:
        return Message(N_("Another session already has this name; pick one you can tell apart."))
    return ""


_NUMBERED = re.compile(r"^(?P<base>.*\S) \((?P<number>\d{1,6})\)$")


def free_name(name: str, taken: frozenset[str]) -> str:
    """`name`, or the first of "name (2)", "name (3)"… that no session has (`taken`:
    casefolded names). "Acme (2)" taken goes on to "Acme (3)", not "Acme (2) (2)"; a
    long name is cut so that the number still fits."""
    name = name.strip()
    if name.casefold() not in taken:
        return name
    numbered = _NUMBERED.match(name)
    base, number = (numbered["base"], int(numbered["number"])) if numbered else (name, 1)
    while True:
        number += 1
        suffix = f" ({number})"
        candidate = base[: MAX_NAME - len(suffix)].rstrip() + suffix
        if candidate.casefold() not in taken:
            return candidate


MAX_MILESTONE_NAME = 100  # "Beta review", "Launch − 1 week": a label, not a sentence


def milestone_name_key(name: str) -> str:
    """Milestones are named by hand and found by name: "Beta", "beta " and "BETA" are one."""
    return " ".join(name.split()).casefold()


def same_milestone_name(a: str, b: str) -> bool:
    return milestone_name_key(a) == milestone_name_key(b)


def milestone_name_problem(name: str, taken: Iterable[str] = ()) -> str:
    """Why a milestone name cannot be used (a Message), or "" when it can (`taken`: the session's others)."""
    if shows_nothing(name):
        return Message(N_("Give the milestone a name."))
    if len(name.strip()) > MAX_MILESTONE_NAME:
        return Message(_TOO_LONG, most=MAX_MILESTONE_NAME)
    if any(same_milestone_name(name, other) for other in taken):
        return Message(
            N_("This session already has a milestone with this name; milestones are never overwritten.")
        )
    return ""
