"""`walkthrough list`, `rename` and `delete`: manage sessions without the TUI."""

from __future__ import annotations

import argparse
import sys

from sessions.store import SessionEntry
from sessions.text import printable
from walkthrough.cli.naming import check_name
from walkthrough.cli.output import say, tell, write_json
from walkthrough.context import Context
from walkthrough.report.errors import UserError


def run_list(context: Context, args: argparse.Namespace) -> int:
    listing = context.store.listing()
    for problem in listing.problems:
        tell(f"warning: {problem}")
    if args.json:
        write_json([entry_document(entry) for entry in listing.entries])
    elif not listing.entries:
        say('No sessions yet. Start one with: walkthrough new "Product name"')
    else:
        say(format_table(listing.entries))
    return 0


def run_delete(context: Context, args: argparse.Namespace) -> int:
    entry = context.store.resolve(args.session)
    if not args.yes:
        if not sys.stdin.isatty():
            raise UserError(f"not deleting '{entry.name}' ({entry.id}) without confirmation: add --yes")
        reply = input(
            printable(f"Delete '{entry.name}' ({entry.id}, {progress_text(entry)} answered)? [y/N] ")
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


def entry_document(entry: SessionEntry) -> dict:
    return {
        "id": entry.id,
        "name": entry.name,
        "created": entry.created.isoformat(),
        "updated": entry.updated.isoformat(),
        **{
            key: entry.stats.get(key, 0)
            for key in ("answered", "applicable", "gap", "partial", "ready", "not_applicable")
        },
    }


def progress_text(entry: SessionEntry) -> str:
    return f"{entry.stats.get('answered', 0)}/{entry.stats.get('applicable', 0)}"


def format_table(entries: list[SessionEntry]) -> str:
    rows: list[tuple[str, ...]] = [("ID", "NAME", "ANSWERED", "GAPS", "PARTIAL", "UPDATED")]
    for entry in entries:
        cells = (
            entry.id,
            entry.name,
            progress_text(entry),
            str(entry.stats.get("gap", 0)),
            str(entry.stats.get("partial", 0)),
            entry.updated.astimezone().strftime("%Y-%m-%d %H:%M"),
        )
        # Every cell may have come from index.json, which anyone can edit: made printable
        # before the widths are measured, so the columns line up with what is shown.
        rows.append(tuple(printable(cell) for cell in cells))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return "\n".join("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip() for row in rows)
