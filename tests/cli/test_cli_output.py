"""The CLI's JSON and tables: what the fast writers give is what the plain ones would."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len
from strategies import any_text

from sessions.text import printable
from walkthrough.cli.output import _safe, columns, json_text

# Integers of any size (orjson writes 64 bits, json the rest), every code point (lone
# surrogates too), keys that are not strings: what sends the writer to its fallback.
scalars = any_text | st.integers() | st.booleans() | st.none()
keys = any_text | st.integers(-5, 5)
documents = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=4),
    max_leaves=20,
)


@given(documents)
def test_json_is_written_as_json_dumps_with_an_indent_of_two_writes_it(document) -> None:
    expected = _safe(json.dumps(document, ensure_ascii=False, indent=2) + "\n")
    assert json_text(document) == expected


@given(documents)
def test_json_reads_back_as_the_document_written(document) -> None:
    written = json_text(document)
    assert written.endswith("\n")
    assert json.loads(written) == json.loads(json.dumps(document))  # keys as strings, as JSON has them


def test_times_and_dates_are_written_in_iso_8601() -> None:
    moment = datetime(2025, 3, 1, 9, 30, 15, 123456, tzinfo=UTC)
    written = json.loads(json_text({"updated": moment, "on": [date(2025, 3, 2), datetime(2025, 3, 1)]}))
    assert written == {"updated": "2025-03-01T09:30:15.123456+00:00", "on": ["2025-03-02", "2025-03-01T00:00:00"]}


def test_characters_that_act_on_a_terminal_are_written_as_escapes() -> None:
    written = json_text({"name": "a\x1b]0;pwned\x07\u202eb\x9b"})
    assert "\x1b" not in written and "\u202e" not in written and "\x9b" not in written
    assert json.loads(written) == {"name": "a\x1b]0;pwned\x07\u202eb\x9b"}


cells = any_text.map(printable)


@given(st.integers(1, 5).flatmap(lambda width: st.lists(st.tuples(*[cells] * width), min_size=1, max_size=6)))
def test_every_column_starts_at_the_same_terminal_cell_on_every_line(rows) -> None:
    lines = columns(rows).split("\n")
    assert len(lines) == len(rows)
    widths = [max(cell_len(row[n]) for row in rows) for n in range(len(rows[0]))]
    for line, row in zip(lines, rows, strict=True):
        expected = "  ".join(
            cell + " " * (widths[n] - cell_len(cell)) if n < len(row) - 1 else cell for n, cell in enumerate(row)
        )
        assert line == expected.rstrip()
