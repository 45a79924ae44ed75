"""The store API as the app uses it: create, open, save, list, resolve, rename, delete, export, import."""

from __future__ import annotations

import json
import os
import signal
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path

import pytest

from sessions.errors import AmbiguousSession, InvalidName, ReadOnlySession, SessionNotFound, StoreError
from sessions.models import SCHEMA_VERSION, Answer, Readiness
from sessions.store import SessionStore

BANK = {"bank_id": "customer-journey-touchpoints", "bank_version": "1.0"}


@pytest.fixture
def store(tmp_path: Path) -> SessionStore:
    return SessionStore(tmp_path / "data")


def reopened(store: SessionStore) -> SessionStore:
    """A second store on the same directory: what the next run of the app sees."""
    return SessionStore(store.data_dir)


def test_an_answer_saved_is_there_in_the_next_run(store: SessionStore) -> None:
    session = store.create("Atlas EU launch", **BANK, excluded_teams=["manufacturing"])
    answer = Answer(
        text="Webinars in FR and DE — café demos",
        readiness=Readiness.PARTIAL,
        decision="Lead with webinars",
        owner="Inès",
        due=date(2025, 3, 1),
        risk=4,
        reward=3,
    )
    with store.open(session.id) as handle:
        before = handle.session.updated
        handle.save_answer("find.marketing.launch-activities", answer)
        assert handle.session.answers["find.marketing.launch-activities"] == answer
        assert handle.session.updated > before

    again = reopened(store).open(session.id, read_only=True).session
    assert again.answers == {"find.marketing.launch-activities": answer}
    assert again.excluded_teams == ["manufacturing"]
    assert again.name == "Atlas EU launch"
    assert again.bank_id == BANK["bank_id"] and again.bank_version == BANK["bank_version"]


def test_position_and_settings_are_saved_and_live(store: SessionStore) -> None:
    session = store.create("Atlas", **BANK)
    with store.open(session.id) as handle:
        handle.save_position("buy.sales.readiness")
        handle.save_settings(name="  Atlas 2  ", excluded_teams=["manufacturing", "legal"])
        assert handle.session.position == "buy.sales.readiness"
        assert handle.session.name == "Atlas 2"
    again = reopened(store).open(session.id, read_only=True).session
    assert again.position == "buy.sales.readiness"
    assert again.name == "Atlas 2"
    assert again.excluded_teams == ["manufacturing", "legal"]


def test_an_answer_replaced_leaves_no_trace_of_the_old_one(store: SessionStore) -> None:
    session = store.create("Atlas", **BANK)
    with store.open(session.id) as handle:
        handle.save_answer("q1", Answer(text="first", owner="Ana", risk=5))
        handle.save_answer("q1", Answer(text="second"))
    assert reopened(store).open(session.id, read_only=True).session.answers["q1"].owner == ""


def test_a_file_is_tinydb_utf8_and_saving_touches_only_that_session(store: SessionStore) -> None:
    first = store.create("Première", **BANK)
    second = store.create("Second", **BANK)
    store.listing()  # writes the index
    watched = [store.data_dir / "index.json", store.data_dir / "sessions" / f"{second.id}.json"]
    before = [p.stat().st_mtime_ns for p in watched]
    with store.open(first.id) as handle:
        handle.save_answer("q1", Answer(text="Déjà vu — ✓"))
    assert [p.stat().st_mtime_ns for p in watched] == before

    raw = (store.data_dir / "sessions" / f"{first.id}.json").read_bytes()
    assert "Déjà vu — ✓".encode() in raw and "Première".encode() in raw  # not \u-escaped
    tables = json.loads(raw)
    assert set(tables) == {"meta", "answers", "milestones"}
    (meta,) = tables["meta"].values()
    assert meta["schema_version"] == SCHEMA_VERSION and meta["name"] == "Première"
    (doc,) = tables["answers"].values()
    assert doc["question_id"] == "q1" and doc["text"] == "Déjà vu — ✓"


def test_listing_is_most_recent_first_with_stats(store: SessionStore) -> None:
    older = store.create("Older", **BANK)
    newer = store.create("Newer", **BANK)
    with store.open(older.id) as handle:
        handle.save_answer("q1", Answer(text="x"))
        handle.save_answer("q2", Answer(text="y"))
    listing = store.listing()
    assert [e.id for e in listing.entries] == [older.id, newer.id]
    assert listing.entries[0].stats == {"answers": 2}
    assert listing.entries[0].path == store.data_dir / "sessions" / f"{older.id}.json"
    assert listing.problems == []
    assert store.most_recent().id == older.id


def test_a_released_listing_is_made_again_whole_and_up_to_date(store: SessionStore) -> None:
    # A walk opened from the command line lets go of the listing that found its session; going
    # home later lists again from index.json, and what changed meanwhile shows.
    first = store.create("First", **BANK)
    second = store.create("Second", **BANK)
    before = store.listing()
    store.release_listing()
    with store.open(first.id) as handle:
        handle.save_answer("q1", Answer(text="x"))
    store.release_listing()
    after = store.listing()
    assert [e.id for e in after.entries] == [first.id, second.id]
    assert after.entries[0].stats == {"answers": 1}
    assert {e.id for e in before.entries} == {e.id for e in after.entries}
    assert after.problems == []
    assert store.resolve("Sec").id == second.id


def test_most_recent_of_nothing_is_none(store: SessionStore) -> None:
    assert store.most_recent() is None
    assert store.listing().entries == []


def test_the_stats_function_is_used_and_recomputed_when_its_key_changes(tmp_path: Path) -> None:
    data = tmp_path / "data"
    plain = SessionStore(data)
    session = plain.create("Atlas", **BANK)
    with plain.open(session.id) as handle:
        handle.save_answer("q1", Answer(text="x", readiness=Readiness.GAP))
    assert plain.listing().entries[0].stats == {"answers": 1}

    def gaps(s):
        return {"gaps": sum(a.readiness is Readiness.GAP for a in s.answers.values())}

    assert SessionStore(data, stats=gaps, stats_key="bank@1").listing().entries[0].stats == {"gaps": 1}
    assert SessionStore(data, stats=lambda s: {"n": 7}, stats_key="bank@2").listing().entries[0].stats == {
        "n": 7
    }


def test_resolve_by_id_name_and_prefix(store: SessionStore) -> None:
    atlas = store.create("Atlas EU", **BANK)
    borealis = store.create("Borealis", **BANK)
    assert store.resolve(atlas.id).id == atlas.id
    assert store.resolve("atlas eu").id == atlas.id
    assert store.resolve("BOREA").id == borealis.id
    assert store.resolve(borealis.id[:8]).id == borealis.id


def test_resolve_unknown_and_ambiguous_say_so_in_one_line(store: SessionStore) -> None:
    first = store.create("Atlas EU", **BANK)
    second = store.create("Atlas US", **BANK)
    with pytest.raises(SessionNotFound) as missing:
        store.resolve("zephyr")
    assert str(missing.value) == "no session matches 'zephyr'"
    with pytest.raises(AmbiguousSession) as ambiguous:
        store.resolve("atlas")
    message = str(ambiguous.value)
    assert message.startswith("'atlas' matches 2 sessions: ")
    assert f"{first.id} (Atlas EU)" in message and f"{second.id} (Atlas US)" in message
    assert "\n" not in message


def test_an_exact_name_wins_over_a_longer_name_it_prefixes(store: SessionStore) -> None:
    exact = store.create("Atlas", **BANK)
    store.create("Atlas 2", **BANK)
    assert store.resolve("atlas").id == exact.id


def test_rename_persists_and_reaches_an_open_session(store: SessionStore) -> None:
    session = store.create("Atlas", **BANK)
    store.rename(session.id, "Atlas EU")
    assert store.listing().entries[0].name == "Atlas EU"
    with store.open(session.id) as handle:
        store.rename(session.id, "Atlas EMEA")
        assert handle.session.name == "Atlas EMEA"
    assert reopened(store).listing().entries[0].name == "Atlas EMEA"


def test_bad_names_are_refused_in_one_line(store: SessionStore) -> None:
    with pytest.raises(InvalidName, match="^a session needs a name$"):
        store.create("   ", **BANK)
    session = store.create("Atlas", **BANK)
    with pytest.raises(InvalidName, match="too long"):
        store.rename(session.id, "x" * 201)


def test_delete_removes_it_from_the_list_but_keeps_a_copy(store: SessionStore) -> None:
    keep = store.create("Keep", **BANK)
    gone = store.create("Gone", **BANK)
    store.delete(gone.id)
    assert [e.id for e in store.listing().entries] == [keep.id]
    with pytest.raises(SessionNotFound):
        store.open(gone.id)
    (copy,) = (store.data_dir / "backups" / gone.id).iterdir()
    assert json.loads(copy.read_bytes())["meta"]["1"]["name"] == "Gone"


def test_unknown_ids_are_not_found(store: SessionStore) -> None:
    for ref in ("nope", "../../etc/passwd", ""):
        with pytest.raises(SessionNotFound):
            store.open(ref)
        with pytest.raises(SessionNotFound):
            store.delete(ref)
        with pytest.raises(SessionNotFound):
            store.export_document(ref)


def test_a_closed_or_read_only_session_refuses_to_save(store: SessionStore) -> None:
    session = store.create("Atlas", **BANK)
    view = store.open(session.id, read_only=True)
    assert view.read_only
    with pytest.raises(ReadOnlySession, match="read-only"):
        view.save_answer("q1", Answer(text="x"))
    handle = store.open(session.id)
    handle.close()
    handle.close()  # twice is harmless
    with pytest.raises(StoreError, match="closed"):
        handle.save_answer("q1", Answer(text="x"))
    assert reopened(store).open(session.id).session.answers == {}


def test_threads_saving_at_once_lose_nothing(store: SessionStore) -> None:
    session = store.create("Atlas", **BANK)
    with store.open(session.id) as handle:

        def work(n: int) -> None:
            for i in range(25):
                handle.save_answer(f"t{n}.q{i}", Answer(text=f"{n}-{i}"))

        threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    answers = reopened(store).open(session.id, read_only=True).session.answers
    assert len(answers) == 100
    assert answers["t3.q24"].text == "3-24"


def test_a_signal_handler_can_save_in_the_middle_of_a_save(store: SessionStore) -> None:
    session = store.create("Atlas", **BANK)
    fired = []
    with store.open(session.id) as handle:

        def on_alarm(signum, frame):
            fired.append(len(fired))
            if len(fired) == 20:
                signal.setitimer(signal.ITIMER_REAL, 0, 0)
            handle.save_answer("from-signal", Answer(text=str(len(fired))))

        previous = signal.signal(signal.SIGALRM, on_alarm)
        signal.setitimer(signal.ITIMER_REAL, 0.001, 0.004)
        try:
            for i in range(150):
                handle.save_answer(f"q{i}", Answer(text=str(i)))
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0, 0)
            signal.signal(signal.SIGALRM, previous)
        live = dict(handle.session.answers)
    assert fired, "the timer never fired during the saves"
    stored = reopened(store).open(session.id, read_only=True).session.answers
    assert stored == live
    assert stored["from-signal"].text == str(len(fired))
    assert all(stored[f"q{i}"].text == str(i) for i in range(150))


def test_a_save_nested_inside_a_save_is_applied_after_it(store: SessionStore) -> None:
    session = store.create("Atlas", **BANK)
    with store.open(session.id) as handle:
        storage = handle._db.storage
        real_flush = storage._flush
        calls = []

        def flush_and_interrupt() -> None:
            real_flush()
            if not calls:
                calls.append(1)
                handle.save_answer("nested", Answer(text="inner"))  # as a signal handler would

        storage._flush = flush_and_interrupt
        handle.save_answer("outer", Answer(text="outer"))
    stored = reopened(store).open(session.id, read_only=True).session.answers
    assert stored["outer"].text == "outer" and stored["nested"].text == "inner"


def test_export_then_import_gives_the_same_session(store: SessionStore, tmp_path: Path) -> None:
    session = store.create("Atlas", **BANK)
    with store.open(session.id) as handle:
        handle.save_answer("q1", Answer(text="ß", risk=2, reward=5))
        handle.save_position("q1")
    document = store.export_document(session.id)
    assert document["schema_version"] == SCHEMA_VERSION and document["answers"]["q1"]["text"] == "ß"

    elsewhere = SessionStore(tmp_path / "other")
    imported = elsewhere.import_document(json.dumps(document))
    assert imported.id == session.id
    assert elsewhere.export_document(imported.id) == document

    again = store.import_session(document)  # the id and the name are taken here
    assert again.session.id != session.id
    assert (again.asked_name, again.session.name, again.renamed) == ("Atlas", "Atlas (2)", True)
    assert store.export_document(again.session.id) == {
        **document,
        "id": again.session.id,
        "name": "Atlas (2)",
    }
    assert store.export_document(session.id) == document  # the one already here is untouched


def test_imports_at_the_same_moment_each_get_a_name_of_their_own(store: SessionStore) -> None:
    session = store.create("Atlas", **BANK)
    document = store.export_document(session.id)
    with ThreadPoolExecutor(max_workers=6) as pool:
        imported = list(pool.map(lambda _: SessionStore(store.data_dir).import_session(document), range(6)))
    names = sorted(i.session.name for i in imported)
    assert names == sorted(f"Atlas ({n})" for n in range(2, 8))
    assert sorted(e.name for e in store.listing().entries) == sorted(["Atlas", *names])


def test_the_default_directory_is_the_platform_user_data_dir() -> None:
    import platformdirs

    assert SessionStore.default_dir() == platformdirs.user_data_path("walkthrough")


def test_create_parents_makes_the_whole_path_private(tmp_path: Path) -> None:
    data = tmp_path / "a" / "b" / "walkthrough"
    SessionStore(data, create_parents=True)
    assert data.is_dir() and (data.stat().st_mode & 0o777) == 0o700
    for part in ("sessions", "backups", "corrupt", "locks"):
        assert (os.stat(data / part).st_mode & 0o777) == 0o700
