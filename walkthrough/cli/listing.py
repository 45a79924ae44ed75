"""`walkthrough list`, `rename` and `delete`: manage sessions without the TUI."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from typing import TYPE_CHECKING

from sessions.text import printable
from walkthrough.cli.naming import check_name
from walkthrough.cli.output import say, tell, write_records
from walkthrough.context import Context
from walkthrough.report import launch
from walkthrough.report.errors import UserError
from walkthrough.report.progress import stats_launch, stats_progress, stats_trend

if TYPE_CHECKING:
    from sessions.store import SessionEntry
    from walkthrough.report.progress import Progress


def run_list(context: Context, args: argparse.Namespace) -> int:
    listing = context.store.listing()
    for problem in listing.problems:
        tell(f"warning: {problem}")
    today = launch.today()
    if args.json:
        write_records([entry_document(entry, today) for entry in listing.entries])
    elif not listing.entries:
        say('No sessions yet. Start one with: walkthrough new "Product name"')
    else:
        say(format_table(listing.entries, today))
    return 0


def run_delete(context: Context, args: argparse.Namespace) -> int:
    entry = context.store.resolve(args.session)
    if not args.yes:
        if not sys.stdin.isatty():
            raise UserError(f"not deleting '{entry.name}' ({entry.id}) without confirmation: add --yes")
        reply = input(
            printable(
                f"Delete '{entry.name}' ({entry.id}, {progress_text(stats_progress(entry.stats))} answered)? [y/N] "
            )
        )
        if reply.strip().lower() not in ("y", "yes"):
            tell("Kept it.")
            return 1
    context.store.delete(entry.id)
    tell(f"deleted '{entry.name}' ({entry.id})")
    return 0


def run_rename(context: Context, args: argparse.Namespace) -> int:
    store = context.store
    entry = store.resolve(args.session)
    name = check_name(store, args.new_name, renaming=entry.id)
    store.rename(entry.id, name)
    tell(f"renamed '{entry.name}' to '{name}' ({entry.id})")
    return 0


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


def format_table(entries: list[SessionEntry], today: date) -> str:
    rows: list[tuple[str, ...]] = [("ID", "NAME", "READINESS", "ANSWERED", "OPEN", "LAUNCH", "UPDATED")]
    for entry in entries:
        counts = stats_progress(entry.stats)
        cells = (
            entry.id,
            entry.name,
            f"{counts.readiness}%",
            progress_text(counts),
            str(counts.open),
            launch.countdown(stats_launch(entry.stats), today) or "-",
            entry.updated.astimezone().strftime("%Y-%m-%d %H:%M"),
        )
        # Every cell may have come from index.json, which anyone can edit: made printable
        # before the widths are measured, so the columns line up with what is shown.
        rows.append(tuple(printable(cell) for cell in cells))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return "\n".join("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip() for row in rows)
