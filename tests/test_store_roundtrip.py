"""Whatever a session holds comes back exactly: through the store, and through export and import."""

from __future__ import annotations

import json
import tempfile
from datetime import timedelta, timezone
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sessions.models import Answer, Readiness, Session
from sessions.store import SessionStore

# Every code point, lone surrogates included: a bad paste must not make a session unsavable.
any_text = st.text(st.characters(codec=None, exclude_categories=()), max_size=40)
# Offsets in whole minutes: pydantic writes times as ±HH:MM, so seconds of offset are not representable.
zones = st.none() | st.just(timezone.utc) | st.builds(
    lambda minutes: timezone(timedelta(minutes=minutes)), st.integers(-23 * 60 - 59, 23 * 60 + 59)
)
moments = st.datetimes(timezones=zones)
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
).filter(lambda s: s.strip() == s and s)
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

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def dump(session: Session) -> dict:
    """The strict comparison: equal JSON, so a time's offset and every character count."""
    return session.model_dump(mode="json")


@SETTINGS
@given(sessions)
def test_a_session_written_to_the_store_reads_back_the_same(session: Session) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        store = SessionStore(Path(tmp) / "data")
        stored = store.import_document(dump(session))
        assert stored.id == session.id
        assert dump(store.open(session.id, read_only=True).session) == dump(session)
        (entry,) = store.list().entries
        assert (entry.name, entry.created, entry.updated) == (session.name, session.created, session.updated)
        assert entry.stats == {"answers": len(session.answers)}


@SETTINGS
@given(sessions)
def test_answers_saved_one_at_a_time_read_back_the_same(session: Session) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        store = SessionStore(Path(tmp) / "data")
        created = store.create(session.name, bank_id=session.bank_id, bank_version=session.bank_version)
        with store.open(created.id) as handle:
            for question_id, answer in session.answers.items():
                handle.save_answer(question_id, answer)
            handle.save_position(session.position)
            handle.save_settings(excluded_teams=session.excluded_teams)
            live = dump(handle.session)
        again = SessionStore(Path(tmp) / "data").open(created.id, read_only=True).session
        assert dump(again) == live
        assert dump(again)["answers"] == dump(session)["answers"]
        assert (again.position, again.excluded_teams) == (session.position, session.excluded_teams)


@SETTINGS
@given(sessions)
def test_export_to_json_text_and_import_elsewhere_is_lossless(session: Session) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        here = SessionStore(Path(tmp) / "here")
        here.import_document(dump(session))
        text = json.dumps(here.export_document(session.id))
        there = SessionStore(Path(tmp) / "there")
        imported = there.import_document(text)
        assert dump(imported) == dump(session)
        assert there.export_document(imported.id) == here.export_document(session.id)
        copy = here.import_document(text)  # the id is taken here: a new one, the rest the same
        assert copy.id != session.id
        assert {**dump(copy), "id": session.id} == dump(session)
