"""Walkthroughs running at once never lose or mix up a session: imports of one document get an
id each and say which; renames, deletes, imports and listings in parallel lose nothing."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

from sessions.files import decode_json
from sessions.store import SessionStore

REPO = Path(__file__).resolve().parents[2]
BANK = {"bank_id": "b", "bank_version": "1"}
IMPORTS = 20
WORKERS = 4
SECONDS = 4.0


def document(name: str, session_id: str = "sameid") -> dict:
    return {"schema_version": 2, "id": session_id, "name": name, **BANK}


def test_parallel_imports_of_one_id_each_get_their_own_and_say_which(tmp_path: Path) -> None:
    data = tmp_path / "data"
    SessionStore(data)
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("WALKTHROUGH_")},
        "PYTHONPATH": str(REPO),
        "WALKTHROUGH_DATA_DIR": str(data),
    }
    files = []
    for n in range(IMPORTS):
        path = tmp_path / f"import-{n}.json"
        path.write_text(json.dumps(document(f"Import {n}")), encoding="utf-8")
        files.append(path)
    children = [
        subprocess.Popen(
            [sys.executable, "-m", "walkthrough", "import", str(path)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for path in files
    ]
    said = {}
    for child in children:
        out, err = child.communicate(timeout=120)
        assert child.returncode == 0, err
        match = re.fullmatch(r"imported '(Import \d+)' as ([a-z0-9]+)\n", out)
        assert match, out
        said[match.group(2)] = match.group(1)

    assert len(said) == IMPORTS  # no two were told the same id
    listing = SessionStore(data).listing()
    assert listing.problems == []
    assert {entry.id: entry.name for entry in listing.entries} == said  # every line true
    assert "sameid" in said


WORKER = r"""
import json, random, sys, time
from pathlib import Path
from sessions.errors import SessionLocked, SessionNotFound
from sessions.store import SessionStore

data, worker, seconds = Path(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
store = SessionStore(data)
rng = random.Random(worker)
mine = []
log = []
deadline = time.monotonic() + seconds
n = 0
while time.monotonic() < deadline:
    n += 1
    op = rng.choice(["import", "import", "rename", "rename", "delete", "list"])
    if op == "import" or not mine:
        name = f"w{worker} #{n}"
        # Half of them share one id with every other worker's, half have their own.
        wanted = "shared" if n % 2 else f"w{worker}n{n}"
        session = store.import_document({"schema_version": 2, "id": wanted, "name": name,
                                         "bank_id": "b", "bank_version": "1"})
        mine.append(session.id)
        log.append(["import", session.id, name])
    elif op == "rename":
        session_id = rng.choice(mine)
        name = f"w{worker} #{n} renamed"
        try:
            store.rename(session_id, name)
        except SessionLocked:  # a listing held it a moment to clear a temp file: not done, say so
            continue
        log.append(["rename", session_id, name])
    elif op == "delete":
        session_id = mine.pop(rng.randrange(len(mine)))
        try:
            store.delete(session_id)
        except SessionLocked:
            mine.append(session_id)
            continue
        log.append(["delete", session_id, None])
    else:
        listing = SessionStore(data).listing() if n % 3 else store.listing()
        log.append(["list", len(listing.entries), listing.problems])
print(json.dumps(log))
"""


def test_parallel_renames_deletes_imports_and_listings_lose_nothing(tmp_path: Path) -> None:
    data = tmp_path / "data"
    SessionStore(data)
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    children = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, str(data), str(worker), str(SECONDS)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for worker in range(WORKERS)
    ]
    logs = []
    for child in children:
        out, err = child.communicate(timeout=120)
        assert child.returncode == 0, err
        logs.append(json.loads(out))

    alive: dict[str, str] = {}  # id -> the name it was last given
    deleted: dict[str, str] = {}
    imported = set()
    counts = {"import": 0, "rename": 0, "delete": 0, "list": 0}
    for log in logs:
        for op, subject, detail in log:
            counts[op] += 1
            if op == "import":
                assert subject not in imported, f"{subject} was given twice"
                imported.add(subject)
                alive[subject] = detail
            elif op == "rename":
                alive[subject] = detail
            elif op == "delete":
                deleted[subject] = alive.pop(subject)
            else:
                assert detail == [], detail  # every listing along the way was clean
    assert min(counts.values()) > 0, counts

    listing = SessionStore(data).listing()
    assert listing.problems == []
    assert {entry.id: entry.name for entry in listing.entries} == alive
    for session_id, name in deleted.items():  # each delete can be undone by hand
        newest = sorted((data / "backups" / session_id).glob("*.json"))[-1]
        assert decode_json(newest.read_bytes())["meta"]["1"]["name"] == name
    assert list((data / "corrupt").iterdir()) == []
    assert [p.name for p in (data / "sessions").iterdir() if p.name.startswith(".")] == []
