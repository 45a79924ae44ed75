"""How fast the session store saves one answer and lists sessions, against one shared TinyDB file.

    python bench/store.py                      # 10, 1,000 and 10,000 sessions
    python bench/store.py --sizes 10,1000      # quicker

For each size it writes that many sessions of about 200 answers each (~36 KB, straight to
disk in the store's own format, without fsync, as a fast setup), then measures through the
public API:
- save: `OpenSession.save_answer` on one session, median and p95 of --saves calls;
- list: `SessionStore.listing()` once cold (no index.json, so every file is parsed), and warm
  (median of 9 runs of a new store, as at the app's start, and of 7 by the same store);
- baseline: the same answer update into ONE TinyDB file holding every session (a table per
  session) with TinyDB's default JSONStorage, which rewrites the whole file per update. It is
  slow at scale, so it runs until --baseline-seconds have passed (at least 5 updates) and says
  how many it ran. It does one TinyDB update per save where the store does two (answer and
  session time) in one write, which favours the baseline.
Targets at 10,000 sessions: save median <= 3 ms, list <= 100 ms.

Then, in one such session: each of 50 milestone saves (target <= 20 ms), and the answer save
with those 50 in it (target: median <= 3 ms, as without them: autosave must not rewrite the
milestones), timed alternately with a twin session that has none. Not a test: it prints figures.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tinydb import TinyDB

from sessions import codec
from sessions.files import FILE_MODE, encode_json
from sessions.models import Answer, Readiness, Session
from sessions.store import SessionStore

ANSWERS_PER_SESSION = 200
WORDS = [
    "sales",
    "engineers",
    "will",
    "run",
    "the",
    "proof",
    "of",
    "concept",
    "with",
    "the",
    "pilot",
    "customer",
    "and",
    "report",
    "weekly",
    "to",
    "the",
    "launch",
    "team;",
    "support",
    "gets",
    "the",
    "runbook",
    "two",
    "weeks",
    "before",
    "general",
    "availability,",
    "billing",
    "is",
    "tested",
]


def sentence(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def template(rng: random.Random) -> Session:
    answers = {
        f"stage{q % 4}.team{q % 21}.question-{q:03d}": Answer(
            text=sentence(rng, 10),
            readiness=rng.choice(list(Readiness)),
            decision=sentence(rng, 4),
            owner=rng.choice(["Ana", "Bao", "Chidi", "Dana"]),
            due=date(2025, 1, 1) + timedelta(days=q),
            risk=rng.randint(1, 5),
            reward=rng.randint(1, 5),
        )
        for q in range(ANSWERS_PER_SESSION)
    }
    return Session(id="000000000000", name="Template", answers=answers, bank_id="bench", bank_version="1")


def populate(data: Path, count: int, session: Session) -> list[str]:
    """Write `count` session files in the store's format (no fsync: this is setup, not measurement)."""
    SessionStore(data)
    tables = codec.tables_for(session)
    ids = [f"{n:012x}" for n in range(count)]
    for n, session_id in enumerate(ids):
        tables["meta"]["1"].update(id=session_id, name=f"Launch {n}")
        fd = os.open(
            data / "sessions" / f"{session_id}.json", os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE
        )
        with os.fdopen(fd, "wb") as handle:
            handle.write(encode_json(tables))
    os.sync()  # else the setup's writeback competes with the fsyncs being measured
    return ids


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def measure_store(data: Path, ids: list[str], saves: int, rng: random.Random) -> dict[str, float]:
    (data / "index.json").unlink(missing_ok=True)
    cold = timed(SessionStore(data).listing)  # parses every file and writes the index
    # As at the app's start: a new store, the index on disk up to date. Nine runs, as a median of
    # five swung by 10% from run to run on a busy machine.
    fresh = statistics.median(timed(SessionStore(data).listing) for _ in range(9))
    store = SessionStore(data)
    assert len(store.listing().entries) == len(ids)
    again = statistics.median(timed(store.listing) for _ in range(7))  # the same store listing again

    question_ids = list(store.open(ids[len(ids) // 2], read_only=True).session.answers)
    edits = [
        (rng.choice(question_ids), Answer(text=sentence(rng, 10), risk=rng.randint(1, 5)))
        for _ in range(saves)
    ]
    durations = []
    with store.open(ids[len(ids) // 2]) as handle:
        handle.save_position(question_ids[0])  # the run's first write also makes its backup; not counted
        for question_id, answer in edits:
            durations.append(timed(lambda: handle.save_answer(question_id, answer)))
    durations.sort()
    return {
        "save_median": statistics.median(durations),
        "save_p95": durations[min(len(durations) - 1, int(0.95 * len(durations)))],
        "list_fresh": fresh,
        "list_again": again,
        "list_cold": cold,
    }


MILESTONES = 50


def measure_milestones(data: Path, session: Session, saves: int, rng: random.Random) -> dict[str, float]:
    """Each of MILESTONES milestone saves into one session, then answer saves into it and into a
    twin without milestones, alternately, so that a busy disk slows both sides alike."""
    plain_id, marked_id = populate(data, 2, session)
    question_ids = list(session.answers)
    counts = {"ready": 40, "applicable": 84, "answered": 60}
    store = SessionStore(data)
    with store.open(plain_id) as plain, store.open(marked_id) as marked:
        for handle in (plain, marked):
            handle.save_position(question_ids[0])  # the run's first write also makes its backup; not counted
        milestone_saves = sorted(
            timed(lambda: marked.save_milestone(f"Review {n}", counts)) for n in range(MILESTONES)
        )
        durations: dict[int, list[float]] = {id(plain): [], id(marked): []}
        for _ in range(saves):
            for handle in (plain, marked):
                question_id, answer = rng.choice(question_ids), Answer(text=sentence(rng, 10))
                durations[id(handle)].append(timed(lambda: handle.save_answer(question_id, answer)))
    after = sorted(durations[id(marked)])
    return {
        "save_median_none": statistics.median(durations[id(plain)]),
        "save_median": statistics.median(after),
        "save_p95": after[min(len(after) - 1, int(0.95 * len(after)))],
        "milestone_median": statistics.median(milestone_saves),
        "milestone_p95": milestone_saves[int(0.95 * (len(milestone_saves) - 1))],
        "milestone_max": milestone_saves[-1],
    }


def measure_baseline(
    path: Path, ids: list[str], session: Session, seconds: float, rng: random.Random
) -> tuple[float, int]:
    tables = codec.tables_for(session)
    everything = {}
    for session_id in ids:
        everything[f"{session_id}.meta"] = tables["meta"]
        everything[f"{session_id}.answers"] = tables["answers"]
    path.write_text(json.dumps(everything), encoding="utf-8")
    del everything
    db = TinyDB(path)  # default JSONStorage
    table = db.table(f"{ids[len(ids) // 2]}.answers")
    durations = []
    started = time.perf_counter()
    while len(durations) < 200 and (len(durations) < 5 or time.perf_counter() - started < seconds):
        doc = codec.answer_doc("q", Answer(text=sentence(rng, 10)))
        doc_id = rng.randint(1, ANSWERS_PER_SESSION)
        durations.append(timed(lambda: table.update(doc, doc_ids=[doc_id])))
    db.close()
    return statistics.median(durations), len(durations)


def calibrate() -> str:
    """Figures that say how fast this machine is, to read the others against."""
    loop = min(timed(lambda: sum(range(10_000_000))) for _ in range(3))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "probe"
        fsyncs = []
        for _ in range(50):
            fd = os.open(path, os.O_WRONLY | os.O_CREAT, FILE_MODE)
            os.write(fd, b"x" * 4096)
            fsyncs.append(timed(lambda: os.fsync(fd)))
            os.close(fd)
    return f"sum(range(10**7)) {ms(loop)}, fsync of 4 KB median {ms(statistics.median(fsyncs))}"


def ms(seconds: float) -> str:
    if seconds != seconds:
        return "-"
    return f"{seconds * 1000:,.1f} ms" if seconds < 10 else f"{seconds:,.1f} s"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="10,1000,10000", help="comma-separated session counts")
    parser.add_argument("--saves", type=int, default=300, help="saves measured per size (at least 200)")
    parser.add_argument(
        "--baseline-seconds", type=float, default=30.0, help="time budget of the baseline per size"
    )
    parser.add_argument("--no-baseline", action="store_true", help="skip the shared-file baseline")
    parser.add_argument(
        "--dir", type=Path, default=None, help="where to build the stores (default: a temp dir)"
    )
    args = parser.parse_args()
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",")]
    rng = random.Random(7)
    session = template(rng)
    size_kb = len(encode_json(codec.tables_for(session))) / 1024
    print(f"this machine: {os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f}; {calibrate()}")
    print(
        f"{ANSWERS_PER_SESSION} answers per session, {size_kb:.0f} KB per session file; {args.saves} saves per size"
    )

    rows = []
    root = Path(tempfile.mkdtemp(prefix="walkthrough-bench-", dir=args.dir))
    try:
        for count in sizes:
            data = root / f"store-{count}"
            build = time.perf_counter()
            ids = populate(data, count, session)
            print(f"\n{count:,} sessions written in {time.perf_counter() - build:.1f} s", flush=True)
            figures = measure_store(data, ids, max(args.saves, 200), rng)
            print(
                f"  store: save median {ms(figures['save_median'])}, list {ms(figures['list_fresh'])}",
                flush=True,
            )
            shutil.rmtree(data)
            baseline, runs = float("nan"), 0
            if not args.no_baseline:
                shared = root / f"shared-{count}.json"
                baseline, runs = measure_baseline(shared, ids, session, args.baseline_seconds, rng)
                print(f"  shared TinyDB file: save median {ms(baseline)} ({runs} updates)", flush=True)
                shared.unlink()
            rows.append((count, figures, baseline, runs))
    finally:
        shutil.rmtree(root, ignore_errors=True)

    header = (
        "sessions",
        "save median",
        "save p95",
        "list",
        "list again",
        "list cold",
        "shared-file save",
        "runs",
        "ratio",
    )
    table = [header] + [
        (
            f"{count:,}",
            ms(f["save_median"]),
            ms(f["save_p95"]),
            ms(f["list_fresh"]),
            ms(f["list_again"]),
            ms(f["list_cold"]),
            ms(baseline),
            str(runs),
            f"{baseline / f['save_median']:,.0f}x" if runs else "-",
        )
        for count, f, baseline, runs in rows
    ]
    widths = [max(len(row[i]) for row in table) for i in range(len(header))]
    print()
    for n, row in enumerate(table):
        print("| " + " | ".join(cell.rjust(w) for cell, w in zip(row, widths, strict=False)) + " |")
        if n == 0:
            print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    print(
        "\nlist: a new SessionStore with index.json up to date (as when the app starts); list again: the same"
        "\nstore listing again; list cold: index.json deleted, every file parsed. ratio: shared-file save / save."
    )
    if rows and rows[-1][0] >= 10_000:
        last = rows[-1][1]
        print(
            f"targets at {rows[-1][0]:,} sessions: save median {ms(last['save_median'])} (<= 3 ms: "
            f"{'met' if last['save_median'] <= 0.003 else 'MISSED'}), list {ms(last['list_fresh'])} / again "
            f"{ms(last['list_again'])} (<= 100 ms: {'met' if last['list_fresh'] <= 0.1 else 'MISSED'})"
        )

    root = Path(tempfile.mkdtemp(prefix="walkthrough-bench-", dir=args.dir))
    try:
        m = measure_milestones(root / "milestones", session, max(args.saves, 200), rng)
    finally:
        shutil.rmtree(root, ignore_errors=True)
    print(
        f"\nOne session with {MILESTONES} milestones: answer save median {ms(m['save_median'])} "
        f"(p95 {ms(m['save_p95'])}; {ms(m['save_median_none'])} in its twin without milestones; <= 3 ms: "
        f"{'met' if m['save_median'] <= 0.003 else 'MISSED'}); milestone save median "
        f"{ms(m['milestone_median'])}, p95 {ms(m['milestone_p95'])} (<= 20 ms: "
        f"{'met' if m['milestone_p95'] <= 0.020 else 'MISSED'}), slowest {ms(m['milestone_max'])}"
    )


if __name__ == "__main__":
    main()
