"""Which language the CLI speaks: --lang, else WALKTHROUGH_LANG, else the locale, else English.

The bank follows the interface's language, so `questions --json` ("language" and the stage
titles) shows the choice without depending on the interface catalogs.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from cli_runner import REPO, run_cli

from questions.translations import built_in_translation
from walkthrough.cli.main import _scan_languages

NO_LOCALE = {"LC_ALL": "", "LC_MESSAGES": "", "LANG": "", "LANGUAGE": ""}


def bank_language(*args: str, **env: str) -> str:
    result = run_cli(*args, "questions", "--json", env=NO_LOCALE | env)
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    first_stage = document["stages"][0]["title"]
    if document["language"] != "en":
        # Not just the label: the text is the translation's.
        assert first_stage == built_in_translation(document["language"]).stages["find"].title
    return str(document["language"])


@pytest.mark.parametrize("code", ["en", "id", "zh", "fr", "ru", "th"])
def test_every_language_can_be_chosen_by_name(code: str) -> None:
    assert bank_language("--lang", code) == code


@pytest.mark.parametrize(
    ("args", "env", "expected"),
    [
        ((), {}, "en"),  # nothing set: English
        ((), {"LANG": "fr_FR.UTF-8"}, "fr"),
        ((), {"LANG": "zh_CN.GB18030"}, "zh"),
        ((), {"LC_ALL": "C", "LANG": "fr_FR.UTF-8"}, "en"),  # LC_ALL=C: no translation
        ((), {"LC_MESSAGES": "th_TH.UTF-8", "LANG": "fr_FR.UTF-8"}, "th"),
        ((), {"LC_ALL": "ru_RU.UTF-8", "LC_MESSAGES": "th_TH.UTF-8"}, "ru"),
        ((), {"LANG": "pt_BR.UTF-8"}, "en"),  # a locale without a catalog: English, not an error
        ((), {"WALKTHROUGH_LANG": "id", "LC_ALL": "fr_FR.UTF-8"}, "id"),  # the app's own variable first
        (("--lang", "th"), {"WALKTHROUGH_LANG": "ru"}, "th"),  # the option above all
        (("--lang=zh",), {"LANG": "fr_FR.UTF-8"}, "zh"),
        (("--lang", "FR"), {}, "fr"),  # as people type it
        (("--lang", "zh-Hans"), {}, "zh"),
    ],
)
def test_precedence(args: tuple[str, ...], env: dict[str, str], expected: str) -> None:
    assert bank_language(*args, **env) == expected


def test_lang_after_the_command_counts_too() -> None:
    result = run_cli("questions", "--json", "--lang", "ru", env=NO_LOCALE)
    assert json.loads(result.stdout)["language"] == "ru"


@pytest.mark.parametrize(
    ("args", "env", "named"),
    [
        (("--lang", "xx", "list"), {}, "--lang"),
        (("list", "--lang", "klingon"), {}, "--lang"),
        (("export", "s", "--lang", "de"), {}, "--lang"),
        (("list",), {"WALKTHROUGH_LANG": "de"}, "WALKTHROUGH_LANG"),
    ],
)
def test_an_unknown_language_is_one_usage_error(
    args: tuple[str, ...], env: dict[str, str], named: str
) -> None:
    result = run_cli(*args, env=NO_LOCALE | env)
    assert result.returncode == 2, result.stderr
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: {named}: unknown language"), result.stderr
    assert "en, id, zh, fr, ru, th" in lines[0]


def test_lang_without_a_code_is_argparse_usage_error() -> None:
    result = run_cli("list", "--lang", env=NO_LOCALE)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and "--lang" in result.stderr


def test_the_scan_tells_the_interface_language_from_the_report_language() -> None:
    scan = _scan_languages(["--lang", "ru", "export", "s", "--lang", "fr"])
    assert (scan.interface, scan.report) == ("ru", "fr")
    scan = _scan_languages(["--bank", "--lang", "list"])  # a bank file named --lang
    assert (scan.interface, scan.report) == (None, None)
    scan = _scan_languages(["--data-dir=d", "list", "--lang=th", "--", "--lang", "x"])
    assert (scan.interface, scan.report) == ("th", None)


@pytest.mark.parametrize("args", [["--help"], ["--lang", "th", "--help"], ["--lang", "zh", "list"]])
def test_choosing_a_language_keeps_the_cold_start_light(args: list[str], tmp_path) -> None:
    """--help and list must not load Babel, pydantic or YAML: the catalogs are read with gettext."""
    # In-process main() in a fresh interpreter: sys.modules is what one command loaded.
    code = (
        "import sys, contextlib, io\n"
        "from walkthrough.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    try:\n"
        f"        main({args!r})\n"
        "    except SystemExit:\n"
        "        pass\n"
        "print('\\n'.join(sorted(sys.modules)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=REPO,
        env={"PYTHONPATH": str(REPO), "WALKTHROUGH_DATA_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"},
        check=True,
    )
    modules = set(result.stdout.split())
    assert "walkthrough.i18n" in modules
    heavy = sorted(m for m in modules if m.split(".")[0] in {"babel", "pydantic", "yaml"})
    assert heavy == []
    # Nor the bank or its translations: `list` counts from the index, keyed by the bank's bytes.
    assert not modules & {"questions.loader", "questions.models", "questions.translations"}


def test_the_context_knows_whether_the_language_was_named(monkeypatch: pytest.MonkeyPatch) -> None:
    """The app's remembered language yields to --lang and WALKTHROUGH_LANG, not to the locale."""
    from walkthrough.context import Context

    monkeypatch.delenv("WALKTHROUGH_LANG", raising=False)
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    assert not Context().language_named
    assert Context(language_option="th").language_named
    monkeypatch.setenv("WALKTHROUGH_LANG", "ru")
    assert Context().language_named
