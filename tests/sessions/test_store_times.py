"""Times from outside (an import, a session file, index.json) are stored in UTC and only if
every time zone can show them: one that cannot is refused where it comes in, naming the
field, and never stops the other sessions from listing, whatever the local zone."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from cli_runner import run_cli
from hypothesis import HealthCheck, given, settings
from strategies import any_moments

from sessions import codec
from sessions.errors import InvalidDocument
from sessions.files import decode_json, encode_json
from sessions.models import EARLIEST, LATEST, SCHEMA_VERSION, Session
from sessions.store import SessionStore

# From the issue, and the same ideas at the other end and in an answer.
OUT_OF_RANGE = [
    ("updated", "9999-12-31T23:59:59-23:59"),  # beyond year 9999 once in UTC
    ("updated", "9999-12-31T23:00:00+00:00"),  # in range in UTC, not in Tokyo
    ("created", "0001-01-01T00:00:00"),  # not in New York
    ("created", "0001-01-01T12:00:00+23:59"),  # before year 1 once in UTC
    ("answers.q1.updated", "9999-12-31T00:00:00Z"),
]
ZONES = ["UTC", "Asia/Tokyo", "America/New_York", "Pacific/Kiritimati", "Etc/GMT+12"]
BANK = {"bank_id": "b", "bank_version": "1"}


def document(field: str, value: str) -> dict:
    doc = {
        "schema_version": SCHEMA_VERSION,
        "id": "hostile",
        "name": "Hostile time",
        "answers": {"q1": {"text": "an answer", "updated": "2025-01-01T00:00:00Z"}},
        **BANK,
    }
    if field.startswith("answers."):
        doc["answers"]["q1"]["updated"] = value
    else:
        doc[field] = value
    return doc


def plant(store: SessionStore, session_id: str, field: str, value: str) -> Path:
    """A session file holding the time, as if written by hand or by another program."""
    tables = codec.tables_for(Session.model_validate({**document("created", "2025-01-01T00:00:00Z")}))
    if field.startswith("answers."):
        tables["answers"]["1"]["updated"] = value
    else:
        tables["meta"]["1"][field] = value
    path = store.data_dir / "sessions" / f"{session_id}.json"
    path.write_bytes(encode_json(tables))
    return path


@pytest.fixture
def store(tmp_path: Path) -> SessionStore:
    return SessionStore(tmp_path / "data")


@pytest.mark.parametrize(("field", "value"), OUT_OF_RANGE)
def test_an_import_with_a_time_no_zone_can_show_is_refused_naming_the_field(
    store: SessionStore, field: str, value: str
) -> None:
    with pytest.raises(InvalidDocument) as exc:
        store.import_document(document(field, value))
    message = str(exc.value)
    assert "\n" not in message
    assert message.startswith(f"import document is not a valid session: {field}: ")
    assert "out of range" in message and value[:19] in message
    assert list((store.data_dir / "sessions").iterdir()) == []


@pytest.mark.parametrize(("field", "value"), OUT_OF_RANGE)
def test_a_session_file_with_such_a_time_is_moved_aside_and_the_others_list(
    store: SessionStore, field: str, value: str
) -> None:
    kept = store.create("Kept", **BANK)
    path = plant(store, "planted", field, value)
    listing = store.listing()
    assert [entry.id for entry in listing.entries] == [kept.id]
    (problem,) = listing.problems
    assert problem.startswith(f"session file {path} is corrupt ({field}: ")
    assert "moved to" in problem and not path.exists()
    (moved,) = (store.data_dir / "corrupt").iterdir()
    assert moved.name.startswith("planted.")
    assert SessionStore(store.data_dir).listing().problems == []  # said once, then out of the way


@pytest.mark.parametrize("zone", ZONES)
def test_list_works_in_every_zone_beside_a_hostile_file_and_at_both_ends_of_the_range(
    tmp_path: Path, zone: str
) -> None:
    store = SessionStore(tmp_path / "data")
    ends = {}
    for name, moment in (("Earliest", EARLIEST), ("Latest", LATEST)):
        doc = document("updated", moment.isoformat())
        doc.update(id=name.lower(), name=name, created=moment.isoformat())
        ends[store.import_document(doc).id] = moment
    plant(store, "tokyo", "updated", "9999-12-31T23:00:00+00:00")
    plant(store, "newyork", "created", "0001-01-01T00:00:00")

    for args in (["list"], ["list", "--json"]):
        result = run_cli(*args, data_dir=store.data_dir, env={"TZ": zone})
        assert result.returncode == 0, result.stderr
        assert "Traceback" not in result.stderr and "OverflowError" not in result.stderr
        assert "Latest" in result.stdout and "Earliest" in result.stdout
        assert "tokyo" not in result.stdout and "newyork" not in result.stdout
    rows = {row["id"]: row for row in json.loads(result.stdout)}
    assert {key: datetime.fromisoformat(rows[key]["updated"]) for key in ends} == ends


def test_an_index_record_with_a_bad_time_is_not_trusted(store: SessionStore) -> None:
    session = store.create("Atlas", **BANK)
    store.listing()  # writes index.json
    index_path = store.data_dir / "index.json"
    for forged in ("9999-12-31T23:59:59-23:59", "0001-01-01T00:00:00Z", "not a time", None):
        raw = decode_json(index_path.read_bytes())
        raw["sessions"]["updated"] = [forged]
        index_path.write_bytes(encode_json(raw))
        (entry,) = SessionStore(store.data_dir).listing().entries  # the file is read again
        assert entry.updated == session.updated


def test_an_index_record_in_another_zone_is_read_in_utc(store: SessionStore) -> None:
    session = store.create("Atlas", **BANK)
    store.listing()
    index_path = store.data_dir / "index.json"
    raw = decode_json(index_path.read_bytes())
    raw["sessions"]["updated"] = [session.updated.astimezone(UTC).replace(tzinfo=None).isoformat() + "+09:00"]
    index_path.write_bytes(encode_json(raw))
    (entry,) = SessionStore(store.data_dir).listing().entries
    assert entry.updated.utcoffset() == timedelta(0)
    assert entry.updated == session.updated - timedelta(hours=9)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(created=any_moments, updated=any_moments, answered=any_moments)
def test_any_time_is_either_stored_in_utc_and_shown_anywhere_or_refused(
    tmp_path: Path, created: datetime, updated: datetime, answered: datetime
) -> None:
    store = SessionStore(tmp_path / "data")
    doc = document("created", created.isoformat())
    doc["updated"] = updated.isoformat()
    doc["answers"]["q1"]["updated"] = answered.isoformat()
    try:
        session = store.import_document(doc)
    except InvalidDocument as exc:
        assert "\n" not in str(exc) and "out of range" in str(exc)
        return
    try:
        times = [session.created, session.updated, session.answers["q1"].updated]
        assert all(moment.utcoffset() == timedelta(0) for moment in times)
        for moment in times:
            for hours in (-25, 25):  # any zone there is, and then some
                moment.astimezone(UTC).replace(tzinfo=None) + timedelta(hours=hours)
        assert [entry.updated for entry in store.listing().entries] == [session.updated]
    finally:
        store.delete(session.id)
