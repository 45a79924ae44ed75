"""Markdown paragraphs, headings and cells that hold user text literally, escaping only what
would otherwise be syntax.

Everything the report did not write itself — answers, decisions, names, and the bank's own
prompts (a custom bank is user text too) — is passed in as `User` text, so it can never open
a heading, a list, a quote, a code block, a table, a link, an image, emphasis, strikethrough,
math or HTML, under CommonMark, GitHub's engine or a renderer that drops raw HTML. Nothing
becomes an HTML entity or tag: pasted into chat, e-mail or an issue tracker, the raw text
reads as typed.

A backslash goes only before a character that would be syntax *where it stands*, judged over
the whole paragraph (emphasis and code spans pair across a paragraph): `~60`, `5 * 3`,
`snake_case`, `Engineering & QA` and `a -> b` stay as typed, `*bold*` becomes `\\*bold\\*`,
and a `-` is escaped only at the start of a line. Backticks are the one exception: each is
escaped, since a backslash cannot stop a backtick from closing a code span. The report's own emphasis only ever wraps
its own words ("**Q3**"), so it pairs with itself and never with user text. Line breaks kept
from user text are CommonMark hard breaks (two spaces, then the newline).

Speed: a few regular-expression passes over each paragraph, with work only where a match
is found — never a Python loop over every character.
"""

from __future__ import annotations

import bisect
import re
import sys
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from sessions.text import printable

HARD_BREAK = "  \n"

_BLANK_LINES = re.compile(r"\n{2,}")

_BACKSLASH = re.compile(r"\\(?=[!-/:-@\[-`{-~]|\n|\Z)")  # before ASCII punctuation or a line end
_BACKTICK = re.compile(r"`")
_DELIMITERS = {char: re.compile(re.escape(char) + "+") for char in "*_~$"}
_LINK_CLOSE = re.compile(r"\](?=[(\[])")  # `](` and `][` close a link or image; `[x]` alone is text
_TAG_OPEN = re.compile(r"<(?=[A-Za-z/!?])")  # HTML, comments, autolinks; `a < b` and `<-` stay
_ENTITY = re.compile(r"&(?=#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]{1,31};)")
_PIPE = re.compile(r"\|")
_BRACKET = re.compile(r"[\[\]]")
_LINE_START = re.compile(r"^[#>+*\-=_|:`~\[0-9]", re.MULTILINE)  # may open a block: checked below
_ORDERED = re.compile(r"([0-9]{1,9})[.)](?=[ \t]|$)")
_THEMATIC = re.compile(r"(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$")
_SETEXT = re.compile(r"(?:=+|-+)[ \t]*$")
_DELIMITER_ROW = re.compile(r"[|: \t]*-[-|: \t]*$")  # GFM: a table's second line, even without pipes
_HEADING_CLOSE = re.compile(r"[ \t](#+)[ \t]*$")


def clean_text(text: str) -> str:
    """Text with terminal escape sequences, control and bidi characters and lone surrogates
    gone, every kind of line break as "\\n" and tabs as spaces: the project's one
    `printable`, keeping line breaks."""
    return printable(text, keep_newlines=True)


def one_line(text: str) -> str:
    """Cleaned text on one line: every run of white space, line breaks included, is one space."""
    return " ".join(clean_text(text).split())


def _trimmed(clean: str) -> str:
    return "\n".join(line.strip() for line in clean.split("\n")).strip()


def text_lines(text: str) -> str:
    """Cleaned text with each line trimmed, blank lines dropped."""
    body = _trimmed(clean_text(text))
    return _BLANK_LINES.sub("\n", body) if "\n\n" in body else body


def text_paragraphs(text: str) -> list[str]:
    """Cleaned text as paragraphs (split at blank lines), each line trimmed."""
    body = _trimmed(clean_text(text))
    return [part for part in _BLANK_LINES.split(body) if part] if "\n\n" in body else [body] if body else []


@dataclass(frozen=True)
class User:
    """User text to be shown literally. `lines`: keep its line breaks (as hard breaks);
    otherwise it is put on one line."""

    text: str
    lines: bool = False

    def prepared(self) -> str:
        return text_lines(self.text) if self.lines else one_line(self.text)


class _Prepared(User):
    """User text already cleaned and trimmed (a paragraph of `text_paragraphs`)."""

    def prepared(self) -> str:
        return self.text


BREAK = "\n"
"""A part of a paragraph: a hard line break."""

Part = str | User

_FIELD = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")


def fill(template: str, **values: Part | Sequence[Part]) -> list[Part]:
    """A translated sentence as parts: `template` (the report's own words, in the language in
    use) with each `{name}` replaced by its value — a str of the report's own, User text, or a
    list of parts — so a translation puts them in its own word order and user text is still
    escaped where it lands."""
    parts: list[Part] = []
    last = 0
    for match in _FIELD.finditer(template):
        if match.start() > last:
            parts.append(template[last : match.start()])
        value = values[match[1]]
        if isinstance(value, str | User):
            parts.append(value)
        else:
            parts.extend(value)
        last = match.end()
    if last < len(template):
        parts.append(template[last:])
    return parts


def paragraph(*parts: Part, indent: str = "", starts_line: bool = True) -> str:
    """One paragraph: the report's own Markdown (str) and user text (User) in order, with a
    backslash wherever the user text would otherwise be syntax.

    `indent` goes before every line after the first (to stay inside a list item);
    `starts_line`: the paragraph begins a line (a list item's text does too; text after
    other text on the same line does not).
    """
    full, spans = _assemble(parts)
    escaped = _escape(full, spans, paragraph_start=starts_line)
    return escaped.replace("\n", HARD_BREAK + indent)


def heading(level: int, *parts: Part) -> str:
    """An ATX heading on one line; a closing run of `#` in user text stays text."""
    full, spans = _assemble(part if isinstance(part, str) else User(part.text) for part in parts)
    closing = _HEADING_CLOSE.search(full)
    extra = {closing.start(1)} if closing else set()
    return "#" * level + " " + _escape(full, spans, paragraph_start=False, extra=extra)


def cell(*parts: Part) -> str:
    """A table cell's content on one line, every `|` of user text escaped (GFM splits
    cells on a bare `|`, even in code)."""
    full, spans = _assemble(part if isinstance(part, str) else User(part.text) for part in parts)
    return _escape(full, spans, paragraph_start=False, cell=True)


def table(header: Sequence[str], align: str, rows: Iterable[Sequence[object]]) -> str:
    """A GFM table; align: one letter a column, "l" or "r". Cells are the report's own text or
    made with `cell`."""
    rule = ["---" if a == "l" else "--:" for a in align]
    assert len(rule) == len(header)

    def row(cells: Iterable[object]) -> str:
        return "| " + " | ".join(str(c) for c in cells) + " |"

    lines = [row(header), row(rule)]
    for cells in rows:
        assert len(cells) == len(header), cells
        lines.append(row(cells))
    return "\n".join(lines)


def link(target: str, *parts: Part) -> str:
    """`[text](target)`: the report's own link to one of its files, its text on one line with
    every bracket of user text escaped so that none can end it early. `target` is a plain
    file name the report chose (letters, digits, ".", "_", "-")."""
    assert target and all(c.isascii() and (c.isalnum() or c in "._-") for c in target), target
    full, spans = _assemble(part if isinstance(part, str) else User(part.text) for part in parts)
    return f"[{_escape(full, spans, paragraph_start=False, brackets=True)}]({target})"


def paragraphs(label: Part, text: str, *, indent: str = "") -> str:
    """User text that may hold several paragraphs, the first after `label` on its line:
    "**Answer:** first paragraph…", then each further paragraph on its own."""
    parts = text_paragraphs(text)
    if not parts:
        return ""
    first = paragraph(label, _Prepared(parts[0], lines=True), indent=indent)
    rest = [paragraph(_Prepared(part, lines=True), indent=indent) for part in parts[1:]]
    return ("\n\n" + indent).join([first, *rest])


def _assemble(parts: Iterable[Part]) -> tuple[str, list[tuple[int, int]]]:
    """The paragraph as one string (breaks as "\\n") and the spans of user text in it."""
    chunks: list[str] = []
    spans: list[tuple[int, int]] = []
    length = 0
    for part in parts:
        if isinstance(part, User):
            text = part.prepared()
            if not text:
                continue
            spans.append((length, length + len(text)))
        else:
            text = part
            if text == BREAK and (not chunks or chunks[-1].endswith("\n")):
                continue  # never an empty line: it would end the paragraph
        chunks.append(text)
        length += len(text)
    full = "".join(chunks)
    return full.rstrip("\n"), spans


def _inside(spans: list[tuple[int, int]], at: int) -> bool:
    i = bisect.bisect_right(spans, (at, sys.maxsize)) - 1
    return i >= 0 and spans[i][0] <= at < spans[i][1]


def _escape(
    full: str,
    spans: list[tuple[int, int]],
    *,
    paragraph_start: bool,
    cell: bool = False,
    brackets: bool = False,
    extra: Iterable[int] = (),
) -> str:
    """`full` with a backslash before each character of user text (in `spans`) that would
    otherwise be Markdown syntax in its place; `extra`: more places, kept if in user text."""
    if not spans:
        return full

    if len(spans) == 1:  # the common case, a long answer alone: no search per character
        (first, stop) = spans[0]

        def user(at: int) -> bool:
            return first <= at < stop
    else:

        def user(at: int) -> bool:
            return _inside(spans, at)

    # Each pattern runs only if its first character is there at all: `in` scans a long
    # answer far faster than a regular expression finds nothing in it.
    marks: set[int] = {at for at in extra if user(at)}
    if "\\" in full:
        marks.update(m.start() for m in _BACKSLASH.finditer(full) if user(m.start()))
    if "`" in full:
        _mark_code_spans(full, user, marks)
    for char, pattern in _DELIMITERS.items():
        if char in full:
            _mark_delimiters(full, pattern.finditer(full), char, user, marks)
    for char, pattern in (("]", _LINK_CLOSE), ("<", _TAG_OPEN), ("&", _ENTITY), ("|", _PIPE)):
        if char in full and (cell or pattern is not _PIPE):
            marks.update(m.start() for m in pattern.finditer(full) if user(m.start()))
    if brackets:
        marks.update(m.start() for m in _BRACKET.finditer(full) if user(m.start()))
    for match in _LINE_START.finditer(full):
        at = match.start()
        if user(at) and (at > 0 or paragraph_start):
            mark = _block_marker(full, at, first=at == 0)
            if mark is not None:
                marks.add(mark)
                # The rest of a run of `*`, `_`, `~` or backticks could still pair.
                end = mark + 1
                while end < len(full) and full[end] == full[mark] and full[mark] in "*_~`":
                    marks.add(end)
                    end += 1
    if not marks:
        return full
    out = []
    last = 0
    for at in sorted(marks):
        out.append(full[last:at])
        out.append("\\")
        last = at
    out.append(full[last:])
    return "".join(out)


def _mark_code_spans(text: str, user: Callable[[int], bool], marks: set[int]) -> None:
    # Every backtick: a run that opens a code span is closed by the next run of the same
    # length even if a backslash stands before it (escapes do not work inside code), so the
    # only safe rule is that no backtick of user text can open one.
    marks.update(m.start() for m in _BACKTICK.finditer(text) if user(m.start()))


_SPACE, _PUNCTUATION, _OTHER = 0, 1, 2
_KINDS: dict[str, int] = {"": _SPACE}


def _kind(char: str) -> int:
    """White space (the ends of a paragraph count as such), punctuation (Unicode P and S), or other."""
    kind = _KINDS.get(char)
    if kind is None:
        if char.isspace():
            kind = _SPACE
        elif unicodedata.category(char)[0] in "PS":
            kind = _PUNCTUATION
        else:
            kind = _OTHER
        if len(_KINDS) < 4096:
            _KINDS[char] = kind
    return kind


def _mark_delimiters(
    text: str, runs: Iterable[re.Match[str]], char: str, user: Callable[[int], bool], marks: set[int]
) -> None:
    """Emphasis (`*`, `_`), strikethrough (`~`) and GitHub's math (`$`) need an opening run
    and a later closing run; a run with no partner on the other side stays literal. The
    report's own runs (around its own words) pair among themselves and are left alone."""
    openers: list[tuple[int, int]] = []
    closers: list[tuple[int, int]] = []
    size = len(text)
    kinds = _KINDS  # local names: this loop runs once per run of the character
    for run in runs:
        start, end = run.span()
        if not user(start) or not user(end - 1):
            if user(start) or user(end - 1):  # touches the report's own markup: never let it pair
                marks.update(at for at in range(start, end) if user(at))
            continue
        char_before = text[start - 1] if start else ""
        char_after = text[end] if end < size else ""
        before = kinds.get(char_before)
        if before is None:
            before = _kind(char_before)
        after = kinds.get(char_after)
        if after is None:
            after = _kind(char_after)
        if before == _SPACE and after == _SPACE:
            continue  # "5 * 3": neither opens nor closes
        if char == "$":  # $x$: no space just inside the pair
            can_open, can_close = after != _SPACE, before != _SPACE
        else:
            left = after != _SPACE and (after == _OTHER or before != _OTHER)
            right = before != _SPACE and (before == _OTHER or after != _OTHER)
            if char == "_":  # snake_case: an underscore inside a word is text
                can_open = left and (not right or before == _PUNCTUATION)
                can_close = right and (not left or after == _PUNCTUATION)
            else:
                can_open, can_close = left, right
        if can_open:
            openers.append((start, end))
        if can_close:
            closers.append((start, end))
    if not openers or not closers:
        return
    last_closer = closers[-1][0]
    first_opener = openers[0][0]
    for start, end in openers:
        if start < last_closer:
            marks.update(range(start, end))
    for start, end in closers:
        if start > first_opener:
            marks.update(range(start, end))


def _defines(text: str, at: int) -> bool:
    """Could `[` at `at` open a definition? Its label may run over several lines of the
    paragraph (`[1` then `]: 1`), so look up to the paragraph's end, not the line's."""
    stop = text.find("\n\n", at)
    return "]:" in (text[at:] if stop < 0 else text[at:stop])


def _block_marker(text: str, at: int, *, first: bool) -> int | None:
    """Where to put a backslash so that the line starting at `at` stays paragraph text, or
    None. `first`: the line starts the paragraph (more can open there than inside one)."""
    end = text.find("\n", at)
    line = text[at:] if end < 0 else text[at:end]
    head = line[0]
    if head == "#":
        hashes = len(line) - len(line.lstrip("#"))
        return at if hashes <= 6 and (len(line) == hashes or line[hashes] in " \t") else None
    if head == ">":
        return at
    if head in "+*-" and (len(line) == 1 or line[1] in " \t"):
        return at
    if _THEMATIC.match(line) or (not first and _SETEXT.match(line)) or _DELIMITER_ROW.match(line):
        return at
    if head in "`~" and line.startswith(head * 3):
        return at
    if head == "[" and (first or line.startswith("[^")) and _defines(text, at):
        # A link reference definition opens a paragraph only; GitHub's footnote
        # definition interrupts one too.
        return at
    if head.isdigit():
        match = _ORDERED.match(line)
        # Inside a paragraph, only a non-empty item numbered 1 can start a list.
        if match and (first or (int(match.group(1)) == 1 and line[match.end() :].strip())):
            return at + match.end(1)
    return None
