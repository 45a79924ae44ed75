"""`export --lang CODE`: the report in any language whatever the interface's, with the same answers."""

from __future__ import annotations

import json
import re
import shutil
from datetime import date
from pathlib import Path

import pytest
from cli_runner import run_cli
from exporting import BANK_FILE, NAME, SESSION_FILE

from sessions.models import Session
from walkthrough.context import Context
from walkthrough.i18n import using
from walkthrough.report.backlog import render_csv
from walkthrough.report.markdown import render_markdown

TRANSLATED_FIXTURE = Path(__file__).parent / "fixtures" / "bank.fr.yaml"
ENGLISH_STAGES = ["Customers can buy it", "Customers can use it"]
FRENCH_STAGES = ["Les clients peuvent l'acheter", "Les clients peuvent l'utiliser"]


class Data:
    def __init__(self, tmp_path: Path) -> None:
        folder = tmp_path / "banks"
        folder.mkdir()
        self.bank = folder / "bank.yaml"
        shutil.copy(BANK_FILE, self.bank)
        shutil.copy(TRANSLATED_FIXTURE, folder / "bank.fr.yaml")
        self.tmp_path = tmp_path
        self.session_id = ""

    def run(self, *args: str, env: dict[str, str] | None = None):
        return run_cli(
            "--bank", str(self.bank), *args, data_dir=self.tmp_path / "data", cwd=self.tmp_path, env=env
        )


@pytest.fixture(name="data")
def data_with_the_full_session(tmp_path: Path) -> Data:
    data = Data(tmp_path)
    result = data.run("import", str(SESSION_FILE))
    assert result.returncode == 0, result.stderr
    data.session_id = re.fullmatch(rf"imported '{re.escape(NAME)}' as (\S+)\n", result.stdout).group(1)
    return data


def answers_shown(report: str) -> list[str]:
    """What the PM typed, in the order the report shows it."""
    typed = []
    for answer in json.loads(SESSION_FILE.read_text(encoding="utf-8"))["answers"].values():
        for field in ("text", "decision", "owner"):
            value = answer.get(field)
            if value:
                typed.append(value.splitlines()[0])
    shown = [text for text in typed if text in report]
    return sorted(shown, key=lambda text: report.index(text))


def test_export_lang_writes_the_bank_in_that_language_with_the_same_answers(data: Data) -> None:
    english = data.run("export", NAME, "-o", "-")
    french = data.run("export", NAME, "--lang", "fr", "-o", "-")
    assert english.returncode == 0 and french.returncode == 0, (english.stderr, french.stderr)
    for stage in ENGLISH_STAGES:
        assert stage in english.stdout and stage not in french.stdout
    for stage in FRENCH_STAGES:
        assert stage in french.stdout
    assert "Comment une affaire passera-t-elle du premier appel au contrat signé ?" in french.stdout
    assert len(answers_shown(english.stdout)) > 10
    assert answers_shown(french.stdout) == answers_shown(english.stdout)


def test_export_lang_is_the_report_only(data: Data) -> None:
    """The interface says what it did in its own language; the report is in the one asked for."""
    result = data.run("--lang", "fr", "export", NAME, "--lang", "en", "-o", "-")
    assert result.returncode == 0, result.stderr
    assert all(stage in result.stdout for stage in ENGLISH_STAGES)
    result = data.run("export", NAME, "--lang", "fr", "-o", "report.md", env={"WALKTHROUGH_LANG": "en"})
    assert result.returncode == 0, result.stderr
    assert result.stderr == "wrote report.md\n"
    assert FRENCH_STAGES[0] in (data.tmp_path / "report.md").read_text(encoding="utf-8")


def session() -> Session:
    return Session.model_validate(json.loads(SESSION_FILE.read_text(encoding="utf-8")))


@pytest.mark.parametrize("fmt", ["markdown", "csv"])
def test_export_lang_is_what_the_report_writes_in_that_language(data: Data, fmt: str) -> None:
    """Headings, fixed text and CSV header included: whatever the catalogs say in French."""
    result = data.run("export", NAME, "--format", fmt, "--lang", "fr", "-o", "-")
    assert result.returncode == 0, result.stderr
    context = Context(bank_file=data.bank)
    imported = session().model_copy(update={"id": data.session_id})
    with using("fr"):
        render = render_csv if fmt == "csv" else render_markdown
        expected = render(context.bank, imported, generated=date.today())
    # The subprocess's output was read as text: the CSV's CRLF line ends arrive as "\n".
    assert result.stdout == expected.replace("\r\n", "\n")


def test_export_split_lang_writes_every_file_in_that_language(data: Data) -> None:
    result = data.run("export", NAME, "--split", "parts", "--lang", "fr")
    assert result.returncode == 0, result.stderr
    index = (data.tmp_path / "parts" / "index.md").read_text(encoding="utf-8")
    assert "Ventes" in index or "Support" in index
    files = sorted((data.tmp_path / "parts").glob("*.md"))
    assert len(files) > 1
    text = "".join(path.read_text(encoding="utf-8") for path in files)
    assert not any(stage in text for stage in ENGLISH_STAGES)
