"""Small truths at 80×24: what the walk says about saving, and question numbers that stay put."""

from __future__ import annotations

from pathlib import Path

from walk_fixtures import fixture_session, real_app, screen_text

from sessions.models import Answer, Readiness

SIZE = (80, 24)


async def test_a_read_only_view_does_not_also_say_autosave_on(tmp_path: Path) -> None:
    app = real_app(tmp_path, fixture_session(), read_only=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "Read-only: nothing you change here is saved." in text
        assert "Autosave on" not in text and "Saved" not in text
    app = real_app(tmp_path, fixture_session())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "Autosave on" in screen_text(app)


async def test_question_numbers_stay_put_when_a_team_is_left_out(tmp_path: Path) -> None:
    # Finance's question is Q7 in the bank (after manufacturing's Q6) whichever teams apply.
    answers = {"buy.finance.q1": Answer(readiness=Readiness.GAP)}
    for excluded in ([], ["manufacturing"]):
        session = fixture_session(answers=answers, excluded=excluded, position="buy.finance.q1")
        app = real_app(tmp_path, session)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert " Q7  Finance  ·  Stage 2" in screen_text(app)  # the walk
            await pilot.press("ctrl+o")
            await pilot.pause()
            finance = next(line for line in screen_text(app).splitlines() if "Finance" in line)
            assert "Q7" in finance  # the outline
            manufacturing = next(line for line in screen_text(app).splitlines() if "Manufacturing" in line)
            assert ("n/a" in manufacturing) == bool(excluded)
            await pilot.press("escape", "ctrl+s")
            await pilot.pause()
            assert "Q7" in screen_text(app)  # the summary's gap list
