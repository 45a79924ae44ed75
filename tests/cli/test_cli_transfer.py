"""`walkthrough export` and `walkthrough import`: the real CLI in a subprocess, plus a
JSON export → import round trip property test through the store."""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import re
import tempfile
from datetime import date
from pathlib import Path

import pytest
from cli_runner import assert_one_line_error, run_cli
from exporting import BANK_FILE, NAME, SAFE, SESSION_FILE, cli, imported_session  # noqa: F401 (the fixture)
from hypothesis import HealthCheck, given, settings

from questions.loader import load_bank
from sessions.models import Session
from sessions.names import free_name
from walkthrough.cli.output import json_text
from walkthrough.cli.transfer import run_export, run_import
from walkthrough.context import Context
from walkthrough.report.export import safe_filename
from walkthrough.report.markdown import render_markdown


def expected_markdown() -> str:
    """The fixture rendered in-process for today: the CLI must write exactly this."""
    session = Session.model_validate(json.loads(SESSION_FILE.read_text(encoding="utf-8")))
    return render_markdown(load_bank(BANK_FILE), session, generated=date.today())


# --- export ---------------------------------------------------------------------------


def test_export_markdown_to_the_default_file(tmp_path: Path, imported: str) -> None:
    result = cli(tmp_path, "export", imported)
    assert result.returncode == 0, result.stderr
    assert result.stderr == f"wrote {SAFE}.md\n"
    assert result.stdout == ""
    written = (tmp_path / f"{SAFE}.md").read_text(encoding="utf-8")
    assert f"Generated {date.today().isoformat()} " in written
    assert written == expected_markdown()


def test_export_by_unique_name_prefix(tmp_path: Path, imported: str) -> None:
    result = cli(tmp_path, "export", "Launch 2027", "-o", "-")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("# Gap summary: Launch 2027: Atlas | EU\n")


def test_export_refuses_to_overwrite_without_force(tmp_path: Path, imported: str) -> None:
    target = tmp_path / f"{SAFE}.md"
    target.write_text("keep me", encoding="utf-8")
    os.utime(target, (1_000_000_000, 1_000_000_000))
    result = cli(tmp_path, "export", imported)
    assert_one_line_error(result, f"{SAFE}.md", "already exists", "--force")
    assert target.read_text(encoding="utf-8") == "keep me"
    assert target.stat().st_mtime == 1_000_000_000
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []

    forced = cli(tmp_path, "export", imported, "--force")
    assert forced.returncode == 0, forced.stderr
    assert target.read_text(encoding="utf-8").startswith("# Gap summary")


def test_export_to_stdout_writes_no_file(tmp_path: Path, imported: str) -> None:
    before = sorted(p.name for p in tmp_path.iterdir())
    result = cli(tmp_path, "export", imported, "-o", "-")
    assert result.returncode == 0, result.stderr
    assert result.stdout == expected_markdown()
    assert result.stderr == ""
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_export_to_a_path_and_into_a_directory(tmp_path: Path, imported: str) -> None:
    out = tmp_path / "out"
    out.mkdir()
    result = cli(tmp_path, "export", imported, "-o", str(out / "summary.md"))
    assert result.returncode == 0, result.stderr
    assert result.stderr == f"wrote {out / 'summary.md'}\n"
    assert (out / "summary.md").read_text(encoding="utf-8").startswith("# Gap summary")
    into = cli(tmp_path, "export", imported, "-o", str(out))
    assert into.returncode == 0, into.stderr
    assert (out / f"{SAFE}.md").is_file()


def test_export_json_to_file_and_stdout(tmp_path: Path, imported: str) -> None:
    result = cli(tmp_path, "export", imported, "--format", "json")
    assert result.returncode == 0, result.stderr
    assert result.stderr == f"wrote {SAFE}.json\n"
    text = (tmp_path / f"{SAFE}.json").read_text(encoding="utf-8")
    assert "支持团队" in text and "ยังไม่ได้ทดสอบ" in text  # UTF-8, not \u escapes
    document = json.loads(text)
    assert document["name"] == NAME
    assert document["id"] == imported
    assert document["answers"]["use.support.sla"]["owner"] == "支持团队"
    stdout = cli(tmp_path, "export", imported, "--format", "json", "-o", "-")
    assert stdout.returncode == 0, stdout.stderr
    assert json.loads(stdout.stdout) == document


def test_export_unknown_session(tmp_path: Path, imported: str) -> None:
    result = cli(tmp_path, "export", "no-such-session")
    assert_one_line_error(result, "no-such-session")
    assert not list(tmp_path.glob("*.md"))


def test_export_to_an_unwritable_path(tmp_path: Path, imported: str) -> None:
    missing = cli(tmp_path, "export", imported, "-o", str(tmp_path / "missing" / "x.md"))
    assert_one_line_error(missing, "cannot write", "x.md")
    (tmp_path / "plain-file").write_text("", encoding="utf-8")
    under_file = cli(tmp_path, "export", imported, "-o", str(tmp_path / "plain-file" / "x.md"))
    assert_one_line_error(under_file, "cannot write", "x.md")
    (tmp_path / "dir.md").mkdir()
    onto_dir = cli(tmp_path, "export", imported, "-o", str(tmp_path / "dir.md"), "--force")
    assert onto_dir.returncode == 0  # an existing directory takes the default name inside it
    assert (tmp_path / "dir.md" / f"{SAFE}.md").is_file()


def test_default_file_name_keeps_unicode_and_drops_separators(tmp_path: Path) -> None:
    doc = json.loads(SESSION_FILE.read_text(encoding="utf-8"))
    doc["name"] = "../Größe/名前\\ทดสอบ"
    doc["id"] = "unicode-name"
    source = tmp_path / "unicode.json"
    source.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    assert cli(tmp_path, "import", str(source)).returncode == 0
    result = cli(tmp_path, "export", "../Größe")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "_Größe_名前_ทดสอบ.md").is_file()
    assert not (tmp_path.parent / "Größe").exists()


# --- import ---------------------------------------------------------------------------


def imported_id(stdout: str) -> str:
    """The id in "imported 'Name' as ID" (and any note after it)."""
    found = re.search(r" as (\S+)", stdout)
    assert found, stdout
    return found[1]


def test_import_json_export_round_trip_under_a_new_id_and_name(tmp_path: Path, imported: str) -> None:
    assert cli(tmp_path, "export", imported, "--format", "json", "-o", "first.json").returncode == 0
    again = cli(tmp_path, "import", "first.json")
    assert again.returncode == 0, again.stderr
    new_id = imported_id(again.stdout)
    assert new_id != imported  # the id was taken
    assert cli(tmp_path, "export", new_id, "--format", "json", "-o", "second.json").returncode == 0
    first = json.loads((tmp_path / "first.json").read_text(encoding="utf-8"))
    second = json.loads((tmp_path / "second.json").read_text(encoding="utf-8"))
    assert second.pop("id") == new_id
    first.pop("id")
    assert second.pop("name") == first.pop("name") + " (2)"  # the name was taken too: both kept
    assert second == first


def test_import_of_a_taken_name_keeps_both_and_says_so(tmp_path: Path, imported: str) -> None:
    assert cli(tmp_path, "export", imported, "--format", "json", "-o", "acme.json").returncode == 0
    name = json.loads((tmp_path / "acme.json").read_text(encoding="utf-8"))["name"]
    second = cli(tmp_path, "import", "acme.json")
    third = cli(tmp_path, "import", "acme.json")
    assert (second.returncode, third.returncode) == (0, 0)
    assert f"imported '{name} (2)' as " in second.stdout
    assert f"(a session named '{name}' was already here)" in second.stdout
    assert f"imported '{name} (3)' as " in third.stdout
    listed = json.loads(cli(tmp_path, "list", "--json").stdout)
    assert sorted(row["name"] for row in listed) == sorted([name, f"{name} (2)", f"{name} (3)"])
    assert len({row["id"] for row in listed}) == 3


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.json", b"", "empty"),
        ("latin1.json", '{"name": "Größe"}'.encode("latin-1"), "not UTF-8"),
        ("broken.json", b'{"name": ', "not valid JSON"),
        ("list.json", b"[1, 2]", ""),
        (
            "invalid.json",
            b'{"schema_version": 2, "id": "x", "name": "", "bank_id": "b", "bank_version": "1"}',
            "",
        ),
        (
            "newer.json",
            b'{"schema_version": 999, "id": "x", "name": "n", "bank_id": "b", "bank_version": "1"}',
            "",
        ),
    ],
)
def test_import_bad_files(tmp_path: Path, name: str, content: bytes, reason: str) -> None:
    (tmp_path / name).write_bytes(content)
    result = cli(tmp_path, "import", name)
    assert_one_line_error(result, name, reason)
    assert result.stdout == ""


def test_import_missing_file_and_directory(tmp_path: Path) -> None:
    assert_one_line_error(cli(tmp_path, "import", "nope.json"), "nope.json", "no such file")
    (tmp_path / "folder").mkdir()
    assert_one_line_error(cli(tmp_path, "import", "folder"), "folder", "directory")


def test_import_from_stdin(tmp_path: Path) -> None:
    result = run_cli(
        "--bank",
        str(BANK_FILE),
        "import",
        "-",
        data_dir=tmp_path / "data",
        cwd=tmp_path,
        input=SESSION_FILE.read_text(encoding="utf-8"),
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"imported '{NAME}' as ")


# --- file names ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Launch 2027", "Launch 2027"),
        ("a/b\\c", "a_b_c"),
        ('what? "now" <x>|*:', "what_ _now_ _x____"),
        ("  spaced \n\t out  ", "spaced out"),
        ("...hidden.", "hidden"),
        ("名前 ภาษาไทย Größe", "名前 ภาษาไทย Größe"),
        ("bell\x07\u202eevil", "bellevil"),
        ("CON", "fallback-id"),
        ("nul.txt", "fallback-id"),
        ("com1", "fallback-id"),
        ("console", "console"),
        ("..", "fallback-id"),
        ("\x00", "fallback-id"),
    ],
)
def test_safe_filename(name: str, expected: str) -> None:
    assert safe_filename(name, "fallback-id") == expected


def test_safe_filename_last_resort_and_length() -> None:
    assert safe_filename("///", "..") == "___"
    assert safe_filename("..", "..") == "session"
    long = safe_filename("名" * 300, "x")
    assert len(long.encode("utf-8")) <= 200 and set(long) == {"名"}


# --- round trip property ---------------------------------------------------------------------------

# The store's own generator: every code point (lone surrogates too), any time zone.
from strategies import sessions as SESSIONS  # noqa: E402


def _run(command, context: Context, **args) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = command(context, argparse.Namespace(**args))
    return code, out.getvalue(), err.getvalue()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(SESSIONS)
def test_json_export_import_round_trip(session: Session) -> None:
    """Through the commands and real files: export, then import, gives the same session under a new id."""
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        context = Context(data_dir_option=tmp_path / "data", bank_file=BANK_FILE)
        source = tmp_path / "in.json"
        source.write_text(json_text(session.model_dump(mode="json")), encoding="utf-8")
        code, out, _ = _run(run_import, context, file=source)
        assert code == 0
        first_id = imported_id(out)

        exported = tmp_path / "out.json"
        code, _, err = _run(
            run_export,
            context,
            session=first_id,
            format="json",
            output=str(exported),
            force=False,
            team=[],
            owner=[],
            stage=[],
            split=None,
        )
        assert (code, err) == (0, f"wrote {exported}\n")
        code, out, _ = _run(run_import, context, file=exported)
        assert code == 0
        second_id = imported_id(out)
        assert second_id != first_id  # taken: a new id

        with (
            context.store.open(first_id, read_only=True) as first,
            context.store.open(second_id, read_only=True) as second,
        ):
            a, b = first.session, second.session
        assert b.name == free_name(a.name, frozenset({a.name.casefold()}))  # taken: a new name
        assert {**b.model_dump(mode="json"), "id": a.id, "name": a.name} == a.model_dump(mode="json")
        assert {**a.model_dump(mode="json"), "id": session.id} == session.model_dump(mode="json")


def test_json_text_is_readable_utf8_and_keeps_every_character() -> None:
    document = {"name": "名前 ไทย", "bad": "paste\ud800here", "rlo": "\u202eevil", "csi": "\x9b2J\x1b[2J"}
    text = json_text(document)
    assert "名前 ไทย" in text and "\\ud800" in text and "\\u202e" in text and "\\u009b" in text
    text.encode("utf-8")  # nothing unencodable left
    assert not set(text) & {"\x1b", "\x9b", "\u202e"}  # nothing a terminal would act on
    assert json.loads(text) == document


def test_an_import_whose_answers_match_no_question_says_so(tmp_path: Path) -> None:
    # Ids from another bank, or edited by hand: the walk would look empty with no word why.
    document = {
        "schema_version": 2,
        "id": "x",
        "name": "Elsewhere",
        "bank_id": "another-bank",
        "bank_version": "1",
        "answers": {
            "find.marketing.find.marketing.launch-activities": {"text": "A webinar"},
            "no.such.question": {"text": "Kept anyway", "readiness": "gap"},
        },
    }
    source = tmp_path / "elsewhere.json"
    source.write_text(json.dumps(document), encoding="utf-8")
    result = run_cli("import", str(source), data_dir=tmp_path / "data")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("imported 'Elsewhere' as ")
    assert result.stderr == (
        "warning: 2 answers match no question of this bank (customer-journey-touchpoints); "
        "they are kept but not shown\n"
    )
    exported = json.loads(
        run_cli("export", "Elsewhere", "--format", "json", "-o", "-", data_dir=tmp_path / "data").stdout
    )
    assert exported["answers"]["no.such.question"]["text"] == "Kept anyway"  # kept, as it says

    matched = tmp_path / "matched.json"
    matched.write_text(json.dumps({**document, "name": "Here", "answers": {}}), encoding="utf-8")
    quiet = run_cli("import", str(matched), data_dir=tmp_path / "data")
    assert quiet.returncode == 0 and quiet.stderr == ""
