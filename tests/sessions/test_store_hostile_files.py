"""What is planted in the data directory is never followed: a link, a FIFO or another special
file where the store keeps a file or a folder is refused in one line naming it, nothing
outside the data directory is read, written, removed or chmod'ed, and the other sessions
keep working. Also: a data directory others can use, and a full disk."""

from __future__ import annotations

import errno
import hashlib
import os
import stat
import tempfile
from pathlib import Path

import pytest
from as_nobody import open_store_as_a_user
from cli_runner import run_cli

from sessions.errors import DataDirError, NotFollowed, StoreError
from sessions.models import Answer
from sessions.store import SessionStore

REPO = Path(__file__).resolve().parents[2]
BANK = {"bank_id": "b", "bank_version": "1"}


@pytest.fixture
def store(tmp_path: Path) -> SessionStore:
    return SessionStore(tmp_path / "data")


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A directory of the user's own files, outside the data directory, readable by others."""
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    for n in range(7):
        (folder / f"2020010{n}T000000.000000Z.json").write_text(f"precious {n}", encoding="utf-8")
    (folder / "notes.txt").write_text("precious notes", encoding="utf-8")
    for path in folder.iterdir():
        path.chmod(0o644)
    return folder


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {
        path.name: (path.read_bytes(), stat.S_IMODE(path.stat().st_mode))
        for path in sorted(folder.iterdir())
        if path.is_file()
    }


def tree_hash(root: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        info = path.lstat()
        digest.update(
            f"{path.relative_to(root)} {stat.S_IFMT(info.st_mode)} {stat.S_IMODE(info.st_mode)}".encode()
        )
        if stat.S_ISREG(info.st_mode):
            digest.update(path.read_bytes())
    return digest.hexdigest()


def one_line(message: str) -> str:
    assert message and "\n" not in message
    return message


# -- links where the store keeps folders and files


def test_a_backups_folder_planted_as_a_link_loses_nothing_outside(store: SessionStore, outside: Path) -> None:
    session = store.create("Atlas", **BANK)
    link = store.data_dir / "backups" / session.id
    link.symlink_to(outside, target_is_directory=True)
    before = snapshot(outside)
    path = store.data_dir / "sessions" / f"{session.id}.json"
    stored = path.read_bytes()

    for action in (
        lambda: store.rename(session.id, "Atlas EU"),
        lambda: store.delete(session.id),
        lambda: store.open(session.id).save_answer("q1", Answer(text="x")),
    ):
        with pytest.raises(NotFollowed) as exc:
            action()
        message = one_line(str(exc.value))
        assert f"{link} is a symbolic link, not a directory; not followed" in message

    assert snapshot(outside) == before  # nothing pruned, written or chmod'ed there
    assert path.read_bytes() == stored and link.is_symlink()
    assert [entry.name for entry in store.listing().entries] == ["Atlas"]


def test_a_session_file_planted_as_a_link_is_listed_as_a_problem_never_read_or_chmoded(
    store: SessionStore, outside: Path
) -> None:
    kept = store.create("Kept", **BANK)
    target = outside / "notes.txt"
    link = store.data_dir / "sessions" / "0123456789ab.json"
    link.symlink_to(target)
    before = snapshot(outside)

    listing = store.listing()
    assert [entry.id for entry in listing.entries] == [kept.id]
    (problem,) = listing.problems
    assert one_line(problem).startswith(f"{link} is a symbolic link, not a session file; not followed")
    for action in (
        lambda: store.open("0123456789ab"),
        lambda: store.open("0123456789ab", read_only=True),
        lambda: store.export_document("0123456789ab"),
        lambda: store.delete("0123456789ab"),
    ):
        with pytest.raises(NotFollowed) as exc:
            action()
        assert str(link) in one_line(str(exc.value))
    assert snapshot(outside) == before
    assert link.is_symlink() and list((store.data_dir / "corrupt").iterdir()) == []


def test_a_lock_file_planted_as_a_link_is_refused_not_truncated(store: SessionStore, outside: Path) -> None:
    session = store.create("Atlas", **BANK)
    lock = store.data_dir / "locks" / f"{session.id}.lock"
    lock.symlink_to(outside / "notes.txt")
    before = snapshot(outside)
    with pytest.raises(NotFollowed) as exc:
        store.open(session.id)
    message = one_line(str(exc.value))
    assert message.startswith(f"could not lock session {session.id}: {lock} is a symbolic link")
    assert snapshot(outside) == before
    assert store.open(session.id, read_only=True).session.name == "Atlas"  # still readable


def test_index_json_planted_as_a_link_is_replaced_not_followed(store: SessionStore, outside: Path) -> None:
    store.create("Atlas", **BANK)
    index = store.data_dir / "index.json"
    index.symlink_to(outside / "notes.txt")
    before = snapshot(outside)
    assert [entry.name for entry in store.listing().entries] == ["Atlas"]
    assert snapshot(outside) == before
    assert index.is_file() and not index.is_symlink()  # a rebuilt index in its place


def test_a_sub_directory_planted_as_a_link_makes_the_data_directory_unusable(
    tmp_path: Path, outside: Path
) -> None:
    data = tmp_path / "data"
    SessionStore(data)
    (data / "backups").rmdir()
    (data / "backups").symlink_to(outside, target_is_directory=True)
    with pytest.raises(DataDirError) as exc:
        SessionStore(data)
    assert one_line(str(exc.value)).startswith(
        f"data directory {data} is not usable: {data / 'backups'} is a symbolic link, not a directory"
    )


# -- FIFOs and other special files


def test_a_fifo_named_like_a_session_file_never_hangs_list(store: SessionStore) -> None:
    kept = store.create("Kept", **BANK)
    fifo = store.data_dir / "sessions" / "0123456789ab.json"
    os.mkfifo(fifo)
    result = run_cli("list", "--json", data_dir=store.data_dir, timeout=30)
    assert result.returncode == 0, result.stderr
    assert kept.id in result.stdout
    assert f"warning: {fifo} is a FIFO, not a session file; not opened" in result.stderr
    result = run_cli("export", "0123456789ab", "-o", "-", data_dir=store.data_dir, timeout=30)
    assert result.returncode == 1 and "error: " in result.stderr
    assert stat.S_ISFIFO(fifo.lstat().st_mode)  # reported, left in place


@pytest.mark.parametrize("where", ["index.json", "locks/_index.lock"])
def test_a_fifo_in_place_of_the_index_or_its_lock_never_hangs_list(store: SessionStore, where: str) -> None:
    store.create("Kept", **BANK)
    os.mkfifo(store.data_dir / where)
    result = run_cli("list", data_dir=store.data_dir, timeout=30)
    assert result.returncode == 0, result.stderr
    assert "Kept" in result.stdout


def test_a_fifo_in_place_of_a_backup_is_neither_opened_nor_counted(store: SessionStore) -> None:
    session = store.create("Atlas", **BANK)
    folder = store.data_dir / "backups" / session.id
    folder.mkdir(mode=0o700)
    os.mkfifo(folder / "00000000T000000.000000Z.json")
    for n in range(7):
        with store.open(session.id) as handle:
            handle.save_answer("q1", Answer(text=str(n)))
    assert stat.S_ISFIFO((folder / "00000000T000000.000000Z.json").lstat().st_mode)
    assert len([path for path in folder.iterdir() if path.is_file()]) == 5


# -- the data directory's mode


def test_a_data_directory_others_can_use_is_made_private_and_said_once(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    data.chmod(0o777)
    (data / "sessions").mkdir()
    (data / "sessions").chmod(0o755)
    first = run_cli("list", data_dir=data)
    assert first.returncode == 0, first.stderr
    assert first.stderr.splitlines() == [
        f"warning: data directory {data} could be used by other users (mode 0777); made it private (mode 0700)",
        f"warning: {data / 'sessions'} could be read by other users; made it private (mode 0700)",
    ]
    assert stat.S_IMODE(data.stat().st_mode) == 0o700
    assert stat.S_IMODE((data / "sessions").stat().st_mode) == 0o700
    again = run_cli("list", data_dir=data)
    assert again.returncode == 0 and again.stderr == ""


def test_a_data_directory_of_another_user_that_others_can_write_is_refused() -> None:
    # As root: a shared directory root owns; as a user: /tmp, which root owns.
    shared = Path(tempfile.mkdtemp(prefix="walkthrough-shared-")) if os.geteuid() == 0 else Path("/tmp")
    try:
        if os.geteuid() == 0:
            shared.chmod(0o1777)
        before = sorted(os.listdir(shared))
        result = open_store_as_a_user(shared)
        assert result.stdout == (
            f"data directory {shared} belongs to another user and others can write to it "
            "(mode 1777); use a directory of your own\n"
        ), result.stderr
        assert sorted(os.listdir(shared)) == before
    finally:
        if os.geteuid() == 0:
            shared.rmdir()


# -- a full disk


def test_an_import_on_a_full_disk_names_the_file_and_leaves_nothing(
    store: SessionStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    kept = store.create("Kept", **BANK)
    store.listing()
    before = tree_hash(store.data_dir)

    def full(fd: int, data: bytes) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    document = {"schema_version": 2, "id": "imported", "name": "Atlas", **BANK}
    with monkeypatch.context() as patch:
        patch.setattr(os, "write", full)
        with pytest.raises(StoreError) as exc:
            store.import_document(document)
    message = one_line(str(exc.value))
    assert message == (
        f"could not import session 'Atlas' into {store.data_dir}: No space left on device "
        f"({store.data_dir / 'sessions' / 'imported.json'})"
    )
    assert "lock" not in message
    assert tree_hash(store.data_dir) == before  # no lock file, no temp file, nothing else
    assert [entry.id for entry in store.listing().entries] == [kept.id]


# -- ids


def test_a_deleted_sessions_id_is_never_given_again_so_its_backups_stay(store: SessionStore) -> None:
    session = store.create("Deleted by mistake", **BANK)
    document = store.export_document(session.id)
    store.delete(session.id)
    folder = store.data_dir / "backups" / session.id
    (kept,) = folder.iterdir()
    deleted = kept.read_bytes()

    again = store.import_document(document)
    assert again.id != session.id
    for n in range(8):  # more runs than backups are kept
        with store.open(again.id) as handle:
            handle.save_answer("q1", Answer(text=str(n)))
    assert [path.read_bytes() for path in folder.iterdir()] == [deleted]
