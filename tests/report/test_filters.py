"""ItemFilter: each facet on its own, together, described in words, and applied to a whole report."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from questions.loader import load_bank
from sessions.models import Session
from walkthrough.i18n import using
from walkthrough.report.filters import NO_OWNER, ItemFilter, owners
from walkthrough.report.priority import Quadrant
from walkthrough.report.progress import Status
from walkthrough.report.summary import summarize

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "summary"
BANK = load_bank(FIXTURES / "bank.yaml")


def full_session() -> Session:
    return Session.model_validate(json.loads((FIXTURES / "full_session.json").read_text(encoding="utf-8")))


def labels(item_filter: ItemFilter) -> list[str]:
    return [item.label for item in summarize(BANK, full_session()).ranked if item_filter.matches(item)]


@pytest.mark.parametrize(
    ("item_filter", "expected"),
    [
        (ItemFilter(), ["Q7", "Q1", "Q4", "Q3", "Q2", "Q10", "Q9", "Q8", "Q11"]),
        (ItemFilter(stage=1), ["Q1", "Q4", "Q3", "Q2"]),
        (ItemFilter(team="sales"), ["Q1", "Q3", "Q2", "Q10", "Q9", "Q11"]),  # both stages
        (ItemFilter(owner="dee"), ["Q10", "Q9"]),  # case does not matter
        (ItemFilter(owner="  Ana   Souza "), ["Q1"]),  # nor spacing
        (ItemFilter(owner=NO_OWNER), ["Q8", "Q11"]),
        (ItemFilter(status=Status.GAP), ["Q7", "Q1", "Q10"]),
        (ItemFilter(status=Status.READY), ["Q3"]),
        (ItemFilter(quadrant=Quadrant.PROTECT), ["Q4", "Q10", "Q9"]),
        (ItemFilter(quadrant=Quadrant.UNPLACED), ["Q7", "Q8", "Q11"]),
        (ItemFilter(cell=(3, 2)), ["Q10", "Q9"]),
        (ItemFilter(stage=2, team="sales", status=Status.GAP), ["Q10"]),
        (ItemFilter(stage=1, owner="Dee"), []),
    ],
)
def test_each_facet_and_together(item_filter: ItemFilter, expected: list[str]) -> None:
    assert labels(item_filter) == expected


def test_a_cell_and_a_quadrant_replace_each_other() -> None:
    by_cell = ItemFilter(team="sales").with_(cell=(5, 4))
    assert by_cell == ItemFilter(team="sales", cell=(5, 4))
    assert by_cell.with_(quadrant=Quadrant.LATER) == ItemFilter(team="sales", quadrant=Quadrant.LATER)
    assert by_cell.with_(team=None) == ItemFilter(cell=(5, 4))
    assert ItemFilter().is_empty and not by_cell.is_empty


def test_described_in_words() -> None:
    item_filter = ItemFilter(
        stage=2, team="finance", owner="  Dee ", status=Status.NOT_ASSESSED, quadrant=Quadrant.ACT_NOW
    )
    assert item_filter.describe(BANK) == [
        "stage 2 Customers can use it",
        "team Finance & operations",
        "owner Dee",
        "status not assessed",
        "quadrant Act now",
    ]
    assert ItemFilter(owner=NO_OWNER, cell=(5, 1)).describe(BANK) == ["no owner", "risk 5 × reward 1"]
    assert ItemFilter().describe(BANK) == []


def test_each_value_alone_in_words_in_the_language_in_use() -> None:
    item_filter = ItemFilter(stage=2, team="finance", owner="  Dee ", status=Status.NOT_ASSESSED, cell=(5, 1))
    assert [item_filter.value_words(facet, BANK) for facet in item_filter.set_facets()] == [
        "2 Customers can use it",
        "Finance & operations",
        "Dee",
        "not assessed",
        "risk 5 × reward 1",
    ]
    assert ItemFilter(quadrant=Quadrant.ACT_NOW).value_words("quadrant", BANK) == "Act now"
    assert ItemFilter().value_words("team", BANK) == ""
    # Nobody is a value of its own, whole whatever the language's word order.
    with using("fr"):
        assert ItemFilter(owner=NO_OWNER).value_words("owner", BANK) == "pas encore de responsable"


def test_owners_are_listed_once_each_with_nobody_last() -> None:
    items = list(summarize(BANK, full_session()).ranked)
    assert owners(items) == [
        "Ana Souza",
        "Ben Okafor",
        "Chai Wattana",
        "Dee",
        "Finance ops",
        "支持团队",
        NO_OWNER,
    ]


def test_a_filtered_summary_counts_only_what_the_filter_lets_through() -> None:
    summary = summarize(BANK, full_session(), ItemFilter(team="sales"))
    assert summary.whole.applicable == 9
    assert (summary.counts.applicable, summary.counts.ready, summary.counts.open) == (6, 1, 5)
    assert [item.label for item in summary.open_items] == ["Q1", "Q2", "Q10", "Q9", "Q11"]
    assert [t.team_id for t in summary.teams] == ["sales"]
    assert [s.number for s in summary.stages] == [1, 2]
    assert summary.not_applicable == ()
