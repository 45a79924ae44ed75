"""`list --json`'s counts, made a column at a time, are each record's counts as stats_progress gives them."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from walkthrough.report.progress import Progress, progress_columns, stats_progress

FIELDS = Progress._fields
# A record as the store writes it (every count an int), or as an edited index.json may hold
# it: a field missing, a negative, a float, a string, a bool.
counts = st.integers(0, 200)
odd = st.none() | st.integers(-5, -1) | st.floats(allow_nan=False) | st.text(max_size=3) | st.booleans()
records = st.one_of(
    st.fixed_dictionaries({name: counts for name in FIELDS}),
    st.dictionaries(st.sampled_from(FIELDS), counts | odd, max_size=len(FIELDS)),
)


@given(st.lists(records, max_size=8))
def test_every_column_holds_each_records_own_figure(listing) -> None:
    columns = progress_columns(listing)
    for n, record in enumerate(listing):
        figures = stats_progress(record)
        for name, column in columns.items():
            assert column[n] == getattr(figures, name), (name, record)
    assert all(len(column) == len(listing) for column in columns.values())


def test_the_columns_are_the_counts_list_json_writes() -> None:
    record = {
        "total": 10,
        "applicable": 8,
        "answered": 6,
        "ready": 3,
        "partial": 1,
        "gap": 1,
        "not_applicable": 2,
    }
    assert progress_columns([record]) == {
        "readiness": [38],
        "answered_percent": [75],
        "open": [5],
        "answered": [6],
        "applicable": [8],
        "ready": [3],
        "gap": [1],
        "partial": [1],
        "not_assessed": [1],
        "unanswered": [2],
        "not_applicable": [2],
    }


@given(st.lists(records, max_size=8), st.sampled_from(FIELDS))
def test_one_count_of_each_record_is_its_own_figure(listing, name) -> None:
    from walkthrough.report.progress import stats_count

    assert stats_count(listing, name) == [getattr(stats_progress(record), name) for record in listing]
