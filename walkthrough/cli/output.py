"""Everything the CLI prints goes through here.

Text lines pass through `printable`, so no escape sequence, control or bidi character
from a bank, a session or an import reaches the terminal; JSON keeps every character
but writes the risky ones as \\u escapes. A write that fails (a full disk behind `>`,
/dev/full) is an error that says what was being written.
"""

from __future__ import annotations

import json
import os
import re
import sys
from itertools import repeat
from typing import Any, TextIO

from sessions.text import BIDI_CONTROLS, printable
from walkthrough.i18n import N_, _, translate_error
from walkthrough.report.errors import UserError

# JSON may carry any character inside a string; these few would act on a terminal (C1
# controls, bidi controls) or cannot be UTF-8 (lone surrogates), so they go as \u escapes,
# which read back as the same characters.
_ESCAPED_IN_JSON = re.compile(f"[\x7f-\x9f{BIDI_CONTROLS}\ud800-\udfff]")


def say(text: str) -> None:
    """A line of text on stdout."""
    write_stdout(printable(text, keep_newlines=True) + "\n")


def tell(text: str) -> None:
    """A line on stderr: a note beside the output (wrote …, warning: …, error: …)."""
    write_to(sys.stderr, printable(text) + "\n")


def columns(rows: list[tuple[str, ...]]) -> str:
    """Rows of printable cells as left-aligned columns two spaces apart, measured in terminal
    cells: a Chinese title or name is two cells a character, a Thai vowel mark none."""
    # A column at a time, with C functions where the cells are ASCII (the usual `list` of
    # 1,000 sessions): a Python expression per cell was a sixth of that command's time.
    by_column = list(zip(*rows, strict=True))
    padded = []
    for column in by_column[:-1]:
        if all(map(str.isascii, column)):
            padded.append(list(map(str.ljust, column, repeat(max(map(len, column))))))
            continue
        from rich.cells import cell_len

        widths = list(map(cell_len, column))
        widest = max(widths)
        padded.append([cell + " " * (widest - width) for cell, width in zip(column, widths, strict=True)])
    return "\n".join(map(str.rstrip, map("  ".join, zip(*padded, by_column[-1], strict=True))))


def shown(message: object) -> str:
    """A message from the bank, the store or the report in the language in use: one that
    carries a template and params is translated, plain text is shown as it is."""
    if isinstance(message, BaseException) or hasattr(message, "template"):
        return translate_error(message)  # type: ignore[arg-type]  # reads template and params only
    return str(message)


def write_json(document: Any) -> None:
    write_to(sys.stdout, json_bytes(document))


def json_text(document: Any) -> str:
    """Readable UTF-8 JSON, indented by 2, that shows the same on any terminal and reads back the same."""
    return json_bytes(document).decode("utf-8")


def json_bytes(document: Any) -> bytes:
    """`json_text` as the UTF-8 it is written in: `list --json` at 10,000 sessions is 2.5 MB,
    and leaving it bytes spares decoding it and encoding it again."""
    import orjson  # here: the commands that print text never write JSON

    try:
        # What json.dumps(indent=2) writes, made in Rust: 3 ms for 10,000 listed sessions,
        # where json.dumps took 70 (it indents in Python).
        data = orjson.dumps(document, default=_json_default, option=orjson.OPT_INDENT_2) + b"\n"
    except orjson.JSONEncodeError:
        # What orjson refuses and json writes: a lone surrogate (from a broken paste), an
        # integer past 64 bits, a key that is not a string.
        text = json.dumps(document, ensure_ascii=False, indent=2, default=_json_default)
        return _safe(text + "\n").encode("utf-8")
    if data.isascii() and b"\x7f" not in data:
        return data  # two scans in C: nothing to escape (the usual listing)
    return _safe(data.decode("utf-8")).encode("utf-8")


def _safe(text: str) -> str:
    return _ESCAPED_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def write_stdout(text: str) -> None:
    """Text already made safe (a rendered report, JSON, lines from `say`), as UTF-8."""
    write_to(sys.stdout, text)


def write_to(stream: TextIO | None, text: str | bytes) -> None:
    if stream is None:  # started with `>&-`
        raise UserError(N_("cannot write to standard output: it is closed"))
    buffer = getattr(stream, "buffer", None)
    try:
        if buffer is None:  # a text-only stream (tests, embedding)
            stream.write(text if isinstance(text, str) else text.decode("utf-8"))
        else:
            stream.flush()
            buffer.write(text if isinstance(text, bytes) else text.encode("utf-8"))
        stream.flush()
    except BrokenPipeError:
        raise  # `walkthrough list | head`: main ends quietly
    except OSError as exc:
        raise UserError(
            N_("cannot write to {stream}: {reason}"),
            stream=stream_name(stream),
            reason=(exc.strerror or str(exc)).lower(),
        ) from None


def stream_name(stream: TextIO) -> str:
    """ "standard output (/dev/full)": the file behind the stream, where the system says."""
    label = _("standard error") if stream is sys.stderr else _("standard output")
    try:
        where = os.readlink(f"/proc/self/fd/{stream.fileno()}")
    except (OSError, ValueError, AttributeError):
        return label
    # Translators: "standard output (/dev/full)": the stream and the file behind it.
    return _("{stream} ({file})").format(stream=label, file=where) if where.startswith("/") else label


def _json_default(value: Any) -> str:
    if hasattr(value, "isoformat"):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")
