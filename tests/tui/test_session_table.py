"""The session list at scale: thousands of sessions, every key and a click still right."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from conftest import screen_text
from textual.app import App, ComposeResult

from sessions.store import SessionEntry
from walkthrough.tui.widgets.session_table import SessionTable

COUNT = 5_000
START = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)


def entries(count: int = COUNT) -> list[SessionEntry]:
    return [
        SessionEntry(
            f"s{number:011d}",
            f"Launch {number:05d}",
            START,
            START - timedelta(minutes=number),
            {"answered": number % 85, "applicable": 84, "gap": number % 7},
            Path("sessions"),
        )
        for number in range(count)
    ]


class ListApp(App[None]):
    def __init__(self) -> None:
        super().__init__()
        self.events: list[tuple[str, str | None]] = []

    def compose(self) -> ComposeResult:
        yield SessionTable(id="sessions")

    def on_mount(self) -> None:
        table = self.query_one(SessionTable)
        table.show(entries())
        table.focus()

    def on_session_table_highlighted(self, event: SessionTable.Highlighted) -> None:
        self.events.append(("highlighted", event.key))

    def on_session_table_selected(self, event: SessionTable.Selected) -> None:
        self.events.append(("selected", event.key))


def rows_on_screen(app: App) -> list[str]:
    return [line.split()[1] for line in screen_text(app).splitlines() if line.strip().startswith("Launch")]


async def test_every_key_moves_through_thousands_of_sessions_and_the_highlight_stays_on_screen():
    app = ListApp()
    async with app.run_test(size=(80, 24)) as pilot:
        table = app.query_one(SessionTable)
        await pilot.pause()
        assert rows_on_screen(app)[:2] == ["00000", "00001"]
        assert len(rows_on_screen(app)) == 23  # the screen less the column titles

        await pilot.press("end")
        assert table.selected.name == f"Launch {COUNT - 1:05d}"
        assert rows_on_screen(app)[-1] == f"{COUNT - 1:05d}"

        await pilot.press("pageup")
        assert table.selected.name == f"Launch {COUNT - 1 - 23:05d}"
        assert rows_on_screen(app)[0] == f"{COUNT - 1 - 23:05d}"

        await pilot.press("k", "up", "j")  # two rows up scrolls by two; one down stays in view
        assert table.selected.name == f"Launch {COUNT - 1 - 24:05d}"
        assert rows_on_screen(app)[0] == f"{COUNT - 1 - 25:05d}"

        await pilot.press("home")
        assert table.selected.name == "Launch 00000"
        assert rows_on_screen(app)[0] == "00000"
        await pilot.press("up")  # already at the top: stays
        assert table.selected.name == "Launch 00000"

        await pilot.press("pagedown", "down", "enter")
        assert table.selected.name == "Launch 00024"
        assert app.events[-1] == ("selected", "s00000000024")
        assert ("highlighted", "s00000000024") in app.events


async def test_a_click_highlights_a_row_and_a_second_click_opens_it():
    app = ListApp()
    async with app.run_test(size=(80, 24)) as pilot:
        table = app.query_one(SessionTable)
        await pilot.pause()
        await pilot.click(SessionTable, offset=(5, 3))  # the column titles, then rows 0, 1, 2
        assert table.selected.name == "Launch 00002"
        assert app.events[-1] == ("highlighted", "s00000000002")
        await pilot.click(SessionTable, offset=(5, 3))
        assert app.events[-1] == ("selected", "s00000000002")
        await pilot.click(SessionTable, offset=(5, 0))  # a title: nothing happens
        assert table.selected.name == "Launch 00002"
        assert app.events[-1] == ("selected", "s00000000002")


async def test_a_new_listing_keeps_the_cursor_on_its_session():
    app = ListApp()
    async with app.run_test(size=(80, 24)) as pilot:
        table = app.query_one(SessionTable)
        await pilot.press("end")
        fewer = entries()[10:]
        table.show(fewer)
        await pilot.pause()
        assert table.selected.name == f"Launch {COUNT - 1:05d}"
        table.show(fewer, keep="s00000000042")
        await pilot.pause()
        assert table.selected.name == "Launch 00042"
        assert "Launch 00042" in screen_text(app)
        table.show([])
        await pilot.pause()
        assert table.selected is None


async def test_a_wider_table_never_shows_less_of_a_name_and_adds_columns_only_beside_it() -> None:
    long_name = "Northwind Analytics Platform GA launch"  # 38 cells
    app = ListApp()
    async with app.run_test(size=(80, 24)) as pilot:
        table = app.query_one(SessionTable)
        table.show([entries(3)[0]._replace(name=long_name), *entries(3)[1:]])
        await pilot.pause()
        at_80 = table.columns(table.scrollable_content_region.width)[0].width or 0
        for width in (100, 116, 130, 160, 200):
            await pilot.resize_terminal(width, 24)
            await pilot.pause()
            columns = table.columns(table.scrollable_content_region.width)
            titles = [column.label for column in columns]
            assert (columns[0].width or 0) >= min(at_80, 30), (width, titles)
        assert titles[-3:] == ["Trend", "Updated", "Started"]  # at 200 there is room for all
        assert long_name in screen_text(app)
        await pilot.resize_terminal(116, 24)
        await pilot.pause()
        assert "Started" not in screen_text(app).splitlines()[0]  # dropped first, for the name

        table.show(entries(3))  # short names: the extras come as soon as they fit
        await pilot.pause()
        assert [column.label for column in table.columns(table.scrollable_content_region.width)][
            -1
        ] == "Started"
