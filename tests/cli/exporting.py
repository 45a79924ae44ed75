"""The full fixture session and the real CLI on its bank, shared by the export tests."""

from __future__ import annotations

from pathlib import Path

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
