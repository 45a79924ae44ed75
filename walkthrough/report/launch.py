"""The launch date: days to it, and due dates measured against it.

`today()` is the app's one clock for dates, so the screens and the report agree on what
"overdue" and "12 days to launch" mean, and tests can pin the day.
"""

from __future__ import annotations

from datetime import date, datetime

from walkthrough.i18n import DEFAULT, gettext, language, ngettext


def today() -> date:
    return date.today()


def show_date(day: date) -> str:
    """A date as the language in use writes it: ISO in English (what the report has always
    said, and it sorts), the language's own medium form otherwise ("1 avr. 2026",
    "2026年4月1日")."""
    code = language()
    if code == DEFAULT:
        return day.isoformat()
    # Babel only here: its locale data would cost every command's cold start.
    from babel.dates import format_date

    return format_date(day, format="medium", locale=code)


def show_moment(moment: datetime) -> str:
    """A day and a time of day ("2026-04-01 09:30"), the day as `show_date` writes it."""
    return f"{show_date(moment.date())} {moment:%H:%M}"


def days_to_launch(launch: date, on: date) -> int:
    """Positive before the launch, 0 on the day, negative after it."""
    return (launch - on).days


def countdown(launch: date | None, on: date) -> str:
    """ "12 days to launch", "1 day to launch", "launch day", "launched 3 days ago", or ""."""
    if launch is None:
        return ""
    days = days_to_launch(launch, on)
    if days == 0:
        return gettext("launch day")
    if days > 0:
        return ngettext("{count} day to launch", "{count} days to launch", days).format(count=days)
    return ngettext("launched {count} day ago", "launched {count} days ago", -days).format(count=-days)


def is_after_launch(due: date | None, launch: date | None) -> bool:
    """Due only after the product is out: flagged, since the launch will go without it."""
    return due is not None and launch is not None and due > launch
