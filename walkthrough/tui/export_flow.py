"""Exporting a session's Markdown report from the TUI, the same from every screen.

The file is named and written by `walkthrough.report.export`, as `walkthrough export`
does, so both ways lead to the same file. Where the CLI would need a flag to replace an
existing file, the TUI asks: the report is rendered once, and a "yes" writes that same
text over the file. A filtered export (from the gap summary) is named after its filter,
`<session name> (team Sales).md`, so it never takes the place of the whole report.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from textual.app import App

    from questions.models import Bank
    from sessions.models import Session
    from walkthrough.report.compare import Comparison
    from walkthrough.report.filters import ItemFilter


def export_target(bank: Bank, session: Session, item_filter: ItemFilter | None = None) -> Path:
    """Where the export of `session` (or of what `item_filter` lets through) is written."""
    from walkthrough.report.export import default_filename

    name = session.name
    if item_filter is not None and not item_filter.is_empty:
        name += f" ({', '.join(item_filter.describe(bank))})"
    return Path.cwd() / default_filename(name, session.id)


def export_markdown(
    app: App[Any],
    bank: Bank,
    session: Session,
    item_filter: ItemFilter | None = None,
    since: Comparison | None = None,
) -> None:
    """Write `<session name>.md` to the current directory, asking before replacing a file.
    `since`: what changed since the latest milestone, for the report's section on it."""
    from walkthrough.i18n import _, translate_error
    from walkthrough.report import launch
    from walkthrough.report.errors import UserError
    from walkthrough.report.export import TargetExists, write_export
    from walkthrough.report.markdown import render_markdown
    from walkthrough.tui.screens.confirm import ConfirmScreen
    from walkthrough.tui.widgets.visible import visible

    name = visible(" ".join(session.name.split()))
    if item_filter is not None and not item_filter.is_empty:
        name += visible(f" ({', '.join(item_filter.describe(bank))})")
    target = export_target(bank, session, item_filter)
    text = render_markdown(bank, session, generated=launch.today(), item_filter=item_filter, since=since)

    def write(replace: bool) -> None:
        try:
            # Even after a "yes", a directory or device put there meanwhile is refused.
            write_export(target, text, replace=replace)
        except TargetExists:
            app.clear_notifications()  # the last export's notice would sit over the dialog's buttons
            app.push_screen(
                ConfirmScreen(
                    _("Replace file?"),
                    _("{path} already exists. Replace it with a fresh export of “{name}”?").format(
                        path=target, name=name
                    ),
                    yes=_("Replace"),
                    danger=True,
                ),
                lambda yes: write(True) if yes else None,
            )
        except (UserError, OSError) as exc:
            app.notify(
                visible(translate_error(exc)),
                title=_("Not exported"),
                severity="error",
                timeout=10,
                markup=False,
            )
        else:
            app.notify(_("Exported “{name}” to {path}").format(name=name, path=target), markup=False)

    write(False)
