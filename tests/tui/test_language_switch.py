"""Switching the interface's language from the palette: nothing typed, rated or reached is
lost, the bank's own text follows, and the choice is there at the next start."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime

import pytest
from conftest import add_session, run_from_palette, screen_text, settle

from questions.translations import built_in_translation
from walkthrough.context import Context
from walkthrough.i18n import language, set_language
from walkthrough.tui.app import WalkthroughApp
from walkthrough.tui.screens.summary import SummaryScreen
from walkthrough.tui.screens.walk import WalkScreen
from walkthrough.tui.settings import load_settings, settings_path

SIZE = (100, 30)


@pytest.fixture(autouse=True)
def english_after() -> Iterator[None]:
    """The language is process-wide: every test here leaves it as it found it."""
    yield
    set_language("en")


async def pick(pilot, words: str) -> None:  # type: ignore[no-untyped-def]
    """Run a palette command, and wait for what it sets going (the rebuilt screens)."""
    await run_from_palette(pilot, words)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def walk_of(app: WalkthroughApp) -> WalkScreen:
    return next(screen for screen in app.screen_stack if isinstance(screen, WalkScreen))


async def test_switching_to_french_keeps_the_answer_the_rating_and_the_place(context: Context) -> None:
    session_id = add_session(
        context, "Acme", session_id="a1a1a1a1a1a1", updated=datetime(2025, 3, 3, tzinfo=UTC)
    )
    first = context.bank.walk()[0]
    french = built_in_translation("fr").questions
    app = WalkthroughApp(context, open_session=context.store.open(session_id))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        walk = walk_of(app)
        assert walk.current is not None and walk.current.id == first.id
        await pilot.press(*"Ads in week one")
        await pilot.press("alt+r", "alt+r")
        await pilot.press("pagedown", "pagedown", "pagedown")
        await pilot.pause()
        there = walk.current
        assert there is not None and there.index == 3
        await pilot.press(*"Typed just now")  # not yet saved by the debounce when the switch comes
        await pick(pilot, "Language: Fran")
        on_disk = context.store.open(session_id, read_only=True).session
        assert on_disk.answers[there.id].text == "Typed just now"  # saved before the switch
        assert on_disk.position == there.id

        assert language() == "fr"
        walk = walk_of(app)
        assert app.screen is walk and walk.current is not None
        assert walk.current.id == there.id  # the same question…
        assert walk.current.question.prompt == french[there.id].prompt  # …in the French bank
        text = " ".join(screen_text(app).split())
        assert " ".join(french[there.id].prompt.split())[:30] in text
        assert first.question.prompt not in text
        kept = walk.answers[first.id]
        assert kept.text == "Ads in week one" and kept.risk == 2
        await pilot.press("pageup", "pageup", "pageup")
        await pilot.pause()
        assert walk.current.id == first.id
        assert walk.form.answer_area.text == "Ads in week one"
        assert context.store.open(session_id, read_only=True).session.answers[first.id].risk == 2

    assert load_settings(settings_path(context)).language == "fr"
    set_language("en")  # as a new run starts: the saved choice, not this process's, must count
    again = WalkthroughApp(
        Context(data_dir_option=context.data_dir), open_session=context.store.open(session_id)
    )
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert language() == "fr"
        walk = walk_of(again)
        assert walk.current is not None and walk.current.id == first.id  # where the PM left
        assert walk.current.question.prompt == french[first.id].prompt
        assert walk.form.answer_area.text == "Ads in week one"


async def test_a_language_asked_for_at_start_wins_over_the_saved_one(context: Context) -> None:
    from walkthrough.tui.settings import Settings, save_settings

    save_settings(settings_path(context), Settings(language="th"))
    app = WalkthroughApp(context, language_chosen=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert language() == "en"


async def test_the_summary_open_over_the_walk_is_rebuilt_in_place(context: Context) -> None:
    session_id = add_session(
        context,
        "Acme",
        session_id="a1a1a1a1a1a1",
        updated=datetime(2025, 3, 3, tzinfo=UTC),
        answered=6,
        gaps=2,
    )
    russian = built_in_translation("ru")
    app = WalkthroughApp(context, open_session=context.store.open(session_id))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        await pick(pilot, "Language: Рус")
        assert language() == "ru"
        summary = app.screen
        assert isinstance(summary, SummaryScreen)
        stage = summary.bank.stages[0]
        assert stage.title == russian.stages[stage.id].title
        await pilot.press("escape")
        await pilot.pause()
        walk = walk_of(app)
        assert app.screen is walk
        assert walk.current is not None
        assert walk.current.question.prompt == russian.questions[walk.current.id].prompt


async def test_the_palette_offers_every_other_language_by_its_own_name(context: Context) -> None:
    app = WalkthroughApp(context)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        titles = [command.title for command in app.get_system_commands(app.screen)]
        for name in ("Bahasa Indonesia", "简体中文", "Français", "Русский", "ไทย"):
            assert f"Language: {name}" in titles
        assert "Language: English" not in titles  # the one in use
        assert "Quit" not in titles and "Theme" in titles


async def test_switching_on_the_home_screen_keeps_the_list_and_the_cursor(
    context: Context, three_sessions
) -> None:
    app = WalkthroughApp(context)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("down")
        home = app.home
        chosen = home.selected
        assert chosen is not None and chosen.id == three_sessions[1]
        await pick(pilot, "Language: ไทย")
        assert language() == "th"
        assert app.screen is home and home.selected is not None
        assert home.selected.id == chosen.id
        text = screen_text(app)
        assert all(name in text for name in ("Acme Cloud 2.0", "Orbit smart thermostat", "Billing revamp"))


async def test_help_and_the_palette_speak_the_language_switched_to(context: Context) -> None:
    from walkthrough.i18n import catalog
    from walkthrough.tui.screens.help import HelpScreen

    french = catalog("fr")
    assert french.gettext("Everywhere") != "Everywhere"  # the catalogs hold this floor's messages
    app = WalkthroughApp(context)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pick(pilot, "Language: Fran")
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = " ".join(screen_text(app).split())
        assert french.gettext("Everywhere") in text
        assert french.gettext("New session") in text or french.gettext("Start or carry on") in text
        await pilot.press("escape")
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert french.gettext("Theme") in titles
        assert french.gettext("Language: {name}").format(name="English") in titles


def test_the_language_is_kept_in_the_settings_beside_the_theme(context: Context) -> None:
    from walkthrough.tui.settings import Settings, save_settings

    path = settings_path(context)
    save_settings(path, Settings(theme="nord", language="zh"))
    assert load_settings(path) == Settings(theme="nord", language="zh")


@pytest.mark.parametrize("value", ['"xx"', "7", '"EN"', "null"])
async def test_an_unknown_saved_language_means_the_start_up_choice_and_keeps_the_theme(
    context: Context, value: str
) -> None:
    path = settings_path(context)
    path.write_text(f'{{"theme": "nord", "language": {value}}}', encoding="utf-8")
    assert load_settings(path).language is None
    app = WalkthroughApp(context)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert language() == "en" and app.theme == "nord"
        assert not app._notifications  # nothing worth a warning: the file is otherwise fine


@pytest.mark.parametrize(
    ("code", "whole", "short"),
    [
        ("en", "28 Mar 2025", "28 Mar"),
        ("fr", "28 mars 2025", "28 mars"),
        ("zh", "2025年3月28日", "3月28日"),
        ("ru", "28 мар. 2025\u202fг.", "28 мар."),  # a narrow no-break space before г.
    ],
)
def test_dates_on_the_screens_are_written_the_way_the_language_writes_them(
    code: str, whole: str, short: str
) -> None:
    from datetime import date

    from walkthrough.i18n import using
    from walkthrough.tui.dates import day_words

    with using(code):
        assert day_words(date(2025, 3, 28)) == whole
        assert day_words(date(2025, 3, 28), year=False) == short


async def test_a_due_date_stays_a_date_through_switches_there_and_back(context: Context) -> None:
    session_id = add_session(
        context, "Acme", session_id="a1a1a1a1a1a1", updated=datetime(2025, 3, 3, tzinfo=UTC)
    )
    first = context.bank.walk()[0]
    app = WalkthroughApp(context, open_session=context.store.open(session_id))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        walk = walk_of(app)
        walk.form.query_one("#due").focus()
        await pilot.press(*"2026-12-15")
        for code, words in (
            ("fr", "Language: Fran"),
            ("en", "Langue : English"),
            ("ru", "Language: Рус"),
            ("en", "Язык: English"),
        ):
            await pick(pilot, words)
            assert language() == code
            walk = walk_of(app)
            saved = context.store.open(session_id, read_only=True).session.answers[first.id]
            assert (saved.due, saved.due_text) == (date(2026, 12, 15), ""), code
            assert walk.form.read_fields().due == date(2026, 12, 15), code
            assert "-invalid" not in walk.form.query_one("#due").classes, code


async def test_the_field_the_pm_was_in_keeps_the_focus_through_a_switch(context: Context) -> None:
    session_id = add_session(
        context, "Acme", session_id="a1a1a1a1a1a1", updated=datetime(2025, 3, 3, tzinfo=UTC)
    )
    app = WalkthroughApp(context, open_session=context.store.open(session_id))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        walk_of(app).form.query_one("#owner").focus()
        await pilot.press(*"Dana")
        await pick(pilot, "Language: Fran")
        walk = walk_of(app)
        assert app.focused is walk.form.query_one("#owner")
        await pilot.press("ctrl+u")  # meant for the owner: the answer box is left alone
        await pilot.press(*"Lee")
        await pilot.pause()
        assert walk.form.read_fields().owner == "Lee"
