"""A session name is one printable line wherever it comes from: typed, renamed or imported."""

from __future__ import annotations

import json

import pytest
from cli_runner import run_cli
from hypothesis import assume, given
from hypothesis import strategies as st

from sessions.errors import InvalidName
from sessions.names import MAX_NAME, free_name, name_problem
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


@pytest.mark.parametrize("name", ["\u202e", " \u202e\u2066 ", "\u200b\u2060", "\u3164", "\x1b[2J", "\ufeff"])
def test_a_name_that_shows_nothing_is_no_name(tmp_path, name):
    """Only a right-to-left override (or zero-width spaces, a blank letter, an escape
    sequence) looks like an empty name in every list: refused as one, wherever it comes from."""
    assert name_problem(name) == "Give the session a name."
    store = Context(data_dir_option=tmp_path).store
    with pytest.raises(InvalidName, match="a session needs a name"):
        store.create(name, bank_id="b", bank_version="1")
    session = store.create("Plain", bank_id="b", bank_version="1")
    with pytest.raises(InvalidName, match="a session needs a name"):
        store.rename(session.id, name)
    assert [entry.name for entry in store.listing().entries] == ["Plain"]


def test_a_name_with_a_bidi_control_and_letters_is_kept_as_typed(tmp_path):
    # Stored as typed (an Arabic or Hebrew name may carry marks on purpose); shown without them.
    assert name_problem("\u202bשלום\u202c") == ""
    session = Context(data_dir_option=tmp_path).store.create(
        "\u202bשלום\u202c", bank_id="b", bank_version="1"
    )
    assert session.name == "\u202bשלום\u202c"


def test_a_taken_name_gets_the_first_free_number():
    taken = frozenset({"acme", "acme (2)", "orbit (2)"})
    assert free_name("Fresh", taken) == "Fresh"
    assert free_name("  ACME ", taken) == "ACME (3)"
    assert free_name("Orbit (2)", taken) == "Orbit (3)"  # not "Orbit (2) (2)"
    long = "x" * MAX_NAME
    numbered = free_name(long, frozenset({long}))
    assert numbered.endswith(" (2)") and len(numbered) == MAX_NAME


@given(st.lists(st.text(min_size=1, max_size=12), max_size=8), st.text(min_size=1, max_size=12))
def test_a_free_name_is_never_taken_and_always_usable(names: list[str], name: str) -> None:
    assume(name_problem(name) == "")  # a usable name, perhaps taken
    taken = frozenset(n.strip().casefold() for n in names)
    free = free_name(name, taken)
    assert name_problem(free, taken) == ""
