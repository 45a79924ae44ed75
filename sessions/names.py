"""What makes a session name usable: the one rule the new-session screen, the rename
dialog and the CLI all apply."""

from __future__ import annotations

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
