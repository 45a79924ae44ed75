"""Days and times on the screens, as the language in use writes them.

English keeps the screens' short form ("28 Mar 2025"); the other languages get their own
medium form from Babel ("28 mars 2025", "2025年3月28日"), never English month names.
"""

from __future__ import annotations

from datetime import date, datetime

from walkthrough.i18n import DEFAULT, language
from walkthrough.report.launch import show_date


def day_words(day: date, *, year: bool = True) -> str:
    code = language()
    if code == DEFAULT:
        return f"{day:%d %b %Y}" if year else f"{day:%d %b}"
    if year:
        return show_date(day)
    # Babel only here: its locale data would cost the first paint otherwise.
    from babel.dates import format_skeleton

    return format_skeleton("MMMd", day, locale=code)


def moment_words(moment: datetime) -> str:
    """A day and a time of day, the day as `day_words` writes it."""
    return f"{day_words(moment.date())} {moment:%H:%M}"
