"""Bad files, old and new versions, bad directories: reported in one line, never a lost session."""

from __future__ import annotations

import json
import os
import shutil
import stat
import tempfile
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from as_nobody import open_store_as_a_user

from sessions import codec
from sessions.errors import CorruptSession, DataDirError, InvalidDocument, NewerSchema, StoreError
from sessions.files import decode_json, encode_json
from sessions.migrations import MigrationError, migrate, v1_to_v2, v2_to_v3, v3_to_v4
from sessions.models import SCHEMA_VERSION, Answer, Readiness
from sessions.store import SessionStore

FIXTURE_V1 = Path(__file__).resolve().parents[1] / "fixtures" / "session_v1.json"
REPO = Path(__file__).resolve().parents[2]
BANK = {"bank_id": "b", "bank_version": "1"}


@pytest.fixture
def store(tmp_path: Path) -> SessionStore:
    return SessionStore(tmp_path / "data")


def session_file(store: SessionStore, session_id: str) -> Path:
    return store.data_dir / "sessions" / f"{session_id}.json"


def one_line(exc: pytest.ExceptionInfo) -> str:
    message = str(exc.value)
    assert message and "\n" not in message
    return message


def with_answer(store: SessionStore, name: str) -> str:
    session_id = store.create(name, **BANK).id
    with store.open(session_id) as handle:
        handle.save_answer("q1", Answer(text=f"{name} answer"))
    return session_id


# -- corrupt, truncated, empty files


def _truncated(data: bytes) -> bytes:
    return data[: len(data) // 2]


BREAKAGES = {
    "garbage": lambda data: b"\x00\x01 not json at all",
    "truncated": _truncated,
    "empty": lambda data: b"",
    "not utf-8": lambda data: data.replace(b"broken answer", b"broken \xff\xfe answer"),
    "not an object": lambda data: b"[1, 2, 3]",
    "no version": lambda data: b'{"title": "something else"}',
    "invalid field": lambda data: data.replace(b'"risk":null', b'"risk":9'),
    "unknown table": lambda data: data[:-1] + b',"extra":{}}',
}
REASONS = {
    "garbage": "not valid JSON",
    "truncated": "not valid JSON",
    "empty": "empty file",
    "not utf-8": "not UTF-8 text",
    "not an object": "expected a JSON object",
    "no version": "no schema version",
    "invalid field": "answers.q1.risk: Input should be less than or equal to 5",
    "unknown table": "unknown table 'extra'",
}


@pytest.mark.parametrize("breakage", sorted(BREAKAGES))
def test_a_broken_file_is_reported_moved_aside_and_the_rest_still_work(
    store: SessionStore, breakage: str
) -> None:
    good = with_answer(store, "Good")
    bad = with_answer(store, "broken")
    path = session_file(store, bad)
    broken = BREAKAGES[breakage](path.read_bytes())
    path.write_bytes(broken)

    with pytest.raises(CorruptSession) as exc:
        store.open(bad)
    message = one_line(exc)
    (moved,) = (store.data_dir / "corrupt").iterdir()
    assert message.startswith(f"session file {path} is corrupt (")
    assert REASONS[breakage] in message
    assert message.endswith(f"moved to {moved}")
    assert moved.name.startswith(f"{bad}.") and moved.read_bytes() == broken  # kept, byte for byte
    assert stat.S_IMODE(moved.stat().st_mode) == 0o600
    assert not path.exists()

    listing = store.listing()
    assert [e.id for e in listing.entries] == [good]
    assert listing.problems == []
    with store.open(good) as handle:
        assert handle.session.answers["q1"].text == "Good answer"


def test_listing_moves_a_corrupt_file_aside_and_says_so_once(store: SessionStore) -> None:
    good = with_answer(store, "Good")
    bad = with_answer(store, "Bad")
    store.listing()
    session_file(store, bad).write_bytes(b'{"meta": {"1": {"schema_version": 2')
    listing = store.listing()
    assert [e.id for e in listing.entries] == [good]
    (problem,) = listing.problems
    assert problem.startswith(f"session file {session_file(store, bad)} is corrupt (not valid JSON")
    assert "moved to" in problem and "\n" not in problem
    assert store.listing().problems == []
    assert len(list((store.data_dir / "corrupt").iterdir())) == 1


def test_export_of_a_corrupt_file_reports_it(store: SessionStore) -> None:
    bad = with_answer(store, "Bad")
    session_file(store, bad).write_bytes(b"")
    with pytest.raises(CorruptSession, match="empty file"):
        store.export_document(bad)


# -- newer and older schema versions


def newer_file(store: SessionStore) -> tuple[str, Path, bytes]:
    session_id = with_answer(store, "From the future")
    path = session_file(store, session_id)
    tables = json.loads(path.read_bytes())
    tables["meta"]["1"]["schema_version"] = SCHEMA_VERSION + 1
    tables["meta"]["1"]["hologram"] = True  # a field this version has never heard of
    path.write_bytes(json.dumps(tables).encode())
    return session_id, path, path.read_bytes()


def test_a_newer_file_is_refused_and_left_untouched(store: SessionStore) -> None:
    other = with_answer(store, "Today")
    session_id, path, data = newer_file(store)
    before = path.stat().st_mtime_ns
    with pytest.raises(NewerSchema) as exc:
        store.open(session_id)
    assert one_line(exc) == (
        f"session file {path} was written by a newer walkthrough (schema {SCHEMA_VERSION + 1}, this one reads up to {SCHEMA_VERSION}); "
        "left untouched — upgrade walkthrough to open it"
    )
    with pytest.raises(NewerSchema):
        store.open(session_id, read_only=True)
    with pytest.raises(NewerSchema):
        store.export_document(session_id)
    with pytest.raises(NewerSchema):
        store.rename(session_id, "Renamed")

    for _ in range(2):  # reported on every listing, and still never moved
        listing = store.listing()
        assert [e.id for e in listing.entries] == [other]
        assert listing.problems == [str(exc.value)]
    assert path.read_bytes() == data and path.stat().st_mtime_ns == before
    assert not list((store.data_dir / "corrupt").iterdir())


def test_a_newer_document_is_not_imported(store: SessionStore) -> None:
    with pytest.raises(NewerSchema, match="^import document was written by a newer walkthrough"):
        store.import_document({"schema_version": 7, "id": "abc", "name": "x"})


def install_v1(store: SessionStore) -> tuple[str, Path]:
    session_id = json.loads(FIXTURE_V1.read_text(encoding="utf-8"))["id"]
    path = session_file(store, session_id)
    shutil.copyfile(FIXTURE_V1, path)
    return session_id, path


def test_a_v1_file_lists_without_being_rewritten(store: SessionStore) -> None:
    session_id, path = install_v1(store)
    (entry,) = store.listing().entries
    assert entry.name == "Atlas payments — EU launch" and entry.stats == {"answers": 5}
    assert path.read_bytes() == FIXTURE_V1.read_bytes()
    assert store.open(session_id, read_only=True).session.name == entry.name
    assert path.read_bytes() == FIXTURE_V1.read_bytes()


def test_opening_a_v1_file_upgrades_it_after_keeping_the_original(store: SessionStore) -> None:
    session_id, path = install_v1(store)
    with store.open(session_id) as handle:
        session = handle.session
        handle.save_answer("find.legal.ip-protection", Answer(text="Patent filed", risk=5, reward=2))
    (backup,) = (store.data_dir / "backups" / session_id).iterdir()
    assert backup.read_bytes() == FIXTURE_V1.read_bytes()

    tables = json.loads(path.read_bytes())
    assert tables["meta"]["1"]["schema_version"] == SCHEMA_VERSION
    assert session.name == "Atlas payments — EU launch"
    assert session.excluded_teams == ["manufacturing", "network-cloud-operations"]
    assert session.position == "buy.finance-operations.order-provisioning"
    assert session.bank_id == "customer-journey-touchpoints" and session.bank_version == "0.9"
    assert session.created.isoformat() == "2024-01-29T10:03:11.000412+00:00"
    launch = session.answers["find.marketing.launch-activities"]
    assert launch.readiness is Readiness.READY and launch.owner == "Inès Moreau"
    assert launch.due.isoformat() == "2024-03-15" and launch.risk is None
    assert session.answers["find.legal.eula-subscription"].readiness is Readiness.PARTIAL
    assert session.answers["find.legal.eula-subscription"].due is None
    assert session.answers["buy.finance-operations.order-provisioning"].readiness is Readiness.GAP
    na = session.answers["buy.manufacturing.demand-forecast"]
    assert na.readiness is Readiness.NOT_APPLICABLE and na.na_reason.startswith("Software only")
    undated = session.answers["find.engineering-qa.data-protection"]
    assert undated.readiness is None
    assert undated.updated.isoformat() == "2024-02-03T08:01:30+00:00"  # v1 kept no time for it: the session's

    reread = SessionStore(store.data_dir).open(session_id, read_only=True).session
    assert reread.answers == {**session.answers}
    assert reread.answers["find.legal.ip-protection"].risk == 5


def test_a_v1_document_can_be_imported(store: SessionStore) -> None:
    imported = store.import_document(FIXTURE_V1.read_text(encoding="utf-8"))
    assert imported.id == "3f9c2a71b0de" and len(imported.answers) == 5


def test_the_migration_chain_reaches_the_current_version() -> None:
    v1 = json.loads(FIXTURE_V1.read_text(encoding="utf-8"))
    latest = migrate(v1, 1)
    assert latest == v3_to_v4(v2_to_v3(v1_to_v2(v1))) and latest["schema_version"] == SCHEMA_VERSION == 4
    assert migrate(latest, SCHEMA_VERSION) is latest
    assert v1["title"] == "Atlas payments — EU launch"  # the input is not changed


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (lambda d: d.pop("title"), "title: missing in a version 1 session"),
        (lambda d: d["answers"][1].update(status="maybe"), "answers.1.status: unknown status 'maybe'"),
        (lambda d: d["answers"][0].update(changed="yesterday"), "answers.0.changed: expected a time"),
        (lambda d: d["bank"].pop("version"), "bank.version: missing in a version 1 session"),
    ],
)
def test_a_broken_v1_document_names_the_field(change, reason: str) -> None:
    v1 = json.loads(FIXTURE_V1.read_text(encoding="utf-8"))
    change(v1)
    with pytest.raises(MigrationError, match=reason):
        migrate(v1, 1)


def test_a_broken_v1_file_is_moved_aside_with_its_reason(store: SessionStore) -> None:
    session_id, path = install_v1(store)
    v1 = json.loads(path.read_bytes())
    del v1["teams"]
    path.write_text(json.dumps(v1), encoding="utf-8")
    with pytest.raises(CorruptSession, match=r"\(teams: missing in a version 1 session\); moved to"):
        store.open(session_id)


# -- import documents


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ("{not json", "import document is not valid JSON: Expecting property name"),
        (b"\xff\xfe", "import document is not UTF-8 text"),
        ("[]", "import document is not a session: expected a JSON object, found list"),
        ({"name": "x"}, "import document is not a session: no schema version"),
        ({"schema_version": "2"}, "import document is not a session: schema version '2' is not a positive"),
        (
            {
                "schema_version": 2,
                "id": "a",
                "name": "x",
                "bank_id": "b",
                "bank_version": "1",
                "answers": {"q1": {"risk": 0}},
            },
            "import document is not a valid session: answers.q1.risk: Input should be greater than or equal to 1",
        ),
        (
            {
                "schema_version": 2,
                "id": "a",
                "name": "x",
                "bank_id": "b",
                "bank_version": "1",
                "colour": "red",
            },
            "import document is not a valid session: colour: Extra inputs are not permitted",
        ),
    ],
)
def test_a_bad_import_names_what_is_wrong(store: SessionStore, document, message: str) -> None:
    with pytest.raises(InvalidDocument) as exc:
        store.import_document(document)
    assert one_line(exc).startswith(message)
    assert store.listing().entries == []


def test_an_import_with_an_unusable_id_gets_a_new_one(store: SessionStore) -> None:
    doc = {"schema_version": 2, "id": "../../etc/passwd", "name": "x", "bank_id": "b", "bank_version": "1"}
    imported = store.import_document(doc)
    assert imported.id != doc["id"] and session_file(store, imported.id).exists()


# -- data directory


def test_a_missing_data_directory_is_a_one_line_error(tmp_path: Path) -> None:
    target = tmp_path / "nowhere" / "data"
    with pytest.raises(DataDirError) as exc:
        SessionStore(target)
    assert one_line(exc) == f"data directory {target} does not exist"
    assert not target.parent.exists()


def test_an_explicit_data_directory_is_created_if_its_parent_exists(tmp_path: Path) -> None:
    SessionStore(tmp_path / "data")
    assert stat.S_IMODE((tmp_path / "data").stat().st_mode) == 0o700


def test_a_file_in_place_of_the_data_directory_is_a_one_line_error(tmp_path: Path) -> None:
    plain = tmp_path / "plain"
    plain.write_text("not a directory")
    with pytest.raises(DataDirError) as exc:
        SessionStore(plain)
    assert one_line(exc) == f"data directory {plain} is not a directory"
    with pytest.raises(DataDirError) as under:
        SessionStore(plain / "data", create_parents=True)
    assert one_line(under).startswith(f"data directory {plain / 'data'} cannot be created: ")
    assert plain.read_text() == "not a directory"


def test_a_file_in_place_of_a_sub_directory_is_a_one_line_error(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "sessions").write_text("oops")
    with pytest.raises(DataDirError) as exc:
        SessionStore(data)
    assert one_line(exc).startswith(f"data directory {data} is not usable: ")


def test_an_unwritable_data_directory_is_a_one_line_error() -> None:
    base = Path(tempfile.mkdtemp(prefix="walkthrough-ro-"))
    try:
        base.chmod(0o755)
        data = base / "data"
        data.mkdir(mode=0o755)
        data.chmod(0o555)
        result = open_store_as_a_user(data)
        assert result.stdout == f"data directory {data} is not writable\n", result.stderr
        assert list(data.iterdir()) == []
    finally:
        (base / "data").chmod(0o755)
        shutil.rmtree(base)


def test_a_data_directory_removed_while_running_is_a_one_line_error(store: SessionStore) -> None:
    session_id = with_answer(store, "Atlas")
    handle = store.open(session_id)
    shutil.rmtree(store.data_dir)
    with pytest.raises(StoreError) as exc:
        handle.save_answer("q2", Answer(text="lost?"))
    assert one_line(exc).startswith("could not save session 'Atlas' to ")
    with pytest.raises(StoreError) as listing:
        store.listing()
    assert one_line(listing).startswith(
        f"could not list sessions in {store.data_dir}: No such file or directory"
    )
    handle.close()


# -- permissions, backups, orphans, index


def test_every_file_is_private_whatever_the_umask(tmp_path: Path) -> None:
    old = os.umask(0)
    try:
        store = SessionStore(tmp_path / "data")
        session_id = with_answer(store, "Private")
        with store.open(session_id) as handle:
            handle.save_answer("q2", Answer(text="again"))
        store.listing()
    finally:
        os.umask(old)
    seen = 0
    for root, _dirs, files in os.walk(store.data_dir):
        assert stat.S_IMODE(os.stat(root).st_mode) == 0o700, root
        for name in files:
            assert stat.S_IMODE(os.stat(os.path.join(root, name)).st_mode) == 0o600, name
            seen += 1
    assert seen >= 5  # session, index, a backup, the session lock, the index lock


def test_each_run_keeps_a_backup_and_only_the_last_five_stay(store: SessionStore) -> None:
    session_id = store.create("Atlas", **BANK).id
    path = session_file(store, session_id)
    versions = []
    for run in range(8):
        versions.append(path.read_bytes())
        with store.open(session_id) as handle:
            handle.save_answer("q1", Answer(text=f"run {run}"))
            handle.save_answer("q2", Answer(text=f"run {run}"))  # a second write in a run: no second backup
    kept = sorted((store.data_dir / "backups" / session_id).iterdir())
    assert [p.read_bytes() for p in kept] == versions[-5:]
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in kept)


def test_a_file_replaced_behind_an_open_session_is_kept_before_it_is_overwritten(store: SessionStore) -> None:
    session_id = with_answer(store, "Atlas")
    handle = store.open(session_id)
    handle.save_answer("q2", Answer(text="mine"))
    outside = session_file(store, session_id).read_bytes().replace(b"Atlas answer", b"edited elsewhere")
    session_file(store, session_id).write_bytes(outside)
    handle.save_answer("q3", Answer(text="mine too"))
    handle.close()
    newest = sorted((store.data_dir / "backups" / session_id).iterdir())[-1]
    assert newest.read_bytes() == outside


def test_orphan_temp_files_are_removed_unless_their_session_is_busy(store: SessionStore) -> None:
    idle = with_answer(store, "Idle")
    busy = with_answer(store, "Busy")
    sessions = store.data_dir / "sessions"
    idle_orphan = sessions / f".{idle}.json.0123abcd.tmp"
    busy_temp = sessions / f".{busy}.json.89abcdef.tmp"
    index_orphan = store.data_dir / ".index.json.deadbeef.tmp"
    unrelated = sessions / ".keep-me"
    for path in (idle_orphan, busy_temp, index_orphan, unrelated):
        path.write_bytes(b'{"half": ')
    with store.open(busy):  # its holder may be in the middle of writing that temp file
        listing = SessionStore(store.data_dir).listing()
    assert {e.id for e in listing.entries} == {idle, busy} and listing.problems == []
    assert not idle_orphan.exists() and not index_orphan.exists()
    assert busy_temp.exists() and unrelated.exists()
    store.listing()
    assert not busy_temp.exists()


def count_parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    parsed: list[str] = []
    real = codec.session_from

    def counting(raw, version, *, session_id=None):
        parsed.append(session_id)
        return real(raw, version, session_id=session_id)

    monkeypatch.setattr(codec, "session_from", counting)
    return parsed


def test_listing_reads_only_what_changed(store: SessionStore, monkeypatch: pytest.MonkeyPatch) -> None:
    ids = [with_answer(store, f"S{n}") for n in range(5)]
    store.listing()
    parsed = count_parses(monkeypatch)
    assert len(store.listing().entries) == 5
    assert parsed == []
    with store.open(ids[2]) as handle:
        parsed.clear()
        handle.save_answer("q9", Answer(text="new"))
    listing = store.listing()
    assert parsed == [ids[2]]
    assert next(e for e in listing.entries if e.id == ids[2]).stats == {"answers": 2}


@pytest.mark.parametrize("fresh", [False, True], ids=["same store", "new store"])
def test_the_index_follows_changes_made_behind_its_back(store: SessionStore, fresh: bool) -> None:
    # The same store checks what it listed last; a new one (as at the app's start) checks index.json.
    def listing():
        return (SessionStore(store.data_dir) if fresh else store).listing()

    first = with_answer(store, "First")
    second = with_answer(store, "Second")
    store.listing()
    sessions = store.data_dir / "sessions"

    copy_id = "0c0ffee0c0ff"
    shutil.copyfile(sessions / f"{first}.json", sessions / f"{copy_id}.json")  # added
    names = {e.id: e.name for e in listing().entries}
    assert names == {first: "First", second: "Second", copy_id: "First"}

    (sessions / f"{second}.json").unlink()  # removed
    assert {e.id for e in listing().entries} == {first, copy_id}

    path = sessions / f"{first}.json"  # changed in place, same size
    stamp = path.stat()
    path.write_bytes(path.read_bytes().replace(b'"name":"First"', b'"name":"Fjrst"'))
    os.utime(path, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    assert {e.id: e.name for e in listing().entries}[first] == "Fjrst"


def edit_json(path: Path, change) -> None:
    document = json.loads(path.read_bytes())
    change(document)
    path.write_text(json.dumps(document))


@pytest.mark.parametrize(
    "damage",
    [
        lambda p: p.unlink(),
        lambda p: p.write_bytes(b"\x00garbage"),
        lambda p: p.write_text('{"format": 99, "sessions": {}}'),
        lambda p: edit_json(p, lambda d: d.update(sessions={"abc": 1, "zzz": {"name": 5}})),
        lambda p: edit_json(p, lambda d: d["sessions"]["name"].pop()),  # columns of unequal length
        lambda p: edit_json(
            p, lambda d: d["sessions"]["id"].__setitem__(0, [1])
        ),  # an id that is not a string
    ],
    ids=["deleted", "garbage", "other format", "bad records", "short column", "bad id"],
)
def test_a_missing_or_damaged_index_is_rebuilt(store: SessionStore, damage) -> None:
    ids = {with_answer(store, f"S{n}") for n in range(3)}
    store.listing()
    index = store.data_dir / "index.json"
    damage(index)
    listing = store.listing()
    assert {e.id for e in listing.entries} == ids and listing.problems == []
    assert set(json.loads(index.read_bytes())["sessions"]["id"]) == ids


def test_an_index_of_the_previous_format_is_rebuilt(
    store: SessionStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = [with_answer(store, f"S{n}") for n in range(2)]
    index = store.data_dir / "index.json"
    # Format 1, as walkthrough wrote it before: an object per session, each with its stats key.
    old = {
        "format": 1,
        "schema_version": 2,
        "sessions": {
            session_id: {
                "name": "Old name",
                "created": "2025-01-01T00:00:00+00:00",
                "updated": "2025-01-01T00:00:00+00:00",
                "stats": {"answers": 9},
                "stats_key": "answers",
                "ino": 0,
                "ctime_ns": 0,
                "mtime_ns": 0,
                "size": 0,
            }
            for session_id in ids
        },
    }
    index.write_text(json.dumps(old))
    parsed = count_parses(monkeypatch)
    listing = SessionStore(store.data_dir).listing()
    assert sorted(parsed) == sorted(ids)  # every file read again, nothing taken from the old index
    assert {e.name for e in listing.entries} == {"S0", "S1"} and listing.problems == []
    rebuilt = json.loads(index.read_bytes())
    assert rebuilt["format"] == 2 and set(rebuilt["sessions"]["id"]) == set(ids)


@pytest.mark.parametrize(
    "column, value",
    [("name", 5), ("created", "yesterday"), ("updated", None), ("stats", [1]), ("ctime_ns", "0")],
)
def test_a_damaged_record_is_read_again_from_its_file_and_only_it(
    store: SessionStore, monkeypatch: pytest.MonkeyPatch, column: str, value
) -> None:
    ids = [with_answer(store, f"S{n}") for n in range(3)]
    store.listing()
    index = store.data_dir / "index.json"
    damaged = json.loads(index.read_bytes())["sessions"]["id"][1]
    edit_json(index, lambda d: d["sessions"][column].__setitem__(1, value))
    parsed = count_parses(monkeypatch)
    listing = SessionStore(store.data_dir).listing()
    assert parsed == [damaged]
    assert {e.id: e.name for e in listing.entries} == {ids[n]: f"S{n}" for n in range(3)}
    assert listing.problems == []
    parsed.clear()
    SessionStore(store.data_dir).listing()  # the index was mended
    assert parsed == []


def test_a_fresh_listing_from_the_index_equals_the_one_that_made_it(store: SessionStore) -> None:
    with_answer(store, "First")
    store.create("Second", **BANK)
    made = store.listing().entries  # every file parsed, the index written
    read = SessionStore(store.data_dir).listing().entries  # from the index alone
    assert read == made
    assert [e.name for e in read] == ["Second", "First"]
    assert read[0].path == store.data_dir / "sessions" / f"{read[0].id}.json"


def test_naive_times_are_read_as_utc_and_sort_among_aware_ones(store: SessionStore) -> None:
    aware = store.create("Aware", **BANK)
    document = store.export_document(aware.id)
    document["created"] = document["updated"] = "2999-01-01T00:00:00"  # naive: imported from elsewhere
    naive = store.import_document(document)
    listing = store.listing()
    assert [e.id for e in listing.entries] == [naive.id, aware.id]
    # Stored as what they meant: every time the store holds is in UTC.
    assert listing.entries[0].updated == datetime(2999, 1, 1, tzinfo=UTC)
    assert listing.entries[0].updated.utcoffset() == timedelta(0)
    assert [e.id for e in SessionStore(store.data_dir).listing().entries] == [naive.id, aware.id]


def test_a_file_not_named_like_a_session_is_reported_not_lost(store: SessionStore) -> None:
    with_answer(store, "Atlas")
    stray = store.data_dir / "sessions" / "My Copy.json"
    stray.write_text("{}")
    listing = store.listing()
    assert len(listing.entries) == 1
    assert listing.problems == [f"{stray} is not named like a session file (<id>.json); ignored"]
    assert stray.exists()


def test_datetimes_are_written_as_iso_text_even_beside_a_lone_surrogate() -> None:
    # index.json holds datetimes; a problem text may hold a lone surrogate (an undecodable path).
    moments = [
        datetime(2025, 1, 2, 3, 4, 5, 6, tzinfo=timezone(timedelta(hours=5, minutes=30))),
        datetime(2025, 1, 2),
    ]
    for extra in ("plain", "broken \ud800 path"):
        document = decode_json(encode_json({"times": moments, "text": extra}))
        assert [datetime.fromisoformat(text) for text in document["times"]] == moments
        offsets = [datetime.fromisoformat(text).utcoffset() for text in document["times"]]
        assert offsets == [moment.utcoffset() for moment in moments]
        assert document["text"] == extra


def test_a_lone_surrogate_in_an_answer_survives_a_save(store: SessionStore) -> None:
    session_id = store.create("Atlas", **BANK).id
    broken_paste = "before \ud83d after"  # half an emoji, as a bad clipboard can deliver
    with store.open(session_id) as handle:
        handle.save_answer("q1", Answer(text=broken_paste))
    raw = session_file(store, session_id).read_bytes()
    raw.decode("utf-8")  # still valid UTF-8 on disk
    assert store.open(session_id, read_only=True).session.answers["q1"].text == broken_paste
