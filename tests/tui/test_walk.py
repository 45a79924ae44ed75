"""The walk screen on an in-memory session: saving rules, quick keys, the outline, edge cases."""

from __future__ import annotations

from datetime import date

import pytest
from textual.widgets import Button, Input
from walk_fixtures import FakeOpenSession, WalkApp, fixture_bank, fixture_session, rich_answers, screen_text

from sessions.models import Answer, Readiness
from walkthrough.i18n import set_language
from walkthrough.report.launch import show_date
from walkthrough.tui.commands import walk_entries
from walkthrough.tui.screens.help import binding_groups
from walkthrough.tui.widgets.outline import TeamState
from walkthrough.tui.widgets.rating import Rating


def make(session=None, **kwargs) -> tuple[WalkApp, FakeOpenSession]:
    fake = FakeOpenSession(session or fixture_session(**kwargs))
    return WalkApp(fake, fixture_bank()), fake


async def test_close_session_saves_what_the_debounce_has_not_yet_and_is_idempotent() -> None:
    app, fake = make()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"abc")
        walk = app.walk
        walk.close_session()  # at once: well inside the 300 ms debounce
        assert fake.closed
        assert fake.session.answers["find.marketing.q1"].text == "abc"
        assert fake.session.position == "find.marketing.q1"
        calls = len(fake.calls)
        walk.close_session()
        assert len(fake.calls) == calls
        await pilot.press(*"more")  # after closing, edits must not reach the (closed) session
        await pilot.pause(0.5)
        assert fake.session.answers["find.marketing.q1"].text == "abc"


async def test_close_session_saves_an_edit_whose_message_is_still_on_its_way() -> None:
    # ctrl+q reaches the app while the form's Edited message may still wait in the walk's
    # queue: the form has already taken the edit in, the walk has not yet recorded it.
    app, fake = make()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"abc")
        await pilot.pause()
        walk = app.walk
        walk.form.query_one("#risk", Rating).value = 3
        assert walk.form.collect() is not None  # taken in; its message is never delivered here
        walk.close_session()
        saved = fake.session.answers["find.marketing.q1"]
        assert (saved.text, saved.risk) == ("abc", 3)


async def test_a_failed_save_is_shown_and_retried() -> None:
    class Flaky(FakeOpenSession):
        full = True

        def save_answer(self, question_id: str, answer: Answer) -> None:
            if self.full:
                raise OSError("disk full")
            super().save_answer(question_id, answer)

    fake = Flaky(fixture_session())
    app = WalkApp(fake, fixture_bank())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("x")
        await pilot.pause(0.6)
        assert "Not saved: disk full" in screen_text(app)
        assert "x" in app.walk.form.answer_area.text  # typing goes on regardless
        fake.full = False
        await pilot.pause(0.8)
        assert fake.session.answers["find.marketing.q1"].text == "x"
        assert "Saved " in screen_text(app)


async def test_quick_keys_set_fields_without_typing_into_the_answer() -> None:
    app, _fake = make()
    async with app.run_test(size=(80, 24)) as pilot:
        walk = app.walk
        await pilot.press(*"ab", "alt+g", "alt+r", "alt+r", "alt+w", "alt+shift+w", "alt+shift+w")
        assert walk.form.answer_area.text == "ab"
        assert walk.form.answer.readiness is Readiness.GAP
        assert walk.form.answer.risk == 2
        assert walk.form.answer.reward == 5  # down from 1 wraps through "not rated" to 5
        await pilot.press("alt+g")  # the same readiness again clears it
        assert walk.form.answer.readiness is None


async def test_not_applicable_asks_why_and_keeps_the_reason() -> None:
    app, fake = make()
    async with app.run_test(size=(80, 24)) as pilot:
        walk = app.walk
        reason = walk.query_one("#na-reason", Input)
        assert not walk.query_one("#na-field").display
        await pilot.press("alt+n")
        await pilot.pause()
        assert walk.query_one("#na-field").display
        assert app.focused is reason
        await pilot.press(*"SaaS")
        await pilot.press("pagedown")
        await pilot.pause(0.2)
        saved = fake.session.answers["find.marketing.q1"]
        assert (saved.readiness, saved.na_reason) == (Readiness.NOT_APPLICABLE, "SaaS")
        assert not walk.query_one("#na-field").display  # the next question has no N/A


async def test_ratings_take_digits_arrows_and_clear() -> None:
    app, _ = make()
    async with app.run_test(size=(80, 24)) as pilot:
        risk = app.walk.query_one("#risk", Rating)
        risk.focus()
        await pilot.press("5")
        assert risk.value == 5
        await pilot.press("left", "left")
        assert risk.value == 3
        await pilot.press("0")
        assert risk.value is None
        await pilot.press("right")
        assert risk.value == 1
        assert app.walk.form.answer.risk == 1


async def test_outline_marks_each_team() -> None:
    app, _ = make(answers=rich_answers(), excluded=["manufacturing"])
    async with app.run_test(size=(120, 40)):
        outline = app.walk.outline
        state = {
            (s, t): outline.team_state(s, t)[0]
            for s, stage in enumerate(outline.bank.stages)
            for t, _ in enumerate(stage.teams)
        }
        assert state[0, 0] is TeamState.DONE  # marketing: both answered
        assert state[1, 0] is TeamState.IN_PROGRESS  # sales: one of two
        assert state[1, 1] is TeamState.NOT_APPLICABLE  # manufacturing: left out
        assert state[1, 2] is TeamState.DONE  # finance: its one question is N/A
        assert state[2, 0] is TeamState.UNTOUCHED


async def test_the_outline_hidden_at_80_columns_shows_what_changed_meanwhile_when_opened() -> None:
    # Under 100 columns the outline is hidden until ctrl+o, and is not relabelled while
    # hidden: what was answered meanwhile must be on it the moment it opens.
    app, _ = make()
    async with app.run_test(size=(80, 24)) as pilot:
        outline = app.walk.outline
        assert not outline.display
        marketing = outline.root.children[0].children[0]
        await pilot.press(*"Booth and webinar", "alt+y")
        await pilot.pause()
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert outline.display
        assert marketing.label.plain.startswith(TeamState.IN_PROGRESS.glyph)


async def test_resumes_past_a_team_that_no_longer_applies() -> None:
    app, _ = make(excluded=["manufacturing"], position="buy.manufacturing.q1")
    async with app.run_test(size=(80, 24)):
        assert app.walk.current.id == "buy.finance.q1"
    app, _ = make(position="no.such.question")
    async with app.run_test(size=(80, 24)):
        assert app.walk.current.id == "find.marketing.q1"


async def test_a_session_where_no_team_applies_does_not_break() -> None:
    every_team = list(fixture_bank().team_names())
    app, fake = make(excluded=every_team)
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.walk.current is None
        assert "no team applies" in screen_text(app)
        await pilot.press("pagedown", "pageup", "alt+y", "alt+r", "ctrl+s")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
    assert fake.closed and not fake.session.answers


async def test_palette_offers_only_teams_that_apply() -> None:
    app, _ = make(excluded=["manufacturing"])
    async with app.run_test(size=(80, 24)):
        titles = [entry.title for entry in walk_entries(app.walk)]
    assert "Go to: Stage 2 · Sales" in titles and "Go to: Stage 4 · Sales" in titles
    assert not any("Manufacturing" in title for title in titles)


async def test_layout_follows_the_terminal_width() -> None:
    app, _ = make()
    async with app.run_test(size=(80, 24)) as pilot:
        walk = app.walk
        assert walk.has_class("-narrow") and not walk.outline.display
        await pilot.resize_terminal(130, 40)
        await pilot.pause()
        assert walk.has_class("-wide") and walk.outline.display
        details = walk.query_one("#details-pane")
        answer = walk.form.answer_area
        assert details.region.x > answer.region.right - 1  # side by side


async def test_mitigation_is_the_third_rating_with_its_own_keys() -> None:
    app, fake = make()
    async with app.run_test(size=(80, 24)) as pilot:
        walk = app.walk
        await pilot.press(*"ab", "alt+m", "alt+m")
        assert walk.form.answer_area.text == "ab"  # the alt key rated, it did not type
        assert walk.query_one("#mitigation", Rating).value == 2
        await pilot.press("alt+shift+m", "alt+shift+m", "alt+shift+m")
        assert walk.form.answer.mitigation == 5  # down from 1 wraps through "not rated" to 5
        assert "Mitigation ●●●●● 5 risk removed" in screen_text(app)
        await pilot.press("pagedown")
        await pilot.pause(0.2)
        assert fake.session.answers["find.marketing.q1"].mitigation == 5
        # The footer names the rating keys where it has room; help lists them everywhere.
        await pilot.resize_terminal(140, 40)
        await pilot.pause()
        assert "alt+r/w/m Rate" in screen_text(app)
        rows = dict(row for _title, group in binding_groups(app.walk) for row in group)
        assert rows["alt+m"] == "Mitigation up" and rows["alt+shift+m"] == "Mitigation down"


async def test_the_top_bar_leads_with_readiness_and_the_outline_counts_the_same_way() -> None:
    app, _ = make(answers=rich_answers(), excluded=["manufacturing"], position="find.marketing.q2")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        shown = screen_text(app)
        # 9 questions apply (manufacturing is left out, one is N/A); 1 is ready, 4 answered.
        assert "11% ready · 4/9 answered" in shown
        # Stage 2: sales answered 1 of 2, finance's only question is N/A: it leaves both counts.
        assert "2 Customers can buy it 1/2" in shown


async def test_the_launch_date_is_set_from_the_walk_and_counted_down_in_the_top_bar() -> None:
    app, fake = make()
    async with app.run_test(size=(80, 24)) as pilot:
        assert "no launch date · ctrl+l" in screen_text(app)
        await pilot.press("ctrl+l")
        await pilot.pause()
        await pilot.press(*"2025-04-27", "enter")
        await pilot.pause()
        assert fake.session.launch == date(2025, 4, 27)
        assert "30 days to launch" in screen_text(app)  # today is pinned to 2025-03-28
        await pilot.press("ctrl+l")
        await pilot.pause()
        await pilot.click("#clear")
        await pilot.pause()
        assert fake.session.launch is None
        assert "no launch date" in screen_text(app)
        assert ("launch", None) in fake.calls


@pytest.mark.parametrize("language", ["en", "id", "zh", "fr", "ru", "th"])
async def test_the_launch_dialog_frames_its_field_and_fits_80x24_with_its_buttons(language: str) -> None:
    """Alone in the dialog, a bare line with a placeholder reads as text: PMs did not see
    where to type. Reopened, the field says the date as the language writes it."""
    set_language(language)
    try:
        app, fake = make()
        fake.session.launch = date(2025, 4, 27)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("ctrl+l")
            await pilot.pause()
            field = app.screen.query_one("#launch-date Input", Input)
            assert field.styles.border_top[0] not in ("", "none", "hidden")
            assert field.styles.border_bottom[0] not in ("", "none", "hidden")
            assert field.content_region.height == 1 and field.region.height == 3
            assert field.value == show_date(date(2025, 4, 27))
            for button in app.screen.query(Button):
                region = button.region
                assert region.height == 3 and region.right <= 80 and region.bottom <= 23, (
                    language,
                    button.id,
                )
            await pilot.press("enter")
            await pilot.pause()
            assert fake.session.launch == date(2025, 4, 27)  # the date as shown reads back as itself
    finally:
        set_language("en")
