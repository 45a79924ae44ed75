"""No text the app can show names a command-line flag: the TUI asks where the CLI needs a flag.

Every string literal in the TUI, and in the floors below it whose errors the TUI shows,
is read from the source.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from source_strings import ROOT, TUI, python_files, shown_strings

SHOWN_BY_THE_TUI = python_files(
    TUI,
    ROOT / "walkthrough" / "report",
    ROOT / "walkthrough" / "context.py",
    ROOT / "sessions",
    ROOT / "questions",
)
FLAG = re.compile(r"(?<![\w-])--[a-z]")


def test_the_scan_reads_what_the_screens_say() -> None:
    texts = {text for path in SHOWN_BY_THE_TUI for _line, text in shown_strings(path)}
    assert "Replace file?" in texts  # the export flow's question
    assert "Delete session?" in texts
    assert FLAG.search("use --force to overwrite it") and not FLAG.search("Stage 1 -- Find")


@pytest.mark.parametrize("path", SHOWN_BY_THE_TUI, ids=lambda path: str(path.relative_to(ROOT)))
def test_no_text_names_a_command_line_flag(path: Path) -> None:
    flags = [f"{path.name}:{line}: {text!r}" for line, text in shown_strings(path) if FLAG.search(text)]
    assert flags == []
