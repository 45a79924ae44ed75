"""Odd things in the data directory: one unusable file never stops the others, and a
session from a newer walkthrough is explained wherever it is named."""

from __future__ import annotations

import json

import pytest
from cli_runner import assert_one_line_error, run_cli

from sessions.errors import NewerSchema
from walkthrough.context import Context


@pytest.fixture
def data_dir(tmp_path):
    return tmp_path / "data"


def create(data_dir, name):
    context = Context(data_dir_option=data_dir)
    return context.store.create(name, bank_id=context.bank.id, bank_version=context.bank.version)


def test_a_directory_named_like_a_session_is_reported_and_the_rest_still_list(data_dir):
    kept = create(data_dir, "Still here")
    odd = data_dir / "sessions" / "0123456789ab.json"
    odd.mkdir()
    listing = Context(data_dir_option=data_dir).store.listing()
    assert [entry.name for entry in listing.entries] == ["Still here"]
    assert len(listing.problems) == 1 and str(odd) in listing.problems[0]
    result = run_cli("list", "--json", data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    assert [row["id"] for row in json.loads(result.stdout)] == [kept.id]
    assert "warning: " in result.stderr and str(odd) in result.stderr
    assert odd.is_dir()  # reported, never removed


def test_a_newer_session_named_by_id_says_why_it_cannot_open(data_dir):
    session = create(data_dir, "From the future")
    path = data_dir / "sessions" / f"{session.id}.json"
    document = json.loads(path.read_text(encoding="utf-8"))
    document["meta"]["1"]["schema_version"] = 9
    path.write_text(json.dumps(document), encoding="utf-8")
    before = path.read_bytes()

    with pytest.raises(NewerSchema):
        Context(data_dir_option=data_dir).store.resolve(session.id[:6])
    for command in (["resume"], ["export"], ["delete", "--yes"]):
        assert_one_line_error(
            run_cli(*command, session.id, data_dir=data_dir), str(path), "newer walkthrough"
        )
    assert path.read_bytes() == before
