"""A walkthrough killed at any moment leaves every file readable and no saved answer lost.

A child process saves a counter in a tight loop and reports each value it saved through a
pipe; it is SIGKILLed at random moments (60 times over two sessions, one of them starting
as a version 1 file that the first child migrates). After each kill the session file must
parse and hold the last reported value or the one being saved when the kill came. Another
child imports in a loop and is killed 20 times: every import it reported is listed, whole. A
third saves and deletes milestones and is killed 20 times: every milestone listed reads back
whole, the last one reported among them, and no temp file outlives the next open.
"""

from __future__ import annotations

import json
import os
import random
import select
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from sessions import codec
from sessions.files import decode_json
from sessions.models import SCHEMA_VERSION
from sessions.store import SessionStore

REPO = Path(__file__).resolve().parents[2]
FIXTURE_V1 = Path(__file__).resolve().parents[1] / "fixtures" / "session_v1.json"
ROUNDS_PER_SESSION = 30

CHILD = r"""
import sys
from pathlib import Path
from sessions.models import Answer
from sessions.store import SessionStore

handle = SessionStore(Path(sys.argv[1])).open(sys.argv[2])
n = int(handle.session.answer("counter").text or 0)
while True:
    n += 1
    # A varying size makes a torn write visible as bad JSON, not only as a stale value.
    handle.save_answer("counter", Answer(text=str(n), decision="x" * (n * 37 % 900)))
    sys.stdout.write(f"{n}\n")
    sys.stdout.flush()
"""


def stored_counter(path: Path) -> int:
    raw = decode_json(path.read_bytes())
    session = codec.session_from(raw, codec.read_version(raw), session_id=path.stem)
    return int(session.answer("counter").text or 0)


def run_and_kill(data: Path, session_id: str, *, early: bool) -> tuple[int | None, bytes]:
    """Start a child, SIGKILL it at a random moment, return the last value it reported and its stderr."""
    lines, err = kill_at_random(CHILD, str(data), session_id, early=early)
    return (int(lines[-1]) if lines else None), err


def kill_at_random(script: str, *args: str, early: bool = False) -> tuple[list[bytes], bytes]:
    """Run `script` in a child, SIGKILL it at a random moment, return the lines it wrote whole and its stderr."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    child = subprocess.Popen(
        [sys.executable, "-c", script, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        bufsize=0,
        env=env,
    )
    out = b""
    if early:  # anywhere from start-up, open and the first-write backup onwards
        time.sleep(random.uniform(0.0, 0.8))
    else:  # somewhere in the loop
        deadline = time.monotonic() + 20
        while b"\n" not in out and child.poll() is None and time.monotonic() < deadline:
            if select.select([child.stdout], [], [], 0.05)[0]:
                out += os.read(child.stdout.fileno(), 65536)
        time.sleep(random.uniform(0.0, 0.05))
    child.send_signal(signal.SIGKILL)
    child.wait()
    out += child.stdout.read()
    err = child.stderr.read()
    child.stdout.close()
    child.stderr.close()
    assert child.returncode == -signal.SIGKILL, f"the child died by itself: {err.decode(errors='replace')}"
    return [line for line in out.split(b"\n")[:-1] if line], err  # only lines written whole


def hammer(data: Path, session_id: str, failures: list[str]) -> None:
    path = data / "sessions" / f"{session_id}.json"
    floor = stored_counter(path)
    try:
        for round_ in range(ROUNDS_PER_SESSION):
            reported, _ = run_and_kill(data, session_id, early=round_ % 4 == 0)
            low = max(floor, reported or 0)
            value = stored_counter(path)  # raises if the file does not parse
            assert low <= value <= low + 1, (
                f"round {round_}: stored {value}, last reported {reported}, before {floor}"
            )
            floor = value
            for backup in (data / "backups" / session_id).glob("*.json"):
                decode_json(backup.read_bytes())
    except BaseException as exc:  # reported by the main thread
        failures.append(f"{session_id}: {type(exc).__name__}: {exc}")


def test_sigkill_at_random_moments_never_corrupts_or_loses_a_saved_answer(tmp_path: Path) -> None:
    data = tmp_path / "data"
    store = SessionStore(data)
    fresh = store.create("Killed while saving", bank_id="b", bank_version="1").id
    old = json.loads(FIXTURE_V1.read_text(encoding="utf-8"))["id"]
    shutil.copyfile(FIXTURE_V1, data / "sessions" / f"{old}.json")

    failures: list[str] = []
    workers = [threading.Thread(target=hammer, args=(data, sid, failures)) for sid in (fresh, old)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert not failures, failures

    listing = SessionStore(data).listing()
    assert {e.id for e in listing.entries} == {fresh, old}
    assert listing.problems == []
    assert not list((data / "corrupt").iterdir())
    leftovers = [p.name for p in (data / "sessions").iterdir() if p.name.startswith(".")]
    assert leftovers == [], "orphan temp files were not cleaned up"
    migrated = json.loads((data / "sessions" / f"{old}.json").read_bytes())
    assert migrated["meta"]["1"]["schema_version"] == SCHEMA_VERSION
    assert migrated["meta"]["1"]["name"] == "Atlas payments — EU launch"
    for sid in (fresh, old):
        assert (
            1 <= len(list((data / "backups" / sid).glob("*.json"))) <= 6
        )  # a kill may land before the prune


IMPORTER = r"""
import sys
from pathlib import Path
from sessions.store import SessionStore

store = SessionStore(Path(sys.argv[1]))
n = 0
while True:
    n += 1
    session = store.import_document({"schema_version": 2, "id": "killed", "name": f"{sys.argv[2]} {n}",
                                     "bank_id": "b", "bank_version": "1", "answers": {
                                         f"q{i}": {"text": "x" * (n * 37 % 900)} for i in range(n % 20)}})
    sys.stdout.write(f"{session.id} {session.name}\n")
    sys.stdout.flush()
"""


def test_sigkill_while_importing_leaves_every_reported_import_whole(tmp_path: Path) -> None:
    data = tmp_path / "data"
    SessionStore(data)
    reported: dict[str, str] = {}
    for round_ in range(20):
        lines, _ = kill_at_random(IMPORTER, str(data), f"round {round_}")
        for line in lines:
            session_id, name = line.decode().split(" ", 1)
            assert session_id not in reported
            reported[session_id] = name

        listing = SessionStore(data).listing()
        assert listing.problems == [], listing.problems
        listed = {entry.id: entry.name for entry in listing.entries}
        # Every import it reported is there, whole; at most one more, made as the kill came.
        assert {key: listed.get(key) for key in reported} == reported
        assert len(listed) - len(reported) in (0, 1)
        reported.update(listed)
        assert [p.name for p in (data / "sessions").iterdir() if p.name.startswith(".")] == []
    assert not list((data / "corrupt").iterdir())


MILESTONER = r"""
import sys
from pathlib import Path
from sessions.models import Answer
from sessions.store import SessionStore

handle = SessionStore(Path(sys.argv[1])).open(sys.argv[2])
n = int(handle.session.answer("counter").text or 0)
while True:
    n += 1
    handle.save_answer("counter", Answer(text=str(n), decision="x" * (n * 37 % 900)))
    handle.save_milestone(f"Review {n}", {"ready": n})
    if n % 3 == 0 and len(handle.session.milestones) > 1:
        handle.delete_milestone(handle.session.milestones[0].key)
    sys.stdout.write(f"{n}\n")
    sys.stdout.flush()
"""


def test_sigkill_while_saving_milestones_leaves_each_listed_one_whole(tmp_path: Path) -> None:
    data = tmp_path / "data"
    session_id = SessionStore(data).create("Reviewed often", bank_id="b", bank_version="1").id
    reported = 0
    for round_ in range(20):
        lines, _ = kill_at_random(MILESTONER, str(data), session_id, early=round_ % 4 == 0)
        reported = int(lines[-1]) if lines else reported
        with SessionStore(data).open(session_id) as handle:  # which removes a killed write's temp file
            listed = handle.session.milestones
            names = [m.name for m in listed]
            # Every milestone the child finished is there (but those it deleted), whole and readable.
            assert f"Review {reported}" in names or reported == 0, (round_, reported, names)
            for milestone in listed:
                state = handle.milestone_state(milestone)
                assert int(state.answer("counter").text) == int(milestone.name.split()[1])
            assert len(names) == len(set(names))
        live = data / "milestones" / session_id
        # (A child killed before its first milestone never made the folder: nothing left there either.)
        left = [p.name for p in live.iterdir() if p.name.startswith(".")] if live.exists() else []
        assert left == [] and (listed == [] or live.is_dir())
    assert not list((data / "corrupt").iterdir())
