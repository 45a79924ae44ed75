"""What resume cannot go below: Textual's own cost of a form like the walk's, and pydantic's.

`bench/startup.py` compares `walkthrough resume` with a bare Textual app showing one Label.
This bench measures, against that same bare app and in the same run, three programs with none
of walkthrough's own work (no CLI, store, bank, session, translations or styles):

- "bare + validation": the bare app after importing walkthrough's pydantic models, the ones
  every session file and the bank are validated with before anything of them is shown;
- "stock form": an app of stock Textual widgets laid out like the walk's question form
  (the question, two text areas, three inputs, four radio sets, labels, a footer);
- "stock form + validation": both.

and, for the command line, the validation models' import alone against `python -c pass`:
what `walkthrough export` (which reads a session file and the bank) pays before it reads,
renders or writes anything.

Each is timed from spawning it on a pseudo-terminal to its text on the screen (read through
pyte, as startup.py does), and its peak resident memory a second later. The figures say how
much of startup.py's resume ratio and memory ratio is left for walkthrough's own code.

    python bench/floor.py              # 12 rounds
    python bench/floor.py --runs 20
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from options import bench_parser, parsed
from startup import BARE_APP, BARE_TEXT, SETTLE_SECONDS, Bench, markdown_table

# As the CLI starts: pydantic's plugins off (walkthrough.cli.main), walkthrough's package
# imported first (it defers pydantic's plugin loader), then the models of the file edge.
VALIDATION = (
    "import os\n"
    "os.environ.setdefault('PYDANTIC_DISABLE_PLUGINS', '__all__')\n"
    "import walkthrough, sessions.models, questions.models\n"
)
FORM_TEXT = "Q42 How will support answer"
FORM_APP = f"""
from textual.app import App
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Footer, Input, Label, RadioButton, RadioSet, Static, TextArea

class Form(App):
    CSS = "TextArea {{ height: 4; }} Input {{ width: 24; }} RadioSet {{ layout: horizontal; }}"

    def compose(self):
        yield Static("Launch review > Stage 3 of 6 > Support", id="place")
        with VerticalScroll():
            yield Static({FORM_TEXT!r} + " the first tickets on launch day?")
            yield Static("Why it matters: customers who wait for an answer leave.")
            yield TextArea()
            with Horizontal():
                yield Label("Readiness")
                with RadioSet():
                    for word in ("Ready", "Partial", "Gap", "N/A"):
                        yield RadioButton(word)
            yield Label("Why N/A")
            yield Input()
            yield Label("Decision")
            yield TextArea()
            with Horizontal():
                yield Label("Owner")
                yield Input()
                yield Label("Due")
                yield Input()
            for name in ("Risk", "Reward", "Mitigation"):
                with Horizontal():
                    yield Label(name)
                    with RadioSet():
                        for number in "12345":
                            yield RadioButton(number)
        yield Static("41/84 answered", id="progress")
        yield Footer()

Form().run()
"""
PROGRAMS = {
    "bare Textual app (baseline)": (BARE_APP, BARE_TEXT),
    "bare + validation": (VALIDATION + BARE_APP, BARE_TEXT),
    "stock form": (FORM_APP, FORM_TEXT),
    "stock form + validation": (VALIDATION + FORM_APP, FORM_TEXT),
}


def main() -> int:
    parser = bench_parser(__doc__, runs=12, counted="rounds")
    args = parsed(parser)

    work = Path(tempfile.mkdtemp(prefix="walkthrough-floor-"))
    figures: dict[str, list[tuple[float, float]]] = {name: [] for name in PROGRAMS}
    try:
        bench = Bench((80, 24), work)
        names = list(PROGRAMS)
        for run in range(-1, args.runs):  # run -1 compiles and warms the file cache: not counted
            # Each round in another order, so no program always follows the same one.
            for name in names[run % len(names) :] + names[: run % len(names)]:
                code, text = PROGRAMS[name]
                with bench.launch([*bench.python, "-c", code]) as term:
                    shown = term.wait_for(lambda t, text=text: t.shows(text), what=text)
                    term.drain(SETTLE_SECONDS)
                    if run >= 0:
                        figures[name].append((shown * 1000, term.peak_rss_kib() / 1024))
            print(f"\rrun {run + 1}/{args.runs}", end="", file=sys.stderr, flush=True)
        print(file=sys.stderr)

        command_line = cli_floor(bench, args.runs)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    base_time, base_memory = (statistics.median(column) for column in zip(*figures[names[0]], strict=True))
    print(
        f"\nFrom launch to the text on screen, and peak memory: {args.runs} rounds, medians; 80x24 pty "
        f"read by pyte; Python {sys.version.split()[0]}; load {os.getloadavg()[0]:.1f} on "
        f"{os.cpu_count()} CPUs\n"
    )
    rows = [("program", "text visible", "ratio", "peak memory", "ratio")]
    for name, samples in figures.items():
        shown, memory = (statistics.median(column) for column in zip(*samples, strict=True))
        rows.append(
            (
                name,
                f"{shown:,.1f} ms",
                f"{shown / base_time:.2f}×",
                f"{memory:,.1f} MiB",
                f"{memory / base_memory:.2f}×",
            )
        )
    print(markdown_table(rows))
    base, models = command_line
    print(
        f"\nThe command line: {args.runs} alternating pairs, medians of wall time\n\n"
        + markdown_table(
            [
                ("program", "wall time", "ratio"),
                ("`python -c pass` (baseline)", f"{base:,.1f} ms", "1.00×"),
                ("importing the validation models", f"{models:,.1f} ms", f"{models / base:.2f}×"),
            ]
        )
    )
    return 0


def cli_floor(bench: Bench, runs: int) -> tuple[float, float]:
    """Medians of `python -c pass` and of the validation models' import, alternating."""
    timings: dict[str, list[float]] = {"pass": [], "models": []}
    for run in range(-1, runs):
        order = ("pass", "models") if run % 2 == 0 else ("models", "pass")
        for name in order:
            code = "pass" if name == "pass" else VALIDATION
            started = time.perf_counter()
            subprocess.run([*bench.python, "-c", code], env=bench.env, check=True)
            if run >= 0:
                timings[name].append((time.perf_counter() - started) * 1000)
    return statistics.median(timings["pass"]), statistics.median(timings["models"])


if __name__ == "__main__":
    raise SystemExit(main())
