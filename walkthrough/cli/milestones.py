"""`walkthrough milestone`, `milestones` and `compare`: launch reviews from the command line.

A milestone is saved through the session's lock like any change (a session open in the app
is refused in one line); listing and comparing read the session and its milestones'
states without locking anything.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable

from sessions.milestones import find
from sessions.models import Milestone, Session
from walkthrough.cli.output import columns, json_text, say, tell, write_json
from walkthrough.cli.transfer import deliver, export_target
from walkthrough.context import Context
from walkthrough.i18n import N_, _, ngettext, percent
from walkthrough.report import launch
from walkthrough.report.compare import (
    Comparison,
    compare,
    comparison_document,
    milestone_counts,
    milestone_side,
    now_side,
)
from walkthrough.report.errors import UserError
from walkthrough.report.progress import milestone_readiness, stats_progress


def run_milestone(context: Context, args: argparse.Namespace) -> int:
    store = context.store
    entry = store.resolve(args.session)
    if args.delete:
        with store.open(entry.id, purpose="deleting a milestone") as handle:
            milestone = _exactly(handle.session, args.name)
            handle.delete_milestone(milestone.key)
        retired = store.data_dir / "backups" / entry.id / "milestones"
        tell(
            _("deleted milestone '{milestone}' of '{session}'; its saved state was moved to {path}").format(
                milestone=milestone.name, session=entry.name, path=retired
            )
        )
        return 0
    bank = context.bank
    with store.open(entry.id, purpose="saving a milestone") as handle:
        counts = milestone_counts(bank, handle.session, launch.today())
        milestone = handle.save_milestone(args.name, counts)
    figures = stats_progress(milestone.counts)
    tell(
        ngettext(
            "saved milestone '{milestone}' of '{session}': readiness {readiness}%, {count} open item",
            "saved milestone '{milestone}' of '{session}': readiness {readiness}%, {count} open items",
            figures.open,
        ).format(
            milestone=milestone.name, session=entry.name, readiness=figures.readiness, count=figures.open
        )
    )
    return 0


def run_milestones(context: Context, args: argparse.Namespace) -> int:
    store = context.store
    entry = store.resolve(args.session)
    with store.open(entry.id, read_only=True) as handle:
        session = handle.session
    now = milestone_counts(context.bank, session, launch.today())
    if args.json:
        write_json(
            {
                "session": {"id": session.id, "name": session.name},
                "milestones": [_milestone_document(m) for m in session.milestones],
                "now": _counts_document(now),
            }
        )
    elif not session.milestones:
        say(
            _("'{name}' has no milestones yet. Save one with: walkthrough milestone {id} NAME").format(
                name=session.name, id=session.id
            )
        )
    else:
        say(_table(session, now))
    return 0


def run_compare(context: Context, args: argparse.Namespace) -> int:
    store = context.store
    entry = store.resolve(args.session)
    # Standard output unless -o names a file or a directory ("<session name> progress.md" inside it).
    target = (
        None if args.output is None else export_target(args, f"{entry.name} progress", entry.id, args.format)
    )
    with store.open(entry.id, read_only=True) as handle:
        comparison = comparison_of(context, handle.session, handle.milestone_state, args.since, args.to)
    if args.format == "json":
        text = json_text(comparison_document(comparison))
    else:
        from walkthrough.report.compare_markdown import render_comparison

        text = render_comparison(comparison)
    deliver(target, text, replace=args.force)
    return 0


def comparison_of(
    context: Context,
    session: Session,
    state_of: Callable[[Milestone], Session],
    since: str | None,
    to: str | None,
) -> Comparison:
    """--from and --to as the PM gave them: by default the latest milestone against now; with
    only --to, the milestone before it against it."""
    if not session.milestones:
        raise UserError(
            N_(
                "'{name}' has no milestones to compare with yet; save one with: walkthrough milestone {id} NAME"
            ),
            name=session.name,
            id=session.id,
        )
    later = find(session, to) if to is not None else None
    if since is not None:
        earlier = find(session, since)
    elif later is not None:
        place = session.milestones.index(later)
        if place == 0:
            raise UserError(
                N_("'{milestone}' is the first milestone of '{session}': give --from"),
                milestone=later.name,
                session=session.name,
            )
        earlier = session.milestones[place - 1]
    else:
        earlier = session.milestones[-1]
    before = milestone_side(earlier, state_of(earlier))
    after = milestone_side(later, state_of(later)) if later else now_side(session, launch.today())
    return compare(context.bank, before, after)


def _exactly(session: Session, name: str) -> Milestone:
    """The milestone with exactly this name (ignoring case): deleting never goes by a prefix."""
    milestone = find(session, name)
    if " ".join(milestone.name.split()).casefold() != " ".join(name.split()).casefold():
        raise UserError(
            N_("no milestone is named '{name}' exactly (did you mean '{found}'?)"),
            name=name,
            found=milestone.name,
        )
    return milestone


def _counts_document(counts: dict[str, int]) -> dict[str, int]:
    figures = stats_progress(counts)
    return {
        "readiness": figures.readiness,
        "ready": figures.ready,
        "applicable": figures.applicable,
        "answered": figures.answered,
        "open": figures.open,
        "gaps": figures.gap,
        "overdue": counts.get("overdue", 0),
    }


def _milestone_document(milestone: Milestone) -> dict[str, object]:
    return {
        "name": milestone.name,
        "saved": milestone.saved.isoformat(),
        **_counts_document(milestone.counts),
    }


# Column titles of `milestones`, upper case as command-line tables have them.
COLUMNS = (
    N_("MILESTONE"),
    N_("SAVED"),
    N_("READINESS"),
    N_("ANSWERED"),
    N_("OPEN"),
    N_("GAPS"),
    N_("OVERDUE"),
)


def _table(session: Session, now: dict[str, int]) -> str:
    rows: list[tuple[str, ...]] = [tuple(_(title) for title in COLUMNS)]
    lines = [(m.name, m.saved.astimezone().strftime("%Y-%m-%d %H:%M"), m.counts) for m in session.milestones]
    # Translators: the last row of the milestones table: the session as it is now.
    lines.append((_("(now)"), "", now))
    for name, saved, counts in lines:
        figures = stats_progress(counts)
        rows.append(
            (
                name,
                saved,
                percent(milestone_readiness(counts)),
                f"{figures.answered}/{figures.applicable}",
                str(figures.open),
                str(figures.gap),
                str(counts.get("overdue", 0)),
            )
        )
    return columns(rows)
