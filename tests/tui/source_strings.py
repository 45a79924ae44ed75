"""The string literals of the app's source that can reach the screen, read with `ast`.

Docstrings are for developers and are left out; comments are not strings at all.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TUI = ROOT / "walkthrough" / "tui"


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
    """(line, text) of every string literal in `path` that is not a docstring."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    docstrings = _docstrings(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            yield node.lineno, node.value


def python_files(*places: Path) -> list[Path]:
    files: list[Path] = []
    for place in places:
        files += [place] if place.is_file() else sorted(place.rglob("*.py"))
    return files
