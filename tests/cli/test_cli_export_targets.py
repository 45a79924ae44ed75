"""Where `walkthrough export -o` writes: a directory gets `<name>.md` inside it, a missing
directory is a one-line error, and nothing but a regular file is ever replaced (--force
included): not a device, a FIFO, a socket, or a link to one of them."""

from __future__ import annotations

import os
import socket
import stat
from pathlib import Path

import pytest
from cli_runner import assert_one_line_error
from exporting import SAFE, cli, imported_session  # noqa: F401 (the fixture)

from walkthrough.report.errors import UserError
from walkthrough.report.export import write_export


@pytest.mark.parametrize("suffix", ["/", ""])
def test_an_existing_directory_gets_the_default_name_inside(
    tmp_path: Path, imported: str, suffix: str
) -> None:
    out = tmp_path / "reports"
    out.mkdir()
    result = cli(tmp_path, "export", imported, "-o", f"{out}{suffix}")
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == [f"{SAFE}.md"]
    assert result.stderr == f"wrote {out / (SAFE + '.md')}\n"


def test_a_missing_directory_is_a_one_line_error_and_writes_nothing(tmp_path: Path, imported: str) -> None:
    before = sorted(p.name for p in tmp_path.iterdir())
    result = cli(tmp_path, "export", imported, "-o", "some/dir/")
    assert_one_line_error(result, "some/dir/", "no such directory")
    assert sorted(p.name for p in tmp_path.iterdir()) == before
    nested = cli(tmp_path, "export", imported, "-o", "some/dir")
    assert_one_line_error(nested, "some/dir", "no such directory")
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_a_file_named_as_a_directory_is_an_error(tmp_path: Path, imported: str) -> None:
    (tmp_path / "notes").write_text("mine", encoding="utf-8")
    result = cli(tmp_path, "export", imported, "-o", "notes/", "--force")
    assert_one_line_error(result, "notes/", "not a directory")
    assert (tmp_path / "notes").read_text(encoding="utf-8") == "mine"


def _fifo(path: Path) -> Path:
    os.mkfifo(path)
    return path


def _socket(path: Path) -> Path:
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(str(path))
    server.close()  # the socket file stays
    return path


def _link_to_fifo(path: Path) -> Path:
    fifo = _fifo(path.parent / "real-fifo")
    path.symlink_to(fifo)
    return path


KINDS = {"a FIFO": _fifo, "a socket": _socket, "a link to a FIFO": _link_to_fifo}


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("force", [False, True])
def test_special_files_are_never_replaced(tmp_path: Path, imported: str, kind: str, force: bool) -> None:
    target = KINDS[kind](tmp_path / "target.md")
    mode = os.stat(target).st_mode
    result = cli(tmp_path, "export", imported, "-o", str(target), *(["--force"] if force else []))
    assert_one_line_error(result, str(target), "not a regular file")
    assert os.stat(target).st_mode == mode and not stat.S_ISREG(mode)
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_a_device_is_never_replaced(tmp_path: Path, imported: str) -> None:
    result = cli(tmp_path, "export", imported, "-o", os.devnull, "--force")
    assert_one_line_error(result, os.devnull, "not a regular file")
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)


def test_the_writer_itself_refuses_a_fifo_that_appears_after_the_check(tmp_path: Path) -> None:
    # The CLI checks before rendering; the writer checks again, so a FIFO made in between
    # is refused too rather than renamed over.
    target = _fifo(tmp_path / "late.md")
    with pytest.raises(UserError, match="not a regular file"):
        write_export(target, "text", replace=True)
    assert stat.S_ISFIFO(os.stat(target).st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["late.md"]
