"""Starting a session: name, product-type preset, teams; and the reusable teams dialog."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from conftest import add_session, screen_text, settle
from textual.app import App
from textual.widgets import Input, RadioSet, SelectionList

from walkthrough.tui.app import WalkthroughApp
from walkthrough.tui.screens.home import HomeScreen
from walkthrough.tui.screens.new_session import NewSessionScreen
from walkthrough.tui.screens.teams import TeamsScreen
from walkthrough.tui.widgets.date_field import DateField
from walkthrough.tui.widgets.team_picker import TeamPicker


def team_index(context, team_id: str) -> int:
    return list(context.bank.team_names()).index(team_id)


async def choose_preset(pilot, context, preset_id: str) -> None:
    radio = pilot.app.screen.query_one(RadioSet)
    radio.focus()
    await pilot.pause()
    index = [preset.id for preset in context.bank.presets].index(preset_id)
    # Arrow keys move the highlight; enter presses it.
    await pilot.press("home", *["down"] * index, "enter")


async def toggle_team(pilot, context, team_id: str) -> None:
    teams = pilot.app.screen.query_one("#team-list", SelectionList)
    teams.focus()
    teams.highlighted = team_index(context, team_id)
    await pilot.press("space")


async def test_preset_and_a_changed_team_make_the_session(context, stub_walk):
    app = WalkthroughApp(context)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        assert isinstance(app.screen, NewSessionScreen)
        await pilot.press(*"[b]Acme")
        await choose_preset(pilot, context, "saas")
        picker = app.screen.query_one(TeamPicker)
        assert picker.excluded == {"manufacturing"}
        await toggle_team(pilot, context, "legal")
        assert picker.excluded == {"manufacturing", "legal"}
        assert "10 of 12 teams apply" in screen_text(app)
        await pilot.press("ctrl+s")
        await pilot.pause()

        (walk,) = stub_walk.instances
        assert app.screen is walk
        session = walk.open_session.session
        assert session.name == "[b]Acme"
        # Stored in bank order, as the walk's own teams dialog stores them.
        assert session.excluded_teams == ["legal", "manufacturing"]
        listed = {entry.name: entry for entry in context.store.listing().entries}
        assert set(listed) == {"[b]Acme"}
        legal_and_factory = sum(
            len(team.questions)
            for stage in context.bank.stages
            for team in stage.teams
            if team.id in {"legal", "manufacturing"}
        )
        assert listed["[b]Acme"].stats["total"] == len(context.bank.walk()) - legal_and_factory

        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert "[b]Acme" in screen_text(app)


async def test_physical_preset_leaves_out_cloud_operations_and_the_start_button_works(context, stub_walk):
    app = WalkthroughApp(context)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("n", *"Hub")
        await choose_preset(pilot, context, "physical")
        await pilot.click("#start")
        await pilot.pause()
        (walk,) = stub_walk.instances
        assert walk.open_session.session.excluded_teams == ["network-cloud-operations"]


async def test_a_name_is_required_and_must_differ_from_existing_ones(context, stub_walk):
    add_session(context, "Acme", session_id="a1a1a1a1a1a1", updated=datetime(2025, 3, 1, tzinfo=UTC))
    app = WalkthroughApp(context)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("n", "ctrl+s")
        assert "Give the session a name." in screen_text(app)
        await pilot.press(*"  acme ", "ctrl+s")
        assert "Another session already has this name" in screen_text(app)
        assert isinstance(app.screen, NewSessionScreen)
        assert stub_walk.instances == []
        assert len(context.store.listing().entries) == 1


async def test_at_least_one_team_must_apply(context, stub_walk):
    app = WalkthroughApp(context)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("n", *"X")
        app.screen.query_one("#team-list", SelectionList).deselect_all()
        await pilot.pause()
        assert "0 of 12 teams apply" in screen_text(app)
        await pilot.press("ctrl+s")
        assert "Pick at least one team" in screen_text(app)
        assert stub_walk.instances == []


async def test_enter_in_the_name_moves_on_instead_of_starting(context, stub_walk):
    app = WalkthroughApp(context)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("n", *"A", "enter")
        assert isinstance(app.screen, NewSessionScreen)
        assert app.focused is app.screen.query_one("#launch", DateField).input
        await pilot.press("enter")
        assert isinstance(app.focused, RadioSet)


async def test_the_launch_date_is_read_as_typed_and_kept(context, stub_walk):
    app = WalkthroughApp(context)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("n", *"Dated", "enter", *"next month")
        await pilot.pause()
        shown = screen_text(app)
        assert "Not a date I can read" in shown and "Not a date: not a date" not in shown
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, NewSessionScreen)  # not started with a date it cannot read
        field = app.screen.query_one("#launch", DateField).input
        field.value = "+6w"
        await pilot.pause()
        assert "Fri 9 May 2025 · in 42 days" in screen_text(app)  # today is pinned to 2025-03-28
        await pilot.press("ctrl+s")
        await settle(pilot)
    (entry,) = context.store.listing().entries
    assert context.store.open(entry.id, read_only=True).session.launch == date(2025, 5, 9)


async def test_cancel_returns_home_and_creates_nothing(context, stub_walk):
    app = WalkthroughApp(context)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("n", *"No", "escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert context.store.listing().entries == []


async def test_new_name_from_the_command_line_is_filled_in_with_focus_on_teams(context, stub_walk):
    app = WalkthroughApp(context, new_name="Acme [b]Cloud[/b]")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, NewSessionScreen)
        assert app.screen.query_one("#session-name", Input).value == "Acme [b]Cloud[/b]"
        assert app.focused is app.screen.query_one("#team-list")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert stub_walk.instances[0].open_session.session.name == "Acme [b]Cloud[/b]"


async def test_empty_new_name_starts_in_the_name_field(context):
    app = WalkthroughApp(context, new_name="")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.focused is app.screen.query_one("#session-name")


class TeamsHost(App[None]):
    def __init__(self, bank, excluded) -> None:
        super().__init__()
        self.bank, self.excluded, self.results = bank, excluded, []

    def on_mount(self) -> None:
        self.push_screen(TeamsScreen(self.bank, self.excluded), self.results.append)


async def test_teams_dialog_dismisses_with_the_new_excluded_set(context):
    app = TeamsHost(context.bank, {"manufacturing"})
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, TeamsScreen)
        teams = app.screen.query_one("#team-list", SelectionList)
        assert app.focused is teams
        teams.highlighted = team_index(context, "manufacturing")
        await pilot.press("space")
        teams.highlighted = team_index(context, "support")
        await pilot.press("space", "ctrl+s")
        await pilot.pause()
        assert app.results == [frozenset({"support"})]


async def test_teams_dialog_cancel_gives_none_and_refuses_an_empty_walk(context):
    app = TeamsHost(context.bank, ())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.screen.query_one("#team-list", SelectionList).deselect_all()
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, TeamsScreen)
        assert "Pick at least one team" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert app.results == [None]


@pytest.mark.parametrize(
    ("size", "name", "preset"),
    [((80, 24), "Acme Cloud 2.0", "saas"), ((120, 40), "Orbit smart thermostat", "physical")],
    ids=["80x24", "120x40"],
)
def test_snapshot_new_session(snap_compare, context, size, name, preset):
    async def run_before(pilot):
        await settle(pilot)
        await pilot.press("n")
        pilot.app.screen.query_one("#session-name", Input).insert_text_at_cursor(name)
        await choose_preset(pilot, context, preset)

    assert snap_compare(WalkthroughApp(context), terminal_size=size, run_before=run_before)
