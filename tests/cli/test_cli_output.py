"""The CLI's JSON: the fast writer of `list --json` gives exactly what json.dumps(indent=2) does."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st
from strategies import any_text

from walkthrough.cli.output import json_text, records_text

scalars = any_text | st.integers() | st.booleans() | st.none() | st.floats(allow_nan=False)
records = st.lists(st.dictionaries(any_text, scalars, min_size=1, max_size=8), max_size=6)


@given(records)
def test_records_are_written_exactly_as_the_general_writer_writes_them(documents) -> None:
    assert records_text(documents) == json_text(documents)


@given(
    st.lists(st.dictionaries(any_text, scalars | st.dictionaries(any_text, scalars), max_size=4), max_size=4)
)
def test_nested_values_still_read_back_the_same(documents) -> None:
    assert json.loads(records_text(documents)) == documents
