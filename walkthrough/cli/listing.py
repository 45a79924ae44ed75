"""`walkthrough list`, `rename` and `delete`: manage sessions without the TUI."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from typing import TYPE_CHECKING

from sessions.text import printable
from walkthrough.cli.naming import check_name
from walkthrough.cli.output import columns, say, shown, tell, write_records
from walkthrough.context import Context
from walkthrough.i18n import N_, _, percent
from walkthrough.report import launch
from walkthrough.report.errors import UserError
from walkthrough.report.progress import stats_launch, stats_progress, stats_trend

if TYPE_CHECKING:
    from sessions.store import SessionEntry
    from walkthrough.report.progress import Progress


def run_list(context: Context, args: argparse.Namespace) -> int:
    listing = context.store.listing()
    for problem in listing.problems:
        tell(f"warning: {shown(problem)}")
    today = launch.today()
    if args.json:
        write_records([entry_document(entry, today) for entry in listing.entries])
    elif not listing.entries:
        say(_('No sessions yet. Start one with: walkthrough new "Product name"'))
    else:
        say(format_table(listing.entries, today))
    return 0


def run_delete(context: Context, args: argparse.Namespace) -> int:
    entry = context.store.resolve(args.session)
    if not args.yes:
        if not sys.stdin.isatty():
            raise UserError(
                N_("not deleting '{name}' ({id}) without confirmation: add --yes"),
                name=entry.name,
                id=entry.id,
            )
        reply = input(
            printable(
                # Translators: the answer keys are in the next message ("y", "yes"): keep [y/N] as
                # the keys your translation of that message accepts.
                _("Delete '{name}' ({id}, {answered} answered)? [y/N] ").format(
                    name=entry.name, id=entry.id, answered=progress_text(stats_progress(entry.stats))
                )
            )
        )
        if reply.strip().lower() not in _yes_words():
            tell(_("Kept it."))
            return 1
    context.store.delete(entry.id)
    tell(_("deleted '{name}' ({id})").format(name=entry.name, id=entry.id))
    return 0


def run_rename(context: Context, args: argparse.Namespace) -> int:
    store = context.store
    entry = store.resolve(args.session)
    name = check_name(store, args.new_name, renaming=entry.id)
    store.rename(entry.id, name)
    tell(_("renamed '{old}' to '{new}' ({id})").format(old=entry.name, new=name, id=entry.id))
    return 0


def _yes_words() -> set[str]:
    """What confirms a deletion: "y" and "yes" always, and the language's own words."""
    # Translators: the replies that confirm a deletion, separated by spaces (lower case).
    return {"y", "yes", *_("y yes").casefold().split()}


def entry_document(entry: SessionEntry, today: date) -> dict:
    counts = stats_progress(entry.stats)
    launch_day = stats_launch(entry.stats)
    return {
        "id": entry.id,
        "name": entry.name,
        "created": entry.created.isoformat(),
        "updated": entry.updated.isoformat(),
        "readiness": counts.readiness,
        "answered_percent": counts.answered_percent,
        "open": counts.open,
        # Written out, not a comprehension over the names: `list --json` makes one per session.
        "answered": counts.answered,
        "applicable": counts.applicable,
        "ready": counts.ready,
        "gap": counts.gap,
        "partial": counts.partial,
        "not_assessed": counts.not_assessed,
        "unanswered": counts.unanswered,
        "not_applicable": counts.not_applicable,
        "launch": launch_day.isoformat() if launch_day else None,
        "days_to_launch": launch.days_to_launch(launch_day, today) if launch_day else None,
        "trend": stats_trend(entry.stats),  # each milestone's readiness, oldest first
    }


def progress_text(counts: Progress) -> str:
    return f"{counts.answered}/{counts.applicable}"


# Column titles of `list`, upper case as command-line tables have them.
COLUMNS = (N_("ID"), N_("NAME"), N_("READINESS"), N_("ANSWERED"), N_("OPEN"), N_("LAUNCH"), N_("UPDATED"))


def format_table(entries: list[SessionEntry], today: date) -> str:
    rows: list[tuple[str, ...]] = [tuple(_(title) for title in COLUMNS)]
    for entry in entries:
        counts = stats_progress(entry.stats)
        cells = (
            entry.id,
            entry.name,
            percent(counts.readiness),
            progress_text(counts),
            str(counts.open),
            launch.countdown(stats_launch(entry.stats), today) or "-",
            entry.updated.astimezone().strftime("%Y-%m-%d %H:%M"),
        )
        # Every cell may have come from index.json, which anyone can edit: made printable
        # before the widths are measured, so the columns line up with what is shown.
        rows.append(tuple(printable(cell) for cell in cells))
    return columns(rows)
