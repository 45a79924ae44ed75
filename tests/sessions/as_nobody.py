"""Open a store in a child process as an ordinary user: as "nobody" when the tests run as
root, who may write through any mode bits and owns every directory it makes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

OPEN_STORE = r"""
import os, sys
from pathlib import Path
from sessions.errors import DataDirError
from sessions.store import SessionStore
if os.geteuid() == 0:
    os.setgid(65534)
    os.setuid(65534)
try:
    SessionStore(Path(sys.argv[1]))
except DataDirError as exc:
    print(exc)
"""


def open_store_as_a_user(data: Path) -> subprocess.CompletedProcess[str]:
    """Its stdout is the DataDirError the store was refused with, if it was."""
    return subprocess.run(
        [sys.executable, "-c", OPEN_STORE, str(data)],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        cwd="/",
        timeout=60,
    )
