"""`walkthrough list`, `rename` and `delete`: manage sessions without the TUI."""

from __future__ import annotations

import argparse
import sys
from datetime import date, datetime
from itertools import repeat
from operator import itemgetter
from typing import TYPE_CHECKING, Any

from sessions.text import printable, printable_each
from walkthrough.cli.naming import check_name
from walkthrough.cli.output import columns, say, shown, tell, write_json
from walkthrough.context import Context
from walkthrough.i18n import N_, _, percents
from walkthrough.report import launch
from walkthrough.report.errors import UserError
from walkthrough.report.progress import progress_columns, stats_launch, stats_progress, stats_trend

if TYPE_CHECKING:
    from sessions.store import SessionEntry
    from walkthrough.report.progress import Progress


def run_list(context: Context, args: argparse.Namespace) -> int:
    if args.json:
        # The JSON writer's library, loaded first so that index.json is read with it too, in
        # half the time json takes (sessions.files.decode_json uses it once it is loaded).
        import orjson  # noqa: F401
    listing = context.store.listing()
    for problem in listing.problems:
        tell(f"warning: {shown(problem)}")
    today = launch.today()
    if args.json:
        write_json(entry_documents(listing.entries, today))
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


def entry_documents(entries: list[SessionEntry], today: date) -> list[dict[str, Any]]:
    """One object per session for `list --json`: id, name, times, every count, the launch and
    the trend of its milestones.

    Made a column at a time (see progress_columns): at 10,000 sessions a dict built per
    session by Python code took longer than everything else `list --json` does.
    """
    stats = [entry.stats for entry in entries]
    launch_days = list(map(stats_launch, stats))
    columns: dict[str, list[Any]] = {
        "id": [entry.id for entry in entries],
        "name": [entry.name for entry in entries],
        # As datetimes: the JSON writer gives them in ISO 8601 (in Rust, not 20,000 isoformat calls).
        "created": [entry.created for entry in entries],
        "updated": [entry.updated for entry in entries],
        **progress_columns(stats),
        "launch": launch_days,
        "days_to_launch": [None if day is None else launch.days_to_launch(day, today) for day in launch_days],
        "trend": list(map(stats_trend, stats)),  # each milestone's readiness, oldest first
    }
    return list(map(dict, map(zip, repeat(tuple(columns)), zip(*columns.values(), strict=True))))


def progress_text(counts: Progress) -> str:
    return _ANSWERED_OF(counts.answered, counts.applicable)


NAME_CELLS = 40  # the widest a name is in the table (names run to 200): the rows stay readable


def _table_name(name: str) -> str:
    """A printable name cut to NAME_CELLS terminal cells with "…" (whole in `list --json`)."""
    if name.isascii():
        return name if len(name) <= NAME_CELLS else name[: NAME_CELLS - 1].rstrip() + "…"
    from rich.cells import cell_len, set_cell_size

    return name if cell_len(name) <= NAME_CELLS else set_cell_size(name, NAME_CELLS - 1).rstrip() + "…"


_ANSWERED_OF = "{}/{}".format  # "12/84": answered of applicable, in the table and the delete prompt


# Column titles of `list`, upper case as command-line tables have them.
COLUMNS = (N_("ID"), N_("NAME"), N_("READINESS"), N_("ANSWERED"), N_("OPEN"), N_("LAUNCH"), N_("UPDATED"))


def format_table(entries: list[SessionEntry], today: date) -> str:
    stats = [entry.stats for entry in entries]
    counts = progress_columns(stats)
    # Local time to the minute: isoformat(" ", "minutes") is strftime's "%Y-%m-%d %H:%M" and
    # its offset, which is cut off; all in C, mapped over the column.
    local_times = map(datetime.astimezone, [entry.updated for entry in entries])
    updated = map(_TO_THE_MINUTE, map(datetime.isoformat, local_times, repeat(" "), repeat("minutes")))
    cells = [
        [entry.id for entry in entries],
        list(map(_table_name, printable_each([entry.name for entry in entries]))),
        percents(counts["readiness"]),
        list(map(_ANSWERED_OF, counts["answered"], counts["applicable"])),
        list(map(str, counts["open"])),
        [launch.countdown(day, today) or "-" for day in map(stats_launch, stats)],
        list(updated),
    ]
    # Every cell may have come from index.json, which anyone can edit: made printable
    # before the widths are measured, so the columns line up with what is shown.
    body = zip(*map(printable_each, cells), strict=True)
    return columns([tuple(_(title) for title in COLUMNS), *body])


_TO_THE_MINUTE = itemgetter(slice(16))  # "2025-03-01 09:30+01:00" -> "2025-03-01 09:30"
