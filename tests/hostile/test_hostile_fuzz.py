"""Fuzzed import documents and banks through the CLI's entry point (in-process, so fifty
examples take seconds): whatever the file holds, the answer is a clean success or one
`error:` line naming the file, nothing a terminal would act on, and no session lost."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import yaml
from hostile_support import Outcome, assert_inert, export_document, fingerprint, fuzz_case, run_main
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

FUZZ = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Text that means harm on a terminal, mixed with ordinary letters.
hostile_text = st.lists(
    st.sampled_from(["\x1b[2J", "\x1b]0;pwned\x07", "\x9b31m", "\u202e", "\u2066", "\u200f", "\n", "\x00"])
    | st.characters(codec="utf-8").map(str),
    max_size=8,
).map("".join)
# Python will not even write an int of more than 4,300 digits, so a marker stands in for
# one until the document is text (see `with_numbers`).
huge_numbers = st.integers(1, 6000).map(lambda digits: f"@@{digits}@@")
_HUGE = re.compile(r"""["']@@(\d+)@@["']""")


def with_numbers(text: str) -> str:
    return _HUGE.sub(lambda m: "9" * int(m.group(1)), text)


scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | huge_numbers
    | st.floats(allow_nan=True, allow_infinity=True)
    | hostile_text
)
json_values = st.recursive(
    scalars,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(hostile_text, children, max_size=4),
    max_leaves=12,
)


def _deep(depth: int) -> Any:
    value: Any = 1
    for _ in range(depth):
        value = [value]
    return value


# --- import documents -----------------------------------------------------------------------

EXPORT = export_document(id="fuzzed000001", name="Fuzzed launch")


@st.composite
def import_documents(draw: st.DrawFn) -> str:
    """JSON text: an export with fields replaced, added or nested too deep; or something else."""
    kind = draw(st.sampled_from(["fields", "answers", "deep", "anything", "quoted"]))
    document: Any = dict(EXPORT)
    if kind == "fields":
        for field in draw(st.lists(st.sampled_from([*EXPORT, "extra"]), min_size=1, max_size=3)):
            document[field] = draw(json_values)
    elif kind == "answers":
        document["answers"] = draw(
            st.dictionaries(hostile_text, st.dictionaries(hostile_text, json_values, max_size=3), max_size=3)
        )
    elif kind == "deep":  # written as text: json.dumps itself cannot nest this deep
        depth = draw(st.integers(10, 100_000))
        document["answers"] = {"q": {"text": "@@"}}
        return json.dumps(document).replace('"@@"', "[" * depth + "]" * depth)
    elif kind == "anything":
        document = draw(json_values)
    else:
        document = json.dumps(document)
    return with_numbers(json.dumps(document))


def assert_clean(outcome: Outcome, source: Path) -> None:
    assert_inert(outcome)
    assert outcome.returncode in (0, 1), outcome
    if outcome.returncode == 1:
        lines = outcome.stderr.splitlines()
        assert len(lines) == 1 and lines[0].startswith(f"error: {source}"), outcome.stderr


def sessions_kept(before: dict[str, tuple[int, str]], after: dict[str, tuple[int, str]]) -> bool:
    """Every session file there before is there after, byte for byte and mode for mode."""
    return all(after.get(path) == state for path, state in before.items() if path.startswith("sessions"))


@FUZZ
@given(import_documents())
def test_fuzzed_import_documents(text: str) -> None:
    with fuzz_case(text, "fuzzed.json") as (data_dir, source, before):
        outcome = run_main(["--data-dir", str(data_dir), "import", str(source)])
        assert_clean(outcome, source)
        after = fingerprint(data_dir)
        if outcome.returncode == 1:
            assert after == before
        else:
            assert outcome.stdout.startswith("imported '")
            assert sessions_kept(before, after)


# --- banks ----------------------------------------------------------------------------------

BANK = {
    "id": "fuzz",
    "version": "1",
    "title": "Fuzzed bank",
    "stages": [
        {
            "id": "find",
            "title": "Customers find out",
            "teams": [
                {
                    "id": "marketing",
                    "name": "Marketing",
                    "questions": [{"id": "find.marketing.value", "prompt": "How?", "why": "Because."}],
                }
            ],
        }
    ],
}
TEXTS = [("title",), ("version",), ("stages", 0, "title"), ("stages", 0, "teams", 0, "name"),
         ("stages", 0, "teams", 0, "questions", 0, "prompt")]  # fmt: skip
ELSEWHERE = [("stages", 0, "teams", 0, "questions"), ("stages", 0, "extra"), ("format",), ("presets",)]


@st.composite
def bank_files(draw: st.DrawFn) -> str:
    """YAML or JSON text: a valid bank whose texts are hostile (it must load, and its outline
    show them harmless), the bank with anything in odd places, or a YAML alias fan-out."""
    bank = json.loads(json.dumps(BANK))
    kind = draw(st.sampled_from(["texts", "anything", "fan"]))
    if kind == "texts":
        for *path, last in draw(st.lists(st.sampled_from(TEXTS), min_size=1, max_size=5)):
            _at(bank, path)[last] = draw(hostile_text) + "x"  # something shows: a valid text
    elif kind == "anything":
        for *path, last in draw(st.lists(st.sampled_from(TEXTS + ELSEWHERE), min_size=1, max_size=3)):
            try:
                _at(bank, path)[last] = draw(st.one_of(json_values, st.integers(10, 200).map(_deep)))
            except (TypeError, KeyError, IndexError):
                continue  # an earlier draw replaced what held this place
    else:
        bank["stages"] = [
            {"id": "s", "title": "S", "teams": [{"id": "t", "name": "T", "questions": "@@FAN@@"}]}
        ]
    if kind != "fan" and draw(st.booleans()):
        return with_numbers(json.dumps(bank, allow_nan=True))
    text = yaml.safe_dump(bank, allow_unicode=draw(st.booleans()))
    if kind == "fan":  # the question list fanned out through aliases, `levels` deep
        fan, levels = draw(st.integers(2, 60)), draw(st.integers(1, 4))
        lines = ["fan0: &fan0 {id: q, prompt: 'How?', why: 'Because.'}"]
        lines += [
            f"fan{i}: &fan{i} [" + ", ".join([f"*fan{i - 1}"] * fan) + "]" for i in range(1, levels + 1)
        ]
        text = "\n".join(lines) + "\n" + text.replace("'@@FAN@@'", f"*fan{levels}")
    return with_numbers(text)


def _at(bank: dict[str, Any], path: list[str | int]) -> Any:
    holder: Any = bank
    for part in path:
        holder = holder[part]
    return holder


@FUZZ
@given(bank_files())
def test_fuzzed_banks(text: str) -> None:
    with fuzz_case(text, "bank.yaml") as (data_dir, bank, before):
        outcome = run_main(["--data-dir", str(data_dir), "--bank", str(bank), "list"])
        assert_clean(outcome, bank)
        after = fingerprint(data_dir)
        assert after == before if outcome.returncode == 1 else sessions_kept(before, after)
        # The check line quotes the version, the outline every title, name and prompt.
        for argv in (["questions", "--check", str(bank)], ["--bank", str(bank), "questions"]):
            shown = run_main(argv)
            assert_clean(shown, bank)
            assert shown.returncode == outcome.returncode
