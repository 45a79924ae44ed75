"""The whole flow through the real app and the real store: answer, quit, resume.

Every check reads what reached the disk through a fresh store (or a new app
instance), never the screen's own memory, so a save that only looked done fails.
"""

from __future__ import annotations

import asyncio
from datetime import date
from pathlib import Path

import pytest
from textual.widgets import Input, TextArea
from walk_fixtures import disk_session, screen_text

from sessions.models import Answer, Readiness
from walkthrough.context import Context
from walkthrough.tui.app import WalkthroughApp
from walkthrough.tui.screens.home import HomeScreen
from walkthrough.tui.screens.walk import WalkScreen
from walkthrough.tui.widgets.rating import Rating
from walkthrough.tui.widgets.readiness import ReadinessPicker

SIZE = (120, 40)


def start(data_dir: Path, name: str = "Acme launch", excluded: tuple[str, ...] = ()) -> tuple[Context, str]:
    context = Context(data_dir_option=data_dir)
    bank = context.bank
    session = context.store.create(name, bank_id=bank.id, bank_version=bank.version, excluded_teams=excluded)
    return context, session.id


def open_app(data_dir: Path, session_id: str, *, read_only: bool = False) -> WalkthroughApp:
    context = Context(data_dir_option=data_dir)
    return WalkthroughApp(context, open_session=context.store.open(session_id, read_only=read_only))


def walk_of(app: WalkthroughApp) -> WalkScreen:
    screen = app.screen
    assert isinstance(screen, WalkScreen), f"expected the walk screen, got {screen!r}"
    return screen


async def type_into(pilot, selector: str, text: str) -> None:
    pilot.app.screen.query_one(selector).focus()
    await pilot.pause()
    await pilot.press(*text)


async def test_answers_survive_quit_and_resume_in_a_new_app(tmp_path: Path) -> None:
    context, session_id = start(tmp_path, excluded=("manufacturing",))
    walk_order = [ref for ref in context.bank.walk() if ref.team.id != "manufacturing"]

    app = open_app(tmp_path, session_id)
    async with app.run_test(size=SIZE) as pilot:
        walk = walk_of(app)
        assert walk.current is not None and walk.current.id == walk_order[0].id
        assert app.focused is walk.form.answer_area  # typing starts the answer

        await pilot.press(*"Webinars")
        await pilot.press("alt+y")  # ready
        await pilot.press("alt+r", "alt+r", "alt+r", "alt+r")  # risk 4
        await pilot.press("alt+w", "alt+w")  # reward 2
        await type_into(pilot, "#decision", "Book expo")
        await type_into(pilot, "#owner", "Dana")
        await type_into(pilot, "#due", "2025-06-30")

        walk.form.answer_area.focus()
        await pilot.press("pagedown")
        assert walk.current.id == walk_order[1].id
        await pilot.press(*"Draft", "alt+p")

        # Another team, through the outline: down one node from the current team, enter.
        walk.outline.focus()
        await pilot.press("down", "enter")
        await pilot.pause()
        third = walk.current
        assert third.team.id != walk_order[0].team.id and third.question_index == 0
        assert app.focused is walk.form.answer_area
        await pilot.press(*"None", "alt+g")
        await pilot.press("ctrl+q")

    saved = disk_session(tmp_path, session_id)
    first = saved.answers[walk_order[0].id]
    assert first.text == "Webinars"
    assert (first.readiness, first.risk, first.reward) == (Readiness.READY, 4, 2)
    assert (first.decision, first.owner, first.due) == ("Book expo", "Dana", date(2025, 6, 30))
    assert saved.answers[walk_order[1].id].readiness is Readiness.PARTIAL
    assert saved.answers[third.id].text == "None"
    assert saved.position == third.id

    again = open_app(tmp_path, session_id)  # would raise SessionLocked if quitting had kept the lock
    async with again.run_test(size=SIZE) as pilot:
        walk = walk_of(again)
        assert walk.current.id == third.id
        assert walk.form.answer_area.text == "None"
        assert walk.query_one(ReadinessPicker).value is Readiness.GAP
        for _ in range(walk_order.index(third)):
            await pilot.press("pageup")
        assert walk.current.id == walk_order[0].id
        assert walk.form.answer_area.text == "Webinars"
        assert walk.query_one(ReadinessPicker).value is Readiness.READY
        assert walk.query_one("#risk", Rating).value == 4
        assert walk.query_one("#reward", Rating).value == 2
        assert walk.query_one("#decision", TextArea).text == "Book expo"
        assert walk.query_one("#owner", Input).value == "Dana"
        assert walk.query_one("#due", Input).value == "2025-06-30"
        await pilot.press("ctrl+q")


async def test_teams_that_do_not_apply_are_skipped_and_left_out_of_the_totals(tmp_path: Path) -> None:
    context, session_id = start(tmp_path, excluded=("manufacturing",))
    bank = context.bank
    refs = bank.walk()
    before = [ref for ref in refs if ref.team.id == "manufacturing"]
    assert before, "the built-in bank has a manufacturing team"
    last_before = refs[before[0].index - 1]
    first_after = refs[before[-1].index + 1]
    applicable = sum(1 for ref in refs if ref.team.id != "manufacturing")

    with context.store.open(session_id) as handle:
        handle.save_position(last_before.id)

    app = open_app(tmp_path, session_id)
    async with app.run_test(size=SIZE) as pilot:
        walk = walk_of(app)
        assert walk.current.id == last_before.id
        position = walk.query_one("#progress").position
        assert position.applicable == applicable
        assert position.teams == len(last_before.stage.teams) - 1
        await pilot.press("pagedown")
        assert walk.current.id == first_after.id
        await pilot.press("pageup")
        assert walk.current.id == last_before.id
        manufacturing = next(line for line in screen_text(app).splitlines() if "Manufacturing" in line)
        assert manufacturing.split("Manufacturing")[1].split()[0] == "n/a"

        # Changing the teams mid-walk: leaving out the current team moves on and is saved.
        await pilot.press("ctrl+t")
        await pilot.pause()
        app.screen.dismiss(frozenset({"manufacturing", last_before.team.id}))
        await pilot.pause()
        assert walk.current.team.id not in {"manufacturing", last_before.team.id}
        assert set(disk_session(tmp_path, session_id).excluded_teams) == {
            "manufacturing",
            last_before.team.id,
        }
        await pilot.press("ctrl+q")


async def test_command_palette_jumps_to_a_team(tmp_path: Path) -> None:
    _, session_id = start(tmp_path)
    app = open_app(tmp_path, session_id)
    async with app.run_test(size=SIZE) as pilot:
        walk = walk_of(app)
        assert walk.current.team.id != "sales"
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Sales")
        await pilot.pause(0.5)  # the palette searches in a worker
        await pilot.press("enter")
        await pilot.pause()
        assert walk_of(app) is walk
        assert walk.current.team.id == "sales"
        assert walk.current.question_index == 0
        assert app.focused is walk.form.answer_area
        await pilot.press("ctrl+q")
    assert disk_session(tmp_path, session_id).position == walk.current.id


async def test_next_and_previous_from_inside_the_answer_box(tmp_path: Path) -> None:
    context, session_id = start(tmp_path)
    refs = context.bank.walk()
    app = open_app(tmp_path, session_id)
    async with app.run_test(size=SIZE) as pilot:
        walk = walk_of(app)
        area = walk.form.answer_area
        await pilot.press(*"first")
        for key, expected in (
            ("alt+down", 1),
            ("ctrl+down", 2),
            ("pagedown", 3),
            ("alt+up", 2),
            ("ctrl+up", 1),
            ("pageup", 0),
        ):
            await pilot.press(key)
            assert app.focused is area, key
            assert walk.current.id == refs[expected].id, key
        assert area.text == "first"  # no key leaked into the text
        await pilot.press("pageup")  # already first: stays, no crash
        assert walk.current.id == refs[0].id
        # Navigation saves at once, without waiting for the debounce.
        await pilot.press("alt+down")
        await pilot.pause(0.2)
        saved = disk_session(tmp_path, session_id)
        assert saved.answers[refs[0].id].text == "first"
        assert saved.position == refs[1].id
        await pilot.press("ctrl+q")


async def test_typing_reaches_disk_within_a_second_without_navigating(tmp_path: Path) -> None:
    context, session_id = start(tmp_path)
    first = context.bank.walk()[0]
    app = open_app(tmp_path, session_id)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"saved as typed")
        await pilot.pause(1.2)
        assert disk_session(tmp_path, session_id).answers[first.id].text == "saved as typed"
        assert "Saved " in screen_text(app)
        await pilot.press("ctrl+q")


async def test_typing_without_pause_is_still_saved_every_second(tmp_path: Path) -> None:
    context, session_id = start(tmp_path)
    first = context.bank.walk()[0]
    app = open_app(tmp_path, session_id)
    async with app.run_test(size=SIZE) as pilot:
        loop = asyncio.get_running_loop()
        started = loop.time()
        typed = ""
        while loop.time() - started < 1.5:  # a key every 100 ms: never a 300 ms pause
            await pilot.press("x")
            typed += "x"
            await asyncio.sleep(0.1)
        saved = disk_session(tmp_path, session_id).answers.get(first.id, Answer())
        assert saved.text and typed.startswith(saved.text)
        await pilot.press("ctrl+q")
    assert disk_session(tmp_path, session_id).answers[first.id].text == typed


async def test_markup_and_escapes_are_shown_literally(tmp_path: Path) -> None:
    context, session_id = start(tmp_path)
    refs = context.bank.walk()
    saved_text = "[link=https://example.com]y[/link] [red \x1b[31mred\x1b[0m 価格 ราคา"
    with context.store.open(session_id) as handle:
        handle.save_answer(refs[1].id, Answer(text=saved_text, owner="[b]Dana[/b]"))
    app = open_app(tmp_path, session_id)
    async with app.run_test(size=SIZE) as pilot:
        walk = walk_of(app)
        await pilot.press(*"[b]x[/]")
        await type_into(pilot, "#owner", "[i]me")
        await pilot.pause()
        shown = screen_text(app)
        assert "[b]x[/]" in shown and "[i]me" in shown
        walk.form.answer_area.focus()
        await pilot.press("pagedown")
        assert walk.form.answer_area.text == saved_text
        shown = screen_text(app)
        for piece in ("[link=https://example.com]y[/link]", "[red", "red", "価格", "ราคา", "[b]Dana[/b]"):
            assert piece in shown
        assert "\x1b" not in shown
        await pilot.press("ctrl+s", "o")  # the summary's owner filter lists owners as typed
        await pilot.pause()
        assert "[b]Dana[/b]" in screen_text(app)
        await pilot.press("down", "enter")  # owners in order: "[b]Dana[/b]", "[i]me", then nobody
        await pilot.pause()
        assert "Owner: [b]Dana[/b]" in screen_text(app)  # and so does the detail of its item
        await pilot.press("escape", "ctrl+q")
    assert disk_session(tmp_path, session_id).answers[refs[0].id].text == "[b]x[/]"


async def test_a_megabyte_answer_loads_and_saves(tmp_path: Path) -> None:
    context, session_id = start(tmp_path)
    first = context.bank.walk()[0]
    big = ("lorem ipsum " * 90_000)[:1_000_000]
    with context.store.open(session_id) as handle:
        handle.save_answer(first.id, Answer(text=big))
    app = open_app(tmp_path, session_id)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("!")
        await pilot.pause(1.2)
        assert disk_session(tmp_path, session_id).answers[first.id].text == big + "!"
        await pilot.press("ctrl+q")


async def test_a_due_date_is_read_as_typed_and_an_unreadable_one_is_kept(tmp_path: Path) -> None:
    context, session_id = start(tmp_path)
    first, second = context.bank.walk()[:2]
    app = open_app(tmp_path, session_id)
    async with app.run_test(size=SIZE) as pilot:
        walk = walk_of(app)
        note = walk.query_one("#due-note")
        assert note.has_class("-empty") and "Due Thu" not in screen_text(app)
        await type_into(pilot, "#due", "31 Dec 2026")
        await pilot.pause(1.2)
        assert "Due Thu 31 Dec 2026 · in 643 days" in screen_text(app)
        assert disk_session(tmp_path, session_id).answers[first.id].due == date(2026, 12, 31)

        due = walk.query_one("#due", Input)
        due.value = "end of Q3"
        await type_into(pilot, "#owner", "Dana")
        await pilot.pause(1.2)
        assert "Due: not a date I can read; try" in screen_text(app)
        saved = disk_session(tmp_path, session_id).answers[first.id]
        assert saved.owner == "Dana"  # the rest of the answer is saved
        assert saved.due is None  # no date rather than one the PM has typed over
        assert saved.due_text == "end of Q3"  # and what was typed is kept

        said: list[str] = []
        notify = walk.notify
        walk.notify = lambda message, **kwargs: (said.append(str(message)), notify(message, **kwargs))[1]  # type: ignore[method-assign]
        await pilot.press("pagedown")
        await pilot.pause()
        assert walk.current.id == second.id and due.value == ""
        assert said == ["The due date “end of Q3” is not a date: it is kept as typed, with no date."]
        await pilot.press("pageup")
        await pilot.pause()
        assert due.value == "end of Q3"  # what was typed came back with it
        assert "not a date I can read" in screen_text(app)
        await pilot.press("pagedown", "pageup")  # passing by, it is not said again
        await pilot.pause()
        assert len(said) == 1
        await pilot.press("ctrl+q")

    app = open_app(tmp_path, session_id)  # quit and resumed: still there, as typed
    async with app.run_test(size=SIZE) as pilot:
        walk = walk_of(app)
        due = walk.query_one("#due", Input)
        assert walk.current.id == first.id and due.value == "end of Q3"
        due.value = "+2w"
        await pilot.pause(1.2)
        assert "Due Fri 11 Apr 2025 · in 14 days" in screen_text(app)
        saved = disk_session(tmp_path, session_id).answers[first.id]
        assert (saved.due, saved.due_text) == (date(2025, 4, 11), "")
        await pilot.press("ctrl+q")


async def test_a_read_only_session_says_so_and_changes_nothing(tmp_path: Path) -> None:
    context, session_id = start(tmp_path)
    first = context.bank.walk()[0]
    with context.store.open(session_id) as handle:
        handle.save_answer(first.id, Answer(text="kept"))
    app = open_app(tmp_path, session_id, read_only=True)
    async with app.run_test(size=SIZE) as pilot:
        walk = walk_of(app)
        assert "Read-only" in screen_text(app)
        assert walk.form.answer_area.read_only
        await pilot.press(*"typed", "alt+y", "alt+r")
        await pilot.pause(1.2)
        assert walk.form.answer_area.text == "kept"
        await pilot.press("pagedown")
        await pilot.press("ctrl+q")
    saved = disk_session(tmp_path, session_id)
    assert saved.answers[first.id].text == "kept" and saved.answers[first.id].readiness is None
    assert saved.position is None


async def test_escape_saves_releases_and_goes_home(tmp_path: Path) -> None:
    context, session_id = start(tmp_path)
    first = context.bank.walk()[0]
    app = open_app(tmp_path, session_id)
    async with app.run_test(size=SIZE) as pilot:
        walk = walk_of(app)
        # Opened from the command line, the walk comes first: no home screen is built under it.
        assert not app.home.is_attached and app.home.listing is None
        await pilot.press(*"quick", "escape")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert app.home.listing is not None
        assert [entry.id for entry in app.home.listing.entries] == [session_id]
        walk.close_session()  # idempotent
        with Context(data_dir_option=tmp_path).store.open(session_id) as handle:  # lock released
            assert handle.session.answers[first.id].text == "quick"
        await pilot.press("ctrl+q")


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
async def test_narrow_screens_hide_the_outline_until_asked(tmp_path: Path, size: tuple[int, int]) -> None:
    _, session_id = start(tmp_path)
    app = open_app(tmp_path, session_id)
    async with app.run_test(size=size) as pilot:
        walk = walk_of(app)
        narrow = size[0] < 100
        assert walk.outline.display is not narrow
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert walk.outline.display is narrow
        if narrow:
            assert app.focused is walk.outline
            await pilot.press("down", "enter")  # jump to the second team; the outline folds away
            await pilot.pause()
            assert not walk.outline.display
            assert walk.current.team_index == 1
            assert isinstance(app.focused, TextArea)
        await pilot.press("ctrl+q")


async def test_home_lists_what_was_answered_in_a_session_started_with_n(tmp_path: Path) -> None:
    # The new-session dialog closing resumes the home screen before the walk opens; the
    # home must still reload when the walk closes, not only on its first resume.
    app = WalkthroughApp(Context(data_dir_option=tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("n", *"Fresh", "ctrl+s")
        await pilot.pause()
        walk_of(app)
        await pilot.press(*"Webinars", "alt+g", "pagedown", *"Draft", "escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        (entry,) = Context(data_dir_option=tmp_path).store.listing().entries
        assert (entry.stats["answered"], entry.stats["gap"]) == (2, 1)
        text = screen_text(app)
        assert f"2/{entry.stats['applicable']}" in text
        assert "1 session · 1 gap found so far" in text
        await pilot.press("ctrl+q")


@pytest.mark.parametrize("size", [(60, 18), (80, 24)], ids=["60x18", "80x24"])
async def test_the_question_and_the_whole_answer_box_stay_on_screen(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    # The smallest supported terminal: team and why may scroll, the "How …?" may not.
    context, session_id = start(tmp_path)
    longest = sorted(context.bank.walk(), key=lambda ref: len(ref.question.prompt))[-3:]
    app = open_app(tmp_path, session_id)
    async with app.run_test(size=size) as pilot:
        walk = walk_of(app)
        for ref in [context.bank.walk()[0], *longest]:
            walk.go_to(ref)
            await pilot.pause()
            screen = app.screen.region
            prompt = app.screen.query_one("#question-prompt")
            assert screen.contains_region(prompt.region), ref.id
            assert prompt.region.height >= 1
            answer = walk.form.answer_area
            assert walk.form.region.contains_region(answer.region), ref.id
            assert answer.region.height >= 4, ref.id
            text = " ".join(screen_text(app).split())
            assert ref.question.prompt[:40] in text, ref.id
        await pilot.press("ctrl+q")


@pytest.mark.parametrize("width", [80, 100, 120])
async def test_the_footer_shows_only_whole_keys_and_always_help(tmp_path: Path, width: int) -> None:
    # Keys that do not fit are left out whole (they are in help and the palette), never cut
    # at the edge with a letter showing through.
    _, session_id = start(tmp_path)
    app = open_app(tmp_path, session_id)
    async with app.run_test(size=(width, 30)) as pilot:
        await pilot.pause()
        footer = screen_text(app).splitlines()[-1].rstrip()
        assert "f1 Help" in footer
        assert footer.endswith(("f1 Help", "▏^p palette")), footer
        await pilot.press("ctrl+q")
