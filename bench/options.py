"""The options every bench takes: how many runs, at least ten for a meaningful median."""

from __future__ import annotations

import argparse

MIN_RUNS = 10


def bench_parser(doc: str, *, runs: int, counted: str) -> argparse.ArgumentParser:
    """A parser described by the first paragraph of `doc`, with `--runs` (`counted`: what a
    run is, "pairs per command")."""
    parser = argparse.ArgumentParser(description=doc.split("\n\n")[0])
    parser.add_argument(
        "--runs", type=int, default=runs, help=f"{counted} (at least {MIN_RUNS}; default {runs})"
    )
    return parser


def parsed(parser: argparse.ArgumentParser) -> argparse.Namespace:
    args = parser.parse_args()
    if args.runs < MIN_RUNS:
        parser.error(f"--runs must be at least {MIN_RUNS} for a meaningful median")
    return args
