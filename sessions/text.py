"""Text from a file or a user, made safe to show.

A session name, a bank title or a key in an import document can hold anything: an escape
sequence would repaint, retitle or clear the PM's terminal (or write to its clipboard),
a control character would break the line it sits on, and a bidi control would make the
terminal draw the text around it in another order than it reads. `printable` is the one
place that decides what of such text reaches a terminal or a report; the TUI, which must
keep every character's column, draws the same characters as symbols instead (see
walkthrough/tui/widgets/visible.py, which takes BIDI_CONTROLS from here).
"""

from __future__ import annotations

import re
import unicodedata

# CSI (7- and 8-bit), then the string sequences ending at BEL or ST (OSC, DCS, SOS, PM, APC:
# an OSC 52 writes the clipboard), then every other two-or-more-byte ESC sequence.
ESCAPE_SEQUENCE = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"
    r"|\x9b[0-?]*[ -/]*[@-~]"
    r"|(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"
    r"|\x1b[ -/]*[0-~]"
)
# Embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069), the marks
# (U+200E, U+200F) and the Arabic letter mark: what it takes to make text read backwards.
BIDI_CONTROLS = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_NEWLINES = re.compile(r"\r\n|[\r\n\v\f\x1c-\x1e\x85\u2028\u2029]")
_ODD_NEWLINES = "\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"  # every line break but "\n" itself
_STRING_OR_CSI_8BIT = "\x90\x98\x9b\x9d\x9e\x9f"  # where an escape sequence can start without ESC
_UNPRINTABLE = re.compile(f"[\x00-\x08\x0e-\x1f\x7f-\x9f{BIDI_CONTROLS}\ud800-\udfff]")
# Letters that draw as blank space: a name made of them looks empty in every list.
_BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800")
_SHOW_NOTHING = frozenset({"Cc", "Cf", "Cs", "Zs", "Zl", "Zp"})
_PLAIN_KEY = re.compile(r"[A-Za-z0-9_.-]+")


def without_escape_sequences(text: str) -> str:
    return ESCAPE_SEQUENCE.sub("", text)


def printable(text: str, *, keep_newlines: bool = False) -> str:
    """`text` as it may be shown: escape sequences, control characters, bidi controls and
    lone surrogates (which no terminal can encode) gone, tabs as spaces, and every kind of
    line break as "\\n" when `keep_newlines`, else as a space."""
    if text.isprintable():
        # Nothing to take out: every character this removes or replaces is one Python counts
        # as unprintable (controls, format characters, surrogates, line and paragraph breaks,
        # tabs), and this check is one C call (a `list` cell, a whole answer alike).
        return text
    # Each pass runs only if its first character is there at all: `in` scans a long answer
    # far faster than a regular expression finds nothing in it (an export may hold megabytes).
    if "\x1b" in text or any(c in text for c in _STRING_OR_CSI_8BIT):
        text = without_escape_sequences(text)
    if not keep_newlines or any(c in text for c in _ODD_NEWLINES):
        text = _NEWLINES.sub("\n" if keep_newlines else " ", text)
    return _UNPRINTABLE.sub("", text).replace("\t", " ")


def printable_each(texts: list[str]) -> list[str]:
    """`printable` of each text (a table's column): one C call over them all when, as
    usual, none has anything to take out."""
    return texts if "".join(texts).isprintable() else [printable(text) for text in texts]


def shows_nothing(text: str) -> bool:
    """True when no character of `text` would draw anything: white space, controls,
    invisible format characters (bidi controls, zero-width spaces) and blank letters."""
    return all(
        ch in _BLANK_LETTERS or unicodedata.category(ch) in _SHOW_NOTHING
        for ch in without_escape_sequences(text)
    )


def dotted_path(path: tuple[object, ...]) -> str:
    """Where a value sits in a document: answers.q1.risk, stages[0].title. A key that is not
    a plain word is quoted as Python writes it, so the error that names it shows what the
    file holds (an escape sequence, a U+202E) without sending it: answers['\\x1b]0;x'].risk.
    (questions/loader.py keeps its own copy: the bank and the store share no code.)"""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        elif isinstance(part, str) and _PLAIN_KEY.fullmatch(part):
            out += f".{part}" if out else part
        else:
            out += f"[{part!r}]"
    return out
