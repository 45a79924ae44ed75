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


@pytest.fixture
def utc_clock(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Times are shown in local time: pin the zone so they read the same everywhere."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()
