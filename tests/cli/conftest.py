"""Fixtures for the CLI tests."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from exporting import NAME, SESSION_FILE, cli


@pytest.fixture
def imported(tmp_path: Path) -> str:
    """A data dir holding the full fixture session; returns its id."""
    result = cli(tmp_path, "import", str(SESSION_FILE))
    assert result.returncode == 0, result.stderr
    match = re.fullmatch(rf"imported '{re.escape(NAME)}' as (\S+)\n", result.stdout)
    assert match, result.stdout
    return match.group(1)
