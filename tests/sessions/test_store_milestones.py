"""Milestones in the store: named, dated copies of a session that nothing changes afterwards.

Saved through the open session, listed with it, read back whole, never rewritten by a later
save; deleted into the backups; carried by export and import, by a session deleted and
restored by hand, and by the upgrade from schema 3 (the v3 fixture).
"""

from __future__ import annotations

import json
import os
import shutil
import stat
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError
from strategies import answers, any_text, names, sessions

from sessions.errors import (
    InvalidDocument,
    InvalidName,
    MilestoneExists,
    MilestoneMissing,
    MilestoneNotFound,
    ReadOnlySession,
)
from sessions.migrations import migrate, v3_to_v4
from sessions.milestones import find
from sessions.models import SCHEMA_VERSION, Answer, Readiness, Session
from sessions.names import MAX_MILESTONE_NAME
from sessions.store import SessionStore

FIXTURE_V3 = Path(__file__).resolve().parents[1] / "fixtures" / "session_v3.json"
V3_ID = "5d2a7e19c3b8"
COUNTS = {"ready": 1, "applicable": 4, "answered": 2}


@pytest.fixture
def store(tmp_path: Path) -> SessionStore:
    return SessionStore(tmp_path / "data")


def new_session(store: SessionStore, name: str = "Orbit") -> str:
    return store.create(name, bank_id="b", bank_version="1", launch=date(2026, 9, 1)).id


def state_files(store: SessionStore, session_id: str) -> list[Path]:
    folder = store.data_dir / "milestones" / session_id
    return sorted(folder.iterdir()) if folder.exists() else []


def dump(session: Session) -> dict:
    return session.model_dump(mode="json")


def test_a_milestone_keeps_the_session_as_it_was_and_is_listed_with_its_counts(store: SessionStore) -> None:
    session_id = new_session(store)
    with store.open(session_id) as handle:
        handle.save_answer("q1", Answer(text="Webinar booked", readiness=Readiness.PARTIAL, owner="Dee"))
        handle.save_settings(excluded_teams=["manufacturing"])
        kickoff = handle.save_milestone("  Kick-off ", COUNTS)
        handle.save_answer("q1", Answer(text="Webinar held", readiness=Readiness.READY, owner="Sam"))
        handle.save_launch(date(2026, 10, 1))
        handle.save_settings(excluded_teams=[])
        assert kickoff.name == "Kick-off" and kickoff.counts == COUNTS
        assert handle.session.milestones == [kickoff]

    with store.open(session_id, read_only=True) as handle:
        (listed,) = handle.session.milestones
        assert listed == kickoff
        then = handle.milestone_state(listed)
    assert then.id == session_id
    assert then.answers["q1"].text == "Webinar booked" and then.answers["q1"].owner == "Dee"
    assert then.launch == date(2026, 9, 1) and then.excluded_teams == ["manufacturing"]
    assert then.milestones == []


def test_names_are_unique_per_session_ignoring_case_and_spacing(store: SessionStore) -> None:
    first, other = new_session(store), new_session(store, "Other")
    with store.open(first) as handle:
        handle.save_milestone("Beta review", COUNTS)
        for taken in ("beta review", "BETA  REVIEW", " Beta review "):
            with pytest.raises(MilestoneExists, match="already has a milestone named 'Beta review'"):
                handle.save_milestone(taken, COUNTS)
        with pytest.raises(InvalidName, match="a milestone needs a name"):
            handle.save_milestone("\u200b \u202e", COUNTS)
        with pytest.raises(InvalidName, match="too long"):
            handle.save_milestone("x" * 101, COUNTS)
        assert [m.name for m in handle.session.milestones] == ["Beta review"]
    assert len(state_files(store, first)) == 1  # nothing written for the refusals
    with store.open(other) as handle:
        handle.save_milestone("Beta review", COUNTS)  # another session may use the name


def test_a_name_is_one_printable_line(store: SessionStore) -> None:
    with store.open(new_session(store)) as handle:
        milestone = handle.save_milestone("Launch\n\x1b[2J week", COUNTS)
    assert milestone.name == "Launch  week"


def test_nothing_can_change_a_saved_milestone(store: SessionStore) -> None:
    session_id = new_session(store)
    with store.open(session_id) as handle:
        milestone = handle.save_milestone("Beta", COUNTS)
        (path,) = state_files(store, session_id)
        before = path.read_bytes(), os.stat(path)
        for n in range(20):
            handle.save_answer(f"q{n}", Answer(text=f"answer {n}", risk=n % 5 + 1))
        handle.save_milestone("Launch", COUNTS)
        handle.save_launch(None)
        with pytest.raises(MilestoneExists):
            handle.save_milestone("beta", COUNTS)
        with pytest.raises(ValidationError):
            milestone.name = "Renamed"  # type: ignore[misc]
        with pytest.raises(ValidationError):
            milestone.counts = {}  # type: ignore[misc]
        state = handle.milestone_state(milestone)
    after = os.stat(path)
    assert path.read_bytes() == before[0]
    assert (after.st_ino, after.st_mtime_ns, after.st_ctime_ns) == (
        before[1].st_ino,
        before[1].st_mtime_ns,
        before[1].st_ctime_ns,
    )
    assert stat.S_IMODE(after.st_mode) == 0o600
    assert stat.S_IMODE(os.stat(path.parent).st_mode) == 0o700
    assert state.answers == {} and state.launch == date(2026, 9, 1)


def test_saving_an_answer_does_not_rewrite_the_milestones(store: SessionStore) -> None:
    """The session file holds only the small references: its size does not grow with the states."""
    session_id = new_session(store)
    with store.open(session_id) as handle:
        for n in range(40):
            handle.save_answer(f"q{n}", Answer(text="a long answer " * 40))
        session_file = store.data_dir / "sessions" / f"{session_id}.json"
        size_before = session_file.stat().st_size
        for n in range(10):
            handle.save_milestone(f"Review {n}", COUNTS)
        stamps = {path: os.stat(path).st_mtime_ns for path in state_files(store, session_id)}
        handle.save_answer("q0", Answer(text="changed"))
    grown = session_file.stat().st_size - size_before
    assert sum(path.stat().st_size for path in stamps) > 10 * 20_000
    assert grown < 10 * 400, "each milestone adds a reference, not a copy, to the session file"
    assert {path: os.stat(path).st_mtime_ns for path in stamps} == stamps


def test_a_read_only_view_reads_milestones_but_cannot_save_or_delete_one(store: SessionStore) -> None:
    session_id = new_session(store)
    with store.open(session_id) as handle:
        milestone = handle.save_milestone("Beta", COUNTS)
    with store.open(session_id, read_only=True) as view:
        assert view.milestone_state(milestone).name == "Orbit"
        with pytest.raises(ReadOnlySession):
            view.save_milestone("Launch", COUNTS)
        with pytest.raises(ReadOnlySession):
            view.delete_milestone(milestone.key)
    assert len(state_files(store, session_id)) == 1


def test_deleting_a_milestone_moves_its_state_into_the_backups(store: SessionStore) -> None:
    session_id = new_session(store)
    with store.open(session_id) as handle:
        beta = handle.save_milestone("Beta", COUNTS)
        launch = handle.save_milestone("Launch", COUNTS)
        handle.delete_milestone(beta.key)
        assert handle.session.milestones == [launch]
        handle.save_milestone("beta", COUNTS)  # the name is free again
    retired = store.data_dir / "backups" / session_id / "milestones" / f"{beta.key}.json"
    assert json.loads(retired.read_bytes())["milestone"]["name"] == "Beta"
    reopened = store.open(session_id, read_only=True).session
    assert [m.name for m in reopened.milestones] == ["Launch", "beta"]


def test_milestones_move_with_a_deleted_session_and_come_back_with_its_file(store: SessionStore) -> None:
    session_id = new_session(store)
    with store.open(session_id) as handle:
        handle.save_answer("q1", Answer(text="kept"))
        milestone = handle.save_milestone("Beta", COUNTS)
    store.delete(session_id)
    assert not (store.data_dir / "milestones" / session_id).exists()
    backups = store.data_dir / "backups" / session_id
    assert (backups / "milestones" / f"{milestone.key}.json").is_file()

    # Restored by hand as the README says: the file back in sessions/, its milestones found again.
    *_, newest = sorted(p for p in backups.iterdir() if p.is_file())
    shutil.copyfile(newest, store.data_dir / "sessions" / f"{session_id}.json")
    with store.open(session_id, read_only=True) as handle:
        assert handle.milestone_state(handle.session.milestones[0]).answers["q1"].text == "kept"


def test_export_carries_each_milestone_state_and_import_restores_it(
    store: SessionStore, tmp_path: Path
) -> None:
    session_id = new_session(store)
    with store.open(session_id) as handle:
        handle.save_answer("q1", Answer(text="first", readiness=Readiness.GAP))
        beta = handle.save_milestone("Beta", COUNTS)
        handle.save_answer("q1", Answer(text="second", readiness=Readiness.READY))
        launch = handle.save_milestone("Launch", COUNTS)
        live = dump(handle.session)
        states = [dump(handle.milestone_state(m)) for m in (beta, launch)]
    document = store.export_document(session_id)
    assert [m["session"]["answers"]["q1"]["text"] for m in document["milestones"]] == ["first", "second"]

    there = SessionStore(tmp_path / "there")
    imported = there.import_document(json.dumps(document))
    assert dump(imported) == live
    with there.open(imported.id, read_only=True) as handle:
        assert [dump(handle.milestone_state(m)) for m in handle.session.milestones] == states
    assert there.export_document(imported.id) == document

    copy = store.import_document(document)  # the id is taken here: a new one, with its own states
    assert copy.id != session_id
    assert len(state_files(store, copy.id)) == 2
    with store.open(copy.id, read_only=True) as handle:
        assert handle.milestone_state(handle.session.milestones[0]).id == copy.id
        assert handle.milestone_state(handle.session.milestones[0]).answers["q1"].text == "first"


def test_importing_a_backup_file_finds_the_states_this_data_directory_keeps(store: SessionStore) -> None:
    session_id = new_session(store)
    with store.open(session_id) as handle:
        handle.save_answer("q1", Answer(text="before the milestone"))
        handle.save_milestone("Beta", COUNTS)
    store.delete(session_id)
    *_, backup = sorted(p for p in (store.data_dir / "backups" / session_id).iterdir() if p.is_file())
    restored = store.import_document(backup.read_bytes())
    with store.open(restored.id, read_only=True) as handle:
        (milestone,) = handle.session.milestones
        assert handle.milestone_state(milestone).answers["q1"].text == "before the milestone"


def test_a_bad_state_in_an_import_is_refused_before_anything_is_written(store: SessionStore) -> None:
    session_id = new_session(store)
    with store.open(session_id) as handle:
        handle.save_milestone("Beta", COUNTS)
    document = store.export_document(session_id)
    document["milestones"][0]["session"]["answers"] = {"q1": {"risk": 9}}
    before = sorted(os.listdir(store.data_dir / "sessions"))
    with pytest.raises(InvalidDocument, match=r"milestones\.0\.session: answers\.q1\.risk"):
        store.import_document(document)
    assert sorted(os.listdir(store.data_dir / "sessions")) == before

    document = store.export_document(session_id)
    document["milestones"].append(dict(document["milestones"][0], key="other"))
    with pytest.raises(InvalidDocument, match="the name 'Beta' is used twice"):
        store.import_document(document)


def test_a_lost_state_is_said_plainly_and_the_rest_still_works(store: SessionStore) -> None:
    session_id = new_session(store)
    with store.open(session_id) as handle:
        beta = handle.save_milestone("Beta", COUNTS)
        handle.save_milestone("Launch", COUNTS)
    (store.data_dir / "milestones" / session_id / f"{beta.key}.json").unlink()
    with store.open(session_id) as handle:
        with pytest.raises(
            MilestoneMissing, match=f"'Beta' has lost its saved state: .*{beta.key}.json is missing"
        ):
            handle.milestone_state(beta)
        handle.save_answer("q1", Answer(text="still saving"))
    document = store.export_document(session_id)
    assert "session" not in document["milestones"][0] and "session" in document["milestones"][1]


def test_a_state_saved_by_an_older_schema_is_upgraded_as_it_is_read(store: SessionStore) -> None:
    session_id = new_session(store)
    with store.open(session_id) as handle:
        beta = handle.save_milestone("Beta", COUNTS)
    path = store.data_dir / "milestones" / session_id / f"{beta.key}.json"
    stored = json.loads(path.read_bytes())
    v3 = json.loads(FIXTURE_V3.read_text(encoding="utf-8"))
    answers = {doc.pop("question_id"): doc for doc in v3["answers"].values()}
    stored["session"] = {**v3["meta"]["1"], "answers": answers}
    os.chmod(path, 0o600)
    path.write_text(json.dumps(stored), encoding="utf-8")
    with store.open(session_id, read_only=True) as handle:
        state = handle.milestone_state(beta)
    assert state.id == session_id and state.launch == date(2025, 4, 15)
    assert state.answers["find.marketing.launch-activities"].mitigation == 3


def test_milestones_are_found_by_name_ignoring_case_or_by_a_unique_prefix(store: SessionStore) -> None:
    with store.open(new_session(store)) as handle:
        for name in ("Kick-off", "Beta review", "Beta 2", "Launch"):
            handle.save_milestone(name, COUNTS)
        session = handle.session
    assert find(session, "beta REVIEW").name == "Beta review"
    assert find(session, "kick").name == "Kick-off"
    with pytest.raises(MilestoneNotFound, match="'beta' matches 2 milestones: 'Beta review', 'Beta 2'"):
        find(session, "beta")
    with pytest.raises(MilestoneNotFound, match="has no milestone 'GA'"):
        find(session, "GA")


milestone_names = st.lists(
    names.filter(lambda name: len(name) <= MAX_MILESTONE_NAME),
    max_size=3,
    unique_by=lambda name: " ".join(name.split()).casefold(),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    sessions,
    milestone_names,
    st.lists(st.dictionaries(any_text, answers, max_size=3), min_size=3, max_size=3),
)
def test_any_session_with_milestones_survives_export_and_import(
    session: Session, milestone_names: list[str], edits: list[dict[str, Answer]]
) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        here = SessionStore(Path(tmp) / "here")
        here.import_document(dump(session))
        with here.open(session.id) as handle:
            for name, changes in zip(milestone_names, edits, strict=False):
                for question_id, answer in changes.items():
                    handle.save_answer(question_id, answer)
                handle.save_milestone(name, COUNTS)
            states = [dump(handle.milestone_state(m)) for m in handle.session.milestones]
            live = dump(handle.session)
        assert [m["name"] for m in live["milestones"]] == milestone_names
        there = SessionStore(Path(tmp) / "there")
        imported = there.import_document(json.dumps(here.export_document(session.id)))
        assert dump(imported) == live
        with there.open(imported.id, read_only=True) as handle:
            assert [dump(handle.milestone_state(m)) for m in handle.session.milestones] == states


# -- the upgrade from schema 3


def v3_file(store: SessionStore) -> Path:
    return Path(shutil.copyfile(FIXTURE_V3, store.data_dir / "sessions" / f"{V3_ID}.json"))


def test_a_v3_file_opens_with_everything_and_no_milestones(store: SessionStore) -> None:
    v3_file(store)
    with store.open(V3_ID, read_only=True) as handle:
        session = handle.session
    assert session.name == "Nimbus backup — v3 beta" and session.launch == date(2025, 4, 15)
    assert session.milestones == []
    launch = session.answers["find.marketing.launch-activities"]
    assert (launch.readiness, launch.risk, launch.reward, launch.mitigation) == (Readiness.READY, 4, 5, 3)
    assert session.answers["buy.sales.process-walkthrough"].na_reason == "Sold online only"
    assert (store.data_dir / "sessions" / f"{V3_ID}.json").read_bytes() == FIXTURE_V3.read_bytes()


def test_a_milestone_saved_in_a_v3_file_upgrades_it_and_keeps_the_original(store: SessionStore) -> None:
    path = v3_file(store)
    with store.open(V3_ID) as handle:
        handle.save_milestone("After the upgrade", COUNTS)
    (backup,) = (store.data_dir / "backups" / V3_ID).iterdir()
    assert backup.read_bytes() == FIXTURE_V3.read_bytes()
    tables = json.loads(path.read_bytes())
    assert tables["meta"]["1"]["schema_version"] == SCHEMA_VERSION == 4
    assert [doc["name"] for doc in tables["milestones"].values()] == ["After the upgrade"]
    with SessionStore(store.data_dir).open(V3_ID, read_only=True) as handle:
        (milestone,) = handle.session.milestones
        assert handle.milestone_state(milestone).answers["find.legal.copyright-trademark"].mitigation == 4


def test_the_v3_step_adds_an_empty_list_and_changes_nothing_else() -> None:
    tables = json.loads(FIXTURE_V3.read_text(encoding="utf-8"))
    v3 = {**tables["meta"]["1"], "answers": {"q1": {"text": "x"}}}
    v4 = migrate(v3, 3)
    assert v4 == v3_to_v4(v3) == {**v3, "schema_version": 4, "milestones": []}
    assert v3["schema_version"] == 3 and "milestones" not in v3


def test_a_link_in_place_of_a_milestones_folder_is_never_followed(
    store: SessionStore, tmp_path: Path
) -> None:
    from sessions.errors import NotFollowed

    session_id = new_session(store)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (store.data_dir / "milestones").mkdir(mode=0o700)
    (store.data_dir / "milestones" / session_id).symlink_to(elsewhere)
    with store.open(session_id) as handle:
        with pytest.raises(NotFollowed, match="is a symbolic link, not a directory; not followed"):
            handle.save_milestone("Beta", COUNTS)
        assert handle.session.milestones == []
        handle.save_answer("q1", Answer(text="still saving"))
    assert list(elsewhere.iterdir()) == []
