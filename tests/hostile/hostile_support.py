"""What every hostile input must get: one `error:` line naming the file and the reason,
exit 1, no traceback, nothing a terminal would act on in stdout or stderr, and a data
directory that is byte for byte and mode for mode what it was before."""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import re
import stat
import subprocess
import time
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cli_runner import run_cli

from sessions.text import BIDI_CONTROLS
from walkthrough.cli import main
from walkthrough.context import Context

# ESC, every other C0 control but tab and newline, DEL, the C1 controls (0x9b is a
# one-byte CSI to some terminals) and the bidi controls.
TERMINAL_ACTIVE = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{BIDI_CONTROLS}]")


@dataclass
class Outcome:
    returncode: int
    stdout: str
    stderr: str


def assert_inert(outcome: Outcome | subprocess.CompletedProcess[str]) -> None:
    """Nothing in either stream that a terminal would act on, and no traceback."""
    for name, text in (("stdout", outcome.stdout), ("stderr", outcome.stderr)):
        found = TERMINAL_ACTIVE.search(text)
        assert found is None, f"{name} holds {found.group()!r}: {text[:300]!r}"
    assert "Traceback" not in outcome.stderr
    assert "unexpected" not in outcome.stderr, (
        outcome.stderr
    )  # main's line for an exception it did not expect


def assert_refused(outcome: Outcome | subprocess.CompletedProcess[str], *fragments: str) -> str:
    """Exit 1 and exactly one `error:` line on stderr holding every fragment; nothing on stdout."""
    assert_inert(outcome)
    assert outcome.returncode == 1, (outcome.returncode, outcome.stdout, outcome.stderr)
    lines = outcome.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), outcome.stderr
    for fragment in fragments:
        assert fragment in lines[0], (fragment, lines[0])
    assert outcome.stdout == ""
    return lines[0]


def fingerprint(root: Path) -> dict[str, tuple[int, str]]:
    """Every entry under `root` (links not followed): its mode, and a hash of a regular
    file's bytes or a link's target. Equal fingerprints: nothing was added, lost or changed."""
    found: dict[str, tuple[int, str]] = {}
    if not root.exists():
        return found
    for directory, names, files in os.walk(root):
        for name in names + files:
            path = Path(directory, name)
            info = path.lstat()
            if stat.S_ISREG(info.st_mode):
                digest = hashlib.sha256(path.read_bytes()).hexdigest()
            elif stat.S_ISLNK(info.st_mode):
                digest = "-> " + os.readlink(path)
            else:
                digest = ""
            found[str(path.relative_to(root))] = (info.st_mode, digest)
    found["."] = (root.lstat().st_mode, "")
    return found


def data_dir_with_a_session(data_dir: Path, name: str = "Acme Cloud 2.0") -> str:
    """A data directory as a user has it: one session, listed once (so the index exists)."""
    store = Context(data_dir_option=data_dir).store
    session = store.create(name, bank_id="customer-journey-touchpoints", bank_version="1.0")
    store.list()
    return session.id


@dataclass
class Run:
    result: subprocess.CompletedProcess[str]
    seconds: float


def run_cli_all(jobs: Mapping[str, tuple[Sequence[str], dict[str, Any]]]) -> dict[str, Run]:
    """run_cli for every job, four at a time: a corpus is dozens of interpreter start-ups,
    which spend most of their time waiting on the disk and on each other."""

    def one(job: tuple[Sequence[str], dict[str, Any]]) -> Run:
        args, options = job
        started = time.monotonic()
        result = run_cli(*args, timeout=60, **options)
        return Run(result, time.monotonic() - started)

    with ThreadPoolExecutor(max_workers=4) as pool:
        return dict(zip(jobs, pool.map(one, jobs.values()), strict=True))


def run_main(argv: Sequence[str]) -> Outcome:
    """The CLI's own entry point in this process: fast enough to call once per fuzz example."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv))
    return Outcome(code, out.getvalue(), err.getvalue())
