"""Dates typed the way people type them are read as the one day they mean."""

from __future__ import annotations

import subprocess
import sys
from datetime import date

import pytest

from walkthrough.report.dates import DateProblem, describe_date, parse_date

TODAY = date(2026, 11, 29)  # a Sunday


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("2026-12-31", date(2026, 12, 31)),
        ("2026/12/31", date(2026, 12, 31)),
        ("2026.12.31", date(2026, 12, 31)),
        ("31 Dec 2026", date(2026, 12, 31)),
        ("31 december 2026", date(2026, 12, 31)),
        ("Dec 31 2026", date(2026, 12, 31)),
        ("Dec 31, 2026", date(2026, 12, 31)),
        ("  31   DEC   2026 ", date(2026, 12, 31)),
        ("Thu 31 Dec 2026", date(2026, 12, 31)),
        ("today", TODAY),
        ("Tomorrow", date(2026, 11, 30)),
        ("+3d", date(2026, 12, 2)),
        ("+2w", date(2026, 12, 13)),
        ("+1m", date(2026, 12, 29)),
        ("+ 1 y", date(2027, 11, 29)),
        ("monday", date(2026, 11, 30)),
        ("fri", date(2026, 12, 4)),
        ("next friday", date(2026, 12, 4)),
        # Said on a Sunday, "sunday" means next week's, not today.
        ("sunday", date(2026, 12, 6)),
    ],
)
def test_common_forms_are_read(typed: str, meant: date) -> None:
    assert parse_date(typed, TODAY) == meant


def test_a_month_on_from_the_31st_is_the_last_day_of_a_shorter_month() -> None:
    assert parse_date("+1m", date(2027, 1, 31)) == date(2027, 2, 28)
    assert parse_date("+1m", date(2028, 1, 31)) == date(2028, 2, 29)


@pytest.mark.parametrize(
    "typed",
    [
        "01/02/2026",  # 1 February in London, 2 January in New York
        "12/31/2026",
        "2026-13-01",
        "31 Foo 2026",
        "soon",
        "+3",
        "-3d",
        "2026-12-31T10:00",
        "\x1b[2J",
    ],
)
def test_ambiguous_or_unreadable_text_is_refused_with_examples(typed: str) -> None:
    with pytest.raises(DateProblem, match="not a date I can read; try 2026-12-31"):
        parse_date(typed, TODAY)


@pytest.mark.parametrize(
    ("typed", "last"),
    [
        ("2026-02-30", "2026-02-28"),
        ("2028-02-30", "2028-02-29"),
        ("2026-04-31", "2026-04-30"),
        ("2026-12-32", "2026-12-31"),
    ],
)
def test_a_day_past_the_end_of_its_month_says_when_the_month_ends(typed: str, last: str) -> None:
    with pytest.raises(DateProblem) as problem:
        parse_date(typed, TODAY)
    assert str(problem.value) == f"{typed} is no day: that month ends on {last}"


@pytest.mark.parametrize("typed", ["+9999y", "+999y", "0001-01-01", "9999-12-31"])
def test_dates_out_of_range_are_refused_not_crashed(typed: str) -> None:
    with pytest.raises(DateProblem, match="out of range"):
        parse_date(typed, TODAY)


def test_empty_is_its_own_problem() -> None:
    with pytest.raises(DateProblem, match="empty"):
        parse_date("   ", TODAY)


@pytest.mark.parametrize(
    ("day", "text"),
    [
        (date(2026, 12, 31), "Thu 31 Dec 2026 · in 32 days"),
        (TODAY, "Sun 29 Nov 2026 · today"),
        (date(2026, 11, 30), "Mon 30 Nov 2026 · tomorrow"),
        (date(2026, 11, 28), "Sat 28 Nov 2026 · yesterday"),
        (date(2026, 11, 1), "Sun 1 Nov 2026 · 28 days ago"),
    ],
)
def test_the_date_understood_is_shown_with_how_far_off_it_is(day: date, text: str) -> None:
    assert describe_date(day, TODAY) == text


def test_a_shown_date_is_read_back_without_strptime_or_the_calendar() -> None:
    # A resumed walk reads its due date back from the ISO form the field shows, before the
    # first question is on screen: _strptime's locale tables and calendar would stay in
    # memory for the rest of the walk. Other forms still load them when typed.
    code = (
        "import sys; from datetime import date; from walkthrough.report.dates import parse_date;"
        "assert parse_date('2025-03-12', date(2026, 11, 29)) == date(2025, 3, 12);"
        "loaded = {'_strptime', 'calendar'} & set(sys.modules); assert not loaded, loaded;"
        "assert parse_date('friday', date(2026, 11, 29)) == date(2026, 12, 4);"
        "assert parse_date('12 Mar 2025', date(2026, 11, 29)) == date(2025, 3, 12)"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
