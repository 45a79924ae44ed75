"""The risk × reward chart stays readable for up to 84 decisions: one point and one short
label each, no two points closer than one grid slot, none outside the plot, each in the
quadrant of its own ratings; and the real Mermaid parses it and lays it out without overlap."""

from __future__ import annotations

import itertools
import random
from fractions import Fraction

import pytest
from mermaid_check import check

from walkthrough.report.chart import (
    CHART_SIZE,
    GRID,
    MAX_POINTS,
    Chart,
    Rated,
    layout,
    mermaid,
    slots,
)

QUADRANTS = ["Act now", "Protect", "Later", "Opportunity"]
HIGH = 3


def decisions(ratings: list[tuple[int, int]]) -> list[Rated]:
    return [Rated(f"Q{n}", risk, reward) for n, (risk, reward) in enumerate(ratings, 1)]


def _spread(n: int) -> list[tuple[int, int]]:
    cells = list(itertools.product(range(1, 6), repeat=2))
    return [cells[i % len(cells)] for i in range(n)]


def _random(n: int, seed: int) -> list[tuple[int, int]]:
    rng = random.Random(seed)
    return [(rng.randint(1, 5), rng.randint(1, 5)) for _ in range(n)]


CASES = {
    "one decision": [(3, 3)],
    "84 in one cell (5, 5)": [(5, 5)] * 84,
    "84 in one cell (1, 1)": [(1, 1)] * 84,
    "84 spread over all 25 cells": _spread(84),
    "84 on the quadrant borders (2-3)": [(r, w) for r in (2, 3) for w in (2, 3)] * 21,
    "84 at random": _random(84, 1),
    "60 at random": _random(60, 2),
    "84 all high risk": [(3 + i % 3, 1 + i % 5) for i in range(84)],
    "12 in the top corner": [(5, 5)] * 12,
}

MIN_GAP = Fraction(1, GRID)


def assert_readable(chart: Chart, given: list[Rated]) -> None:
    labels = [p.item.label for p in chart.points]
    assert len(labels) == len(set(labels)), "each decision its own point and label"
    assert all(len(label) <= 4 for label in labels)
    assert sorted(labels + [r.label for r in chart.left_out], key=lambda s: int(s[1:])) == [
        r.label for r in given
    ], "every decision is either plotted or listed"
    assert len(chart.points) <= MAX_POINTS
    for a, b in itertools.combinations(chart.points, 2):
        assert max(abs(a.x - b.x), abs(a.y - b.y)) >= MIN_GAP, (a, b)
    for point in chart.points:
        # Inside the plot, clear of the bottom edge (the label hangs below the point).
        assert Fraction(1, GRID) < point.y < 1 and 0 < point.x < 1
        # The true quadrant: a rating of 3 or more is in the high half.
        assert (point.x > Fraction(1, 2)) == (point.item.reward >= HIGH)
        assert (point.y > Fraction(1, 2)) == (point.item.risk >= HIGH)


@pytest.mark.parametrize("name", CASES)
def test_geometry(name: str) -> None:
    given = decisions(CASES[name])
    chart = layout(given)
    assert_readable(chart, given)


def test_the_highest_priority_decisions_are_plotted_and_the_rest_listed() -> None:
    given = decisions(_random(84, 3))
    chart = layout(given)
    assert len(chart.points) == MAX_POINTS
    assert [p.item for p in chart.points] == given[:MAX_POINTS]  # no cell here is full
    assert list(chart.left_out) == given[MAX_POINTS:]


def test_a_full_cell_sends_the_lower_priority_ones_below_the_chart() -> None:
    given = decisions([(5, 5)] * 20 + [(1, 1)])
    chart = layout(given)
    room = len(slots(5, 5))
    assert room == 12
    assert [p.item.label for p in chart.points] == [f"Q{n}" for n in range(1, room + 1)] + ["Q21"]
    assert [r.label for r in chart.left_out] == [f"Q{n}" for n in range(room + 1, 21)]


def test_a_lone_decision_sits_in_the_middle_of_its_cell() -> None:
    (point,) = layout(decisions([(5, 5)])).points
    assert (point.column, point.row) == (21, 21)
    (low,) = layout(decisions([(1, 1)])).points
    assert (low.column, low.row) == (2, 3)


def test_layout_is_deterministic() -> None:
    given = decisions(_random(84, 4))
    assert layout(given) == layout(list(given))


def test_every_cell_has_room_for_several() -> None:
    for risk, reward in itertools.product(range(1, 6), repeat=2):
        assert len(slots(risk, reward)) >= 12


# --- the real Mermaid -------------------------------------------------------------------


def _text_box(x: float, top: float, text: str, font_size: float) -> tuple[float, float, float, float]:
    """(left, top, right, bottom) in px of text Mermaid writes centred on x, hanging from top.
    Glyphs are taken as 0.65 em wide, lines as 1.2 em tall."""
    width = 0.65 * font_size * len(text)
    return (x - width / 2, top, x + width / 2, top + 1.2 * font_size)


def _label_box(point: dict) -> tuple[float, float, float, float]:
    """A point's label: centred below the point."""
    return _text_box(point["labelX"], point["labelY"], point["label"], point["fontSize"])


def _dot_box(point: dict) -> tuple[float, float, float, float]:
    r = point["radius"]
    return (point["x"] - r, point["y"] - r, point["x"] + r, point["y"] + r)


def _overlap(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _quadrant_name_box(quadrant: dict) -> tuple[float, float, float, float]:
    return _text_box(quadrant["textX"], quadrant["textY"], quadrant["text"], quadrant["fontSize"])


def test_mermaid_parses_and_lays_out_every_case_without_overlap() -> None:
    charts = {name: layout(decisions(ratings)) for name, ratings in CASES.items()}
    sources = [
        mermaid(chart, title="Decisions by risk and reward", quadrants=QUADRANTS)
        .removeprefix("```mermaid\n")
        .removesuffix("```")
        for chart in charts.values()
    ]
    results = check(sources)
    for (name, chart), result in zip(charts.items(), results, strict=True):
        assert result["ok"], (name, result.get("error"))
        assert result["type"] == "quadrantChart"
        quadrants = result["quadrants"]
        left = min(q["x"] for q in quadrants)
        top = min(q["y"] for q in quadrants)
        right = max(q["x"] + q["width"] for q in quadrants)
        bottom = max(q["y"] + q["height"] for q in quadrants)
        assert right - left > 0.9 * CHART_SIZE - 60, "the chart is drawn at the size it asks for"
        points = result["points"]
        assert sorted(p["label"] for p in points) == sorted(p.item.label for p in chart.points)
        names = [_quadrant_name_box(q) for q in quadrants]
        boxes = [(_dot_box(p), _label_box(p)) for p in points]
        for point, (dot, label) in zip(points, boxes, strict=True):
            for box in (dot, label):
                assert left <= box[0] and box[2] <= right and top <= box[1] and box[3] <= bottom, (
                    name,
                    point,
                )
                assert not any(_overlap(box, n) for n in names), (name, point, "covers a quadrant's name")
        for (p, (dot_p, label_p)), (q, (dot_q, label_q)) in itertools.combinations(
            zip(points, boxes, strict=True), 2
        ):
            assert ((p["x"] - q["x"]) ** 2 + (p["y"] - q["y"]) ** 2) ** 0.5 >= 24, (name, p, q)
            for a, b in ((label_p, label_q), (label_p, dot_q), (dot_p, label_q)):
                assert not _overlap(a, b), (name, p["label"], q["label"])


def test_mermaid_refuses_a_broken_chart() -> None:
    # The checker can fail: a point outside 0–1 and a label with a space are refused.
    results = check(["quadrantChart\n    Q1: [1.5, 0.5]\n", "quadrantChart\n    Q1 Q2: [0.5, 0.5\n"])
    assert [r["ok"] for r in results] == [False, False]
