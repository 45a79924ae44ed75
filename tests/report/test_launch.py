"""The launch date: the countdown's words and due dates after it."""

from __future__ import annotations

from datetime import date

import pytest

from walkthrough.report.launch import countdown, days_to_launch, is_after_launch

TODAY = date(2026, 4, 1)


@pytest.mark.parametrize(
    ("launch", "words"),
    [
        (date(2026, 5, 1), "30 days to launch"),
        (date(2026, 4, 2), "1 day to launch"),
        (date(2026, 4, 1), "launch day"),
        (date(2026, 3, 31), "launched 1 day ago"),
        (date(2026, 3, 1), "launched 31 days ago"),
        (None, ""),
    ],
)
def test_countdown_words(launch: date | None, words: str) -> None:
    assert countdown(launch, TODAY) == words


def test_days_to_launch_is_negative_after_it() -> None:
    assert days_to_launch(date(2026, 4, 11), TODAY) == 10
    assert days_to_launch(date(2026, 3, 22), TODAY) == -10


def test_only_a_due_date_later_than_the_launch_is_after_it() -> None:
    launch = date(2026, 5, 1)
    assert is_after_launch(date(2026, 5, 2), launch)
    assert not is_after_launch(launch, launch)
    assert not is_after_launch(date(2026, 4, 30), launch)
    assert not is_after_launch(None, launch) and not is_after_launch(date(2030, 1, 1), None)
