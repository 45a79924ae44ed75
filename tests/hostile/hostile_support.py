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
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
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
    store.listing()
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


Fingerprint = dict[str, tuple[int, str]]
Case = tuple[str, Callable[[], str | bytes], tuple[str, ...]]  # name, file content, fragments


@dataclass
class Tried:
    """One corpus case: the hostile file, the data directory it was aimed at, that
    directory's fingerprint before, and the run."""

    source: Path
    data_dir: Path
    before: Fingerprint
    run: Run


def run_corpus(
    root: Path, cases: Sequence[Case], file_name: Callable[[str], str], argv: Callable[[Path], list[str]]
) -> dict[str, Tried]:
    """Each case's content written to a file of its own (named `file_name(case)`), aimed by
    `argv(file)` at a data directory of its own holding one session; all run side by side
    through the real CLI."""
    jobs: dict[str, tuple[Sequence[str], dict[str, Any]]] = {}
    prepared: dict[str, tuple[Path, Path, Fingerprint]] = {}
    for number, (case, text, _) in enumerate(cases):
        folder = root / str(number)
        folder.mkdir()
        source = folder / file_name(case)
        content = text()
        source.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
        data_dir = folder / "data"
        data_dir_with_a_session(data_dir)
        prepared[case] = (source, data_dir, fingerprint(data_dir))
        jobs[case] = (argv(source), {"data_dir": data_dir})
    runs = run_cli_all(jobs)
    return {case: Tried(*prepared[case], runs[case]) for case in prepared}


def assert_case_refused(tried: Tried, case: str, fragments: Sequence[str]) -> str:
    """One error line naming the file and every fragment, in reasonable time, nothing changed."""
    line = assert_refused(tried.run.result, str(tried.source), *fragments)
    assert tried.run.seconds < 10, f"{case} took {tried.run.seconds:.1f}s to refuse"
    assert fingerprint(tried.data_dir) == tried.before
    return line


def export_document(**changes: Any) -> dict[str, Any]:
    """A valid export (as `export --format json` writes it) with `changes` applied."""
    document = {
        "schema_version": 2,
        "id": "sameid000001",
        "name": "Imported launch",
        "excluded_teams": [],
        "answers": {"find.marketing.value": {"text": "Say it in money.", "risk": 3, "reward": 4}},
        "position": None,
        "created": "2025-03-03T09:30:00Z",
        "updated": "2025-03-04T09:30:00Z",
        "bank_id": "customer-journey-touchpoints",
        "bank_version": "1.0",
    }
    return document | changes


@contextlib.contextmanager
def fuzz_case(text: str, name: str) -> Iterator[tuple[Path, Path, Fingerprint]]:
    """A fresh data directory with one session and `text` written to a file `name` beside
    it: (data_dir, file, the directory's fingerprint)."""
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp, "data")
        data_dir_with_a_session(data_dir)
        source = Path(tmp, name)
        source.write_text(text, encoding="utf-8", errors="surrogatepass")
        yield data_dir, source, fingerprint(data_dir)
