"""Two walkthroughs on one session: a clear refusal or a read-only view, never a lost update."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from sessions.errors import ReadOnlySession, SessionLocked
from sessions.models import Answer
from sessions.store import SessionStore

REPO = Path(__file__).resolve().parents[2]
ENV = {**os.environ, "PYTHONPATH": str(REPO)}

HOLDER = r"""
import sys
from pathlib import Path
from sessions.models import Answer
from sessions.store import SessionStore

handle = SessionStore(Path(sys.argv[1])).open(sys.argv[2])
handle.save_answer("q1", Answer(text="written by the holder"))
print("holding", flush=True)
sys.stdin.readline()
handle.close()
"""

# Opens, saves one answer and closes, over and over, waiting its turn when the session is locked.
WRITER = r"""
import sys, time
from pathlib import Path
from sessions.errors import SessionLocked
from sessions.models import Answer
from sessions.store import SessionStore

store = SessionStore(Path(sys.argv[1]))
refused = 0
for i in range(int(sys.argv[4])):
    while True:
        try:
            handle = store.open(sys.argv[2])
            break
        except SessionLocked:
            refused += 1
            time.sleep(0.001)
    with handle:
        handle.save_answer(f"{sys.argv[3]}.{i}", Answer(text=str(i)))
print(refused)
"""


@pytest.fixture
def store(tmp_path: Path) -> SessionStore:
    return SessionStore(tmp_path / "data")


@pytest.fixture
def holder(store: SessionStore):
    """Another walkthrough process holding a session open."""
    session_id = store.create("Atlas EU", bank_id="b", bank_version="1").id
    child = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(store.data_dir), session_id],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        env=ENV,
        text=True,
    )
    assert child.stdout.readline().strip() == "holding"
    yield session_id, child
    if child.poll() is None:
        child.kill()
    child.wait()


def test_a_second_walkthrough_is_refused_with_a_clear_message(store: SessionStore, holder) -> None:
    session_id, child = holder
    with pytest.raises(SessionLocked) as refused:
        store.open(session_id)
    message = str(refused.value)
    assert message == (
        f"session 'Atlas EU' is open in another walkthrough (pid {child.pid}?) — "
        "close it there first, or open it read-only"
    )


def test_a_read_only_view_shows_the_data_and_saves_nothing(store: SessionStore, holder) -> None:
    session_id, _child = holder
    view = store.open(session_id, read_only=True)
    assert view.read_only
    assert view.session.answers["q1"].text == "written by the holder"
    with pytest.raises(ReadOnlySession, match=r"^session 'Atlas EU' is read-only here"):
        view.save_answer("q1", Answer(text="mine"))
    with pytest.raises(ReadOnlySession):
        view.save_position("q2")
    with pytest.raises(ReadOnlySession):
        view.save_settings(name="Other")
    view.close()
    assert store.export_document(session_id)["answers"]["q1"]["text"] == "written by the holder"


def test_rename_and_delete_refuse_while_another_walkthrough_has_it(store: SessionStore, holder) -> None:
    session_id, _child = holder
    with pytest.raises(SessionLocked, match="close it there before renaming it$"):
        store.rename(session_id, "Mine now")
    with pytest.raises(SessionLocked, match="close it there before deleting it$"):
        store.delete(session_id)
    assert [e.name for e in store.listing().entries] == ["Atlas EU"]


def test_the_lock_dies_with_the_process_that_held_it(store: SessionStore, holder) -> None:
    session_id, child = holder
    child.send_signal(signal.SIGKILL)
    child.wait()
    with store.open(session_id) as handle:
        handle.save_answer("q2", Answer(text="after the crash"))
        assert handle.session.answers["q1"].text == "written by the holder"


def test_the_lock_is_released_on_close(store: SessionStore, holder) -> None:
    session_id, child = holder
    child.communicate("\n", timeout=30)
    with store.open(session_id) as handle:
        assert not handle.read_only


def test_one_process_cannot_open_a_session_twice(store: SessionStore) -> None:
    session_id = store.create("Atlas", bank_id="b", bank_version="1").id
    with store.open(session_id):
        with pytest.raises(
            SessionLocked, match="^session 'Atlas' is already open in this walkthrough — close it"
        ):
            store.open(session_id)
        with pytest.raises(SessionLocked, match="already open in this walkthrough"):
            SessionStore(store.data_dir).open(session_id)  # another store object, same process
        with pytest.raises(SessionLocked):
            store.delete(session_id)


def test_two_processes_taking_turns_lose_no_update(store: SessionStore) -> None:
    session_id = store.create("Shared", bank_id="b", bank_version="1").id
    count = 40
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(store.data_dir), session_id, tag, str(count)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=ENV,
            text=True,
        )
        for tag in ("a", "b")
    ]
    outcomes = [w.communicate(timeout=120) for w in writers]
    assert [w.returncode for w in writers] == [0, 0], [err for _, err in outcomes]
    answers = store.open(session_id, read_only=True).session.answers
    expected = {f"{tag}.{i}" for tag in "ab" for i in range(count)}
    assert set(answers) == expected, f"lost: {sorted(expected - set(answers))}"
