"""From launch to what the user came for, on the screen, against a bare Textual app.

Each figure is the time from spawning the program on a pseudo-terminal to the moment the
expected text is on its screen (read through a terminal emulator, pyte; see terminal.py):

- resume: `walkthrough resume` until the prompt of the question the session stopped at shows;
- home, 1,000 and 10,000 sessions: `walkthrough` until the first session rows show, and then,
  with `j` typed the moment they do, until the highlight has moved to the second row;
- peak memory: the largest resident size of `walkthrough resume` (a full 84-answer session
  open) once its question shows and a second more has passed;
- in the walk, on the full session: from a key to the screen showing its result, for next
  question (pagedown) and the gap summary (f5).

The baseline is a bare Textual app showing one Label, launched the same way (see
`data.python`), right before or after each launch of walkthrough (the order alternates), until
its Label shows. Figures are medians; the ratio is walkthrough's median over the baseline's.
The CPU column is the same ratio for the CPU time each program had used by then (all threads):
a cross-check when other work on the machine stretches the wall times.

    python bench/startup.py                       # 12 pairs per moment, 80x24
    python bench/startup.py --runs 20 --size 120x40
    python bench/startup.py --only resume,walk    # a subset while working on one moment
"""

from __future__ import annotations

import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from data import FULL_NAME, build_store, python
from options import bench_parser, parsed
from terminal import Terminal

from questions.loader import default_bank

BARE_TEXT = "Bare Textual app"
BARE_APP = f"""
from textual.app import App
from textual.widgets import Label

class Bare(App):
    def compose(self):
        yield Label({BARE_TEXT!r})

Bare().run()
"""
PAGE_DOWN, F5, ESCAPE = b"\x1b[6~", b"\x1b[15~", b"\x1b"
SUMMARY_TEXTS = ("Open items (", "· priority ")  # the list of open items, and the first one in full
SETTLE_SECONDS = 1.0  # after the question shows, before peak memory is read
POSITION = 41  # where data.full_session resumes
MOMENTS = ("resume", "home-1000", "home-10000", "walk")

RESUME = "resume: question visible"
MEMORY = "peak memory, full session open"
NEXT = "walk: next question (key → screen)"
SUMMARY = "walk: gap summary (key → screen)"
TARGETS = {
    RESUME: "≤ 1.5×",
    MEMORY: "≤ 1.5×",
    "home, 1,000 sessions: rows visible": "≤ 1.3×",
    "home, 1,000 sessions: j answered": "",
    "home, 10,000 sessions: rows visible": "≤ 2×",
    "home, 10,000 sessions: j answered": "≤ 2.5×",
    NEXT: "≤ 40 ms",
    SUMMARY: "≤ 80 ms",
}

Figures = dict[str, tuple[float, float]]  # moment -> (wall ms, CPU ms); memory: (MiB, 0)


def snippet(prompt: str) -> str:
    """The start of a question's prompt: on its first screen line at any width from 80 columns."""
    return prompt[:40]


def rows_moment(count: int) -> str:
    return f"home, {count:,} sessions: rows visible"


def key_moment(count: int) -> str:
    return f"home, {count:,} sessions: j answered"


class Bench:
    def __init__(self, size: tuple[int, int], work: Path) -> None:
        self.size = size
        self.work = work
        self.python, self.command, self.env = python(
            {**os.environ, "TERM": os.environ.get("TERM", "xterm-256color")}, work
        )
        for name in ("WALKTHROUGH_DATA_DIR", "WALKTHROUGH_BENCH_READY", "TEXTUAL"):
            self.env.pop(name, None)
        self.prompts = [snippet(ref.question.prompt) for ref in default_bank().walk()]

    def launch(self, args: list[str]) -> Terminal:
        return Terminal(args, size=self.size, env=self.env, cwd=self.work)

    def walkthrough(self, data_dir: Path, *args: str) -> Terminal:
        return self.launch([*self.command, "--data-dir", str(data_dir), *args])

    def bare(self, moment: str) -> Figures:
        with self.launch([*self.python, "-c", BARE_APP]) as term:
            shown = term.wait_for(lambda t: t.shows(BARE_TEXT), what="the bare app's label")
            cpu = term.cpu_when_seen
            figures = {moment: (shown * 1000, cpu * 1000)}
            if moment == RESUME:
                term.drain(SETTLE_SECONDS)
                figures[MEMORY] = (term.peak_rss_kib() / 1024, 0.0)
            return figures

    def resume(self, data_dir: Path) -> Figures:
        prompt = self.prompts[POSITION]
        with self.walkthrough(data_dir, "resume") as term:
            shown = term.wait_for(lambda t: t.shows(prompt), what=f"the prompt {prompt!r}")
            cpu = term.cpu_when_seen
            term.drain(SETTLE_SECONDS)
            return {RESUME: (shown * 1000, cpu * 1000), MEMORY: (term.peak_rss_kib() / 1024, 0.0)}

    def home(self, data_dir: Path, count: int) -> Figures:
        first, second, third, fourth = (FULL_NAME[:10], "Launch 00001", "Launch 00002", "Launch 00003")
        with self.walkthrough(data_dir) as term:
            rows = term.wait_for(lambda t: t.shows(second) and t.shows(third), what="the session rows")
            rows_cpu = term.cpu_when_seen
            term.send(b"j")

            def moved(t: Terminal) -> bool:
                lines = [t.row_of(text) for text in (first, second, third, fourth)]
                if None in lines:
                    return False
                top, cursor, *stripes = (t.background(line, 4) for line in lines)  # type: ignore[arg-type]
                return cursor not in stripes and top in stripes

            answered = term.wait_for(moved, what="the highlight on the second row after j")
            return {
                rows_moment(count): (rows * 1000, rows_cpu * 1000),
                key_moment(count): (answered * 1000, term.cpu_when_seen * 1000),
            }

    def walk_keys(self, data_dir: Path, presses: int) -> dict[str, list[tuple[float, float]]]:
        """Key-to-screen times in the walk: next question `presses` times, then the summary."""
        found: dict[str, list[tuple[float, float]]] = {NEXT: [], SUMMARY: []}
        prompts = self.prompts

        def timed(
            term: Terminal, keys: bytes, check: Callable[[Terminal], bool], what: str
        ) -> tuple[float, float]:
            cpu = term.cpu_seconds()
            sent = term.send(keys)
            shown = term.wait_for(check, what=what)
            return (shown - sent) * 1000, (term.cpu_when_seen - cpu) * 1000

        with self.walkthrough(data_dir, "resume") as term:
            term.wait_for(lambda t: t.shows(prompts[POSITION]), what="the first question")
            term.drain(0.5)
            for step in range(1, presses + 1):
                wanted = prompts[POSITION + step]
                found[NEXT].append(timed(term, PAGE_DOWN, lambda t: t.shows(wanted), f"question {wanted!r}"))
                term.drain(0.15)  # a person reads before the next key; the save runs meanwhile
            here = prompts[POSITION + presses]
            for _ in range(presses):
                found[SUMMARY].append(
                    timed(term, F5, lambda t: all(map(t.shows, SUMMARY_TEXTS)), "the gap summary")
                )
                term.drain(0.15)
                term.send(ESCAPE)
                term.wait_for(
                    lambda t: t.shows(here) and not t.shows(SUMMARY_TEXTS[0]), what="back in the walk"
                )
                term.drain(0.15)
        return found


def main() -> int:
    parser = bench_parser(__doc__, runs=12, counted="pairs per moment")
    parser.add_argument("--size", default="80x24", help="terminal size WxH (default 80x24)")
    parser.add_argument("--presses", type=int, default=15, help="key presses timed in the walk (default 15)")
    parser.add_argument(
        "--only",
        default=",".join(MOMENTS),
        help=f"comma-separated subset of {', '.join(MOMENTS)} (default: all)",
    )
    args = parsed(parser)
    only = args.only.split(",")
    if not set(only) <= set(MOMENTS):
        parser.error(f"--only takes {', '.join(MOMENTS)}")
    width, height = (int(part) for part in args.size.lower().split("x"))
    homes = [count for count in (1_000, 10_000) if f"home-{count}" in only]

    ours: dict[str, list[tuple[float, float]]] = {}
    bare: dict[str, list[tuple[float, float]]] = {}
    work = Path(tempfile.mkdtemp(prefix="walkthrough-bench-"))
    try:
        bench = Bench((width, height), work)
        started = time.perf_counter()
        stores = {count: work / f"store-{count}" for count in {1_000, *homes}}
        for count, data_dir in stores.items():
            build_store(data_dir, count)
        walk_dir = work / "store-walk"  # next question moves the saved position: not the resume store
        build_store(walk_dir, 1)
        print(f"data built in {time.perf_counter() - started:.1f} s", file=sys.stderr)

        def pair(run: int, measure: Callable[[], Figures], moment: str) -> None:
            order = (True, False) if run % 2 == 0 else (False, True)
            for walkthrough in order:
                figures = measure() if walkthrough else bench.bare(moment)
                if run >= 0:  # run -1 warms the file cache and is not counted
                    for key, value in figures.items():
                        (ours if walkthrough else bare).setdefault(key, []).append(value)

        for run in range(-1, args.runs):
            if "resume" in only:
                pair(run, lambda: bench.resume(stores[1_000]), RESUME)
            for count in homes:
                pair(run, lambda count=count: bench.home(stores[count], count), rows_moment(count))
            print(f"\rrun {run + 1}/{args.runs}", end="", file=sys.stderr, flush=True)
        print(file=sys.stderr)
        if "walk" in only:
            ours.update(bench.walk_keys(walk_dir, args.presses))
    finally:
        shutil.rmtree(work, ignore_errors=True)

    for count in homes:  # the key is measured from launch too: against the same bare launches
        bare[key_moment(count)] = bare[rows_moment(count)]
    print(
        f"\nFrom launch to the screen: {args.runs} alternating pairs per moment, medians; {width}x{height} "
        f"pty read by pyte; Python {sys.version.split()[0]}; load {os.getloadavg()[0]:.1f} on "
        f"{os.cpu_count()} CPUs\n"
    )
    print(markdown_table(table_rows(ours, bare)))
    if "walk" in only:
        print(
            f"\nIn the walk: medians of {args.presses} presses each, from the key written to the terminal "
            "to the next prompt / the summary's open items and the first one in full on screen; CPU: what "
            "walkthrough used meanwhile."
        )
    return 0


def table_rows(
    ours: dict[str, list[tuple[float, float]]], bare: dict[str, list[tuple[float, float]]]
) -> list[tuple[str, ...]]:
    rows = [("moment", "walkthrough", "bare Textual app", "ratio", "CPU ratio", "target")]
    for moment in TARGETS:
        if moment not in ours:
            continue
        wall = statistics.median(value for value, _ in ours[moment])
        cpu = statistics.median(value for _, value in ours[moment])
        if moment in bare:
            base = statistics.median(value for value, _ in bare[moment])
            base_cpu = statistics.median(value for _, value in bare[moment])
            unit = "MiB" if moment == MEMORY else "ms"
            cpu_ratio = "" if moment == MEMORY else f"{cpu / base_cpu:.2f}×"
            rows.append(
                (
                    moment,
                    f"{wall:,.1f} {unit}",
                    f"{base:,.1f} {unit}",
                    f"{wall / base:.2f}×",
                    cpu_ratio,
                    TARGETS[moment],
                )
            )
        else:
            rows.append((moment, f"{wall:,.1f} ms", "", "", f"CPU {cpu:,.1f} ms", TARGETS[moment]))
    return rows


def markdown_table(rows: list[tuple[str, ...]]) -> str:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = []
    for number, row in enumerate(rows):
        cells = [
            cell.ljust(w) if i == 0 else cell.rjust(w)
            for i, (cell, w) in enumerate(zip(row, widths, strict=True))
        ]
        lines.append("| " + " | ".join(cells) + " |")
        if number == 0:
            lines.append(
                "|"
                + "|".join("-" * (w + 2) if i == 0 else "-" * (w + 1) + ":" for i, w in enumerate(widths))
                + "|"
            )
    return "\n".join(lines)


if __name__ == "__main__":
    raise SystemExit(main())
