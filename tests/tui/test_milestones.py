"""Milestones in the app at 80×24 first: save one from the summary, change the session, see
what moved on the summary and on the compare screen, open a changed question and come back,
delete a milestone; home's trend; snapshots of the compare screen and the name dialog.

Sessions live in a real store (a milestone's state is a file of its own). The "Beta review"
milestone (saved 14 March 2025, today is pinned to 28 March) differs from the walk fixture
session now in this way: Q1 was partial (now ready), Q4 was partial (now a gap, risk 2 → 2,
reward 3 → 4), Q3's owner was Legal (now Legal team) and its answer was written.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from test_walk_snapshots import steady
from textual.pilot import Pilot
from textual.widgets import Input
from walk_fixtures import fixture_bank, fixture_session, rich_answers, screen_text

from sessions.models import Readiness, Session
from walkthrough.context import Context
from walkthrough.report.compare import milestone_counts
from walkthrough.tui.app import WalkthroughApp
from walkthrough.tui.screens.choice import ChoiceScreen
from walkthrough.tui.screens.compare import CompareScreen
from walkthrough.tui.screens.confirm import ConfirmScreen
from walkthrough.tui.screens.home import HomeScreen
from walkthrough.tui.screens.milestone_name import MilestoneNameScreen, suggested_name
from walkthrough.tui.screens.summary import SummaryScreen
from walkthrough.tui.screens.walk import WalkScreen
from walkthrough.tui.widgets.changes_list import ChangesList

SAVED = datetime(2025, 3, 14, 16, 45, tzinfo=UTC)
SESSION_ID = "5e5510a0b0b0"


def now() -> Session:
    return fixture_session(answers=rich_answers(), excluded=["manufacturing"], position="find.marketing.q2")


def earlier(session: Session) -> Session:
    answers = dict(session.answers)
    answers["find.marketing.q1"] = answers["find.marketing.q1"].model_copy(
        update={"readiness": Readiness.PARTIAL}
    )
    answers["buy.sales.q1"] = answers["buy.sales.q1"].model_copy(
        update={"readiness": Readiness.PARTIAL, "reward": 3}
    )
    answers["find.legal.q1"] = answers["find.legal.q1"].model_copy(
        update={"owner": "Legal", "text": "Search not started"}
    )
    return session.model_copy(update={"answers": answers})


def store_session(context: Context, *, milestones: tuple[tuple[str, datetime, Session], ...] = ()) -> str:
    document = now().model_dump(mode="json")
    document["id"] = SESSION_ID
    document["milestones"] = [
        {
            "key": f"m{n}",
            "name": name,
            "saved": saved.isoformat(),
            "counts": milestone_counts(context.bank, state, saved.date()),
            "session": state.model_dump(mode="json", exclude={"milestones"}),
        }
        for n, (name, saved, state) in enumerate(milestones)
    ]
    return context.store.import_document(document).id


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """A milestone saved in a test is saved on the pinned today (conftest), at 10:00 UTC."""
    import sessions.handle

    monkeypatch.setattr(sessions.handle, "utc_now", lambda: datetime(2025, 3, 28, 10, 0, tzinfo=UTC))


@pytest.fixture
def context(data_dir: Path) -> Context:
    context = Context(data_dir_option=data_dir)
    context.bank = fixture_bank()
    return context


def app_on(context: Context, session_id: str, *, read_only: bool = False) -> WalkthroughApp:
    return WalkthroughApp(context, open_session=context.store.open(session_id, read_only=read_only))


async def open_summary(pilot: Pilot) -> SummaryScreen:
    await steady(pilot)
    await pilot.press("ctrl+s")
    await pilot.pause()
    assert isinstance(pilot.app.screen, SummaryScreen)
    return pilot.app.screen


async def open_compare(pilot: Pilot) -> CompareScreen:
    await open_summary(pilot)
    await pilot.press("c")
    await pilot.pause()
    assert isinstance(pilot.app.screen, CompareScreen)
    return pilot.app.screen


def rows(screen: CompareScreen) -> list[str]:
    changes = screen.query_one(ChangesList)
    return [changes.get_option_at_index(n).prompt.plain for n in range(changes.option_count)]  # type: ignore[union-attr]


async def test_the_summary_says_what_moved_since_the_latest_milestone_and_marks_those_items(
    context: Context,
) -> None:
    session_id = store_session(context, milestones=(("Beta review", SAVED, earlier(now())),))
    async with app_on(context, session_id).run_test(size=(80, 24)) as pilot:
        summary = await open_summary(pilot)
        text = screen_text(pilot.app)
        assert "Since Beta review (14 Mar): readiness +11 pts · +1 ready · +1 gap" in text
        marked = [line.split()[0] for line in text.splitlines() if line.startswith(" •Q")]
        assert marked == ["•Q3", "•Q4"]  # open items that changed; Q1 is ready now, so not listed
        assert summary.since is not None and summary.since.changed_ids == {
            "find.marketing.q1",
            "find.legal.q1",
            "buy.sales.q1",
        }


async def test_save_change_compare_then_open_a_question_and_come_back(context: Context) -> None:
    """The issue's flow: save a milestone, change the session, compare, open, escape back."""
    session_id = store_session(context)
    app = app_on(context, session_id)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_summary(pilot)
        assert "No milestone yet · n saves one to compare with at the next review" in screen_text(app)
        await pilot.press("n")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, MilestoneNameScreen)
        assert dialog.query_one(Input).value == "Review 28 Mar 2025"
        await pilot.press(*"Beta review", "enter")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        assert "Since Beta review (28 Mar): no change" in screen_text(app)

        await pilot.press("escape")  # back to the walk, at Q2
        await pilot.pause()
        await pilot.press("alt+y")  # Q2 partial → ready
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Since Beta review (28 Mar): readiness +11 pts · +1 ready · −1 open" in screen_text(app)

        await pilot.press("c")
        await pilot.pause()
        compare = app.screen
        assert isinstance(compare, CompareScreen)
        text = screen_text(app)
        assert "Beta review (28 Mar 2025 10:00) → now (28 Mar 2025)" in text
        assert "Readiness 11% → 22% +11 pts" in text
        assert rows(compare)[:2] == [
            "Became ready (1)",
            "  Q2   partial → ready  How will the value be told in money terms?",
        ]
        assert compare.query_one(ChangesList).selected.question_id == "find.marketing.q2"  # type: ignore[union-attr]

        await pilot.press("enter")
        await pilot.pause()
        walk = app.screen
        assert isinstance(walk, WalkScreen) and walk.current is not None
        assert walk.current.id == "find.marketing.q2"
        assert walk.check_action("back_to_summary", ())  # escape leads back, not home
        await pilot.press("escape")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, CompareScreen)
        assert app.screen.query_one(ChangesList).selected.question_id == "find.marketing.q2"  # type: ignore[union-attr]
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, WalkScreen)
        await pilot.press("ctrl+q")

    with context.store.open(session_id, read_only=True) as handle:
        (milestone,) = handle.session.milestones
        assert milestone.name == "Beta review"
        assert handle.milestone_state(milestone).answers["find.marketing.q2"].readiness is Readiness.PARTIAL
        assert handle.session.answers["find.marketing.q2"].readiness is Readiness.READY


async def test_the_name_dialog_refuses_a_taken_name_and_escape_saves_nothing(context: Context) -> None:
    session_id = store_session(context, milestones=(("Beta review", SAVED, fixture_session()),))
    app = app_on(context, session_id)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_summary(pilot)
        await pilot.press("n")
        await pilot.pause()
        await pilot.press(*"BETA REVIEW", "enter")
        await pilot.pause()
        assert isinstance(app.screen, MilestoneNameScreen)
        assert "already has a milestone with this name" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
    assert [m.name for m in context.store.open(session_id, read_only=True).session.milestones] == [
        "Beta review"
    ]


async def test_f_and_t_choose_the_sides_and_d_deletes_a_milestone_after_asking(context: Context) -> None:
    session_id = store_session(
        context,
        milestones=(
            ("Kick-off", datetime(2025, 3, 3, 9, 0, tzinfo=UTC), earlier(now())),
            ("Beta review", SAVED, now()),
        ),
    )
    app = app_on(context, session_id)
    async with app.run_test(size=(80, 24)) as pilot:
        compare = await open_compare(pilot)
        assert "No question changed between Beta review and now." in screen_text(app)
        assert "Gaps 2 → 2 · Overdue 0 → 1 +1" in screen_text(
            app
        )  # Q3 was due on 20 March: not overdue on the 14th
        await pilot.press("f")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)
        assert [c.label for c in app.screen._choices] == ["Beta review", "Kick-off"]
        await pilot.press("down", "enter")
        await pilot.pause()
        assert "Kick-off (03 Mar 2025 09:00) → now (28 Mar 2025)" in screen_text(app)
        assert rows(compare)[0] == "Became ready (1)"
        await pilot.press("t")
        await pilot.pause()
        assert [c.label for c in app.screen._choices] == ["Now", "Beta review", "Kick-off"]  # type: ignore[attr-defined]
        await pilot.press("down", "enter")
        await pilot.pause()
        assert "Kick-off (03 Mar 2025 09:00) → Beta review (14 Mar 2025 16:45)" in screen_text(app)

        await pilot.press("d")
        await pilot.pause()
        await pilot.press("down", "enter")  # Kick-off
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert "Delete “Kick-off” (saved 03 Mar 2025 09:00)?" in screen_text(app)
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, CompareScreen)
        assert "Beta review (14 Mar 2025 16:45) → now (28 Mar 2025)" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert "Since Beta review (14 Mar): +1 overdue" in screen_text(app)
    with context.store.open(session_id, read_only=True) as handle:
        assert [m.name for m in handle.session.milestones] == ["Beta review"]
    assert (context.data_dir / "backups" / session_id / "milestones" / "m0.json").is_file()


async def test_a_read_only_session_compares_but_saves_and_deletes_nothing(context: Context) -> None:
    session_id = store_session(context, milestones=(("Beta review", SAVED, fixture_session()),))
    app = app_on(context, session_id, read_only=True)
    async with app.run_test(size=(80, 24)) as pilot:
        summary = await open_summary(pilot)
        assert not summary.check_action("save_milestone", ())
        footer = screen_text(app).splitlines()[-1]
        assert "Save milestone" not in footer and "c Changes" in footer
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        assert "Save milestone…" not in [entry.title for entry in summary.palette_entries()]
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, CompareScreen)
        assert "Delete milestone" not in screen_text(app).splitlines()[-1]


async def test_the_palettes_offer_save_milestone_and_each_comparison(context: Context) -> None:
    session_id = store_session(context, milestones=(("Beta review", SAVED, fixture_session()),))
    app = app_on(context, session_id)
    async with app.run_test(size=(80, 24)) as pilot:
        await steady(pilot)
        walk = app.screen
        assert isinstance(walk, WalkScreen)
        assert "Save milestone…" in [entry.title for entry in walk.palette_entries()]
        summary = await open_summary(pilot)
        titles = [entry.title for entry in summary.palette_entries()]
        assert "Save milestone…" in titles and "Changes since Beta review" in titles
        next(e for e in summary.palette_entries() if e.title == "Changes since Beta review").run()
        await pilot.pause()
        assert isinstance(app.screen, CompareScreen)


async def test_home_shows_each_sessions_trend_from_the_listing(context: Context) -> None:
    store_session(
        context,
        milestones=(
            ("Kick-off", datetime(2025, 3, 3, 9, 0, tzinfo=UTC), now().model_copy(update={"answers": {}})),
            ("Beta review", SAVED, earlier(now())),
        ),
    )
    app = WalkthroughApp(context)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        (row,) = [line for line in screen_text(app).splitlines() if "Acme Launch" in line]
        assert "11% ↑" in row  # none ready at either milestone, 11% now
        await pilot.resize_terminal(150, 30)
        await pilot.pause()
        text = screen_text(app)
        assert "Trend    ▁▁▁ 0% → 11% over 2 milestones" in text


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_compare_screen(snap_compare, context: Context, size: tuple[int, int]) -> None:
    session_id = store_session(context, milestones=(("Beta review", SAVED, earlier(now())),))
    assert snap_compare(app_on(context, session_id), terminal_size=size, run_before=open_compare)


def test_milestone_name_dialog_80x24(snap_compare, context: Context) -> None:
    session_id = store_session(context)

    async def open_dialog(pilot: Pilot) -> None:
        await open_summary(pilot)
        await pilot.press("n")
        await pilot.pause()

    assert snap_compare(app_on(context, session_id), terminal_size=(80, 24), run_before=open_dialog)


def test_the_suggested_name_is_one_the_session_does_not_have() -> None:
    assert suggested_name("28 Mar 2025", []) == "Review 28 Mar 2025"
    assert suggested_name("28 Mar 2025", ["review 28 mar 2025", "Review 28 Mar 2025 (2)"]) == (
        "Review 28 Mar 2025 (3)"
    )


async def test_a_lost_milestone_is_said_on_the_summary_which_stays_usable(context: Context) -> None:
    session_id = store_session(context, milestones=(("Beta review", SAVED, now()),))
    (context.data_dir / "milestones" / session_id / "m0.json").unlink()
    app = app_on(context, session_id)
    async with app.run_test(size=(80, 24)) as pilot:
        summary = await open_summary(pilot)
        assert "milestone 'Beta review' has lost its saved state" in screen_text(app)
        assert summary.since is None
        await pilot.press("down", "enter")  # the list still opens its items
        await pilot.pause()
        assert isinstance(app.screen, WalkScreen)


async def test_at_80x24_the_keys_reach_the_teams_and_the_launch_date_at_the_end_of_the_changes(
    context: Context,
) -> None:
    before = earlier(now()).model_copy(update={"excluded_teams": ["manufacturing", "legal"], "launch": None})
    first = dict(before.answers)  # no answer yet to Q2 at the milestone: written since, not rewritten
    first["find.marketing.q2"] = first["find.marketing.q2"].model_copy(update={"text": ""})
    before = before.model_copy(update={"answers": first})
    session_id = store_session(context, milestones=(("Review", datetime(2025, 3, 1, tzinfo=UTC), before),))
    session = context.store.open(session_id)
    session.save_launch(datetime(2025, 6, 30).date())
    session.close()
    app = app_on(context, session_id)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_compare(pilot)
        listed = rows(screen)
        assert listed[-1].startswith("Launch date: none → 2025-06-30")
        assert any("Legal" in row and "now applies" in row for row in listed)
        # A first answer since the milestone is written, not rewritten.
        assert "  Q2   answer written  How will the value be told in money terms?" in listed
        assert "⏎ Open question" in screen_text(app).splitlines()[-1]  # on a question's row
        await pilot.press("end")
        await pilot.pause()
        changes = screen.query_one(ChangesList)
        assert changes.highlighted == len(listed) - 1  # the launch date, under the teams
        shown = screen_text(app)
        assert "Launch date: none → 2025-06-30" in shown and "now applies" in shown
        assert "Nothing here to open in the walk." in shown
        assert "Open question" not in shown.splitlines()[-1]  # enter opens nothing here
        await pilot.press("enter")  # opens nothing, and the screen stays
        await pilot.pause()
        assert app.screen is screen
