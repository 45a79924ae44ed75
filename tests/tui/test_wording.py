"""No text the app can show names a command-line flag: the TUI asks where the CLI needs a flag.

Every string literal in the TUI, and in the floors below it whose errors the TUI shows,
is read from the source (docstrings and comments are for developers and are skipped).
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHOWN_BY_THE_TUI = [
    ROOT / "walkthrough" / "tui",
    ROOT / "walkthrough" / "report",
    ROOT / "walkthrough" / "context.py",
    ROOT / "sessions",
    ROOT / "questions",
]
FLAG = re.compile(r"(?<![\w-])--[a-z]")


def _docstrings(tree: ast.Module) -> set[int]:
    kinds = (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, kinds) and node.body and isinstance(node.body[0], ast.Expr):
            value = node.body[0].value
            if isinstance(value, ast.Constant) and isinstance(value.value, str):
                found.add(id(value))
    return found


def shown_strings(path: Path) -> Iterator[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    docstrings = _docstrings(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            yield node.lineno, node.value


def sources() -> list[Path]:
    files: list[Path] = []
    for place in SHOWN_BY_THE_TUI:
        files += [place] if place.is_file() else sorted(place.rglob("*.py"))
    return files


def test_the_scan_reads_what_the_screens_say() -> None:
    texts = {text for path in sources() for _line, text in shown_strings(path)}
    assert "Replace file?" in texts  # the export flow's question
    assert "Delete session?" in texts
    assert FLAG.search("use --force to overwrite it") and not FLAG.search("Stage 1 -- Find")


@pytest.mark.parametrize("path", sources(), ids=lambda path: str(path.relative_to(ROOT)))
def test_no_text_names_a_command_line_flag(path: Path) -> None:
    flags = [f"{path.name}:{line}: {text!r}" for line, text in shown_strings(path) if FLAG.search(text)]
    assert flags == []
