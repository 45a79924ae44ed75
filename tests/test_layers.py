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


def test_a_walk_opened_from_the_command_line_loads_neither_home_nor_other_screens():
    # `walkthrough resume` shows the walk first: the home screen, the summary, the palette's
    # entries and the comparison load when the PM opens them, not before the question shows.
    modules = imported_after("import walkthrough.tui.app, walkthrough.tui.screens.walk")
    assert "walkthrough.tui.screens.walk" in modules
    later = (
        "walkthrough.tui.screens.home",
        "walkthrough.tui.screens.summary",
        "walkthrough.tui.commands",
        "walkthrough.report.compare",
        "questions.translations",
    )
    assert sorted(m for m in modules if m.startswith(later)) == []


def test_models_build_without_pydantic_plugin_discovery_when_plugins_are_off():
    # The CLI turns pydantic's plugins off; their loader (importlib.metadata, email, zipfile…)
    # is then never imported, and a session still validates.
    check = (
        "import os; os.environ['PYDANTIC_DISABLE_PLUGINS'] = '__all__'; import walkthrough; "
        "from sessions.models import Session; "
        "Session.model_validate({'id': 'a1', 'name': 'Acme', 'bank_id': 'b', 'bank_version': '1'})"
    )
    modules = imported_after(check)
    assert "sessions.models" in modules
    assert not any(m.startswith(("importlib.metadata", "email.", "zipfile")) for m in modules)


def test_pydantic_plugins_still_load_when_they_are_on():
    modules = imported_after(
        "import os; os.environ.pop('PYDANTIC_DISABLE_PLUGINS', None); import walkthrough; "
        "from pydantic.plugin._schema_validator import create_schema_validator; "
        "import sessions.models; "
        "from pydantic.plugin._loader import get_plugins; assert list(get_plugins()) == []"
    )
    assert "importlib.metadata" in modules


def test_the_stand_in_hands_anything_else_to_pydantics_own_loader():
    # A pydantic release that imports more than get_plugins from its loader still builds its
    # models: the stand-in gives the loader's own names (loading it then).
    modules = imported_after(
        "import os; os.environ['PYDANTIC_DISABLE_PLUGINS'] = '__all__'; import walkthrough; "
        "from pydantic.plugin._loader import PYDANTIC_ENTRY_POINT_GROUP as group; assert group == 'pydantic'; "
        "import sessions.models"
    )
    assert "importlib.metadata" in modules and "sessions.models" in modules
