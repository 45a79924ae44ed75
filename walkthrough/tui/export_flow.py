"""Exporting a session's Markdown report from the TUI, the same from every screen.

The file is named and written by `walkthrough.report.export`, as `walkthrough export`
does, so both ways lead to the same file. Where the CLI would need a flag to replace an
existing file, the TUI asks: the report is rendered once, and a "yes" writes that same
text over the file.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from textual.app import App

    from questions.models import Bank
    from sessions.models import Session


def export_markdown(app: App[Any], bank: Bank, session: Session) -> None:
    """Write `<session name>.md` to the current directory, asking before replacing a file."""
    from walkthrough.report.errors import UserError
    from walkthrough.report.export import TargetExists, default_filename, write_export
    from walkthrough.report.markdown import render_markdown
    from walkthrough.tui.screens.confirm import ConfirmScreen
    from walkthrough.tui.widgets.visible import visible

    name = visible(" ".join(session.name.split()))
    target = Path.cwd() / default_filename(session.name, session.id)
    text = render_markdown(bank, session, generated=date.today())

    def write(replace: bool) -> None:
        try:
            # Even after a "yes", a directory or device put there meanwhile is refused.
            write_export(target, text, replace=replace)
        except TargetExists:
            app.push_screen(
                ConfirmScreen(
                    "Replace file?",
                    f"{target} already exists. Replace it with a fresh export of “{name}”?",
                    yes="Replace",
                    danger=True,
                ),
                lambda yes: write(True) if yes else None,
            )
        except (UserError, OSError) as exc:
            app.notify(
                visible(" ".join(str(exc).split())),
                title="Not exported",
                severity="error",
                timeout=10,
                markup=False,
            )
        else:
            app.notify(f"Exported “{name}” to {target}", title="Exported", markup=False)

    write(False)
