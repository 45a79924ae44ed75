"""The walk's fields at 80×24: they show what they hold, typing never silently replaces,
dates are read as people type them, and owners are typed once."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input
from walk_fixtures import fixture_session, real_app, rich_answers, screen_text, terminal_write

from sessions.models import Answer, Readiness
from walkthrough.tui.screens.walk import WalkScreen

SIZE = (80, 24)
LONG_OWNER = "Dana Keller (Product Marketing), EMEA launch lead"


def line_of(app, label: str) -> str:  # type: ignore[no-untyped-def]
    """The screen line a field label starts."""
    return next(line for line in screen_text(app).splitlines() if line.strip().startswith(label))


async def test_an_unfocused_field_shows_the_start_of_its_text(tmp_path: Path) -> None:
    answers = {"find.marketing.q1": Answer(owner=LONG_OWNER, na_reason="", decision="Book")}
    app = real_app(tmp_path, fixture_session(answers=answers))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "Owner      Dana Keller (Product" in line_of(app, "Owner")
        owner = app.screen.query_one("#owner", Input)
        owner.focus()
        await pilot.pause()
        await pilot.press("end", *" and APAC")
        assert "APAC" in line_of(app, "Owner")  # while typing, the cursor's end is in view
        await pilot.press("tab")
        await pilot.pause()
        line = line_of(app, "Owner")
        assert "Owner      Dana Keller (Product" in line and "APAC" not in line
        assert owner.value == LONG_OWNER + " and APAC"


async def test_the_decision_wraps_and_takes_several_lines(tmp_path: Path) -> None:
    app = real_app(tmp_path, fixture_session())
    async with app.run_test(size=SIZE) as pilot:
        walk = app.screen
        walk.query_one("#decision").focus()
        await pilot.pause()
        await pilot.press(*"Use the direct SDK ingestion path as fallback", "enter", *"then review")
        await pilot.pause()
        assert walk.form.answer.decision == "Use the direct SDK ingestion path as fallback\nthen review"
        text = screen_text(app)
        assert "Decision   Use the direct SDK ingestion path as fallback" in text
        assert "           then review" in text
        assert walk.form.answer_area.text == ""  # enter in the decision is not the answer's


async def test_tabbing_into_a_filled_field_does_not_select_it(tmp_path: Path) -> None:
    app = real_app(tmp_path, fixture_session(answers=rich_answers()))
    async with app.run_test(size=SIZE) as pilot:
        walk = app.screen
        await pilot.press("tab", "tab", "tab")  # answer → readiness → decision → owner
        assert app.focused is walk.query_one("#owner")
        await pilot.press("x")
        assert walk.form.answer.owner == "Danax"


async def test_keys_in_the_same_write_as_tab_go_to_the_next_field_in_order(tmp_path: Path) -> None:
    app = real_app(tmp_path, fixture_session(answers=rich_answers()))
    async with app.run_test(size=SIZE) as pilot:
        walk = app.screen
        before = walk.form.answer_area.text
        await terminal_write(pilot, "\t\t\tx y")  # answer → readiness → decision → owner, then text
        assert walk.form.answer.owner == "Danax y"
        await terminal_write(pilot, "\tz")  # owner → due
        assert walk.query_one("#due", Input).value == "2025-04-01z"
        assert walk.form.answer_area.text == before
        assert walk.form.answer.decision == "Book the expo booth"


async def test_text_in_the_same_write_as_alt_n_is_the_reason(tmp_path: Path) -> None:
    app = real_app(tmp_path, fixture_session())
    async with app.run_test(size=SIZE) as pilot:
        walk = app.screen
        await terminal_write(pilot, "\x1bnSold in app stores")
        assert walk.form.answer.readiness is Readiness.NOT_APPLICABLE
        assert walk.form.answer.na_reason == "Sold in app stores"
        assert walk.form.answer_area.text == ""


async def test_owners_named_before_are_suggested_and_taken_with_right(tmp_path: Path) -> None:
    answers = {
        "find.marketing.q1": Answer(owner="Dana Keller"),
        "find.legal.q1": Answer(owner="dana keller"),
        "buy.sales.q1": Answer(owner="Lee Park"),
    }
    app = real_app(tmp_path, fixture_session(answers=answers, position="find.marketing.q2"))
    async with app.run_test(size=SIZE) as pilot:
        walk = app.screen
        owner = walk.query_one("#owner", Input)
        owner.focus()
        await pilot.press("d", "a")
        await pilot.pause(0.2)
        assert "Owner      dana Keller" in line_of(app, "Owner")  # the rest is offered, greyed
        await pilot.press("right")
        assert walk.form.answer.owner == "Dana Keller"  # the spelling already used, not "da…"
        await pilot.press(*["backspace"] * 11, "l")
        await pilot.pause(0.2)
        await pilot.press("right")
        assert owner.value == "Lee Park"


async def test_text_in_the_same_write_as_pagedown_starts_the_next_answer(tmp_path: Path) -> None:
    app = real_app(tmp_path, fixture_session(answers=rich_answers()))
    async with app.run_test(size=SIZE) as pilot:
        walk = app.screen
        walk.query_one("#owner", Input).focus()
        await pilot.pause()
        await terminal_write(pilot, "\x1b[6~abc")  # pagedown, then typing, in one write
        assert walk.current.id == "find.marketing.q2"
        assert walk.form.answer_area.text.endswith("abc")
        assert walk.form.answer.owner == "Lee"  # the next question's owner, untouched


async def test_keys_in_one_write_are_applied_in_the_order_they_were_typed(tmp_path: Path) -> None:
    # A bound key (backspace, an arrow) in the middle of a burst: Textual ran its binding
    # after the keys typed behind it ("Helo⌫lo world" gave "Helolo worl").
    app = real_app(tmp_path, fixture_session())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        walk = app.screen
        assert isinstance(walk, WalkScreen)
        await terminal_write(pilot, "Helo\x7flo world")
        assert walk.form.answer_area.text == "Hello world"
        await terminal_write(pilot, "\x1b[D\x1b[D\x1b[3~X")  # left, left, delete, X
        assert walk.form.answer_area.text == "Hello worXd"
        walk.form.query_one("#owner").focus()
        await terminal_write(pilot, "abc\x7fdef\x1b[D\x1b[DX\x1b[H>")  # …, left, left, X, home, >
        assert walk.form.query_one("#owner", Input).value == ">abdXef"


async def test_setting_the_launch_date_says_saved_in_the_top_bar(tmp_path: Path) -> None:
    from datetime import date

    from walkthrough.tui.screens.launch import LaunchChoice

    app = real_app(tmp_path, fixture_session())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        walk = app.screen
        assert isinstance(walk, WalkScreen)
        assert "Autosave on" in screen_text(app).splitlines()[0]  # nothing written yet
        walk._launch_chosen(LaunchChoice(date(2026, 6, 30)))  # as the launch dialog (ctrl+l) applies it
        await pilot.pause()
        assert "Saved " in screen_text(app).splitlines()[0]
        assert walk.open_session.session.launch == date(2026, 6, 30)
