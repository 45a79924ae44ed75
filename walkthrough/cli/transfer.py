"""`walkthrough export` and `walkthrough import`: a session in and out of the store.

Export writes the Markdown gap summary or the full session as JSON. A file is
written atomically (temp file, then a link or rename into place) and an existing
file is never replaced without --force, even if one appears while we write.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from walkthrough.context import Context
from walkthrough.report.errors import UserError
from walkthrough.report.export import (
    SURROGATE,
    TargetExists,
    check_target,
    default_filename,
    reason,
    write_export,
)

if TYPE_CHECKING:
    from sessions.models import Session
    from walkthrough.report.filters import Selection

STDIO = "-"
FORCE_HINT = "use --force to overwrite it or -o to write elsewhere"
SPLIT_HINT = "use --force to overwrite the files or --split to write into another directory"


def run_export(context: Context, args: argparse.Namespace) -> int:
    store = context.store
    entry = store.resolve(args.session)
    fmt = args.format or "markdown"
    chosen = bool(args.team or args.owner or args.stage)
    if fmt == "json" and (chosen or args.split):
        raise UserError(
            "--team, --owner, --stage and --split choose part of a report; JSON is the whole session"
        )
    if args.split is not None:
        if fmt != "markdown":
            raise UserError("--split writes Markdown files; leave out --format csv")
        if args.output is not None:
            raise UserError("--split DIR names where the files go; leave out -o")
        return _export_split(context, args, entry.id)
    if fmt == "json":
        target = _export_target(args, entry.name, entry.id, fmt)
        text = document_json(store.export_document(entry.id))
    else:
        from walkthrough.report import parts

        with store.open(entry.id, read_only=True) as handle:
            session = handle.session
        part = (
            parts.selection(
                context.bank, session, teams=args.team, owners_given=args.owner, stages=args.stage
            )
            if chosen
            else None
        )
        name = entry.name + (f" ({', '.join(part.describe(context.bank))})" if part else "")
        target = _export_target(args, name, entry.id, fmt)
        text = _render(fmt, context, session, part)
    if target is None:
        _write_stdout(text)
    else:
        _write(target, text, replace=args.force)
    return 0


def _render(fmt: str, context: Context, session: Session, part: Selection | None) -> str:
    if fmt == "csv":
        from walkthrough.report.backlog import render_csv

        return render_csv(context.bank, session, generated=date.today(), item_filter=part)
    from walkthrough.report.markdown import render_markdown

    return render_markdown(context.bank, session, generated=date.today(), item_filter=part)


def _export_target(args: argparse.Namespace, name: str, session_id: str, fmt: str) -> Path | None:
    """Where the export goes (None: stdout), checked before any work."""
    if args.output == STDIO:
        return None
    target = _target_path(args.output, name, session_id, fmt)
    _check(target, replace=args.force)
    return target


def _export_split(context: Context, args: argparse.Namespace, session_id: str) -> int:
    """One file per team and index.md, into DIR (made if its parent exists); every target is
    checked before the first is written, so a clash leaves nothing half done."""
    from walkthrough.report import parts

    directory = Path(args.split).expanduser()
    if directory.exists() and not directory.is_dir():
        raise UserError(f"cannot write into {args.split}: not a directory")
    with context.store.open(session_id, read_only=True) as handle:
        session = handle.session
    part = parts.selection(context.bank, session, teams=args.team, owners_given=args.owner, stages=args.stage)
    files = parts.split(context.bank, session, generated=date.today(), part=part)
    if not directory.exists():
        try:
            directory.mkdir()
        except OSError as exc:
            raise UserError(f"cannot make {args.split}: {reason(exc)}") from None
    targets = {directory / name: text for name, text in files.items()}
    for target in targets:
        _check(target, replace=args.force, hint=SPLIT_HINT)
    for target, text in targets.items():
        _write(target, text, replace=args.force, hint=SPLIT_HINT)
    return 0


def _write(target: Path, text: str, *, replace: bool, hint: str = FORCE_HINT) -> None:
    try:
        write_export(target, text, replace=replace)
    except TargetExists as exc:
        raise UserError(f"{exc}; {hint}") from None
    print(f"wrote {target}", file=sys.stderr)


def run_import(context: Context, args: argparse.Namespace) -> int:
    from sessions.errors import InvalidDocument, NewerSchema

    source = str(args.file)
    document = _read_document(source)
    try:
        session = context.store.import_document(document)
    except (InvalidDocument, NewerSchema) as exc:
        raise UserError(f"{source}: {exc}") from None
    print(f"imported '{session.name}' as {session.id}")
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
        problem = "not a directory" if os.path.lexists(path) else "no such directory"
        raise UserError(f"cannot write into {output}: {problem}")
    return path


def _write_stdout(text: str) -> None:
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:  # a text-only stream (tests, embedding)
        sys.stdout.write(text)
    else:
        sys.stdout.flush()
        buffer.write(text.encode("utf-8"))
    sys.stdout.flush()


def _check(target: Path, *, replace: bool, hint: str = FORCE_HINT) -> None:
    try:
        check_target(target, replace=replace)
    except TargetExists as exc:
        raise UserError(f"{exc}; {hint}") from None


def document_json(document: Any) -> str:
    """Readable UTF-8 JSON. A lone surrogate (a broken paste) cannot be UTF-8, so it alone
    is written as a \\u escape, which reads back as the same character."""
    text = json.dumps(document, ensure_ascii=False, indent=2, default=_json_default) + "\n"
    return SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _json_default(value: Any) -> str:
    if hasattr(value, "isoformat"):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def _read_document(source: str) -> Any:
    if source == STDIO:
        raw = sys.stdin.buffer.read()
    else:
        path = Path(source).expanduser()
        if path.is_dir():
            raise UserError(f"{source}: is a directory, not an exported session")
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            raise UserError(f"{source}: no such file") from None
        except OSError as exc:
            raise UserError(f"{source}: cannot read: {reason(exc)}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UserError(f"{source}: not UTF-8 text (byte {exc.start})") from None
    if not text.strip():
        raise UserError(f"{source}: the file is empty; expected a session exported with --format json")
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise UserError(f"{source}:{exc.lineno}:{exc.colno}: not valid JSON: {exc.msg}") from None
    except RecursionError:
        raise UserError(f"{source}: not valid JSON: nested too deeply") from None
