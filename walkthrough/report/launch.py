"""The launch date: days to it, and due dates measured against it.

`today()` is the app's one clock for dates, so the screens and the report agree on what
"overdue" and "12 days to launch" mean, and tests can pin the day.
"""

from __future__ import annotations

from datetime import date


def today() -> date:
    return date.today()


def days_to_launch(launch: date, on: date) -> int:
    """Positive before the launch, 0 on the day, negative after it."""
    return (launch - on).days


def countdown(launch: date | None, on: date) -> str:
    """ "12 days to launch", "1 day to launch", "launch day", "launched 3 days ago", or ""."""
    if launch is None:
        return ""
    days = days_to_launch(launch, on)
    if days == 0:
        return "launch day"
    if days > 0:
        return f"{days} day{'s' if days != 1 else ''} to launch"
    return f"launched {-days} day{'s' if days != -1 else ''} ago"


def is_after_launch(due: date | None, launch: date | None) -> bool:
    """Due only after the product is out: flagged, since the launch will go without it."""
    return due is not None and launch is not None and due > launch
