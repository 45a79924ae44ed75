"""The part each team receives, through the real CLI: `export --team/--owner/--stage`
(repeatable, combined), `--split DIR` (a file per team and an index linking them), and
`--format csv`; each wrong name is one error line saying what there is."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date
from pathlib import Path

import pytest
from cli_runner import assert_one_line_error
from exporting import BANK_FILE, SAFE, SESSION_FILE, cli, imported_session  # noqa: F401 (the fixture)

from questions.loader import load_bank
from sessions.models import Session
from walkthrough.report.backlog import COLUMNS, render_csv
from walkthrough.report.filters import Selection
from walkthrough.report.markdown import render_markdown


def fixture() -> Session:
    return Session.model_validate(json.loads(SESSION_FILE.read_text(encoding="utf-8")))


def rendered(part: Selection | None = None) -> str:
    return render_markdown(load_bank(BANK_FILE), fixture(), generated=date.today(), item_filter=part)


def questions_in(markdown: str) -> list[str]:
    return re.findall(r"^(?:##### |- )(Q\d+) ", markdown.split("## By stage and team")[1], flags=re.MULTILINE)


@pytest.mark.parametrize(
    ("options", "part"),
    [
        (["--team", "sales"], Selection(teams=("sales",))),
        (["--team", "finance & OPERATIONS"], Selection(teams=("finance",))),
        (["--owner", "dee"], Selection(owners=("dee",))),
        (["--stage", "2"], Selection(stages=(2,))),
        (["--stage", "buy"], Selection(stages=(1,))),
        (
            ["--team", "sales", "--team", "support", "--stage", "2"],
            Selection(teams=("sales", "support"), stages=(2,)),
        ),
        (["--owner", "Dee", "--owner", ""], Selection(owners=("Dee", ""))),
    ],
)
def test_a_part_is_written_with_its_own_title(
    tmp_path: Path, imported: str, options: list[str], part: Selection
) -> None:
    result = cli(tmp_path, "export", imported, *options, "-o", "-")
    assert result.returncode == 0, result.stderr
    assert result.stdout == rendered(part)
    assert result.stdout.startswith("# Gap summary: Launch 2027: Atlas | EU — ")


def test_parts_hold_just_their_questions(tmp_path: Path, imported: str) -> None:
    sales = cli(tmp_path, "export", imported, "--team", "Sales", "-o", "-").stdout
    assert questions_in(sales) == ["Q1", "Q2", "Q3", "Q9", "Q10", "Q11"]
    dee = cli(tmp_path, "export", imported, "--owner", "DEE", "-o", "-").stdout
    assert questions_in(dee) == ["Q9", "Q10"]
    both = cli(tmp_path, "export", imported, "--team", "sales", "--stage", "1", "-o", "-").stdout
    assert questions_in(both) == ["Q1", "Q2", "Q3"]


def test_a_part_gets_its_own_default_file_name(tmp_path: Path, imported: str) -> None:
    result = cli(tmp_path, "export", imported, "--team", "sales")
    assert result.returncode == 0, result.stderr
    assert result.stderr == f"wrote {SAFE} (Sales).md\n"
    csv_part = cli(tmp_path, "export", imported, "--owner", "Dee", "--format", "csv")
    assert csv_part.stderr == f"wrote {SAFE} (owner Dee).csv\n"


@pytest.mark.parametrize(
    ("options", "fragments"),
    [
        (["--team", "legal"], ["no team 'legal' in this bank", "sales (Sales)", "support (Support)"]),
        (["--team", "manufacturing"], ["team 'Manufacturing' does not apply to this session"]),
        (["--owner", "Bob"], ["nobody called 'Bob' owns an item", "'Ana Souza'", "'Dee'"]),
        (["--stage", "3"], ["no stage '3' in this bank; stages: 1 (buy), 2 (use)"]),
        (["--format", "json", "--team", "sales"], ["JSON is the whole session"]),
        (["--format", "csv", "--split", "out"], ["--split writes Markdown files"]),
        (["--split", "out", "-o", "x.md"], ["leave out -o"]),
    ],
)
def test_a_wrong_part_is_one_error_line(
    tmp_path: Path, imported: str, options: list[str], fragments: list[str]
) -> None:
    before = sorted(p.name for p in tmp_path.iterdir())
    assert_one_line_error(cli(tmp_path, "export", imported, *options), *fragments)
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_split_writes_a_file_per_team_and_an_index_linking_them(tmp_path: Path, imported: str) -> None:
    result = cli(tmp_path, "export", imported, "--split", "parts")
    assert result.returncode == 0, result.stderr
    out = tmp_path / "parts"
    assert sorted(p.name for p in out.iterdir()) == ["finance.md", "index.md", "sales.md", "support.md"]
    assert result.stderr.splitlines() == [
        f"wrote parts/{n}" for n in ("index.md", "sales.md", "finance.md", "support.md")
    ]
    index = (out / "index.md").read_text(encoding="utf-8")
    links = re.findall(r"^- \[([^\]]+)\]\(([^)]+)\): (\d+) open items?", index, flags=re.MULTILINE)
    assert links == [
        ("Sales", "sales.md", "5"),
        ("Finance & operations", "finance.md", "1"),
        ("Support", "support.md", "2"),
    ]
    assert "## Executive summary" in index and "## By stage and team" not in index
    for name, target, _ in links:
        part = (out / target).read_text(encoding="utf-8")
        assert part.startswith(f"# Gap summary: Launch 2027: Atlas | EU — {name}\n")
    assert (out / "support.md").read_text(encoding="utf-8") == rendered(Selection(teams=("support",)))


def test_split_never_replaces_without_force_and_checks_every_file_first(
    tmp_path: Path, imported: str
) -> None:
    out = tmp_path / "parts"
    out.mkdir()
    (out / "support.md").write_text("keep me", encoding="utf-8")
    result = cli(tmp_path, "export", imported, "--split", str(out))
    assert_one_line_error(result, "support.md already exists", "--force")
    assert sorted(p.name for p in out.iterdir()) == ["support.md"]  # nothing half done
    forced = cli(tmp_path, "export", imported, "--split", str(out), "--force")
    assert forced.returncode == 0, forced.stderr
    assert (out / "support.md").read_text(encoding="utf-8").startswith("# Gap summary")


def test_split_into_a_file_or_under_a_missing_directory_is_an_error(tmp_path: Path, imported: str) -> None:
    (tmp_path / "plain").write_text("", encoding="utf-8")
    assert_one_line_error(cli(tmp_path, "export", imported, "--split", "plain"), "plain", "not a directory")
    assert_one_line_error(cli(tmp_path, "export", imported, "--split", "no/such/dir"), "no/such/dir")
    assert not (tmp_path / "no").exists()


def test_split_with_a_part_writes_only_its_teams(tmp_path: Path, imported: str) -> None:
    result = cli(tmp_path, "export", imported, "--split", "stage2", "--stage", "2")
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in (tmp_path / "stage2").iterdir()) == ["index.md", "sales.md", "support.md"]
    sales = (tmp_path / "stage2" / "sales.md").read_text(encoding="utf-8")
    assert sales.startswith("# Gap summary: Launch 2027: Atlas | EU — Sales, stage 2 Customers can use it\n")


def test_csv_export(tmp_path: Path, imported: str) -> None:
    result = cli(tmp_path, "export", imported, "--format", "csv")
    assert result.returncode == 0, result.stderr
    assert result.stderr == f"wrote {SAFE}.csv\n"
    raw = (tmp_path / f"{SAFE}.csv").read_bytes()
    assert raw.decode("utf-8") == render_csv(load_bank(BANK_FILE), fixture(), generated=date.today())
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8"), newline="")))
    assert tuple(rows[0]) == COLUMNS and len(rows) == 1 + 8
