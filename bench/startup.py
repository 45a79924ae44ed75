"""Start-up time of `walkthrough` (home screen) against a bare Textual app, in a real terminal.

Both programs are launched the same way, alternately, as subprocesses on a pseudo-terminal
of the given size, and both report "ready" the same way: from `on_mount`, through
`call_after_refresh` (so after the first screen has been drawn), they append
`ready <time.time()>` to the file named by WALKTHROUGH_BENCH_READY. walkthrough also
appends `listed <time>` once the session list (loaded by a thread worker after the first
paint) has been drawn. Times are measured from just before the process is spawned.

    python bench/startup.py                  # 15 runs each, 80x24, 20 stored sessions
    python bench/startup.py --runs 30 --sessions 200

The target is a ready-time ratio (walkthrough / bare) of at most 1.2.
"""

from __future__ import annotations

import argparse
import fcntl
import os
import pty
import shutil
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
READY_ENV = "WALKTHROUGH_BENCH_READY"
TARGET_RATIO = 1.2

BARE_APP = """
import os, time
from textual.app import App
from textual.widgets import Label

class Bare(App):
    def compose(self):
        yield Label("Hello")

    def on_mount(self):
        self.call_after_refresh(self.mark)

    def mark(self):
        with open(os.environ["WALKTHROUGH_BENCH_READY"], "a") as handle:
            handle.write(f"ready {time.time()} {time.process_time()}\\n")

Bare().run()
"""


def make_sessions(data_dir: Path, count: int) -> None:
    """Sessions with answers, so the listing has real work to do (index built on first list)."""
    sys.path.insert(0, str(REPO))
    from walkthrough.context import Context

    context = Context(data_dir_option=data_dir)
    bank, store = context.bank, context.store
    refs = bank.walk()
    start = datetime(2025, 1, 1, tzinfo=UTC)
    for number in range(count):
        answers = {
            ref.id: {"text": f"Answer {index}", "readiness": ("ready", "partial", "gap")[index % 3]}
            for index, ref in enumerate(refs[: (number * 7) % len(refs)])
        }
        store.import_document(
            {
                "schema_version": 2,
                "id": f"{number:012x}",
                "name": f"Launch {number + 1}",
                "answers": answers,
                "created": start.isoformat(),
                "updated": (start + timedelta(hours=number)).isoformat(),
                "bank_id": bank.id,
                "bank_version": bank.version,
            }
        )
    store.listing()  # builds the index, as any earlier run of the app would have


def launch(
    command: list[str], env: dict[str, str], marks: Path, size: tuple[int, int], want: set[str]
) -> dict[str, float]:
    """Run `command` on a fresh pty until it has written every mark in `want`; seconds to each."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", size[1], size[0], 0, 0))

    def drain() -> None:
        # A terminal that is never read fills up and blocks the app's writes.
        while True:
            try:
                if not os.read(master, 65536):
                    return
            except OSError:
                return

    threading.Thread(target=drain, daemon=True).start()
    started = time.time()
    child = subprocess.Popen(
        command,
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env={**env, READY_ENV: str(marks)},
        cwd=REPO,
        start_new_session=True,
    )
    os.close(slave)
    deadline = time.monotonic() + 60
    seen: dict[str, float] = {}
    try:
        while not want <= seen.keys():
            if child.poll() is not None:
                raise RuntimeError(
                    f"{command[-1][:40]!r} exited with {child.returncode} before {sorted(want - seen.keys())}"
                )
            if time.monotonic() > deadline:
                raise RuntimeError(
                    f"{command[-1][:40]!r} did not report {sorted(want - seen.keys())} within 60 s"
                )
            time.sleep(0.002)
            if marks.exists():
                for line in marks.read_text().splitlines():
                    fields = line.split()
                    if len(fields) == 3:
                        seen[fields[0]] = float(fields[1]) - started
                        seen[fields[0] + " cpu"] = float(fields[2])
    finally:
        child.send_signal(signal.SIGTERM)
        try:
            child.wait(timeout=10)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()
        os.close(master)
    return seen


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=15, help="runs of each program (at least 10; default 15)")
    parser.add_argument(
        "--sessions", type=int, default=20, help="sessions in the temporary data dir (default 20)"
    )
    parser.add_argument("--size", default="80x24", help="terminal size WxH (default 80x24)")
    args = parser.parse_args()
    if args.runs < 10:
        parser.error("--runs must be at least 10 for a meaningful median")
    width, height = (int(part) for part in args.size.lower().split("x"))

    work = Path(tempfile.mkdtemp(prefix="walkthrough-bench-"))
    try:
        data_dir = work / "data"
        data_dir.mkdir()
        make_sessions(data_dir, args.sessions)
        env = {**os.environ, "TERM": os.environ.get("TERM", "xterm-256color"), "PYTHONPATH": str(REPO)}
        env.pop("WALKTHROUGH_DATA_DIR", None)
        programs = {
            "walkthrough": (
                [sys.executable, "-m", "walkthrough", "--data-dir", str(data_dir)],
                {"ready", "listed"},
            ),
            "bare Textual app": ([sys.executable, "-c", BARE_APP], {"ready"}),
        }
        results: dict[str, list[dict[str, float]]] = {name: [] for name in programs}
        for run in range(-1, args.runs):  # run -1 warms the file cache and is not counted
            order = list(programs) if run % 2 == 0 else list(reversed(programs))
            for name in order:
                command, want = programs[name]
                marks = work / f"marks-{run}-{name.split()[0]}.txt"
                seen = launch(command, env, marks, (width, height), want)
                if run >= 0:
                    results[name].append(seen)
            print(f"\rrun {run + 1}/{args.runs}", end="", file=sys.stderr, flush=True)
        print(file=sys.stderr)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    def column(name: str, mark: str) -> list[float]:
        return [seen[mark] * 1000 for seen in results[name]]

    rows = [
        (
            "bare Textual app: first screen ready",
            column("bare Textual app", "ready"),
            column("bare Textual app", "ready cpu"),
        ),
        (
            "walkthrough: home screen ready",
            column("walkthrough", "ready"),
            column("walkthrough", "ready cpu"),
        ),
        (
            "walkthrough: session list filled",
            column("walkthrough", "listed"),
            column("walkthrough", "listed cpu"),
        ),
    ]
    print(
        f"\nStart-up, {args.runs} runs each, alternating; {width}x{height} pty; {args.sessions} sessions; "
        f"Python {sys.version.split()[0]}; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs\n"
    )
    print(f"{'measure (ms from spawn)':<40} {'median':>8} {'min':>7} {'max':>7} {'CPU median':>11}")
    print("-" * 77)
    for label, values, cpu in rows:
        print(
            f"{label:<40} {statistics.median(values):>8.0f} {min(values):>7.0f} {max(values):>7.0f} "
            f"{statistics.median(cpu):>11.0f}"
        )
    ratio = statistics.median(rows[1][1]) / statistics.median(rows[0][1])
    cpu_ratio = statistics.median(rows[1][2]) / statistics.median(rows[0][2])
    verdict = "meets" if ratio <= TARGET_RATIO else "misses"
    print("-" * 77)
    print(
        f"{'ratio walkthrough / bare, ready':<40} {ratio:>8.2f}   ({verdict} the target of {TARGET_RATIO}; "
        f"CPU time ratio {cpu_ratio:.2f})"
    )
    print("\nCPU median: CPU time (ms) the process had used when it wrote the mark; less disturbed than")
    print("wall time by other load on the machine, so a cross-check when the medians are noisy.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
