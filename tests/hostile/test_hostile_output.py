"""Where output goes: an export never replaces a device, FIFO, socket, link or directory, even
as root with --force; a write that fails names what it was writing; and text from a forged
index or a hostile name reaches the terminal harmless."""

from __future__ import annotations

import json
import os
import socket
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from cli_runner import REPO, run_cli
from hostile_support import (
    assert_inert,
    assert_refused,
    data_dir_with_a_session,
    fingerprint,
    run_cli_all,
    run_main,
)

from sessions.text import BIDI_CONTROLS

HOSTILE_NAME = "\x1b]0;pwned\x07\x1b[2J\u202eevil\u2066 name\x9b31m"


def _device(folder: Path) -> Path:
    """A character device like /dev/null. Made in the test's own folder when we may (as
    root), so a broken check could only ever replace this copy; else the real one, which a
    user cannot replace anyway."""
    if os.geteuid() != 0:
        return Path("/dev/null")
    path = folder / "null"
    os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    return path


def _fifo(folder: Path) -> Path:
    path = folder / "pipe.md"
    os.mkfifo(path)
    return path


def _socket(folder: Path) -> Path:
    path = folder / "sock.md"
    listener = socket.socket(socket.AF_UNIX)
    listener.bind(str(path))
    listener.close()
    return path


def _link_to(target: Callable[[Path], Path]) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        link = folder / "link.md"
        link.symlink_to(target(folder))
        return link

    return make


def _dangling(folder: Path) -> Path:
    link = folder / "dangling.md"
    link.symlink_to(folder / "nowhere" / "x.md")
    return link


def _directory_named_like_the_file(folder: Path) -> Path:
    (folder / "Acme Cloud 2.0.md").mkdir()
    return folder


def _state(path: Path) -> tuple[int, str]:
    info = path.lstat()
    return info.st_mode, os.readlink(path) if stat.S_ISLNK(info.st_mode) else ""


TARGETS: dict[str, tuple[Callable[[Path], Path], str]] = {
    "a character device": (_device, "not a regular file"),
    "a FIFO": (_fifo, "not a regular file"),
    "a socket": (_socket, "not a regular file"),
    "a link to a device": (_link_to(_device), "not a regular file"),
    "a link to a FIFO": (_link_to(_fifo), "not a regular file"),
    "a dangling link": (_dangling, "a link to nothing"),
    "a directory where the file would go": (_directory_named_like_the_file, "it is a directory"),
}


def test_export_never_replaces_what_is_not_a_regular_file_even_with_force(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    session_id = data_dir_with_a_session(data_dir)
    jobs, before = {}, {}
    for number, (case, (make, _)) in enumerate(TARGETS.items()):
        folder = tmp_path / str(number)
        folder.mkdir()
        target = make(folder)
        refused_path = folder / "Acme Cloud 2.0.md" if target == folder else target
        before[case] = (target, refused_path, _state(refused_path), sorted(os.listdir(folder)))
        jobs[case] = (["export", session_id, "-o", str(target), "--force"], {"data_dir": data_dir})
    store = fingerprint(data_dir)
    runs = run_cli_all(jobs)
    for case, (_, reason) in TARGETS.items():
        target, refused_path, state, listing = before[case]
        assert_refused(runs[case].result, str(refused_path), reason)
        assert _state(refused_path) == state, case  # the same kind of thing, pointing at the same place
        assert (
            sorted(os.listdir(target if target.is_dir() and not target.is_symlink() else target.parent))
            == listing
        )
        # Without --force the answer is the same (in-process: the same code, a fraction of the time).
        again = run_main(["--data-dir", str(data_dir), "export", session_id, "-o", str(target)])
        assert_refused(again, str(refused_path), reason)
        assert _state(refused_path) == state, case
    assert fingerprint(data_dir) == store
    assert not (tmp_path / "6" / "nowhere").exists()  # the dangling link's target was not created


def _to_full(*args: str, data_dir: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("WALKTHROUGH_")}
    env |= {"PYTHONPATH": str(REPO), "WALKTHROUGH_DATA_DIR": str(data_dir)}
    with open("/dev/full", "w") as full:
        return subprocess.run(
            [sys.executable, "-m", "walkthrough", *args],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            env=env,
            cwd=REPO,
            timeout=60,
        )


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full (Linux)")
@pytest.mark.parametrize(
    "args",
    # argparse prints help and the version itself and drops a failed write: exit 0, nothing said.
    [
        ("list",),
        ("questions", "--json"),
        ("export", "{id}", "-o", "-"),
        ("--help",),
        ("--version",),
        ("list", "-h"),
    ],
    ids=" ".join,
)
def test_a_full_disk_behind_stdout_is_one_line_naming_it(tmp_path: Path, args: tuple[str, ...]) -> None:
    data_dir = tmp_path / "data"
    session_id = data_dir_with_a_session(data_dir)
    before = fingerprint(data_dir)
    result = _to_full(*(arg.format(id=session_id) for arg in args), data_dir=data_dir)
    result.stdout = ""
    assert_refused(result, "cannot write to standard output (/dev/full): no space left on device")
    assert fingerprint(data_dir) == before


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full (Linux)")
def test_an_import_that_cannot_say_so_still_says_it_is_in(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    source = tmp_path / "in.json"
    source.write_text(
        json.dumps({"schema_version": 2, "id": "x", "name": "Plain", "bank_id": "b", "bank_version": "1"}),
        encoding="utf-8",
    )
    result = _to_full("import", str(source), data_dir=data_dir)
    result.stdout = ""
    line = assert_refused(result, "imported 'Plain' as ", "but cannot write to standard output (/dev/full)")
    listed = json.loads(run_cli("list", "--json", data_dir=data_dir).stdout)
    assert [row["id"] for row in listed] == [line.split(" as ")[1].split(",")[0]]


def _forge_index(data_dir: Path, real: str, forged: str) -> None:
    """Write `forged` wherever index.json holds the name `real`, whatever the index's layout."""
    index = data_dir / "index.json"

    def swap(value: object) -> object:
        if value == real:
            return forged
        if isinstance(value, dict):
            return {key: swap(item) for key, item in value.items()}
        if isinstance(value, list):
            return [swap(item) for item in value]
        return value

    document = json.loads(index.read_text(encoding="utf-8"))
    index.write_text(json.dumps(swap(document)), encoding="utf-8")


def test_forged_index_values_reach_list_harmless(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    data_dir_with_a_session(data_dir, name="Plain name")
    _forge_index(data_dir, "Plain name", HOSTILE_NAME)
    runs = run_cli_all(
        {"table": (["list"], {"data_dir": data_dir}), "json": (["list", "--json"], {"data_dir": data_dir})}
    )
    for run in runs.values():
        assert_inert(run.result)
        assert run.result.returncode == 0, run.result.stderr
    [row] = json.loads(runs["json"].result.stdout)
    # Whichever the store trusts, the file or the forged index, the name is shown harmless;
    # the JSON keeps every character it shows, as \u escapes.
    assert row["name"] in ("Plain name", HOSTILE_NAME)
    if row["name"] == HOSTILE_NAME:
        assert "evil name" in runs["table"].result.stdout


def test_a_bidi_name_flips_nothing_in_exports_and_messages(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    name = "\u202eevil\u2066 launch\u200f"
    session_id = data_dir_with_a_session(data_dir, name=name)
    runs = run_cli_all(
        {
            "stdout": (["export", session_id, "-o", "-"], {"data_dir": data_dir}),
            "file": (["export", session_id], {"data_dir": data_dir, "cwd": tmp_path}),
            "list": (["list"], {"data_dir": data_dir}),
        }
    )
    for run in runs.values():
        assert_inert(run.result)
        assert run.result.returncode == 0, run.result.stderr
    written = next(tmp_path.glob("*.md")).read_text(encoding="utf-8")
    for markdown in (runs["stdout"].result.stdout, written):
        assert not set(markdown) & set(BIDI_CONTROLS)
        assert markdown.splitlines()[0] == "# Gap summary: evil launch"
    deleted = run_cli("delete", session_id, "--yes", data_dir=data_dir)
    assert_inert(deleted)
    assert deleted.stderr == f"deleted 'evil launch' ({session_id})\n"


def test_an_os_error_that_names_no_file_still_says_what_was_being_done(tmp_path: Path) -> None:
    from walkthrough.cli.main import _describe
    from walkthrough.context import Context

    context = Context(data_dir_option=tmp_path / "data")
    full = OSError(28, "No space left on device")
    assert _describe(full, "import", context) == (
        f"no space left on device (during `walkthrough import`, data directory {tmp_path / 'data'})"
    )
    named = OSError(28, "No space left on device", str(tmp_path / "x.md"))
    assert _describe(named, "export", context) == f"{tmp_path / 'x.md'}: no space left on device"


@pytest.mark.parametrize(
    "argv",
    [
        ["compare", "--format", "xml", "x"],
        ["bogus"],
        ["new", "--launch", "2026-02-30", "X"],
        ["list", "--bogus", HOSTILE_NAME],
    ],
    ids=["bad choice", "unknown command", "impossible date", "hostile argument"],
)
def test_a_usage_error_is_one_harmless_line_and_exit_2(argv: list[str], tmp_path: Path) -> None:
    outcome = run_cli(*argv, data_dir=tmp_path / "data")
    assert_inert(outcome)
    assert outcome.returncode == 2, outcome
    lines = outcome.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: walkthrough"), outcome.stderr  # no usage dump
    assert outcome.stdout == ""
    assert not (tmp_path / "data").exists()  # nothing made for a command that never ran
