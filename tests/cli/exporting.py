"""The full fixture session and the real CLI on its bank, shared by the export tests."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from cli_runner import run_cli

TESTS = Path(__file__).resolve().parents[1]
FIXTURES = TESTS / "fixtures" / "summary"
BANK_FILE = FIXTURES / "bank.yaml"
SESSION_FILE = FIXTURES / "full_session.json"
NAME = "Launch 2027: Atlas | EU"
SAFE = "Launch 2027_ Atlas _ EU"  # NAME as a file name


def cli(tmp_path: Path, *args: str, cwd: Path | None = None):
    """The real CLI on the fixture bank, with its data under tmp_path and tmp_path as cwd."""
    return run_cli("--bank", str(BANK_FILE), *args, data_dir=tmp_path / "data", cwd=cwd or tmp_path)


@pytest.fixture(name="imported")
def imported_session(tmp_path: Path) -> str:
    """A data dir holding the full fixture session; returns its id. (Import it into a test
    module as `imported_session`; tests ask for it as `imported`.)"""
    result = cli(tmp_path, "import", str(SESSION_FILE))
    assert result.returncode == 0, result.stderr
    match = re.fullmatch(rf"imported '{re.escape(NAME)}' as (\S+)\n", result.stdout)
    assert match, result.stdout
    return match.group(1)
