import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
# Tests import the packages from this checkout, installed or not, and the shared helpers
# (cli_runner) beside this file from any sub-folder.
sys.path.insert(0, str(TESTS.parent))
sys.path.insert(0, str(TESTS))

# Tests read English unless they ask for a language: a developer's LANG=fr_FR.UTF-8 must
# not change what the app (or a program a test starts in tmux) prints.
os.environ["WALKTHROUGH_LANG"] = "en"


@pytest.fixture
def utc_clock(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Times are shown in local time: pin the zone so they read the same everywhere."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()
