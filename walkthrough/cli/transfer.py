"""`walkthrough export` and `walkthrough import`: a session in and out of the store.

Export writes the Markdown gap summary or the full session as JSON. A file is
written atomically (temp file, then a link or rename into place) and an existing
file is never replaced without --force, even if one appears while we write.
"""

from __future__ import annotations

import argparse
import os
from datetime import date
from pathlib import Path

from walkthrough.cli.document import STDIO, read_document
from walkthrough.cli.output import json_text, say, tell, write_stdout
from walkthrough.context import Context
from walkthrough.report.errors import UserError
from walkthrough.report.export import (
    TargetExists,
    check_target,
    default_filename,
    write_export,
)

FORCE_HINT = "use --force to overwrite it or -o to write elsewhere"


def run_export(context: Context, args: argparse.Namespace) -> int:
    store = context.store
    entry = store.resolve(args.session)
    fmt = args.format or "markdown"
    target = None if args.output == STDIO else _target_path(args.output, entry.name, entry.id, fmt)
    if target is not None:
        _check(target, replace=args.force)
    if fmt == "json":
        text = json_text(store.export_document(entry.id))
    else:
        from walkthrough.report.markdown import render_markdown

        with store.open(entry.id, read_only=True) as handle:
            session = handle.session
        text = render_markdown(context.bank, session, generated=date.today())
    if target is None:
        write_stdout(text)
    else:
        try:
            write_export(target, text, replace=args.force)
        except TargetExists as exc:
            raise UserError(f"{exc}; {FORCE_HINT}") from None
        tell(f"wrote {target}")
    return 0


def run_import(context: Context, args: argparse.Namespace) -> int:
    from sessions.errors import InvalidDocument, NewerSchema

    source = str(args.file)
    document = read_document(source)
    try:
        imported = context.store.import_session(document)
    except (InvalidDocument, NewerSchema) as exc:
        raise UserError(f"{source}: {exc}") from None
    session = imported.session
    done = f"imported '{session.name}' as {session.id}"
    if imported.renamed:  # both kept: the one already here is not touched
        done += f" (a session named '{imported.asked_name}' was already here)"
    try:
        say(done)
    except UserError as exc:  # it is in, whatever became of the message: say so, or a retry imports it twice
        raise UserError(f"{done}, but {exc}") from None
    return 0


def _target_path(output: str | None, name: str, session_id: str, fmt: str) -> Path:
    default_name = default_filename(name, session_id, fmt)
    if output is None:
        return Path(default_name)
    path = Path(output).expanduser()
    # `-o reports/` (an existing directory) writes the default name inside it.
    if path.is_dir():
        return path / default_name
    if output.endswith(("/", os.sep)):
        raise UserError(f"cannot write into {output}: no such directory")
    return path


def _check(target: Path, *, replace: bool) -> None:
    try:
        check_target(target, replace=replace)
    except TargetExists as exc:
        raise UserError(f"{exc}; {FORCE_HINT}") from None
