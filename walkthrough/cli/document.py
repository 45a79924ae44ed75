"""Reading an import document: the file (or stdin) as a JSON object, or one line saying why not.

The file is anyone's: it may be huge, nested without end, hold a number of 5,000 digits
(which Python refuses to turn into an int, with a ValueError that names nothing) or be a
JSON string whose text is an export. Each is refused here, naming the file and the field.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from sessions.text import dotted_path
from walkthrough.i18n import N_, _
from walkthrough.report.errors import UserError
from walkthrough.report.export import reason

STDIO = "-"
# An export of the built-in bank with every answer written out is well under 1 MB.
MAX_DOCUMENT_BYTES = 16 * 1024 * 1024
MAX_DEPTH = 16  # an export is 6 deep: milestones → n → session → answers → question id → answer
MAX_NUMBER_CHARS = 30  # ratings are 1 to 5 and versions small: nothing longer is meant


class _Refused:
    """Stands in for a value JSON may write but walkthrough will not read; found after parsing
    so the error can say where it stood."""

    def __init__(self, why: str) -> None:
        self.why = why


def _number(text: str) -> Any:
    if len(text) > MAX_NUMBER_CHARS:
        return _Refused(
            _("a number {count} digits long is not a value a session holds").format(count=len(text))
        )
    return float(text) if any(c in text for c in ".eE") else int(text)


def _constant(word: str) -> _Refused:
    return _Refused(_("{word} is not a JSON number").format(word=word))


def read_document(source: str) -> dict[str, Any]:
    """The import document in `source` (a path, or "-" for stdin), checked to be a JSON object
    of sensible size and depth whose numbers are all numbers."""
    text = _read_text(source)
    try:
        document = json.loads(text, parse_int=_number, parse_float=_number, parse_constant=_constant)
    except json.JSONDecodeError as exc:
        # json's own reason (exc.msg) is English: the library does not translate it.
        raise UserError(
            N_("{file}:{line}:{column}: not valid JSON: {reason}"),
            file=source,
            line=exc.lineno,
            column=exc.colno,
            reason=exc.msg,
        ) from None
    except RecursionError:
        raise UserError(N_("{file}: not valid JSON: nested too deeply"), file=source) from None
    if not isinstance(document, dict):
        raise UserError(_not_an_object(document), file=source)
    _check_values(document, source)
    return document


def _not_an_object(document: object) -> str:
    if isinstance(document, str):
        message = N_(
            "{file}: an exported session is a JSON object ({{...}}); this file holds a string "
            "(an export quoted as a string is not read twice)"
        )
    elif isinstance(document, list):
        message = N_("{file}: an exported session is a JSON object ({{...}}); this file holds a list")
    elif document is None:
        message = N_("{file}: an exported session is a JSON object ({{...}}); this file holds null")
    elif isinstance(document, bool):
        message = N_("{file}: an exported session is a JSON object ({{...}}); this file holds true or false")
    else:
        message = N_("{file}: an exported session is a JSON object ({{...}}); this file holds a number")
    return message


def _read_text(source: str) -> str:
    if source == STDIO:
        raw = sys.stdin.buffer.read(MAX_DOCUMENT_BYTES + 1)
    else:
        path = Path(source).expanduser()
        if path.is_dir():
            raise UserError(N_("{file}: is a directory, not an exported session"), file=source)
        try:
            with path.open("rb") as stream:
                raw = stream.read(MAX_DOCUMENT_BYTES + 1)
        except FileNotFoundError:
            raise UserError(N_("{file}: no such file"), file=source) from None
        except OSError as exc:
            raise UserError(N_("{file}: cannot read: {reason}"), file=source, reason=reason(exc)) from None
    if len(raw) > MAX_DOCUMENT_BYTES:
        raise UserError(
            N_("{file}: more than {size} MB is too large for an exported session"),
            file=source,
            size=MAX_DOCUMENT_BYTES // (1024 * 1024),
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UserError(N_("{file}: not UTF-8 text (byte {offset})"), file=source, offset=exc.start) from None
    if not text.strip():
        raise UserError(
            N_("{file}: the file is empty; expected a session exported with --format json"), file=source
        )
    return text


def _check_values(document: dict[str, Any], source: str) -> None:
    """Refuse the first value parsing set aside, or nesting deeper than an export has."""
    stack: list[tuple[tuple[str | int, ...], Any]] = [((), document)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, _Refused):
            where = dotted_path(path) or _("top level")
            raise UserError(N_("{file}: {field}: {problem}"), file=source, field=where, problem=value.why)
        children = (
            value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
        )
        for key, child in children:
            if isinstance(child, (dict, list)) and len(path) + 1 >= MAX_DEPTH:
                raise UserError(
                    N_(
                        "{file}: {field}: nested more than {depth} levels deep (an exported session is 6 at most)"
                    ),
                    file=source,
                    field=dotted_path((*path, key)),
                    depth=MAX_DEPTH,
                )
            stack.append(((*path, key), child))
