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


def test_the_tui_never_loads_the_cli():
    # The CLI starts the TUI; a screen reaching back up would make the floors a circle.
    modules = imported_after(
        "import walkthrough.tui.app, walkthrough.tui.screens.summary, walkthrough.tui.screens.walk"
    )
    assert "walkthrough.tui.app" in modules
    assert not any(m.startswith("walkthrough.cli") for m in modules)
