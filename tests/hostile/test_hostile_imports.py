"""Hostile import documents: each refused through the real CLI with one line naming the file and
the field, nothing sent to the terminal, and the data directory exactly as it was."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from cli_runner import run_cli
from hostile_support import (
    Case,
    Tried,
    assert_case_refused,
    assert_inert,
    assert_refused,
    data_dir_with_a_session,
    export_document,
    fingerprint,
    run_corpus,
)

ESC_KEY = "\x1b]0;pwned\x07\x1b[2J"


def with_raw(placeholder_field: str, raw: str, **changes: Any) -> Callable[[], str]:
    """The export as JSON text with one value written as `raw` (what json.dumps cannot write)."""
    return lambda: json.dumps(export_document(**changes)).replace(f'"{placeholder_field}"', raw, 1)


def answer(**fields: Any) -> dict[str, Any]:
    return {"answers": {"find.marketing.value": {"text": "x", **fields}}}


def nested(depth: int) -> dict[str, Any]:
    value: Any = "deep"
    for _ in range(depth):
        value = {"a": value}
    return value


# name, file content, what the one error line must also say besides the file name
CASES: list[Case] = [
    (
        "5000-digit rating",
        with_raw("@@", "9" * 5000, **answer(risk="@@")),
        ("answers.find.marketing.value.risk:", "5000 digits"),
    ),
    (
        "5000-digit schema version",
        with_raw("@@", "1" * 5000, schema_version="@@"),
        ("schema_version:", "5000 digits"),
    ),
    ("5000-digit float", with_raw("@@", "1." + "5" * 5000, **answer(reward="@@")), ("reward:", "digits")),
    ("5000-digit exponent", with_raw("@@", "1e" + "9" * 5000, **answer(reward="@@")), ("reward:", "digits")),
    ("NaN", with_raw("@@", "NaN", **answer(risk="@@")), ("risk:", "NaN is not a JSON number")),
    ("Infinity", with_raw("@@", "-Infinity", **answer(risk="@@")), ("risk:", "-Infinity")),
    (
        "an export quoted as a string",
        lambda: json.dumps(json.dumps(export_document())),
        ("a JSON object", "a string"),
    ),
    ("a list of exports", lambda: json.dumps([export_document()]), ("a JSON object", "a list")),
    ("a number", lambda: "42", ("a JSON object", "a number")),
    ("null", lambda: "null", ("a JSON object", "null")),
    ("deep lists", lambda: "[" * 100_000 + "]" * 100_000, ("nest",)),
    (
        "deep objects in an answer",
        lambda: json.dumps(export_document(**answer(text=nested(40)))),
        ("nested more than 16",),
    ),
    ("over 16 MB", lambda: json.dumps(export_document()) + " " * (16 * 1024 * 1024), ("more than 16 MB",)),
    (
        "escape sequence in an answers key",
        lambda: json.dumps(export_document(answers={ESC_KEY: {"risk": "high"}})),
        ("answers['\\x1b]0;pwned\\x07\\x1b[2J'].risk",),
    ),
    (
        "right-to-left override in a key",
        lambda: json.dumps(export_document(answers={"\u202eq": {"risk": 9}})),
        ("answers['\\u202eq'].risk",),
    ),
    (
        "a name of only U+202E",
        lambda: json.dumps(export_document(name="\u202e")),
        ("name", "visible character"),
    ),
    (
        "a name of zero-width spaces",
        lambda: json.dumps(export_document(name="\u200b\u2060 \u200b")),
        ("name",),
    ),
    ("an escape-only name", lambda: json.dumps(export_document(name="\x1b[2J\x1b]0;x\x07")), ("name",)),
    ("unknown field with an escape", lambda: json.dumps(export_document(**{ESC_KEY: 1})), ("\\x1b]0;pwned",)),
    ("newer schema", lambda: json.dumps(export_document(schema_version=99)), ("newer walkthrough",)),
    ("not UTF-8", lambda: json.dumps(export_document()).encode() + b"\xff\x1b[2J", ("not UTF-8",)),
    ("not JSON", lambda: "{\x1b[2J", ("not valid JSON",)),
    ("empty", lambda: "", ("the file is empty",)),
]


@pytest.fixture(scope="module")
def refused(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Tried]:
    """Every case through `walkthrough import FILE`, side by side, each into a data directory
    holding a session."""
    return run_corpus(
        tmp_path_factory.mktemp("hostile-imports"),
        CASES,
        lambda _: "export.json",
        lambda source: ["import", str(source)],
    )


@pytest.mark.parametrize(
    ("case", "fragments"),
    [(case, fragments) for case, _, fragments in CASES],
    ids=[case for case, _, _ in CASES],
)
def test_a_hostile_import_is_one_line_and_touches_nothing(
    refused: dict[str, Tried], case: str, fragments: tuple[str, ...]
) -> None:
    assert_case_refused(refused[case], case, fragments)


def test_a_hostile_document_on_stdin_is_named_as_stdin(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    data_dir_with_a_session(data_dir)
    before = fingerprint(data_dir)
    result = run_cli("import", "-", data_dir=data_dir, input=json.dumps(json.dumps(export_document())))
    assert_refused(result, "error: -: an exported session is a JSON object")
    assert fingerprint(data_dir) == before


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_an_endless_import_is_refused_at_the_size_limit(tmp_path: Path, device: str) -> None:
    result = run_cli("import", device, data_dir=tmp_path / "data")
    assert_refused(result, device, "more than 16 MB")


def test_a_name_that_only_flips_text_is_refused_like_an_empty_one(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    data_dir_with_a_session(data_dir)
    before = fingerprint(data_dir)
    # Refused before the TUI would start: a name that shows nothing is no name.
    assert_refused(run_cli("new", "\u202e", data_dir=data_dir, timeout=30), "a session needs a name")
    assert fingerprint(data_dir) == before


def test_an_imported_name_with_bidi_controls_is_announced_harmlessly(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    source = tmp_path / "export.json"
    source.write_text(json.dumps(export_document(name="\u202eevil\u2066 launch\x9b")), encoding="utf-8")
    result = run_cli("import", str(source), data_dir=data_dir)
    assert_inert(result)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("imported 'evil launch' as ")
