"""Whatever a session holds comes back exactly: through the store, and through export and import."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from strategies import sessions

from sessions.models import Session
from sessions.names import free_name
from sessions.store import SessionStore

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
        (entry,) = store.listing().entries
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
        copy = here.import_document(text)  # id and name taken here: new ones, the rest the same
        assert copy.id != session.id
        assert copy.name == free_name(session.name, frozenset({session.name.casefold()}))
        assert {**dump(copy), "id": session.id, "name": session.name} == dump(session)
