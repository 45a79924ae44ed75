"""A session name is one printable line wherever it comes from: typed, renamed or imported."""

from __future__ import annotations

import json

from cli_runner import run_cli

from walkthrough.context import Context


def test_control_characters_in_names_become_spaces(tmp_path):
    store = Context(data_dir_option=tmp_path).store
    session = store.create("Launch\x1b[31m red\nsecond line\x07", bank_id="b", bank_version="1")
    assert session.name == "Launch red second line"
    store.rename(session.id, "\x1b]0;pwned\x07Renamed")
    assert store.listing().entries[0].name == "Renamed"


def test_an_imported_name_is_cleaned_too(tmp_path):
    store = Context(data_dir_option=tmp_path).store
    session = store.create("Plain", bank_id="b", bank_version="1")
    document = store.export_document(session.id)
    document["name"] = "Evil\x1b[2J name"
    source = tmp_path / "evil.json"
    source.write_text(json.dumps(document), encoding="utf-8")
    result = run_cli("import", str(source), data_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    names = [row["name"] for row in json.loads(run_cli("list", "--json", data_dir=tmp_path).stdout)]
    assert sorted(names) == ["Evil name", "Plain"]
