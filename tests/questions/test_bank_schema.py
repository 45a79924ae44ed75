"""The bank's JSON Schema and `questions --check` agree: an editor that validates a bank with
the schema accepts exactly the banks the loader accepts, except for the rules a JSON Schema
cannot express (unique ids, presets naming known teams), which the README lists.

Each case is a small edit of a good bank, written as YAML the way a person would write it.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from cli_runner import run_cli

from questions.loader import BankError, bank_json_schema, parse_bank

GOOD: dict[str, Any] = {
    "format": 1,
    "id": "tiny",
    "version": "1",
    "title": "Tiny bank",
    "stages": [
        {
            "id": "find",
            "title": "Customers find out",
            "summary": "",
            "teams": [
                {
                    "id": "marketing",
                    "name": "Marketing",
                    "questions": [
                        {
                            "id": "find.marketing.value",
                            "prompt": "How will we state the value?",
                            "why": "Buyers.",
                        },
                        {"id": "find.marketing.leads", "prompt": "How will leads convert?", "why": "Funnel."},
                    ],
                },
                {
                    "id": "legal",
                    "name": "Legal",
                    "questions": [
                        {"id": "find.legal.ip", "prompt": "How is IP protected?", "why": "Copies."}
                    ],
                },
            ],
        }
    ],
    "presets": [{"id": "saas", "name": "SaaS", "excluded_teams": ["legal"]}],
}


def edit(change: Callable[[dict[str, Any]], None]) -> dict[str, Any]:
    bank = copy.deepcopy(GOOD)
    change(bank)
    return bank


def put(path: str, value: Any) -> Callable[[dict[str, Any]], None]:
    """An edit that sets the field at a dotted path ("stages.0.teams.0.name") to value."""

    def change(bank: dict[str, Any]) -> None:
        *parents, last = [int(p) if p.isdigit() else p for p in path.split(".")]
        node: Any = bank
        for part in parents:
            node = node[part]
        node[last] = value

    return change


def drop(path: str) -> Callable[[dict[str, Any]], None]:
    def change(bank: dict[str, Any]) -> None:
        *parents, last = [int(p) if p.isdigit() else p for p in path.split(".")]
        node: Any = bank
        for part in parents:
            node = node[part]
        del node[last]

    return change


Q0 = "stages.0.teams.0.questions.0"

# (name, edit, accepted by both)
CASES: list[tuple[str, Callable[[dict[str, Any]], None], bool]] = [
    ("the good bank", lambda bank: None, True),
    ("version as text", put("version", "1.2"), True),
    ("version as a decimal number", put("version", 1.2), True),
    ("version as a whole number", put("version", 3), True),
    ("version true", put("version", True), False),
    ("version null", put("version", None), False),
    ("version empty", put("version", ""), False),
    ("version whitespace only", put("version", "   "), False),
    ("version a list", put("version", [1]), False),
    ("format 1", put("format", 1), True),
    ("format 1.0", put("format", 1.0), True),
    ("format as text", put("format", "1"), False),
    ("format true", put("format", True), False),
    ("format 1.5", put("format", 1.5), False),
    ("format 0", put("format", 0), False),
    ("format from the future", put("format", 2), False),
    ("format left out", drop("format"), True),
    ("title whitespace only", put("title", "  \t "), False),
    ("title a no-break space only", put("title", "\u00a0"), False),
    ("title a number", put("title", 2027), False),
    ("prompt whitespace only", put(f"{Q0}.prompt", "\n\n"), False),
    ("why empty", put(f"{Q0}.why", ""), False),
    ("a whitespace-only hint", put(f"{Q0}.hints", ["Ask sales", "  "]), False),
    ("hints as one text", put(f"{Q0}.hints", "Ask sales"), False),
    ("a whitespace-only measure", put("stages.0.measures", [" "]), False),
    ("team name whitespace only", put("stages.0.teams.0.name", " "), False),
    ("preset name whitespace only", put("presets.0.name", "   "), False),
    ("stage summary whitespace only (free text)", put("stages.0.summary", "   "), True),
    ("question id in capitals", put(f"{Q0}.id", "Find.Value"), False),
    ("question id of 81 characters", put(f"{Q0}.id", "q" * 81), False),
    ("language a number", put("language", 5), False),
    ("an unknown field", put("colour", "blue"), False),
    ("no stages", put("stages", []), False),
    ("a team without questions", drop("stages.0.teams.0.questions"), False),
    ("a preset excluding a malformed id", put("presets.0.excluded_teams", ["Legal Team"]), False),
]

# Rules a JSON Schema cannot state: the schema accepts these banks, `--check` refuses them.
NOT_EXPRESSIBLE: list[tuple[str, Callable[[dict[str, Any]], None], str]] = [
    (
        "duplicate team id in a stage",
        put("stages.0.teams.1.id", "marketing"),
        "duplicate team id 'marketing'",
    ),
    (
        "duplicate question id",
        put("stages.0.teams.1.questions.0.id", "find.marketing.value"),
        "duplicate question id 'find.marketing.value'",
    ),
    (
        "duplicate stage id",
        lambda bank: bank["stages"].append(copy.deepcopy(bank["stages"][0])),
        "duplicate stage id 'find'",
    ),
    (
        "a preset naming an unknown team",
        put("presets.0.excluded_teams", ["factory"]),
        "unknown team 'factory'",
    ),
    (
        "duplicate preset id",
        lambda bank: bank["presets"].append({"id": "saas", "name": "Again"}),
        "duplicate preset id 'saas'",
    ),
]

SCHEMA = bank_json_schema()
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)


def as_yaml(bank: dict[str, Any]) -> str:
    return yaml.safe_dump(bank, allow_unicode=True, sort_keys=False)


def schema_ok(text: str) -> bool:
    return VALIDATOR.is_valid(yaml.safe_load(text))


def check_ok(text: str) -> bool:
    try:
        parse_bank(text, "bank.yaml")
    except BankError:
        return False
    return True


def test_the_schema_is_a_valid_draft_2020_12_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"


@pytest.mark.parametrize(("name", "change", "accepted"), CASES, ids=[c[0] for c in CASES])
def test_schema_and_check_agree(name: str, change: Callable[[dict[str, Any]], None], accepted: bool) -> None:
    text = as_yaml(edit(change))
    assert (schema_ok(text), check_ok(text)) == (accepted, accepted)


def test_there_are_enough_agreement_cases() -> None:
    assert len(CASES) >= 25
    assert sum(1 for _, _, ok in CASES if ok) >= 6 and sum(1 for _, _, ok in CASES if not ok) >= 19


@pytest.mark.parametrize(("name", "change", "reason"), NOT_EXPRESSIBLE, ids=[c[0] for c in NOT_EXPRESSIBLE])
def test_what_the_schema_cannot_express_is_caught_by_check(
    name: str, change: Callable[[dict[str, Any]], None], reason: str
) -> None:
    text = as_yaml(edit(change))
    assert schema_ok(text)
    with pytest.raises(BankError, match=reason):
        parse_bank(text, "bank.yaml")


def test_the_readme_names_what_the_schema_cannot_express() -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Your own question bank", 1)[1].split("\n## ", 1)[0]
    assert "cannot express" in section
    for rule in ("unique", "preset"):
        assert rule in section


def test_the_built_in_bank_and_its_json_form_are_schema_valid() -> None:
    result = run_cli("questions", "--json")
    assert result.returncode == 0, result.stderr
    VALIDATOR.validate(json.loads(result.stdout))


def test_schema_command_and_the_old_flag_print_the_same_schema() -> None:
    new = run_cli("schema", "bank")
    old = run_cli("questions", "--schema")
    assert new.returncode == old.returncode == 0, new.stderr + old.stderr
    assert json.loads(new.stdout) == json.loads(old.stdout) == SCHEMA


def test_a_duplicate_team_id_deep_in_the_file_names_its_own_line(tmp_path: Path) -> None:
    bank = edit(put("stages.0.teams.1.id", "marketing"))
    text = as_yaml(bank)
    path = tmp_path / "bank.yaml"
    path.write_text(text, encoding="utf-8")
    line = next(
        n for n, row in enumerate(text.splitlines(), 1) if row.strip() == "- id: marketing" and n > 10
    )
    result = run_cli("questions", "--check", str(path))
    assert result.returncode == 1
    assert result.stderr == (f"error: {path}:{line}: stages[0].teams[1].id: duplicate team id 'marketing'\n")
