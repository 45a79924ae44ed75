"""`walkthrough export` and `walkthrough import`: a session in and out of the store.

Export writes the Markdown gap summary or the full session as JSON. A file is
written atomically (temp file, then a link or rename into place) and an existing
file is never replaced without --force, even if one appears while we write.
"""

from __future__ import annotations

import argparse
import errno
import json
import os
import re
import secrets
import sys
import unicodedata
from datetime import date
from pathlib import Path
from typing import Any

from walkthrough.context import Context
from walkthrough.errors import UserError

STDIO = "-"
_EXTENSIONS = {"markdown": ".md", "json": ".json"}
_FORBIDDEN = set('/\\:*?"<>|')
_DROPPED_CATEGORIES = {"Cc", "Cf", "Cs"}  # controls, invisible format characters (bidi tricks), lone surrogates
_WINDOWS_RESERVED = {"con", "prn", "aux", "nul"} | {f"{p}{i}" for p in ("com", "lpt") for i in range(1, 10)}
_SURROGATE = re.compile("[\ud800-\udfff]")
_MAX_NAME_BYTES = 200  # below the usual 255-byte limit, leaving room for the extension and a temp prefix


def safe_filename(name: str, fallback: str = "session") -> str:
    """A file name (without extension) that names one file in the current directory on any OS.

    Keeps Unicode letters and spaces; path separators and characters Windows forbids
    become "_"; control and invisible characters go. Falls back to `fallback` (made
    safe the same way), then to "session", when nothing usable is left.
    """
    for candidate in (name, fallback, "session"):
        chars = []
        for c in candidate:
            if c.isspace():
                chars.append(" ")
            elif c in _FORBIDDEN:
                chars.append("_")
            elif unicodedata.category(c) not in _DROPPED_CATEGORIES:
                chars.append(c)
        cleaned = " ".join("".join(chars).split()).strip(" .")
        cleaned = _truncate_utf8(cleaned, _MAX_NAME_BYTES).rstrip(" .")
        if cleaned and cleaned.split(".")[0].strip().lower() not in _WINDOWS_RESERVED:
            return cleaned
    raise AssertionError("unreachable: 'session' is a safe name")


def _truncate_utf8(text: str, limit: int) -> str:
    encoded = text.encode("utf-8")
    return text if len(encoded) <= limit else encoded[:limit].decode("utf-8", errors="ignore")


def run_export(context: Context, args: argparse.Namespace) -> int:
    store = context.store
    entry = store.resolve(args.session)
    fmt = args.format or "markdown"
    target = None if args.output == STDIO else _target_path(args.output, entry.name, entry.id, fmt)
    if target is not None and not args.force:
        _refuse_existing(target)
    if fmt == "json":
        text = document_json(store.export_document(entry.id))
    else:
        from walkthrough.markdown_export import render_markdown

        with store.open(entry.id, read_only=True) as handle:
            session = handle.session
        text = render_markdown(context.bank, session, generated=date.today())
    if target is None:
        _write_stdout(text)
    else:
        write_atomically(target, text, force=args.force)
        print(f"wrote {target}", file=sys.stderr)
    return 0


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
    default_name = safe_filename(name, session_id) + _EXTENSIONS[fmt]
    if output is None:
        return Path(default_name)
    path = Path(output).expanduser()
    # `-o reports/` (an existing directory) writes the default name inside it.
    return path / default_name if path.is_dir() else path


def _refuse_existing(target: Path) -> None:
    if target.is_dir():
        raise UserError(f"cannot write {target}: it is a directory")
    if os.path.lexists(target):
        raise UserError(f"{target} already exists; use --force to overwrite it or -o to write elsewhere")


def write_atomically(target: Path, text: str, *, force: bool) -> None:
    """Write `text` to `target` in one step: readers see the old file or the whole new one.

    Without `force`, an existing file (even one created while we write) is left
    untouched and UserError is raised.
    """
    if target.is_dir():
        raise UserError(f"cannot write {target}: it is a directory")
    directory = target.parent
    temp = directory / f".{target.name[:40]}.{secrets.token_hex(4)}.tmp"
    try:
        # 0o666 and the umask give the file the permissions any new file would get.
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    except OSError as exc:
        raise UserError(f"cannot write {target}: {_reason(exc)}") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        if force:
            os.replace(temp, target)
        else:
            _link_no_clobber(temp, target)
    except OSError as exc:
        raise UserError(f"cannot write {target}: {_reason(exc)}") from None
    finally:
        if os.path.lexists(temp):
            os.unlink(temp)


def _link_no_clobber(temp: Path, target: Path) -> None:
    try:
        os.link(temp, target)  # fails if target exists: no window in which we could overwrite it
    except FileExistsError:
        raise UserError(f"{target} already exists; use --force to overwrite it or -o to write elsewhere") from None
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK, errno.ENOSYS):
            raise
        # A file system without hard links (FAT, some network shares): check, then rename.
        _refuse_existing(target)
        os.replace(temp, target)


def _reason(exc: OSError) -> str:
    if isinstance(exc, FileNotFoundError):
        return "no such directory"
    if isinstance(exc, PermissionError):
        return "permission denied"
    return (exc.strerror or str(exc)).lower()


def _write_stdout(text: str) -> None:
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:  # a text-only stream (tests, embedding)
        sys.stdout.write(text)
    else:
        sys.stdout.flush()
        buffer.write(text.encode("utf-8"))
    sys.stdout.flush()


def document_json(document: Any) -> str:
    """Readable UTF-8 JSON. A lone surrogate (a broken paste) cannot be UTF-8, so it alone
    is written as a \\u escape, which reads back as the same character."""
    text = json.dumps(document, ensure_ascii=False, indent=2, default=_json_default) + "\n"
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


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
            raise UserError(f"{source}: cannot read: {_reason(exc)}") from None
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
