"""The CLI's own words, and argparse's, in the chosen language.

Expected text is looked up in the compiled catalogs, so these tests hold whatever the
translators write, and fail when a message is not translated (or not looked up) at all.
"""

from __future__ import annotations

import argparse
import inspect
import re
from pathlib import Path

import pytest
from cli_runner import run_cli

from walkthrough.cli.argparse_text import MESSAGES, PLURALS
from walkthrough.i18n import LANGUAGES, _, catalog, using

TRANSLATED = [code for code in LANGUAGES if code != "en"]
_PERCENT = re.compile(r"%(?:\([a-z_]+\))?[sdr]")


def translated(message: str, code: str) -> str:
    """The catalog's translation, which must be there (it may read the same: "ID", "options")."""
    assert message in catalog(code)._catalog, f"{message!r} is not in the {code} catalog"  # type: ignore[attr-defined]
    with using(code):
        return _(message)


def test_argparse_messages_are_the_ones_argparse_asks_for() -> None:
    """A new Python may reword argparse: then these msgids no longer match and this fails."""
    source = inspect.getsource(argparse)
    for message in (*MESSAGES, *PLURALS):
        assert repr(message) in source or f'"{message}"' in source.replace("\\n", "\n"), message


@pytest.mark.parametrize("code", TRANSLATED)
def test_argparse_translations_keep_its_placeholders(code: str) -> None:
    for message in MESSAGES:
        text = translated(message, code)
        assert sorted(_PERCENT.findall(text)) == sorted(_PERCENT.findall(message)), (code, message, text)


@pytest.mark.parametrize("code", TRANSLATED)
def test_no_sessions_yet_in_each_language(code: str, tmp_path: Path) -> None:
    result = run_cli("--lang", code, "list", data_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (
        result.stdout
        == translated('No sessions yet. Start one with: walkthrough new "Product name"', code) + "\n"
    )


def test_help_is_in_french_argparse_words_included() -> None:
    result = run_cli("--lang", "fr", "--help")
    assert result.returncode == 0
    assert result.stdout.startswith(translated("usage: ", "fr"))
    for message in ("options", "show this help message and exit", "list saved sessions"):
        assert translated(message, "fr") in result.stdout
    assert "show this help message and exit" not in result.stdout


def test_a_usage_error_is_in_russian() -> None:
    result = run_cli("--lang", "ru", "list", "--bogus")
    assert result.returncode == 2
    assert (translated("unrecognized arguments: %s", "ru") % "--bogus") in result.stderr


def test_a_cli_error_is_in_thai(tmp_path: Path) -> None:
    result = run_cli("--lang", "th", "resume", data_dir=tmp_path)
    assert result.returncode == 1
    message = translated('no sessions to resume yet; start one with: walkthrough new "Product name"', "th")
    assert result.stderr == f"error: {message}\n"


def test_list_columns_are_translated_and_line_up_in_chinese(tmp_path: Path) -> None:
    from rich.cells import cell_len

    from walkthrough.cli.listing import COLUMNS

    run_cli(
        "import",
        str(Path(__file__).parents[1] / "fixtures" / "summary" / "full_session.json"),
        data_dir=tmp_path,
    )
    result = run_cli("--lang", "zh", "list", data_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    header, row = result.stdout.splitlines()
    titles = [translated(title, "zh") for title in COLUMNS]
    assert header.split() == titles
    # Each column starts at the same terminal cell in the header and in the row.
    starts = [cell_len(header[: header.index(title)]) for title in titles[1:3]]
    cells = row.split("  ")
    assert cell_len(cells[0]) + 2 <= starts[0]


def test_plural_argparse_message_is_a_plural_entry() -> None:
    forms = {catalog("ru").ngettext("expected %s argument", "expected %s arguments", n) for n in (1, 3, 5)}
    assert len(forms) == 3


def test_a_bad_lang_is_said_in_the_language_the_user_would_have_had() -> None:
    result = run_cli("--lang", "xx", "list", env={"LC_ALL": "", "LANG": "fr_FR.UTF-8"})
    assert result.returncode == 2
    message = translated("{where}: unknown language '{code}'; choose one of {choices}", "fr")
    expected = message.format(where="--lang", code="xx", choices="en, id, zh, fr, ru, th")
    assert result.stderr == f"error: {expected}\n"


def test_a_launch_date_argparse_cannot_read_is_refused_in_french(tmp_path: Path) -> None:
    result = run_cli("--lang", "fr", "new", "Atlas", "--launch", "someday", data_dir=tmp_path)
    assert result.returncode == 2
    prefix = translated("argument %(argument_name)s: %(message)s", "fr") % {
        "argument_name": "--launch",
        "message": "",
    }
    assert prefix in result.stderr
    assert not any(tmp_path.iterdir())  # refused before any session was made
