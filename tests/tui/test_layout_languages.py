"""The gap summary and the compare screen at 80×24 in the languages whose words are longest
or widest: nothing a PM needs is pushed off the screen or cut off the end of its line — the
figures of the stages table, the key that clears a filter, the keys that choose what to
compare — and a filter's value in the filter menu is the whole value.

On the shipped bank in the language in use (its stage titles are the long ones), with the
Chinese session of the language snapshots.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path

import pytest
from rich.cells import cell_len
from test_language_snapshots import typed_app
from test_milestones import SAVED, app_on, context, earlier, now, open_compare, store_session
from test_milestones import open_summary as open_summary_of_milestones
from test_summary_screen import choose, open_summary
from textual.pilot import Pilot
from textual.widgets import Input
from walk_fixtures import screen_text

from walkthrough.context import Context
from walkthrough.i18n import _, pgettext, set_language
from walkthrough.report.filters import NO_OWNER, ItemFilter
from walkthrough.tui.screens.choice import ChoiceScreen
from walkthrough.tui.screens.summary import SummaryScreen
from walkthrough.tui.widgets.readiness_table import ReadinessTable

__all__ = ["context"]  # the fixture, used by the compare test

LANGUAGES = ["en", "id", "zh", "fr", "ru", "th"]


@pytest.fixture
def language(request: pytest.FixtureRequest) -> Iterator[str]:
    set_language(request.param)
    yield request.param
    set_language("en")


def shown(pilot: Pilot, widget_id: str) -> tuple[int, str]:
    """How many lines a widget takes on screen, and its words on them, as one line."""
    region = pilot.app.screen.query_one(widget_id).region
    lines = screen_text(pilot.app).splitlines()[region.y : region.bottom]
    return len(lines), " ".join(part.strip() for part in lines)


async def with_long_milestone(context: Context, test: Callable[[Pilot], Awaitable[None]]) -> None:
    session_id = store_session(context, milestones=((LONG_NAME, SAVED, earlier(now())),))
    async with app_on(context, session_id).run_test(size=(80, 24)) as pilot:
        await test(pilot)


async def typed_summary(pilot: Pilot) -> SummaryScreen:
    screen = await open_summary(pilot)
    await pilot.pause()
    return screen


@pytest.mark.parametrize("language", LANGUAGES, indirect=True)
async def test_the_stages_table_keeps_every_figure_on_screen(data_dir: Path, language: str) -> None:
    app = typed_app(data_dir, "zh")
    async with app.run_test(size=(80, 24)) as pilot:
        summary = await typed_summary(pilot)
        await pilot.press("2")
        await pilot.pause()
        table = summary.query_one("#stage-table", ReadinessTable)
        assert table.virtual_size.width <= table.scrollable_content_region.width  # nothing to scroll to
        header = screen_text(app).splitlines()[table.region.y]
        for title in ("Readiness", "Answered", "Open", "Gap"):
            assert _(title) in header, title
        # The first stage's row has its figures after its title (cut with "…" if need be).
        title = summary.bank.stages[0].title
        (row,) = [line for line in screen_text(app).splitlines() if f"1 {title[:4]}" in line]
        assert row.rstrip().endswith(" 1"), row  # its gap, the last column


@pytest.mark.parametrize("language", LANGUAGES, indirect=True)
async def test_two_filters_still_show_the_key_that_clears_them(data_dir: Path, language: str) -> None:
    app = typed_app(data_dir, "zh")
    async with app.run_test(size=(80, 24)) as pilot:
        summary = await typed_summary(pilot)
        summary._set_filter(ItemFilter(stage=1, team="marketing"))
        await pilot.pause()
        line = summary.query_one("#summary-filter")
        shown = " ".join(
            part.strip() for part in screen_text(app).splitlines()[line.region.y : line.region.bottom]
        )
        assert summary.bank.stages[0].title in shown
        clears = _("{filter}{phrases} · {of_whole} · {key} clears").rsplit("·", 1)[-1].strip()
        assert shown.endswith(clears.format(key="x")), shown
        assert line.region.bottom < 24


@pytest.mark.parametrize("language", LANGUAGES, indirect=True)
async def test_the_filter_menu_says_each_filters_whole_value(data_dir: Path, language: str) -> None:
    app = typed_app(data_dir, "zh")
    async with app.run_test(size=(80, 24)) as pilot:
        summary = await typed_summary(pilot)
        summary._set_filter(ItemFilter(stage=1, owner=NO_OWNER))
        await pilot.pause()
        await pilot.press("f")
        await pilot.pause()
        menu = app.screen
        assert isinstance(menu, ChoiceScreen)
        notes = {choice.value: choice.note for choice in menu._choices}
        now_words = _("{key} · now: {value}")
        # The same words as the stage's and the owner's own lists of choices.
        stage = f"1 {summary.bank.stages[0].title}"
        assert notes["stage"] == now_words.format(key="s", value=stage)
        assert notes["owner"] == now_words.format(key="o", value=_("no owner yet"))
        await choose(pilot, _("{facet}…").format(facet=_("Owner")))
        labels = [choice.label for choice in app.screen._choices]  # type: ignore[attr-defined]
        assert _("No owner yet") in labels


LONG_NAME = "Board review before the partner launch in Europe and the Asia-Pacific markets"


@pytest.mark.parametrize("language", ["en", "zh", "fr", "th"], indirect=True)
async def test_a_long_milestone_name_leaves_the_keys_that_choose_the_sides(
    context: Context, language: str
) -> None:
    async def check(pilot: Pilot) -> None:
        await open_compare(pilot)
        lines, line = shown(pilot, "#compare-span")
        assert lines <= 2 and line.endswith("t " + pgettext("compare side", "to")), line
        assert LONG_NAME[:19] in line and "…" in line  # at least 19 cells and "…"
        assert _("now") in line
        await pilot.resize_terminal(200, 24)
        await pilot.pause()
        assert LONG_NAME in screen_text(pilot.app)  # room for all of it: not cut

    await with_long_milestone(context, check)


@pytest.mark.parametrize("language", ["en", "zh", "fr", "th"], indirect=True)
async def test_a_long_milestone_name_leaves_what_moved_since_it_on_the_summary(
    context: Context, language: str
) -> None:
    async def check(pilot: Pilot) -> None:
        summary = await open_summary_of_milestones(pilot)
        lines, line = shown(pilot, "#summary-since")
        assert lines <= 2 and LONG_NAME[:19] in line and "…" in line
        assert summary.since is not None
        *_moved, (_key, _change, last) = summary.since.moves()
        assert line.endswith(last), line  # every figure, up to the last

    await with_long_milestone(context, check)


@pytest.mark.parametrize("language", LANGUAGES, indirect=True)
async def test_the_walks_empty_fields_show_their_whole_hint(data_dir: Path, language: str) -> None:
    # "qui (→ accepte la suggestion" and "ex. 31 déc. 2026, +2w, vendred": cut at 80 columns.
    app = typed_app(data_dir, "zh")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        walk = app.screen
        for field_id in ("#owner", "#due"):
            field = walk.query_one(field_id, Input)
            field.value = ""
            await pilot.pause()
            assert cell_len(field.placeholder) <= field.content_region.width, (field_id, field.placeholder)
