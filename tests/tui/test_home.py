"""The home screen: listing, empty state, rename, delete, export, resume and its snapshots."""

from __future__ import annotations

import threading
from datetime import UTC, datetime
from pathlib import Path

from conftest import add_session, screen_text, settle
from export_checks import export_asks_before_replacing
from textual.app import App
from textual.widgets import Input

from sessions.store import Listing
from sessions.text import BIDI_CONTROLS
from walkthrough.context import Context, ListingInBackground
from walkthrough.tui.app import WalkthroughApp
from walkthrough.tui.screens.confirm import ConfirmScreen
from walkthrough.tui.screens.home import HomeScreen
from walkthrough.tui.screens.rename import RenameScreen
from walkthrough.tui.widgets.session_table import SessionTable

MARKUP_NAMES = ("[bold red]x[/]", "[link=x]click[/link] me")


def stored(context: Context) -> dict[str, str]:
    return {entry.id: entry.name for entry in context.store.listing().entries}


def table(app: WalkthroughApp) -> SessionTable:
    return app.screen.query_one(SessionTable)


async def test_empty_state_tells_a_first_time_user_what_to_do(context):
    app = WalkthroughApp(context, listing=ListingInBackground(context))  # as `walkthrough` starts
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert "No sessions yet." in text
        assert "Press n to start your first walkthrough" in text
        assert not table(app).display
        # Only what makes sense without a session is offered.
        assert "Rename" not in text.splitlines()[-1]
        assert "Resume" not in text.splitlines()[-1]  # enter has nothing to resume
        assert "n New" in text.splitlines()[-1]


async def test_sessions_listed_newest_first_with_readiness_answered_and_open_items(context, three_sessions):
    app = WalkthroughApp(context)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        text = screen_text(app)
        rows = [line for line in text.splitlines() if "%" in line]
        assert [row.strip().split("  ")[0] for row in rows] == [
            "Acme Cloud 2.0",
            "Orbit smart thermostat",
            "Billing revamp",
        ]
        stats = {entry.id: entry.stats for entry in context.store.listing().entries}
        acme = stats["a1a1a1a1a1a1"]
        ready = acme["ready"]
        assert ready == 40 - 6 - 9
        assert rows[0].split()[-5:] == [
            f"{round(100 * ready / acme['applicable'])}%",
            f"{acme['answered']}/{acme['applicable']}",
            str(acme["applicable"] - ready),  # open items: every applicable question not ready
            "6",  # gaps: readiness "gap" only
            "—",  # no launch date
        ]
        assert "0/" in rows[2]
        assert "3 sessions · 9 gaps found so far" in text


async def test_store_problems_are_shown_as_a_warning(context, data_dir, three_sessions):
    (data_dir / "sessions" / "d4d4d4d4d4d4.json").write_text("{not json", encoding="utf-8")
    app = WalkthroughApp(context)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        warnings = [n for n in app._notifications if n.severity == "warning"]
        assert any("corrupt" in n.message and "d4d4d4d4d4d4" in n.message for n in warnings)
        assert len(table(app).entries) == 3


async def test_markup_looking_names_are_shown_literally(context):
    for number, name in enumerate(MARKUP_NAMES):
        add_session(
            context,
            name,
            session_id=f"e{number}e{number}e{number}e{number}e{number}e{number}",
            updated=datetime(2025, 3, 1, 12, number, tzinfo=UTC),
        )
    app = WalkthroughApp(context)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        text = screen_text(app)
        for name in MARKUP_NAMES:
            assert name in text
        # The detail pane repeats the highlighted name, also literally.
        assert text.count(MARKUP_NAMES[1]) == 2

        await pilot.press("d")
        assert isinstance(app.screen, ConfirmScreen)
        assert f"“{MARKUP_NAMES[1]}” and all its answers" in screen_text(app)
        await pilot.press("escape")

        await pilot.press("f2")
        assert isinstance(app.screen, RenameScreen)
        assert app.screen.query_one(Input).value == MARKUP_NAMES[1]


async def test_rename(context, three_sessions):
    app = WalkthroughApp(context)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("down", "f2")
        assert isinstance(app.screen, RenameScreen)
        await pilot.press(*"[beta]", "enter")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert stored(context)["b2b2b2b2b2b2"] == "[beta]"
        assert "[beta]" in screen_text(app)
        assert table(app).selected.id == "b2b2b2b2b2b2"


async def test_rename_refuses_an_empty_or_taken_name_and_escape_keeps_the_old_one(context, three_sessions):
    app = WalkthroughApp(context)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f2", "backspace", "enter")
        assert "Give the session a name." in screen_text(app)
        app.screen.query_one(Input).insert_text_at_cursor("billing REVAMP")
        await pilot.press("enter")
        assert "Another session already has this name" in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        assert stored(context)["a1a1a1a1a1a1"] == "Acme Cloud 2.0"


async def test_delete_asks_first_and_cancel_keeps_the_session(context, three_sessions):
    app = WalkthroughApp(context)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("d")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.press("delete", "escape")
        # Enter on the dialog lands on "Cancel": a reflexive enter destroys nothing.
        await pilot.press("d", "enter")
        await settle(pilot)
        assert set(stored(context)) == set(three_sessions)


async def test_delete_with_confirmation(context, three_sessions):
    app = WalkthroughApp(context)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("down", "d", "y")
        await settle(pilot)
        assert set(stored(context)) == {"a1a1a1a1a1a1", "c3c3c3c3c3c3"}
        assert "Orbit smart thermostat" not in screen_text(app)
        assert len(table(app).entries) == 2


async def test_deleting_the_last_session_shows_the_empty_state(context):
    add_session(context, "Only one", session_id="f5f5f5f5f5f5", updated=datetime(2025, 3, 1, tzinfo=UTC))
    app = WalkthroughApp(context)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("d", "y")
        await settle(pilot)
        assert "No sessions yet." in screen_text(app)


async def test_export_writes_markdown_and_asks_before_replacing(context, three_sessions, work_dir):
    app = WalkthroughApp(context)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await export_asks_before_replacing(
            pilot, HomeScreen, work_dir / "Acme Cloud 2.0.md", "Acme Cloud 2.0"
        )


async def test_export_onto_a_directory_says_why_and_asks_nothing(context, three_sessions, work_dir):
    (work_dir / "Acme Cloud 2.0.md").mkdir()
    app = WalkthroughApp(context)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        (error,) = [n for n in app._notifications if n.severity == "error"]
        assert error.title == "Not exported" and "it is a directory" in error.message
        assert (work_dir / "Acme Cloud 2.0.md").is_dir()


async def test_resume_opens_the_walk_and_home_refreshes_after_it(context, three_sessions, stub_walk):
    app = WalkthroughApp(context)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        (walk,) = stub_walk.instances
        assert app.screen is walk
        assert walk.open_session.session.id == "c3c3c3c3c3c3"
        assert not walk.open_session.read_only
        first = next(ref for ref in context.bank.walk())
        from sessions.models import Answer

        walk.open_session.save_answer(first.id, Answer(text="Webinars", readiness="gap"))
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        # Saving made it the most recent; the list shows the new gap.
        assert table(app).entries[0].id == "c3c3c3c3c3c3"
        assert table(app).entries[0].stats["gap"] == 1
        assert walk.closed == 1


async def test_back_from_a_new_session_the_cursor_is_on_it(context, three_sessions):
    app = WalkthroughApp(context)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert table(app).selected.name == "Acme Cloud 2.0"
        await pilot.press("n", *"Zeta launch", "ctrl+s")
        await pilot.pause()
        await pilot.press(*"First answer", "escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert table(app).selected.name == "Zeta launch"  # not the row highlighted before
        await pilot.press("d")
        assert isinstance(app.screen, ConfirmScreen)
        assert "“Zeta launch”" in screen_text(app)  # d aims at the session just made


async def test_back_from_a_session_resumed_from_the_command_line_the_cursor_is_on_it(context, three_sessions):
    # `walkthrough resume Billing`: the walk opens first, home is listed behind it.
    app = WalkthroughApp(context, open_session=context.store.open("c3c3c3c3c3c3", read_only=True))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert table(app).selected.id == "c3c3c3c3c3c3"  # third in the list, and still the one


async def test_r_resumes_too(context, three_sessions, stub_walk):
    app = WalkthroughApp(context)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("r")
        await pilot.pause()
        assert stub_walk.instances[0].open_session.session.id == "a1a1a1a1a1a1"


async def test_session_open_elsewhere_offers_a_read_only_view(context, three_sessions, stub_walk):
    held = context.store.open("a1a1a1a1a1a1")  # as if another walkthrough had it
    try:
        app = WalkthroughApp(context)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await pilot.press("enter")
            assert isinstance(app.screen, ConfirmScreen)
            assert "open in another walkthrough window" in screen_text(app)
            await pilot.press("escape")
            assert isinstance(app.screen, HomeScreen)
            assert stub_walk.instances == []

            await pilot.press("enter", "y")
            await pilot.pause()
            (walk,) = stub_walk.instances
            assert app.screen is walk
            assert walk.open_session.read_only
            assert walk.open_session.session.name == "Acme Cloud 2.0"
    finally:
        held.close()


async def test_wide_terminal_adds_columns_and_a_detail_pane(context, three_sessions):
    app = WalkthroughApp(context)
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert "Partial" in text and "Started" in text
        assert "walkthrough resume a1a1a1a1a1a1" in text
        await pilot.press("down")
        assert "walkthrough resume b2b2b2b2b2b2" in screen_text(app)
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        text = screen_text(app)
        assert "walkthrough resume" not in text and "Started" not in text


class Host(App[None]):
    """Any app can show the home screen: it hands the listing down and handles the requests."""

    CSS_PATH = str(Path(__file__).resolve().parents[2] / "walkthrough" / "tui" / "styles" / "app.tcss")

    def __init__(self, listing: Listing) -> None:
        super().__init__()
        self.listing = listing
        self.requests: list[tuple[str, ...]] = []

    def get_default_screen(self) -> HomeScreen:
        return HomeScreen()

    async def on_ready(self) -> None:
        assert isinstance(self.screen, HomeScreen)
        await self.screen.show_listing(self.listing)

    def on_home_screen_new_session_requested(self, _event: HomeScreen.NewSessionRequested) -> None:
        self.requests.append(("new",))

    def on_home_screen_resume_requested(self, event: HomeScreen.ResumeRequested) -> None:
        self.requests.append(("resume", event.session_id, event.name))

    def on_home_screen_export_requested(self, event: HomeScreen.ExportRequested) -> None:
        self.requests.append(("export", event.session_id, event.name))

    def on_home_screen_rename_requested(self, event: HomeScreen.RenameRequested) -> None:
        self.requests.append(("rename", event.session_id, event.new_name))

    def on_home_screen_delete_requested(self, event: HomeScreen.DeleteRequested) -> None:
        self.requests.append(("delete", event.session_id, event.name))


async def test_home_asks_its_app_by_message_and_touches_no_store(context, three_sessions):
    app = Host(context.store.listing())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "3 sessions · 9 gaps found so far" in screen_text(app)
        await pilot.press("enter", "down", "e", "n")
        await pilot.press("f2", *"Orbit 2", "enter")
        await pilot.press("d", "y")
        # Taken names come from the listing it was given: no request for one already used.
        await pilot.press("f2", *"billing revamp", "enter", "escape")
        await pilot.pause()
        assert app.requests == [
            ("resume", "a1a1a1a1a1a1", "Acme Cloud 2.0"),
            ("export", "b2b2b2b2b2b2", "Orbit smart thermostat"),
            ("new",),
            ("rename", "b2b2b2b2b2b2", "Orbit 2"),
            ("delete", "b2b2b2b2b2b2", "Orbit smart thermostat"),
        ]
        # Nothing changes until the app acts and hands a new listing down.
        assert set(stored(context)) == set(three_sessions)


# Snapshots ---------------------------------------------------------------------------


def _run_before_settled(pilot):
    return settle(pilot)


def test_snapshot_home_empty_80x24(snap_compare, context):
    assert snap_compare(WalkthroughApp(context), terminal_size=(80, 24), run_before=_run_before_settled)


def test_snapshot_home_empty_120x40(snap_compare, context):
    assert snap_compare(WalkthroughApp(context), terminal_size=(120, 40), run_before=_run_before_settled)


def test_snapshot_home_three_sessions_80x24(snap_compare, context, three_sessions):
    assert snap_compare(WalkthroughApp(context), terminal_size=(80, 24), run_before=_run_before_settled)


def test_snapshot_home_three_sessions_120x40(snap_compare, context, three_sessions):
    assert snap_compare(WalkthroughApp(context), terminal_size=(120, 40), run_before=_run_before_settled)


async def test_a_session_file_with_a_time_no_zone_can_show_never_stops_home(
    context, data_dir, three_sessions, monkeypatch
):
    import json
    import time

    from sessions.models import LATEST

    # Tokyo shows 9999-12-31T23:00 UTC as year 10000: the file is refused; the range's last
    # moment is shown (the widest layout, at 160 columns, shows the created time too).
    monkeypatch.setenv("TZ", "Asia/Tokyo")
    time.tzset()
    add_session(context, "Last moment", session_id="f5f5f5f5f5f5", updated=LATEST)
    planted = data_dir / "sessions" / "e4e4e4e4e4e4.json"
    tables = json.loads((data_dir / "sessions" / "c3c3c3c3c3c3.json").read_text(encoding="utf-8"))
    tables["meta"]["1"]["updated"] = "9999-12-31T23:00:00+00:00"
    planted.write_text(json.dumps(tables), encoding="utf-8")
    app = WalkthroughApp(Context(data_dir_option=data_dir))
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert "Loading sessions" not in text
        assert len(table(app).entries) == 4 and "Last moment" in text
        warnings = [n.message for n in app._notifications if n.severity == "warning"]
        assert any(str(planted) in message and "out of range" in message for message in warnings)


async def test_bidi_controls_in_a_name_never_reach_the_terminal(context):
    """A U+202E kept in a stored name would make a bidi-aware terminal draw the rest of the
    line backwards: the list, the detail pane, the dialog and the toast draw it as nothing."""
    add_session(
        context,
        "\u202eevil\u2066 name\u200f",
        session_id="f1f1f1f1f1f1",
        updated=datetime(2025, 3, 1, tzinfo=UTC),
    )
    app = WalkthroughApp(context)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        shown = [screen_text(app)]
        await pilot.press("d")
        assert isinstance(app.screen, ConfirmScreen)
        shown.append(screen_text(app))
        await pilot.press("y")
        await settle(pilot)
        shown += [n.message for n in app._notifications]
    for text in shown:
        assert not set(text) & set(BIDI_CONTROLS), text
    assert shown[0].count("evil") == 2  # the row and the detail pane
    assert "all its answers will be deleted" in shown[1] and "evil" in shown[1]
    assert any(text.startswith("Deleted") and "evil" in text for text in shown[2:])


async def test_a_listing_made_before_the_tui_starts_is_on_the_first_frame(context, three_sessions):
    # `walkthrough` lists the sessions while the TUI loads: ready by then, the home screen is
    # built with its rows instead of showing "Loading sessions…" and listing again.
    early = ListingInBackground(context)
    early.result()
    app = WalkthroughApp(context, listing=early)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert [entry.id for entry in table(app).entries] == three_sessions
        assert "Loading sessions" not in screen_text(app)
        assert "Acme Cloud 2.0" in screen_text(app)
        assert not [worker for worker in app.workers if worker.group == "sessions"]  # no second listing
        await pilot.press("down")
        assert table(app).selected.id == three_sessions[1]


class GatedListing:
    """A listing made before the TUI, done only once `gate` is set; `waited`: whether home's
    wait for it sees the gate open in time (else, as on a slow disk, the wait runs out)."""

    def __init__(self, done: ListingInBackground, gate: threading.Event, *, waited: bool) -> None:
        self._done, self._gate, self._waited = done, gate, waited

    @property
    def ready(self) -> bool:
        return self._gate.is_set()

    def wait(self, seconds: float) -> bool:
        if self._waited:
            self._gate.wait(seconds)
        return self.ready

    def result(self) -> Listing:
        self._gate.wait()
        return self._done.result()


async def test_a_listing_still_under_way_when_the_tui_starts_arrives_after_it(context, three_sessions):
    gate = threading.Event()
    app = WalkthroughApp(context, listing=GatedListing(ListingInBackground(context), gate, waited=False))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.home.listing is None
        assert "Loading sessions" in screen_text(app)
        gate.set()
        await settle(pilot)
        assert [entry.id for entry in table(app).entries] == three_sessions


async def test_a_listing_nearly_done_when_home_is_built_is_waited_for(context, three_sessions):
    # Textual's import holds the interpreter most of the time, so the listing made while it
    # loads may finish a moment late: home waits that moment, and its rows are on its first
    # frame rather than on a second one.
    gate = threading.Event()
    threading.Timer(0.03, gate.set).start()
    app = WalkthroughApp(context, listing=GatedListing(ListingInBackground(context), gate, waited=True))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.home.listing is not None
        assert [entry.id for entry in table(app).entries] == three_sessions
        assert "Loading sessions" not in screen_text(app)
        assert not [worker for worker in app.workers if worker.group == "sessions"]  # no second listing


async def test_an_edited_index_with_odd_counts_still_lists_every_session(data_dir, three_sessions):
    # index.json is a cache anyone can edit: counts that are not whole numbers (a string, a
    # float, a negative, a huge one) count as 0 in the status line and the rows, as in `list`.
    import json

    context = Context(data_dir_option=data_dir)
    context.store.listing()  # index.json up to date
    index = data_dir / "index.json"
    document = json.loads(index.read_text(encoding="utf-8"))
    odd = ["many", 2.5, -4]
    for stats, value in zip(document["sessions"]["stats"], odd, strict=True):
        stats["gap"] = value
    index.write_text(json.dumps(document), encoding="utf-8")
    app = WalkthroughApp(Context(data_dir_option=data_dir))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert "3 sessions · 0 gaps found so far" in text
        assert len([line for line in text.splitlines() if "%" in line]) == 3
