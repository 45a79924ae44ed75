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

The baseline is a bare Textual app showing one Label, launched the same way (see `data.python`), run right before or
after each launch of walkthrough (the order alternates), until its Label shows. Figures are
medians; the ratio is walkthrough's median over the baseline's.

    python bench/startup.py               # 12 pairs per moment, 80x24
    python bench/startup.py --runs 20 --size 120x40
"""

from __future__ import annotations

import argparse
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
SUMMARY_TEXT = "Gaps, most urgent first"
SETTLE_SECONDS = 1.0  # after the question shows, before peak memory is read

# moment -> (target ratio to the bare app, or an absolute target in ms for the in-walk keys)
TARGETS = {
    "resume: question visible": "≤ 1.5×",
    "home, 1,000 sessions: rows visible": "≤ 1.3×",
    "home, 1,000 sessions: j answered": "",
    "home, 10,000 sessions: rows visible": "≤ 2×",
    "home, 10,000 sessions: j answered": "≤ 2.5×",
    "peak memory, full session open": "≤ 1.5×",
    "walk: next question (key → screen)": "≤ 40 ms",
    "walk: gap summary (key → screen)": "≤ 80 ms",
}


def snippet(prompt: str) -> str:
    """The start of a question's prompt: on its first screen line at any width from 80 columns."""
    return prompt[:40]


class Bench:
    def __init__(self, size: tuple[int, int], work: Path) -> None:
        self.size = size
        self.work = work
        self.python, self.command, self.env = python(
            {**os.environ, "TERM": os.environ.get("TERM", "xterm-256color")}
        )
        for name in ("WALKTHROUGH_DATA_DIR", "WALKTHROUGH_BENCH_READY", "TEXTUAL"):
            self.env.pop(name, None)
        bank = default_bank()
        self.refs = bank.walk()

    def launch(self, args: list[str]) -> Terminal:
        return Terminal(args, size=self.size, env=self.env, cwd=self.work)

    def walkthrough(self, data_dir: Path, *args: str) -> Terminal:
        return self.launch([*self.command, "--data-dir", str(data_dir), *args])

    def bare(self) -> tuple[float, int]:
        with self.launch([*self.python, "-c", BARE_APP]) as term:
            shown = term.wait_for(lambda t: t.shows(BARE_TEXT), what="the bare app's label")
            term.drain(SETTLE_SECONDS)
            return shown, term.peak_rss_kib()

    def resume(self, data_dir: Path, position: int) -> tuple[float, int]:
        prompt = snippet(self.refs[position].question.prompt)
        with self.walkthrough(data_dir, "resume") as term:
            shown = term.wait_for(lambda t: t.shows(prompt), what=f"the prompt {prompt!r}")
            term.drain(SETTLE_SECONDS)
            return shown, term.peak_rss_kib()

    def home(self, data_dir: Path) -> tuple[float, float]:
        first, second, third = (FULL_NAME[:10], "Launch 00001", "Launch 00002")
        with self.walkthrough(data_dir) as term:
            rows = term.wait_for(lambda t: t.shows(second) and t.shows(third), what="the session rows")
            term.send(b"j")

            def moved(t: Terminal) -> bool:
                lines = [t.row_of(text) for text in (first, second, third, "Launch 00003")]
                if None in lines:
                    return False
                top, cursor, *stripes = (t.background(line, 4) for line in lines)  # type: ignore[arg-type]
                return cursor not in stripes and top in stripes

            answered = term.wait_for(moved, what="the highlight on the second row after j")
            return rows, answered

    def walk_keys(self, data_dir: Path, position: int, presses: int) -> tuple[list[float], list[float]]:
        """Key-to-screen times in the walk: next question `presses` times, then the summary."""
        nexts, summaries = [], []
        prompts = [snippet(ref.question.prompt) for ref in self.refs]
        with self.walkthrough(data_dir, "resume") as term:
            term.wait_for(lambda t: t.shows(prompts[position]), what="the first question")
            term.drain(0.5)
            for step in range(1, presses + 1):
                wanted = prompts[position + step]
                sent = term.send(PAGE_DOWN)
                nexts.append(term.wait_for(lambda t: t.shows(wanted), what=f"question {wanted!r}") - sent)
                term.drain(0.15)  # a person reads before the next key; the save runs meanwhile
            here = prompts[position + presses]
            for _ in range(presses):
                sent = term.send(F5)
                summaries.append(
                    term.wait_for(lambda t: t.shows(SUMMARY_TEXT), what="the gap summary") - sent
                )
                term.drain(0.15)
                term.send(ESCAPE)
                term.wait_for(lambda t: t.shows(here) and not t.shows(SUMMARY_TEXT), what="back in the walk")
                term.drain(0.15)
        return nexts, summaries


MOMENTS = ("resume", "home-1000", "home-10000", "walk")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=12, help="pairs per moment (at least 10; default 12)")
    parser.add_argument("--size", default="80x24", help="terminal size WxH (default 80x24)")
    parser.add_argument("--presses", type=int, default=15, help="key presses timed in the walk (default 15)")
    parser.add_argument(
        "--only",
        default=",".join(MOMENTS),
        help=f"comma-separated subset of {', '.join(MOMENTS)} (default: all)",
    )
    args = parser.parse_args()
    if args.runs < 10:
        parser.error("--runs must be at least 10 for a meaningful median")
    only = args.only.split(",")
    if not set(only) <= set(MOMENTS):
        parser.error(f"--only takes {', '.join(MOMENTS)}")
    width, height = (int(part) for part in args.size.lower().split("x"))
    counts = [
        count for count in (1_000, 10_000) if f"home-{count}" in only or (count == 1_000 and "resume" in only)
    ]

    work = Path(tempfile.mkdtemp(prefix="walkthrough-bench-"))
    samples: dict[str, list[float]] = {}
    bare: dict[str, list[float]] = {}
    nexts: list[float] = []
    summaries: list[float] = []
    try:
        bench = Bench((width, height), work)
        started = time.perf_counter()
        stores = {count: work / f"store-{count}" for count in counts}
        for count, data_dir in stores.items():
            build_store(data_dir, count)
        walk_dir = work / "store-walk"  # next question moves the saved position: not the resume store
        build_store(walk_dir, 1)
        print(f"data built in {time.perf_counter() - started:.1f} s", file=sys.stderr)
        position = 41  # data.full_session's

        def pair(run: int, measure: Callable[[], dict[str, float]], base: str) -> None:
            order = ("walkthrough", "bare") if run % 2 == 0 else ("bare", "walkthrough")
            for which in order:
                if which == "bare":
                    shown, rss = bench.bare()
                    figures = {base: shown * 1000}
                    if base.startswith("resume"):
                        figures["peak memory, full session open"] = rss / 1024
                    target = bare
                else:
                    figures = measure()
                    target = samples
                if run >= 0:
                    for key, value in figures.items():
                        target.setdefault(key, []).append(value)

        def resume() -> dict[str, float]:
            shown, rss = bench.resume(stores[1_000], position)
            return {"resume: question visible": shown * 1000, "peak memory, full session open": rss / 1024}

        def home(count: int) -> Callable[[], dict[str, float]]:
            def measure() -> dict[str, float]:
                rows, answered = bench.home(stores[count])
                return {
                    f"home, {count:,} sessions: rows visible": rows * 1000,
                    f"home, {count:,} sessions: j answered": answered * 1000,
                }

            return measure

        for run in range(-1, args.runs):  # run -1 warms the file cache and is not counted
            if "resume" in only:
                pair(run, resume, "resume: question visible")
            for count in counts:
                if f"home-{count}" in only:
                    pair(run, home(count), f"home, {count:,} sessions: rows visible")
            print(f"\rrun {run + 1}/{args.runs}", end="", file=sys.stderr, flush=True)
        print(file=sys.stderr)
        if "walk" in only:
            nexts, summaries = bench.walk_keys(walk_dir, position, args.presses)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    for count in counts:  # the key's baseline is the same bare launch as the rows'
        if f"home-{count}" in only:
            bare[f"home, {count:,} sessions: j answered"] = bare[f"home, {count:,} sessions: rows visible"]
    print(
        f"\nFrom launch to the screen: {args.runs} alternating pairs per moment, medians; {width}x{height} "
        f"pty read by pyte; Python {sys.version.split()[0]}; load {os.getloadavg()[0]:.1f} on "
        f"{os.cpu_count()} CPUs\n"
    )
    rows = [("moment", "walkthrough", "bare Textual app", "ratio", "target")]
    for moment, values in samples.items():
        unit = "MiB" if "memory" in moment else "ms"
        figure, base = statistics.median(values), statistics.median(bare[moment])
        rows.append(
            (moment, f"{figure:,.1f} {unit}", f"{base:,.1f} {unit}", f"{figure / base:.2f}×", TARGETS[moment])
        )
    for moment, values in (
        ("walk: next question (key → screen)", nexts),
        ("walk: gap summary (key → screen)", summaries),
    ):
        if values:
            median = statistics.median(values) * 1000
            rows.append((moment, f"{median:,.1f} ms", "", "", TARGETS[moment]))
    print(markdown_table(rows))
    if nexts:
        print(
            f"\nIn the walk: medians of {args.presses} presses each, from the key written to the terminal "
            "to the next prompt / the summary's gap list on screen."
        )
    return 0


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
