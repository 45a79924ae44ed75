"""`walkthrough export` and `walkthrough import`: a session in and out of the store.

Export writes the Markdown report (or a part of it: a team, an owner, a stage, or a file per
team), the open items as a CSV backlog, or the full session as JSON. A file is
written atomically (temp file, then a link or rename into place) and an existing
file is never replaced without --force, even if one appears while we write.
"""

from __future__ import annotations

import argparse
import os
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from walkthrough.cli.document import STDIO, read_document
from walkthrough.cli.output import json_text, say, tell, write_stdout
from walkthrough.context import Context
from walkthrough.i18n import N_, _, choose, language, ngettext, translate_error, using
from walkthrough.report.errors import UserError
from walkthrough.report.export import (
    TargetExists,
    check_target,
    default_filename,
    reason,
    write_export,
)

if TYPE_CHECKING:
    from sessions.models import Session
    from sessions.store import OpenSession
    from walkthrough.report.compare import Comparison
    from walkthrough.report.filters import Selection

FORCE_HINT = N_("use --force to overwrite it or -o to write elsewhere")
SPLIT_HINT = N_("use --force to overwrite the files or --split to write into another directory")


def run_export(context: Context, args: argparse.Namespace) -> int:
    store = context.store
    entry = store.resolve(args.session)
    fmt = args.format or "markdown"
    chosen = bool(args.team or args.owner or args.stage)
    # The report's language (--lang after `export`); what the CLI says stays in the interface's.
    report_language = choose(args.report_lang) if getattr(args, "report_lang", None) else language()
    if fmt == "json" and (chosen or args.split):
        raise UserError(
            N_("--team, --owner, --stage and --split choose part of a report; JSON is the whole session")
        )
    if args.split is not None:
        if fmt != "markdown":
            raise UserError(N_("--split writes Markdown files; leave out --format csv"))
        if args.output is not None:
            raise UserError(N_("--split DIR names where the files go; leave out -o"))
        return _export_split(context, args, entry.id, report_language)
    if fmt == "json":
        target = export_target(args, entry.name, entry.id, fmt)
        text = json_text(store.export_document(entry.id))
    else:
        from walkthrough.report import parts

        with store.open(entry.id, read_only=True) as handle:
            session = handle.session
            since = (
                progress_since(context, handle, report_language) if fmt == "markdown" and not chosen else None
            )
        part = (
            parts.selection(
                context.bank, session, teams=args.team, owners_given=args.owner, stages=args.stage
            )
            if chosen
            else None
        )
        with using(report_language):  # inside, context.bank is the bank in the report's language
            name = entry.name + (f" ({', '.join(part.describe(context.bank))})" if part else "")
        target = export_target(args, name, entry.id, fmt)
        with using(report_language):
            text = _render(fmt, context, session, part, since)
    deliver(target, text, replace=args.force)
    return 0


def _render(
    fmt: str, context: Context, session: Session, part: Selection | None, since: Comparison | None
) -> str:
    if fmt == "csv":
        from walkthrough.report.backlog import render_csv

        return render_csv(context.bank, session, generated=date.today(), item_filter=part)
    from walkthrough.report.markdown import render_markdown

    return render_markdown(context.bank, session, generated=date.today(), item_filter=part, since=since)


def progress_since(context: Context, handle: OpenSession, report_language: str) -> Comparison | None:
    """The session against its latest milestone, for the report's "Progress since" section; a
    milestone whose state is lost costs the section, said in a warning, not the report."""
    from sessions.errors import StoreError
    from walkthrough.report.compare import since_latest
    from walkthrough.report.launch import today

    try:
        return since_latest(
            context.bank_for(report_language), handle.session, handle.milestone_state, today()
        )
    except StoreError as exc:
        # "error:" and "warning:" stay as they are in every language: scripts look for them.
        tell(
            "warning: "
            + _("{problem}; the report leaves out what changed since it").format(problem=translate_error(exc))
        )
        return None


def export_target(args: argparse.Namespace, name: str, session_id: str, fmt: str) -> Path | None:
    """Where the export goes (None: stdout), checked before any work."""
    if args.output == STDIO:
        return None
    target = _target_path(args.output, name, session_id, fmt)
    _check(target, replace=args.force)
    return target


def _export_split(context: Context, args: argparse.Namespace, session_id: str, report_language: str) -> int:
    """One file per team and index.md, into DIR (made if its parent exists); every target is
    checked before the first is written, so a clash leaves nothing half done."""
    from walkthrough.report import parts

    directory = Path(args.split).expanduser()
    if directory.exists() and not directory.is_dir():
        raise UserError(N_("cannot write into {path}: not a directory"), path=args.split)
    with context.store.open(session_id, read_only=True) as handle:
        session = handle.session
    part = parts.selection(context.bank, session, teams=args.team, owners_given=args.owner, stages=args.stage)
    with using(report_language):
        files = parts.split(context.bank, session, generated=date.today(), part=part)
    if not directory.exists():
        try:
            directory.mkdir()
        except OSError as exc:
            raise UserError(N_("cannot make {path}: {reason}"), path=args.split, reason=reason(exc)) from None
    targets = {directory / name: text for name, text in files.items()}
    for target in targets:
        _check(target, replace=args.force, hint=SPLIT_HINT)
    for target, text in targets.items():
        write_target(target, text, replace=args.force, hint=SPLIT_HINT)
    return 0


def deliver(target: Path | None, text: str, *, replace: bool) -> None:
    """Text to its target, or to stdout when there is none (`-o -`)."""
    if target is None:
        write_stdout(text)
    else:
        write_target(target, text, replace=replace)


def write_target(target: Path, text: str, *, replace: bool, hint: str = FORCE_HINT) -> None:
    try:
        write_export(target, text, replace=replace)
    except TargetExists as exc:
        raise _with_hint(exc, hint) from None
    tell(_("wrote {path}").format(path=target))


def run_import(context: Context, args: argparse.Namespace) -> int:
    from sessions.errors import InvalidDocument, NewerSchema

    source = str(args.file)
    document = read_document(source)
    try:
        imported = context.store.import_session(document)
    except (InvalidDocument, NewerSchema) as exc:
        raise UserError(N_("{file}: {problem}"), file=source, problem=exc) from None
    session = imported.session
    if imported.renamed:  # both kept: the one already here is not touched
        done = _("imported '{name}' as {id} (a session named '{asked}' was already here)").format(
            name=session.name, id=session.id, asked=imported.asked_name
        )
    else:
        done = _("imported '{name}' as {id}").format(name=session.name, id=session.id)
    try:
        say(done)
    except UserError as exc:  # it is in, whatever became of the message: say so, or a retry imports it twice
        raise UserError(N_("{done}, but {problem}"), done=done, problem=exc) from None
    _warn_unmatched(context, session)
    return 0


def _warn_unmatched(context: Context, session: Session) -> None:
    """Answers keyed by ids this bank does not have are kept, and shown nowhere: a session
    from another bank, or ids edited by hand, would otherwise look like an empty walk."""
    from walkthrough.report.summary import unmatched_answers

    count = unmatched_answers(context.bank, session)
    if count:
        tell(
            "warning: "
            + ngettext(
                "{count} answer matches no question of this bank ({bank}); it is kept but not shown",
                "{count} answers match no question of this bank ({bank}); they are kept but not shown",
                count,
            ).format(count=count, bank=context.bank.id)
        )


def _target_path(output: str | None, name: str, session_id: str, fmt: str) -> Path:
    default_name = default_filename(name, session_id, fmt)
    if output is None:
        return Path(default_name)
    path = Path(output).expanduser()
    # `-o reports/` (an existing directory) writes the default name inside it.
    if path.is_dir():
        return path / default_name
    if output.endswith(("/", os.sep)):
        if os.path.lexists(path):
            raise UserError(N_("cannot write into {path}: not a directory"), path=output)
        raise UserError(N_("cannot write into {path}: no such directory"), path=output)
    return path


def _check(target: Path, *, replace: bool, hint: str = FORCE_HINT) -> None:
    try:
        check_target(target, replace=replace)
    except TargetExists as exc:
        raise _with_hint(exc, hint) from None


def _with_hint(exc: TargetExists, hint: str) -> UserError:
    # The hint is said in the interface's language now: it is one of two constants, not a message.
    return UserError(N_("{problem}; {hint}"), problem=exc, hint=_(hint))
