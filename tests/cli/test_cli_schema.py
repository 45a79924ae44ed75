"""`walkthrough schema session`: the JSON Schema every `export --format json` document meets."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from cli_runner import run_cli
from hypothesis import HealthCheck, given, settings
from strategies import sessions as SESSIONS

from sessions.codec import export_document
from sessions.models import SCHEMA_VERSION, Session
from walkthrough.cli.output import json_text

HERE = Path(__file__).resolve().parents[1]
FIXTURES = HERE / "fixtures" / "summary"


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    result = run_cli("schema", "session")
    assert result.returncode == 0, result.stderr
    schema = json.loads(result.stdout)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


def test_the_exported_fixture_validates(tmp_path: Path, validator: jsonschema.Draft202012Validator) -> None:
    data = tmp_path / "data"
    bank = str(FIXTURES / "bank.yaml")
    imported = run_cli("--bank", bank, "import", str(FIXTURES / "full_session.json"), data_dir=data)
    assert imported.returncode == 0, imported.stderr
    session_id = imported.stdout.strip().rsplit(" as ", 1)[1]
    exported = run_cli("--bank", bank, "export", session_id, "--format", "json", "-o", "-", data_dir=data)
    assert exported.returncode == 0, exported.stderr
    document = json.loads(exported.stdout)
    validator.validate(document)
    assert document["schema_version"] == SCHEMA_VERSION


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(SESSIONS)
def test_every_exported_session_validates(
    validator: jsonschema.Draft202012Validator, session: Session
) -> None:
    # The text the CLI writes, read back as any JSON reader would.
    validator.validate(json.loads(json_text(export_document(session))))


@pytest.mark.parametrize(
    ("change", "why"),
    [
        (lambda d: d["answers"]["q"].update(risk=6), "a rating above 5"),
        (lambda d: d["answers"]["q"].update(readiness="done"), "an unknown readiness"),
        (lambda d: d["answers"]["q"].update(due="30/06/2026"), "a due date that is not ISO"),
        (lambda d: d.update(colour="blue"), "an unknown field"),
        (lambda d: d.update(schema_version=SCHEMA_VERSION + 1), "another schema version"),
        (lambda d: d.pop("bank_id"), "a missing field"),
        (lambda d: d.update(name=""), "an empty name"),
    ],
    ids=lambda v: v if isinstance(v, str) else "",
)
def test_the_schema_refuses_what_import_would_refuse(
    validator: jsonschema.Draft202012Validator, change, why: str
) -> None:
    from sessions.models import Answer

    document = export_document(
        Session(id="abc", name="Atlas", bank_id="b", bank_version="1", answers={"q": Answer(text="x")})
    )
    validator.validate(document)
    change(document)
    assert not validator.is_valid(document), why


def test_unknown_kind_is_a_usage_error() -> None:
    result = run_cli("schema", "answers")
    assert result.returncode == 2 and "invalid choice" in result.stderr


def test_schema_needs_no_data_dir(tmp_path: Path) -> None:
    result = run_cli("schema", "session", data_dir=tmp_path / "nowhere")
    assert result.returncode == 0 and not (tmp_path / "nowhere").exists()
