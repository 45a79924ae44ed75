"""What makes a session name usable: the one rule the new-session screen, the rename
dialog and the CLI all apply."""

from __future__ import annotations

import re
from collections.abc import Iterable

from sessions.text import shows_nothing

MAX_NAME = 200  # the session model's limit


def name_problem(name: str, taken: frozenset[str] = frozenset()) -> str:
    """Why a session name cannot be used, or "" when it can. Names are matched
    case-insensitively because `walkthrough resume NAME` finds sessions that way."""
    name = name.strip()
    # A name of only U+202E or zero-width spaces looks empty in every list and title.
    if shows_nothing(name):
        return "Give the session a name."
    if len(name) > MAX_NAME:
        return f"Keep the name under {MAX_NAME} characters."
    if name.casefold() in taken:
        return "Another session already has this name; pick one you can tell apart."
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
    """Why a milestone name cannot be used, or "" when it can (`taken`: the session's others)."""
    if shows_nothing(name):
        return "Give the milestone a name."
    if len(name.strip()) > MAX_MILESTONE_NAME:
        return f"Keep the name under {MAX_MILESTONE_NAME} characters."
    if any(same_milestone_name(name, other) for other in taken):
        return "This session already has a milestone with this name; milestones are never overwritten."
    return ""
