"""A bad bank is refused through the real CLI with one line: file, location, reason; exit 1."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_runner import assert_one_line_error, run_cli
from tiny_bank import GOOD


def write(tmp_path: Path, text: str, name: str = "bank.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_good_bank_checks_ok(tmp_path):
    path = write(tmp_path, GOOD)
    result = run_cli("questions", "--check", str(path))
    assert result.returncode == 0, result.stderr
    assert "1 stage, 1 touchpoint, 2 questions" in result.stdout


@pytest.mark.parametrize(
    ("case", "text", "fragments"),
    [
        ("syntax", GOOD.replace("title: Tiny bank", "title: [Tiny bank"), [":4:", "syntax error"]),
        ("empty", "", ["the file is empty"]),
        ("whitespace only", "  \n\n", ["the file is empty"]),
        ("not a mapping", "- a\n- b\n", [":1:", "must be a mapping", "list"]),
        ("missing field", GOOD.replace('version: "1"\n', ""), [":1:", "missing field 'version'"]),
        (
            "missing prompt",
            GOOD.replace("            prompt: How will we state the value in money terms?\n", ""),
            [":11:", "stages[0].teams[0].questions[0].prompt", "missing field 'prompt'"],
        ),
        (
            "wrong type",
            GOOD.replace("        questions:\n", "        questions: seven\n", 1).split(
                "          - id: find.marketing.value"
            )[0],
            [":10:", "stages[0].teams[0].questions", "valid"],
        ),
        (
            "duplicate id",
            GOOD.replace("id: find.marketing.leads", "id: find.marketing.value"),
            [":14:", "stages[0].teams[0].questions[1].id", "duplicate question id 'find.marketing.value'"],
        ),
        (
            "stage with no teams",
            GOOD.split("    teams:")[0] + "    teams: []\n",
            [":7:", "stages[0].teams", "a stage needs at least one team"],
        ),
        (
            "team with no questions",
            GOOD.split("        questions:")[0] + "        questions: []\n",
            [":10:", "stages[0].teams[0].questions", "a team needs at least one question"],
        ),
        (
            "unknown field",
            GOOD.replace("title: Tiny bank", "title: Tiny bank\ncolour: blue"),
            [":4:", "unknown field 'colour'"],
        ),
        (
            "number for text",
            GOOD.replace("prompt: How will we state the value in money terms?", "prompt: 123"),
            [":12:", "stages[0].teams[0].questions[0].prompt", "valid string"],
        ),
        ("future format", "format: 99\n" + GOOD, [":1:", "format", "newer than this walkthrough"]),
        (
            "bad id",
            GOOD.replace("id: find.marketing.leads", "id: Find Marketing"),
            [":14:", "questions[1].id"],
        ),
    ],
)
def test_bad_bank_is_one_clear_line(tmp_path, case, text, fragments):
    path = write(tmp_path, text)
    result = run_cli("questions", "--check", str(path))
    assert_one_line_error(result, str(path), *fragments)


def test_a_numeric_version_is_kept_as_written(tmp_path):
    path = write(tmp_path, GOOD.replace('version: "1"', "version: 2.5"))
    result = run_cli("questions", "--check", str(path))
    assert result.returncode == 0, result.stderr
    assert "version 2.5:" in result.stdout


def test_missing_file(tmp_path):
    result = run_cli("questions", "--check", str(tmp_path / "nope.yaml"))
    assert_one_line_error(result, "nope.yaml", "no such file")


def test_directory(tmp_path):
    result = run_cli("questions", "--check", str(tmp_path))
    assert_one_line_error(result, str(tmp_path), "is a directory")


def test_not_utf8(tmp_path):
    path = tmp_path / "latin1.yaml"
    path.write_bytes(GOOD.replace("Tiny bank", "Caf\xe9").encode("latin-1"))
    assert_one_line_error(run_cli("questions", "--check", str(path)), str(path), ":3:", "not UTF-8")


def test_a_bad_bank_given_with_bank_stops_every_command(tmp_path):
    path = write(tmp_path, GOOD.replace('version: "1"\n', ""))
    for command in (["questions"], ["list"], ["new", "Launch"]):
        result = run_cli("--bank", str(path), *command, data_dir=tmp_path / "data")
        assert_one_line_error(result, str(path), "missing field 'version'")
    assert not (tmp_path / "data" / "sessions").exists() or not any(
        (tmp_path / "data" / "sessions").iterdir()
    )


def test_json_banks_load_too(tmp_path):
    import json

    import yaml

    path = write(tmp_path, json.dumps(yaml.safe_load(GOOD)), "bank.json")
    result = run_cli("--bank", str(path), "questions", "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["id"] == "tiny"


def test_schema_describes_the_format():
    import json

    result = run_cli("questions", "--schema")
    assert result.returncode == 0, result.stderr
    schema = json.loads(result.stdout)
    assert schema["$schema"].startswith("https://json-schema.org/")
    assert set(schema["required"]) >= {"id", "version", "title", "stages"}
    assert "Question" in schema["$defs"] and "prompt" in schema["$defs"]["Question"]["properties"]
