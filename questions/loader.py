"""Load and validate question banks, reporting problems as one clear line.

Banks are YAML (JSON is valid YAML, so .json banks load too). When a bank fails
validation we re-read it as a node tree to point at the offending line: the
error names the file, the line, the path in the document and the reason.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from questions.models import Bank

DEFAULT_BANK_FILE = "touchpoints.yaml"
ModelT = TypeVar("ModelT", bound=BaseModel)
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class BankError(Exception):
    """A bank that cannot be used; str() is the whole one-line explanation."""


def load_bank(path: str | Path) -> Bank:
    path = Path(path)
    text = _read_text(path)
    return parse_bank(text, str(path))


def parse_bank(text: str, source: str) -> Bank:
    return parse_document(text, source, Bank, what="a bank")


_NEEDS = {"a bank": "id, version, title and stages", "a translation": "bank, language, title and questions"}


def parse_document(text: str, source: str, model: type[ModelT], *, what: str) -> ModelT:
    """Parse a YAML (or JSON) bank-like file into `model`; every problem is one BankError line
    naming the file, the line, the path in the document and the reason."""
    needs = _NEEDS.get(what, "its fields")
    if not text.strip():
        raise BankError(f"{source}: the file is empty; {what} needs {needs}")
    try:
        data = yaml.load(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"{source}:{mark.line + 1}:{mark.column + 1}" if mark else source
        reason = exc.problem or exc.context or "not valid YAML"
        raise BankError(f"{where}: syntax error: {reason}") from None
    except yaml.YAMLError as exc:
        raise BankError(f"{source}: syntax error: {_one_line(str(exc))}") from None
    if not isinstance(data, dict):
        found = "nothing" if data is None else type(data).__name__
        raise BankError(f"{source}:1: {what} must be a mapping with {needs}, not {found}")
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise BankError(_describe(exc, text, source)) from None


@lru_cache(maxsize=1)
def default_bank() -> Bank:
    """The built-in touchpoint bank shipped inside the package."""
    ref = resources.files("questions") / "data" / DEFAULT_BANK_FILE
    return parse_bank(ref.read_text(encoding="utf-8"), f"<built-in {DEFAULT_BANK_FILE}>")


def bank_json_schema() -> dict[str, Any]:
    schema = Bank.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "walkthrough question bank"
    return schema


def _read_text(path: Path) -> str:
    if not path.exists():
        raise BankError(f"{path}: no such file")
    if path.is_dir():
        raise BankError(f"{path}: is a directory; give the path of a bank file (.yaml or .json)")
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise BankError(f"{path}: cannot read: {exc.strerror or exc}") from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise BankError(f"{path}:{line}: not UTF-8 text (byte {exc.start})") from None


def _describe(exc: ValidationError, text: str, source: str) -> str:
    errors = exc.errors()
    first = errors[0]
    loc = tuple((first.get("ctx") or {}).get("path") or first["loc"])
    reason = _reason(first)
    line = _line_of(text, loc)
    where = f"{source}:{line}" if line else source
    more = f" (and {len(errors) - 1} more problem{'s' if len(errors) > 2 else ''})" if len(errors) > 1 else ""
    return f"{where}: {_dotted(loc) or 'top level'}: {reason}{more}"


def _reason(error: ErrorDetails) -> str:
    kind = error["type"]
    loc = error["loc"]
    if kind == "missing":
        return f"missing field {loc[-1]!r}"
    if kind == "extra_forbidden":
        return f"unknown field {loc[-1]!r}"
    if kind == "less_than_equal" and loc == ("format",):
        return f"bank format {error['input']} is newer than this walkthrough understands ({error['ctx']['le']}); upgrade walkthrough"
    if kind == "too_short" and loc and loc[-1] in ("teams", "questions", "stages"):
        holder = {"teams": "a stage", "questions": "a team", "stages": "a bank"}[loc[-1]]
        child = {"teams": "team", "questions": "question", "stages": "stage"}[loc[-1]]
        return f"{holder} needs at least one {child}"
    message = error["msg"]
    if kind.startswith("value_error"):
        message = message.removeprefix("Value error, ")
    return _one_line(message)


def _dotted(loc: tuple[Any, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
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
