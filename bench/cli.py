"""The command line against `python -c pass`: how much a command costs beyond starting Python.

Each command runs as a subprocess of the same interpreter, installed as `data.python` says,
its output read through a pipe (as `walkthrough list | less` would), alternating with
`python -c pass`; figures are medians of wall time, and the ratio is the command's median over the baseline's; the CPU ratio is the same
for CPU time (user + system), a cross-check when other work on the machine stretches wall times.

- `walkthrough list`, 1,000 sessions (the table);
- `walkthrough list --json`, 10,000 sessions;
- `walkthrough export`: the Markdown report of a full session (84 answers, long texts) to a file.

    python bench/cli.py                  # 15 pairs each
    python bench/cli.py --runs 30
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from data import FULL_NAME, build_store, python
from options import bench_parser, parsed
from startup import markdown_table

TARGETS = {"list": "≤ 5×", "list --json": "≤ 10×", "export": "≤ 10×"}


def timed(command: list[str], env: dict[str, str], cwd: Path) -> tuple[float, float, bytes]:
    """Wall and CPU time (user + system) of one run, and its output."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(command, env=env, cwd=cwd, capture_output=True, check=False)
    elapsed = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise RuntimeError(f"{command[1:]} exited {done.returncode}: {done.stderr.decode()[-500:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return elapsed, cpu, done.stdout


def main() -> int:
    parser = bench_parser(__doc__, runs=15, counted="pairs per command")
    args = parsed(parser)

    work = Path(tempfile.mkdtemp(prefix="walkthrough-bench-"))
    interpreter, walkthrough, env = python(dict(os.environ), work)
    for name in ("WALKTHROUGH_DATA_DIR", "WALKTHROUGH_DEBUG"):
        env.pop(name, None)
    try:
        small, large = work / "store-1000", work / "store-10000"
        build_store(small, 1_000)
        build_store(large, 10_000)
        report = work / "report.md"

        def check_list(out: bytes) -> None:
            assert out.count(b"\n") == 1_001 and FULL_NAME.encode() in out, out[:300]

        def check_json(out: bytes) -> None:
            assert len(json.loads(out)) == 10_000

        def check_export(out: bytes) -> None:
            assert report.stat().st_size > 100_000, report.stat().st_size

        commands: dict[str, tuple[list[str], Callable[[bytes], None]]] = {
            "list": ([*walkthrough, "--data-dir", str(small), "list"], check_list),
            "list --json": ([*walkthrough, "--data-dir", str(large), "list", "--json"], check_json),
            "export": (
                [*walkthrough, "--data-dir", str(small), "export", FULL_NAME, "-o", str(report), "--force"],
                check_export,
            ),
        }
        baseline = [*interpreter, "-c", "pass"]
        samples: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
        bases: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
        for run in range(-1, args.runs):  # run -1 warms the file cache and is not counted
            for name, (command, check) in commands.items():
                order = (True, False) if run % 2 == 0 else (False, True)
                for ours in order:
                    elapsed, cpu, out = timed(command if ours else baseline, env, work)
                    if ours:
                        check(out)
                    if run >= 0:
                        (samples if ours else bases)[name].append((elapsed * 1000, cpu * 1000))
            print(f"\rrun {run + 1}/{args.runs}", end="", file=sys.stderr, flush=True)
        print(file=sys.stderr)
        report_size = report.stat().st_size
    finally:
        shutil.rmtree(work, ignore_errors=True)

    print(
        f"\nCommands against `python -c pass`: {args.runs} alternating pairs each, medians of wall time; "
        f"Python {sys.version.split()[0]}; load {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs\n"
    )
    labels = {
        "list": "`walkthrough list`, 1,000 sessions",
        "list --json": "`walkthrough list --json`, 10,000 sessions",
        "export": f"`walkthrough export`, full session ({report_size / 1024:,.0f} KB of Markdown)",
    }
    rows = [("command", "walkthrough", "python -c pass", "ratio", "CPU ratio", "target")]
    for name in commands:
        figure, base = (statistics.median(wall for wall, _ in runs) for runs in (samples[name], bases[name]))
        cpu, base_cpu = (statistics.median(cpu for _, cpu in runs) for runs in (samples[name], bases[name]))
        rows.append(
            (
                labels[name],
                f"{figure:,.1f} ms",
                f"{base:,.1f} ms",
                f"{figure / base:.2f}×",
                f"{cpu / base_cpu:.2f}×",
                TARGETS[name],
            )
        )
    print(markdown_table(rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
