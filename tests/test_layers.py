"""Layers point down: the domain and the summary/export logic never import Textual."""

from __future__ import annotations

import subprocess
import sys

from cli_runner import REPO

DOMAIN_MODULES = [
    "questions",
    "questions.loader",
    "questions.models",
    "sessions",
    "sessions.models",
    "sessions.store",
    "walkthrough.report.progress",
    "walkthrough.report.summary",
    "walkthrough.report.markdown",
    "walkthrough.report.export",
    "walkthrough.i18n",
    "walkthrough.context",
    "walkthrough.cli.bank",
    "walkthrough.cli.listing",
    "walkthrough.cli.transfer",
    "walkthrough.tui.autosave",
]


def imported_after(statement: str) -> set[str]:
    code = f"import sys; {statement}; print('\\n'.join(sorted(sys.modules)))"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=True
    )
    return set(result.stdout.split())


def test_domain_and_summary_import_no_textual():
    modules = imported_after("; ".join(f"import {name}" for name in DOMAIN_MODULES))
    assert set(DOMAIN_MODULES) <= modules  # the imports really happened
    textual = sorted(m for m in modules if m == "textual" or m.startswith("textual."))
    assert textual == []


def test_domain_does_not_reach_up_into_the_app():
    modules = imported_after("import questions.loader, sessions.store")
    assert not any(m == "walkthrough" or m.startswith("walkthrough.") for m in modules)


def test_cli_parser_does_not_load_the_ui_or_pydantic():
    # `walkthrough --help` and argument errors should be instant.
    modules = imported_after("import walkthrough.cli")
    assert not any(m.startswith(("textual", "pydantic", "tinydb")) for m in modules)


def test_speaking_a_language_costs_only_the_standard_library():
    # Every command translates its output: the catalogs are read with gettext alone; Babel
    # (plural rules, dates, catalog tooling) loads only where a date is formatted.
    modules = imported_after(
        "import walkthrough.i18n; walkthrough.i18n.set_language('ru'); walkthrough.i18n.gettext('x')"
    )
    assert not any(m.startswith(("babel", "textual", "pydantic", "yaml")) for m in modules)


def test_the_tui_never_loads_the_cli():
    # The CLI starts the TUI; a screen reaching back up would make the floors a circle.
    modules = imported_after(
        "import walkthrough.tui.app, walkthrough.tui.screens.summary, walkthrough.tui.screens.walk"
    )
    assert "walkthrough.tui.app" in modules
    assert not any(m.startswith("walkthrough.cli") for m in modules)


def test_commands_that_only_read_the_index_load_no_pydantic_yaml_or_bank(tmp_path):
    # `walkthrough list` is the everyday command: with index.json up to date it reads nothing
    # but the index and the session files' stats, so none of what reads a session or a bank
    # (a few hundred milliseconds of imports) may be loaded.
    from walkthrough.context import Context

    context = Context(data_dir_option=tmp_path)
    bank = context.bank
    for name in ("Acme", "Orbit"):
        context.store.create(name, bank_id=bank.id, bank_version=bank.version)
    assert len(context.store.listing().entries) == 2  # index.json now up to date
    heavy = ("pydantic", "pydantic_core", "yaml", "tinydb", "questions.loader", "questions.models")
    # Nor what a few milliseconds of start-up went to: hashlib (with OpenSSL) for the index's
    # key, shutil (with bz2 and lzma) for argparse's help width.
    heavy += ("hashlib", "_hashlib", "shutil", "bz2", "lzma")
    for command in (["list"], ["list", "--json"]):
        modules = imported_after(
            "import contextlib, io; from walkthrough.cli import main; "
            f"out = io.StringIO(); f = contextlib.redirect_stdout(out); f.__enter__(); "
            f"assert main(['--data-dir', {str(tmp_path)!r}, *{command!r}]) == 0; f.__exit__(None, None, None)"
        )
        assert "sessions.listing" in modules  # it really listed
        loaded = sorted(m for m in modules if m.startswith(heavy))
        assert loaded == [], (command, loaded)
