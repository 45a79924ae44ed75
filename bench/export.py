"""How long the Markdown report and the CSV backlog take to write, against the JSON export.

    python bench/export.py                          # answers of 100, 1,000, 10,000 and 100,000 characters
    python bench/export.py --sizes 100,1000 --runs 5

For each size it builds a session on the built-in bank with all 84 questions answered: an
answer of that many characters (sentences over several lines, now and then a character that
is Markdown syntax: `*`, `|`, `<`, `&`, `~`, `#` at a line start), a decision a quarter as
long, an owner, a due date and three ratings. It then times, through the functions the CLI
calls, the JSON export (`export --format json`), the Markdown report and the CSV backlog,
and prints the median of --runs runs of each and its ratio to JSON. Not a test: it prints figures.
"""

from __future__ import annotations

import argparse
import itertools
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from questions.loader import default_bank
from sessions.codec import export_document
from sessions.models import Answer, Readiness, Session
from walkthrough.cli.output import json_text
from walkthrough.report.backlog import render_csv
from walkthrough.report.markdown import render_markdown

SENTENCES = [
    "Sales engineers run the proof of concept with the pilot customer and report weekly.",
    "Legal reviews every contract within two days; exceptions go to the deal desk.",
    "About ~60 accounts are in scope, 5 * 12 seats each on average.",
    "Pricing | packaging is owned by product marketing & finance together.",
    "Escalations go to <support lead> first, then to engineering on call.",
    "# of open tickets is tracked on the ops dashboard — ยังไม่ได้ทดสอบ, 中文测试.",
    "*Draft*: the renewal playbook is half written and not yet reviewed.",
]
GENERATED = date(2026, 4, 1)


def text_of(length: int, seed: int) -> str:
    """Sentences, a line break every third one, cut to `length` characters."""
    out: list[str] = []
    size = 0
    for n, sentence in enumerate(itertools.islice(itertools.cycle(SENTENCES), seed, None)):
        piece = sentence + ("\n" if n % 3 == 2 else " ")
        out.append(piece)
        size += len(piece)
        if size >= length:
            break
    return "".join(out)[:length]


def session_of(length: int) -> Session:
    bank = default_bank()
    readiness = [Readiness.GAP, Readiness.PARTIAL, None, Readiness.READY]
    answers = {
        ref.id: Answer(
            text=text_of(length, n),
            readiness=readiness[n % 4],
            decision=text_of(max(1, length // 4), n + 3),
            owner=["Ana Souza", "Ben Okafor", "Dee", ""][n % 4],
            due=GENERATED + timedelta(days=n - 20),
            risk=1 + n % 5,
            reward=1 + (n * 2) % 5,
            mitigation=1 + (n * 3) % 5,
        )
        for n, ref in enumerate(bank.walk())
    }
    return Session(
        id="bench",
        name="Bench launch",
        bank_id=bank.id,
        bank_version=bank.version,
        answers=answers,
        launch=GENERATED + timedelta(days=30),
    )


def median_ms(work: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100,1000,10000,100000", help="answer lengths in characters")
    parser.add_argument("--runs", type=int, default=7, help="runs of each export per size (median)")
    args = parser.parse_args()
    bank = default_bank()
    print(f"84 answers per session; median of {args.runs} runs; times in ms; ratio to the JSON export")
    print()
    print("| answer chars | session | JSON | Markdown | × JSON | CSV | × JSON |")
    print("| --: | --: | --: | --: | --: | --: | --: |")
    for length in (int(size) for size in args.sizes.split(",")):
        session = session_of(length)
        exported = json_text(export_document(session))
        exports = {
            "json": lambda: json_text(export_document(session)),
            "markdown": lambda: render_markdown(bank, session, generated=GENERATED),
            "csv": lambda: render_csv(bank, session, generated=GENERATED),
        }
        ms = {name: median_ms(work, args.runs) for name, work in exports.items()}
        size = f"{len(exported.encode('utf-8')) / 1e6:.2f} MB"
        print(
            f"| {length:,} | {size} | {ms['json']:.1f} | {ms['markdown']:.1f} | "
            f"{ms['markdown'] / ms['json']:.1f} | {ms['csv']:.1f} | {ms['csv'] / ms['json']:.1f} |"
        )


if __name__ == "__main__":
    main()
