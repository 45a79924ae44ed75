"""Keys a PM can find at 80×24: the footer, the question's notes, help, the arrow keys."""

from __future__ import annotations

from pathlib import Path

from walk_fixtures import fixture_session, real_app, rich_answers, screen_text

from sessions.models import Readiness
from walkthrough.report.summary import summarize
from walkthrough.tui.screens.help import TEXT_EDITING, HelpScreen, binding_groups
from walkthrough.tui.widgets.question_notes import QuestionNotes
from walkthrough.tui.widgets.rating import Rating
from walkthrough.tui.widgets.readiness import ReadinessPicker

SIZE = (80, 24)


async def test_the_footer_at_80_columns_shows_help_and_the_rating_keys(tmp_path: Path) -> None:
    app = real_app(tmp_path, fixture_session())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        footer = screen_text(app).splitlines()[-1]
        for key in ("f1 Help", "alt+r/w/m Rate", "alt+y/p/g/n Readiness", "pgdn Prev/Next"):
            assert key in footer
        await pilot.resize_terminal(160, 40)
        await pilot.pause(0.3)
        footer = screen_text(app).splitlines()[-1]
        for key in ("f1 Help", "^t Teams", "^o Outline", "esc Home", "^p palette"):
            assert key in footer  # room for the rest


async def test_a_read_only_footer_offers_no_editing_keys(tmp_path: Path) -> None:
    app = real_app(tmp_path, fixture_session(), read_only=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        footer = screen_text(app).splitlines()[-1]
        assert "f1 Help" in footer and "alt+r" not in footer and "alt+y" not in footer


async def test_the_question_notes_scroll_by_keyboard(tmp_path: Path) -> None:
    app = real_app(tmp_path, fixture_session())
    async with app.run_test(size=SIZE) as pilot:
        walk = app.screen
        notes = walk.query_one(QuestionNotes)
        hidden = "Gets the word out before launch day."  # the team's focus, last in the notes
        assert hidden not in screen_text(app) and notes.max_scroll_y > 0
        await pilot.press("shift+tab")  # from the answer, back to the notes above it
        assert app.focused is notes
        await pilot.press("end")
        await pilot.pause()
        assert hidden in screen_text(app)
        await pilot.press("tab", *"ok")
        assert walk.form.answer_area.text == "ok"  # and tab goes on into the answer


async def test_notes_that_fit_are_not_a_tab_stop(tmp_path: Path) -> None:
    app = real_app(tmp_path, fixture_session())
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.pause()
        notes = app.screen.query_one(QuestionNotes)
        assert notes.max_scroll_y == 0
        await pilot.press("shift+tab")
        assert app.focused is not notes


async def test_help_puts_the_walk_keys_first_by_purpose_and_text_editing_last(tmp_path: Path) -> None:
    app = real_app(tmp_path, fixture_session())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        walk = app.screen
        titles = [title for title, _rows in binding_groups(walk)]
        assert titles[:3] == ["Move through the walk", "Readiness and ratings", "Summary, teams and launch"]
        assert titles[-1] == TEXT_EDITING and titles.count(TEXT_EDITING) == 1
        groups = dict(binding_groups(walk))
        assert ("alt+n", "Readiness: not applicable") in groups["Readiness and ratings"]
        assert ("ctrl+z", "Undo") not in groups["Move through the walk"]
        editing = dict((description, keys) for keys, description in groups[TEXT_EDITING])
        assert "Undo" in editing and "Select while moving" in editing
        assert not any(description.endswith(" select") for description in editing)
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        assert "Move through the walk" in text and "Previous question" in text  # first, in view


async def test_readiness_arrows_move_along_the_options_as_drawn(tmp_path: Path) -> None:
    app = real_app(tmp_path, fixture_session())
    async with app.run_test(size=SIZE) as pilot:
        picker = app.screen.query_one(ReadinessPicker)
        picker.focus()
        await pilot.pause()
        seen = []
        for _ in range(5):
            await pilot.press("right")
            seen.append(picker.value)
        assert seen == [
            Readiness.READY,  # from none, the first option
            Readiness.PARTIAL,
            Readiness.GAP,
            Readiness.NOT_APPLICABLE,
            Readiness.NOT_APPLICABLE,  # the end: it stays
        ]
        await pilot.press("left", "left")
        assert picker.value is Readiness.PARTIAL
        await pilot.press("0", "left")
        assert picker.value is Readiness.READY  # from none either arrow starts at the first


async def test_rating_arrows_step_less_and_more(tmp_path: Path) -> None:
    app = real_app(tmp_path, fixture_session(answers=rich_answers()))
    async with app.run_test(size=SIZE) as pilot:
        risk = app.screen.query_one("#risk", Rating)
        risk.focus()
        await pilot.pause()
        await pilot.press("left")
        assert risk.value == 3
        await pilot.press("right", "right", "right")
        assert risk.value == 5


async def test_with_the_outline_open_at_80x24_counts_and_ratings_read_whole(tmp_path: Path) -> None:
    # The outline's scrollbar used to cover the last digit ("3/2" for 3/20) and the form
    # beside it squeezed the ratings' words ("●●○○○ 2 a fe").
    session = fixture_session(answers=rich_answers())
    app = real_app(tmp_path, session)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+o")
        await pilot.pause()
        walk = app.screen
        lines = screen_text(app).splitlines()
        summary = summarize(walk.bank, session)  # the summary counts each stage the same way
        for stage in summary.stages:
            line = next(line for line in lines if line.startswith(f"▼ {stage.number} "))
            counts = f" {stage.counts.answered}/{stage.counts.applicable} "
            assert counts in line.split("▕")[0] + " ", line
        for rating in walk.query(Rating):
            assert rating.region.width >= rating.render().cell_len, rating.id
            assert rating.region.right <= SIZE[0], rating.id


async def test_escape_over_the_open_outline_says_it_closes_it_and_does(tmp_path: Path) -> None:
    app = real_app(tmp_path, fixture_session(answers=rich_answers()))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        walk = app.screen
        await pilot.press("ctrl+o")
        await pilot.pause()
        footer = screen_text(app).splitlines()[-1]
        assert "esc Close outline" in footer and "Home" not in footer
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is walk and not walk.outline.display  # still in the walk
        assert "Close outline" not in screen_text(app).splitlines()[-1]
