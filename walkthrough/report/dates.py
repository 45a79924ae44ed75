"""Dates as people type them: `2026-12-31`, `31 Dec 2026`, `tomorrow`, `+2w`, `friday`.

Only forms with one possible meaning are read: `01/02/2026` is a different day in London and
in New York, so slashes are accepted only year first (`2026/12/31`). Named months are English
(the C locale strptime uses whatever the user's locale), and also, in the language in use, that
language's own month and weekday names and its words for today, tomorrow and yesterday
(`31 déc. 2026`, `2026年12月31日`, `завтра`, `vendredi`; Babel's locale data). Relative forms
count from `today`, which callers pass in so a test (or a session opened just before midnight)
gets one answer.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from functools import cache

from walkthrough.i18n import DEFAULT, N_, gettext, language, ngettext

EARLIEST = date(1900, 1, 1)
LATEST = date(2999, 12, 31)

# Day-first and month-first with the month named: unambiguous in every locale.
_FORMATS = (
    "%Y-%m-%d",
    "%Y/%m/%d",
    "%Y.%m.%d",
    "%d %b %Y",
    "%d %B %Y",
    "%b %d %Y",
    "%B %d %Y",
    "%a %d %b %Y",
    "%A %d %B %Y",
)
_RELATIVE = re.compile(r"\+\s*(\d{1,4})\s*([dwmy])")
# How every date field shows a stored date in English, and so what a resumed walk reads
# first: read without strptime or the calendar, whose first use (importing _strptime and
# calendar, building the locale's names and patterns) would stay in memory from the first
# question on. Anything else that looks like it still goes through strptime (2026-02-30).
_ISO = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


@cache
def _weekdays() -> dict[str, int]:
    import calendar

    return {name.lower(): index for index, name in enumerate(calendar.day_name)} | {
        name.lower(): index for index, name in enumerate(calendar.day_abbr)
    }


class DateProblem(ValueError):
    """Text that is not a date this module can read; str() says why, in one line (English),
    `walkthrough.i18n.translate_error` in the language in use."""

    def __init__(self, template: str, /, **params: object) -> None:
        self.template = template
        self.params = params
        super().__init__(template.format(**params))


def parse_date(text: str, today: date) -> date:
    """The date `text` names, or DateProblem saying why it cannot be read."""
    cleaned = " ".join(text.replace(",", " ").split()).lower()
    if not cleaned:
        raise DateProblem(N_("empty"))
    found = _iso(cleaned) or _relative(cleaned, today) or _absolute(cleaned)
    if found is None and language() != DEFAULT:
        found = _in_language(cleaned, today, language())
    if found is None:
        # Translators: list the forms your language's users can type: ISO dates, and the
        # words for today and tomorrow and the month names as they are read in your language.
        raise DateProblem(
            N_(
                "not a date I can read; try 2026-12-31, 31 Dec 2026, today, tomorrow, +3d, +2w, +1m or a weekday"
            )
        )
    if not EARLIEST <= found <= LATEST:
        raise DateProblem(
            N_("{date} is out of range ({earliest}–{latest})"),
            date=found.isoformat(),
            earliest=EARLIEST.year,
            latest=LATEST.year,
        )
    return found


def _relative(text: str, today: date) -> date | None:
    if text == "today":
        return today
    if text == "tomorrow":
        return today + timedelta(days=1)
    if text == "yesterday":
        return today - timedelta(days=1)
    weekday = _weekdays().get(text.removeprefix("next ").rstrip("."))
    if weekday is not None:
        # The next such day, never today: "friday" said on a Friday means a week on.
        return today + timedelta(days=(weekday - today.weekday() - 1) % 7 + 1)
    match = _RELATIVE.fullmatch(text)
    if match is None:
        return None
    count, unit = int(match[1]), match[2]
    try:
        if unit == "d":
            return today + timedelta(days=count)
        if unit == "w":
            return today + timedelta(weeks=count)
        months = count * (12 if unit == "y" else 1)
        return _add_months(today, months)
    except (OverflowError, ValueError):
        raise DateProblem(N_("{offset} is out of range"), offset=f"+{count}{unit}") from None


def _add_months(start: date, months: int) -> date:
    """Same day `months` later, or the month's last day when it is shorter (31 Jan + 1m → 28 Feb)."""
    index = start.year * 12 + start.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    if not 1 <= year <= 9999:
        raise OverflowError(year)
    import calendar

    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def _iso(text: str) -> date | None:
    if _ISO.fullmatch(text) is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        pass
    year, month, day = (int(part) for part in text.split("-"))
    if year and 1 <= month <= 12 and day > 28:  # 2026-02-30: a month that ends sooner
        last = date(year, 12, 31) if month == 12 else date(year, month + 1, 1) - timedelta(days=1)
        raise DateProblem(N_("{date} is no day: that month ends on {last}"), date=text, last=last.isoformat())
    return None  # month 13, day 0: `_absolute` says it is not a date, as for any other form


def _absolute(text: str) -> date | None:
    for fmt in _FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


_LEFT_OVER = frozenset({"年", "日", "号", "г", "de"})  # "2026年12月31日", "31 дек. 2026 г.", "31 de dic."
_NUMBER = re.compile(r"\d{1,4}")
_BUDDHIST_ERA = 543  # Thai dates are often written in the Buddhist era: 2569 is 2026


def _in_language(text: str, today: date, code: str) -> date | None:
    """`text` in the words of language `code`: today/tomorrow/yesterday, a weekday, or a day,
    a named month and a year in either order."""
    words = {
        gettext(word).lower(): shift for word, shift in (("today", 0), ("tomorrow", 1), ("yesterday", -1))
    }
    if text in words:
        return today + timedelta(days=words[text])
    months, weekdays = _names(code)
    weekday = weekdays.get(text.removesuffix("."))
    if weekday is not None:
        return today + timedelta(days=(weekday - today.weekday() - 1) % 7 + 1)
    # Longest first: "décembre" before "déc.", "12月" before "2月".
    named = next(((name, month) for name, month in months if name in text), None)
    if named is None:
        return None
    name, month = named
    rest = text.replace(name, " ", 1)
    numbers = [int(n) for n in _NUMBER.findall(rest)]
    left = _NUMBER.sub(" ", rest).replace(".", " ").split()
    if len(numbers) != 2 or any(word not in _LEFT_OVER for word in left):
        return None
    year = max(numbers, key=lambda n: (n > 31, n))
    day = numbers[1] if numbers[0] == year and numbers[1] != year else numbers[0]
    if code == "th" and year > today.year + _BUDDHIST_ERA // 2:
        year -= _BUDDHIST_ERA
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _names(code: str) -> tuple[list[tuple[str, int]], dict[str, int]]:
    """Month names (with their number, longest first) and weekday names (Monday 0) of `code`,
    lower case, every width and form Babel knows."""
    found = _NAMES.get(code)
    if found is None:
        from babel.dates import get_day_names, get_month_names

        months: dict[str, int] = {}
        weekdays: dict[str, int] = {}
        for width in ("wide", "abbreviated"):
            for context in ("format", "stand-alone"):
                for number, name in get_month_names(width, context, locale=code).items():
                    months[name.lower()] = number
                    months[name.lower().rstrip(".")] = number
                for index, name in get_day_names(width, context, locale=code).items():
                    weekdays[name.lower().rstrip(".")] = index
        found = sorted(months.items(), key=lambda item: -len(item[0])), weekdays
        _NAMES[code] = found
    return found


_NAMES: dict[str, tuple[list[tuple[str, int]], dict[str, int]]] = {}


def describe_date(day: date, today: date) -> str:
    """The date as understood, with how far off it is: `Thu 31 Dec 2026 · in 32 days`."""
    days = (day - today).days
    if days == 0:
        when = gettext("today")
    elif days == 1:
        when = gettext("tomorrow")
    elif days == -1:
        when = gettext("yesterday")
    elif days > 0:
        when = ngettext("in {count} day", "in {count} days", days).format(count=days)
    else:
        when = ngettext("{count} day ago", "{count} days ago", -days).format(count=-days)
    # Translators: a date as understood from what was typed, then how far off it is.
    return gettext("{date} · {when}").format(date=_weekday_date(day), when=when)


def _weekday_date(day: date) -> str:
    """ "Thu 31 Dec 2026", or the language's own short form with its weekday."""
    code = language()
    if code == DEFAULT:
        return f"{day.strftime('%a')} {day.day} {day.strftime('%b %Y')}"
    from babel.dates import format_skeleton

    return format_skeleton("yMMMEd", day, locale=code)
