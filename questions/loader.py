"""Load and validate question banks, reporting problems as one clear line.

Banks are YAML (JSON is valid YAML, so .json banks load too). When a bank fails
validation we re-read it as a node tree to point at the offending line: the
error names the file, the line, the path in the document and the reason.
"""

from __future__ import annotations

import errno
import os
import re
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from questions.builtin import DEFAULT_BANK_FILE
from questions.messages import N_, Message, Refusal
from questions.models import Bank

ModelT = TypeVar("ModelT", bound=BaseModel)
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# A bank is someone's file, and YAML can make a small file huge: 44 KB of aliases (stages
# that repeat teams that repeat questions) once asked for more memory than the machine had.
# The built-in bank is 42 KB, 8 levels deep and about 1,400 values; these limits leave a
# custom bank ample room and are checked on the parser's events, before anything is built.
MAX_BANK_BYTES = 2 * 1024 * 1024
MAX_DEPTH = 32
MAX_VALUES = 100_000
MAX_NUMBER_CHARS = 50  # `format: 1`, `version: 1.2`; Python refuses to read ints of 4,300+ digits
_NUMBER_TAGS = {"tag:yaml.org,2002:int", "tag:yaml.org,2002:float"}
_RESOLVER = yaml.resolver.Resolver()
_PLAIN_KEY = re.compile(r"[A-Za-z0-9_.-]+")


class BankError(Exception):
    """A bank that cannot be used; str() is the whole one-line explanation in English, kept as
    `template` and `params` so that the app can say it in the language in use."""

    def __init__(self, template: str, /, **params: Any) -> None:
        self.template = template
        self.params = params
        super().__init__(template.format(**params))


def load_bank(path: str | Path) -> Bank:
    path = Path(path)
    text = _read_text(path)
    return parse_bank(text, str(path))


def parse_bank(text: str, source: str, *, limits: bool = True) -> Bank:
    return parse_document(text, source, Bank, what="a bank", limits=limits)


# What each kind of file must hold, said when it holds nothing (or not a mapping).
_EMPTY = {
    "a bank": N_("{source}: the file is empty; a bank needs id, version, title and stages"),
    "a translation": N_(
        "{source}: the file is empty; a translation needs bank, language, title and questions"
    ),
}
_NOT_MAPPING = {
    "a bank": N_("{source}:1: a bank must be a mapping with id, version, title and stages, not {found}"),
    "a translation": N_(
        "{source}:1: a translation must be a mapping with bank, language, title and questions, not {found}"
    ),
}


def parse_document(text: str, source: str, model: type[ModelT], *, what: str, limits: bool = True) -> ModelT:
    """Parse a YAML (or JSON) bank-like file into `model`; every problem is one BankError line
    naming the file, the line, the path in the document and the reason. `limits`: refuse a
    document too deep, too large once its aliases are expanded, or holding an absurdly long
    number, before building anything (off only for the built-in bank)."""
    if not text.strip():
        raise BankError(_EMPTY[what], source=source)
    try:
        if limits:
            _check_shape(text, source)
        data = yaml.load(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"{source}:{mark.line + 1}:{mark.column + 1}" if mark else source
        # The YAML parser's own words: it has no others.
        reason = exc.problem or exc.context or Message(N_("not valid YAML"))
        raise BankError(_SYNTAX, where=where, reason=reason) from None
    except yaml.YAMLError as exc:
        raise BankError(_SYNTAX, where=source, reason=_one_line(str(exc))) from None
    if not isinstance(data, dict):
        found = Message(N_("nothing")) if data is None else type(data).__name__
        raise BankError(_NOT_MAPPING[what], source=source, found=found)
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        described = _describe(exc, text, source)
        raise BankError(described.template, **described.params) from None


_SYNTAX = N_("{where}: syntax error: {reason}")


@lru_cache(maxsize=1)
def default_bank() -> Bank:
    """The built-in touchpoint bank shipped inside the package."""
    ref = resources.files("questions") / "data" / DEFAULT_BANK_FILE
    return parse_bank(ref.read_text(encoding="utf-8"), f"<built-in {DEFAULT_BANK_FILE}>", limits=False)


def bank_json_schema() -> dict[str, Any]:
    """The JSON Schema of a bank file. It cannot state every rule `load_bank` checks: ids
    unique where they must be, and presets naming teams the bank has (README, "Your own
    question bank")."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **Bank.model_json_schema(),
        "title": "walkthrough question bank",
    }


def _read_text(path: Path) -> str:
    if not path.exists():
        raise BankError(N_("{path}: no such file"), path=path)
    if path.is_dir():
        raise BankError(
            N_("{path}: is a directory; give the path of a bank file (.yaml or .json)"), path=path
        )
    try:
        with path.open("rb") as stream:
            # One byte past the limit tells a file too large from one just large enough,
            # without reading all of /dev/zero or a 4 GB file first.
            raw = stream.read(MAX_BANK_BYTES + 1)
    except OSError as exc:
        raise BankError(N_("{path}: cannot read: {reason}"), path=path, reason=_os_reason(exc)) from None
    if len(raw) > MAX_BANK_BYTES:
        raise BankError(
            N_("{path}: more than {size} MB is too large for a bank (the built-in one is 42 KB)"),
            path=path,
            size=MAX_BANK_BYTES // (1024 * 1024),
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise BankError(
            N_("{path}:{line}: not UTF-8 text (byte {offset})"), path=path, line=line, offset=exc.start
        ) from None


# Why a bank file could not be read, for the usual reasons; others in the system's words.
_OS_REASONS = {
    errno.EACCES: N_("Permission denied"),
    errno.EPERM: N_("Operation not permitted"),
    errno.ELOOP: N_("Too many levels of symbolic links"),
    errno.EIO: N_("Input/output error"),
    errno.ENOENT: N_("No such file or directory"),
    errno.ENOTDIR: N_("Not a directory"),
    errno.EISDIR: N_("Is a directory"),
}


def _os_reason(exc: OSError) -> str:
    known = _OS_REASONS.get(exc.errno or 0)
    if known is not None and exc.strerror == os.strerror(exc.errno or 0):
        return Message(known)
    return exc.strerror or str(exc)


class _Frame:
    """A mapping or sequence open at this point of the event stream."""

    __slots__ = ("anchor", "expecting_key", "index", "is_mapping", "key", "values_before")

    def __init__(self, anchor: str | None, is_mapping: bool, values_before: int) -> None:
        self.anchor = anchor
        self.is_mapping = is_mapping
        self.values_before = values_before
        self.expecting_key = True
        self.index = -1
        self.key: Any = None

    def step(self, scalar_key: Any) -> None:
        """One child node began: in a mapping a key or a value, in a sequence an item."""
        if self.is_mapping:
            if self.expecting_key:
                self.key = scalar_key
            self.expecting_key = not self.expecting_key
        else:
            self.index += 1

    def part(self) -> Any:
        return self.key if self.is_mapping else self.index


def _check_shape(text: str, source: str) -> None:
    """Walk the parser's events (no Python objects built yet) and refuse, naming the line
    and the path, a document nested deeper than MAX_DEPTH, one that holds more than
    MAX_VALUES values once its aliases are expanded, or a number too long to be meant."""
    frames: list[_Frame] = []
    values = 0  # nodes so far, counting each alias as the whole node it repeats
    sizes: dict[str, int] = {}  # anchor -> expanded size of the node it names

    def refuse(event: yaml.Event, reason: str) -> BankError:
        where = f"{source}:{event.start_mark.line + 1}" if event.start_mark else source
        path = _dotted(tuple(frame.part() for frame in frames)) or Message(_TOP_LEVEL)
        return BankError(_AT, where=where, path=path, reason=reason)

    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, (yaml.ScalarEvent, yaml.AliasEvent, yaml.CollectionStartEvent)) and frames:
            frames[-1].step(event.value if isinstance(event, yaml.ScalarEvent) else None)
        if isinstance(event, yaml.ScalarEvent):
            values += 1
            if event.anchor:
                sizes[event.anchor] = 1
            if _too_long_a_number(event):
                raise refuse(
                    event,
                    Message(N_("a number {count} characters long is not a bank's"), count=len(event.value)),
                )
        elif isinstance(event, yaml.AliasEvent):
            values += sizes.get(event.anchor or "", 1)
        elif isinstance(event, yaml.CollectionStartEvent):
            if len(frames) >= MAX_DEPTH:
                raise refuse(
                    event,
                    Message(N_("nested more than {depth} levels deep (a bank needs 8)"), depth=MAX_DEPTH),
                )
            values += 1
            frames.append(_Frame(event.anchor, isinstance(event, yaml.MappingStartEvent), values))
        elif isinstance(event, yaml.CollectionEndEvent):
            frame = frames.pop()
            if frame.anchor:
                sizes[frame.anchor] = values - frame.values_before + 1
        if values > MAX_VALUES:
            raise refuse(
                event,
                Message(
                    N_(
                        "more than {count} values once its aliases are expanded "
                        "(the built-in bank has about 1,400); refused before building it"
                    ),
                    count=f"{MAX_VALUES:,}",
                ),
            )


def _too_long_a_number(event: yaml.ScalarEvent) -> bool:
    return (
        len(event.value) > MAX_NUMBER_CHARS
        and event.implicit[0]  # unquoted: the resolver decides what it is
        and _RESOLVER.resolve(yaml.ScalarNode, event.value, event.implicit) in _NUMBER_TAGS
    )


def _describe(exc: ValidationError, text: str, source: str) -> Message:
    errors = [error for error in exc.errors() if not _follows_from_another(error, exc.errors())]
    first = errors[0]
    # A model validator's "path" is relative to the model that raised it (a stage, for a
    # duplicate team id), whose own place is the error's loc.
    loc = tuple(first["loc"]) + tuple((first.get("ctx") or {}).get("path") or ())
    line = _line_of(text, loc)
    place = {
        "where": f"{source}:{line}" if line else source,
        "path": _dotted(loc) or Message(_TOP_LEVEL),
        "reason": _reason(first),
    }
    if len(errors) == 1:
        return Message(_AT, **place)
    if len(errors) == 2:
        return Message(N_("{where}: {path}: {reason} (and 1 more problem)"), **place)
    return Message(
        N_("{where}: {path}: {reason} (and {count} more problems)"), **place, count=len(errors) - 1
    )


_AT = N_("{where}: {path}: {reason}")
# Translators: where a problem is when it is in no field of the file but in the file as a whole.
_TOP_LEVEL = N_("top level")


def _follows_from_another(error: ErrorDetails, errors: list[ErrorDetails]) -> bool:
    """A tuple left too short only because its items failed ("at least 1 item after
    validation") is not a second problem."""
    if error["type"] != "too_short" or "after validation" not in error["msg"]:
        return False
    loc = tuple(error["loc"])
    return any(tuple(other["loc"])[: len(loc)] == loc and len(other["loc"]) > len(loc) for other in errors)


# pydantic's error types that a bank meets -> the reason, with the error's context as params.
# (The store says the same of a session in its own module: the bank and the store share no code.)
_REASONS = {
    "string_type": N_("Input should be a valid string"),
    "string_pattern_mismatch": N_("String should match pattern '{pattern}'"),
    "int_type": N_("Input should be a valid integer"),
    "int_parsing": N_("Input should be a valid integer, unable to parse string as an integer"),
    "int_from_float": N_("Input should be a valid integer, got a number with a fractional part"),
    "bool_type": N_("Input should be a valid boolean"),
    "bool_parsing": N_("Input should be a valid boolean, unable to interpret input"),
    "dict_type": N_("Input should be a valid dictionary"),
    "model_type": N_("Input should be a valid dictionary or instance of {class_name}"),
    "list_type": N_("Input should be a valid list"),
    "tuple_type": N_("Input should be a valid tuple"),
    "greater_than_equal": N_("Input should be greater than or equal to {ge}"),
    "less_than_equal": N_("Input should be less than or equal to {le}"),
    "literal_error": N_("Input should be {expected}"),
    "enum": N_("Input should be {expected}"),
    "unknown_team": N_("preset '{preset}' names unknown team '{team}'"),
}
# Types whose English counts: (type, context key) -> (said of 1, said of more).
_COUNTED = {
    ("string_too_short", "min_length"): (
        N_("String should have at least 1 character"),
        N_("String should have at least {min_length} characters"),
    ),
    ("string_too_long", "max_length"): (
        N_("String should have at most 1 character"),
        N_("String should have at most {max_length} characters"),
    ),
    ("too_short", "min_length"): (
        N_("should have at least 1 item, not {actual_length}"),
        N_("should have at least {min_length} items, not {actual_length}"),
    ),
    ("too_long", "max_length"): (
        N_("should have at most 1 item, not {actual_length}"),
        N_("should have at most {max_length} items, not {actual_length}"),
    ),
}
_DUPLICATE = {
    "stage id": N_("duplicate stage id '{value}'"),
    "question id": N_("duplicate question id '{value}'"),
    "preset id": N_("duplicate preset id '{value}'"),
    "team id": N_("duplicate team id '{value}'"),
}
_NEEDS_ONE = {
    "teams": N_("a stage needs at least one team"),
    "questions": N_("a team needs at least one question"),
    "stages": N_("a bank needs at least one stage"),
}


def _reason(error: ErrorDetails) -> str:
    kind = error["type"]
    loc = error["loc"]
    ctx: dict[str, Any] = dict(error.get("ctx") or {})
    if kind == "missing":
        return Message(N_("missing field {field}"), field=repr(loc[-1]))
    if kind == "extra_forbidden":
        return Message(N_("unknown field {field}"), field=repr(loc[-1]))
    if kind == "less_than_equal" and loc == ("format",):
        return Message(
            N_(
                "bank format {found} is newer than this walkthrough understands ({known}); upgrade walkthrough"
            ),
            found=error["input"],
            known=ctx["le"],
        )
    if kind == "too_short" and loc and loc[-1] in _NEEDS_ONE:
        return Message(_NEEDS_ONE[loc[-1]])
    if kind == "duplicate_id" and ctx.get("what") in _DUPLICATE:
        return Message(_DUPLICATE[ctx["what"]], value=ctx["value"])
    if kind == "value_error" and isinstance(ctx.get("error"), Refusal):
        return ctx["error"].said
    template = _REASONS.get(kind)
    for (counted, key), (one, many) in _COUNTED.items():
        if kind == counted and key in ctx:
            template = one if ctx[key] == 1 else many
    if template is not None:
        try:
            return Message(template, **{key: _one_line(str(value)) for key, value in ctx.items()})
        except (KeyError, IndexError):
            pass  # a context pydantic no longer gives: its own words below
    message = error["msg"]
    if kind.startswith("value_error"):
        message = message.removeprefix("Value error, ")
    return _one_line(message)


def _dotted(loc: tuple[Any, ...]) -> str:
    """stages[0].teams[1].name. A key that is not a plain word (it may hold anything, an
    escape sequence included) is quoted the way Python writes it: stages[0]['\\x1b]0;x'].
    The same rule as sessions.text.dotted_path: the bank and the store share no code."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif isinstance(part, str) and _PLAIN_KEY.fullmatch(part):
            out += f".{part}" if out else part
        else:
            out += f"[{part!r}]"
    return out


def _line_of(text: str, loc: tuple[Any, ...]) -> int | None:
    """1-based line of the deepest node along loc that exists in the document."""
    try:
        node = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError:
        return None
    line = node.start_mark.line + 1 if node is not None else None
    for part in loc:
        child = None
        if isinstance(node, yaml.MappingNode) and isinstance(part, str):
            for key, value in node.value:
                if getattr(key, "value", None) == part:
                    child = value
                    line = key.start_mark.line + 1
                    break
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
            child = node.value[part]
            line = child.start_mark.line + 1
        if child is None:
            break
        node = child
    return line


def _one_line(message: str) -> str:
    return " ".join(message.split())
