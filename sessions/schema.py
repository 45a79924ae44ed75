"""The facts about stored sessions that the index needs too: the schema version and the range
of times a session may hold. Apart from the models so that listing from index.json, which
checks both, never imports pydantic."""

from __future__ import annotations

from datetime import UTC, datetime

from sessions.errors import N_, Invalid

SCHEMA_VERSION = 4

# Every stored time is UTC and at least two days from the ends of what a datetime can hold
# (years 1 and 9999), so it can be shown in any time zone: a time a file or an import brings
# from outside that range would overflow wherever it is shown, and is refused where it comes in.
EARLIEST = datetime(1, 1, 3, tzinfo=UTC)
LATEST = datetime(9999, 12, 29, 23, 59, 59, 999999, tzinfo=UTC)


def utc_moment(value: datetime) -> datetime:
    """`value` in UTC (a time without a zone is taken as UTC); ValueError if out of range."""
    try:
        moment = value.astimezone(UTC) if value.utcoffset() is not None else value.replace(tzinfo=UTC)
    except OverflowError:
        moment = None
    if moment is None or not EARLIEST <= moment <= LATEST:
        raise Invalid(
            N_("{time} is out of range: a time must lie between {earliest} and {latest} UTC"),
            time=value.isoformat(),
            earliest=EARLIEST.date().isoformat(),
            latest=LATEST.date().isoformat(),
        )
    return moment
