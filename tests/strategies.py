"""Hypothesis strategies for sessions, shared by the store and the export/import tests."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from hypothesis import strategies as st

from sessions.models import Answer, Readiness, Session
from sessions.text import shows_nothing

# Every code point, lone surrogates included: a bad paste must not make a session unsavable.
any_text = st.text(st.characters(codec=None, exclude_categories=()), max_size=40)
# Offsets in whole minutes: pydantic writes times as ±HH:MM, so seconds of offset are not representable.
zones = (
    st.none()
    | st.just(UTC)
    | st.builds(
        lambda minutes: timezone(timedelta(minutes=minutes)), st.integers(-23 * 60 - 59, 23 * 60 + 59)
    )
)
# Any time a session can hold: wall times a day inside the store's range (models.EARLIEST,
# LATEST), so that no offset above takes them out of it. `any_moments` goes to the ends.
moments = st.datetimes(min_value=datetime(1, 1, 4), max_value=datetime(9999, 12, 28), timezones=zones)
any_moments = st.datetimes(timezones=zones)
ratings = st.none() | st.integers(1, 5)

answers = st.builds(
    Answer,
    text=any_text,
    readiness=st.none() | st.sampled_from(Readiness),
    na_reason=any_text,
    decision=any_text,
    owner=any_text,
    due=st.none() | st.dates(),
    risk=ratings,
    reward=ratings,
    updated=moments,
)
# A name is one printable line (control characters are cleaned on the way in), so the
# round trip is lossless for exactly those.
names = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cc", "Cs")), min_size=1, max_size=200
).filter(lambda s: s.strip() == s and not shows_nothing(s))
sessions = st.builds(
    Session,
    id=st.from_regex(r"\A[a-z0-9]{12}\Z"),
    name=names,
    excluded_teams=st.lists(any_text, max_size=4),
    answers=st.dictionaries(any_text, answers, max_size=8),
    position=st.none() | any_text,
    created=moments,
    updated=moments,
    bank_id=any_text,
    bank_version=any_text,
)
