"""The CLI's JSON: the fast writer of `list --json` gives exactly what json.dumps(indent=2) does."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from strategies import any_text

from walkthrough.cli.output import json_text, records_text

scalars = any_text | st.integers() | st.booleans() | st.none() | st.floats(allow_nan=False)
# A listing record: scalars, and a trend (a list, often empty); objects too, to be sure.
values = scalars | st.lists(st.integers(0, 100), max_size=3) | st.dictionaries(any_text, scalars, max_size=2)


@given(st.lists(st.dictionaries(any_text, values, max_size=8), max_size=6))
def test_records_are_written_exactly_as_the_general_writer_writes_them(documents) -> None:
    assert records_text(documents) == json_text(documents)
