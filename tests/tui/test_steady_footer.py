"""The footer follows the focused widget's keys, and is not rebuilt when they stay the same."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Button
from textual.widgets._footer import FooterKey

from walkthrough.tui.widgets.steady_footer import SteadyFooter


class Plain(Button):
    pass


class WithKey(Button):
    BINDINGS = [Binding("x", "press", "Extra key")]


class FooterApp(App[None]):
    def compose(self) -> ComposeResult:
        yield Plain("one", id="one")
        yield Plain("two", id="two")
        yield WithKey("three", id="three")
        yield SteadyFooter()


def footer_keys(app: App) -> list[FooterKey]:
    return list(app.query(FooterKey))


async def test_the_footer_shows_the_focused_widgets_keys_and_keeps_its_widgets_while_they_stay_alike():
    app = FooterApp()
    async with app.run_test() as pilot:
        app.query_one("#one").focus()
        await pilot.pause()
        before = footer_keys(app)
        assert "Extra key" not in [key.description for key in before]

        app.query_one("#two").focus()  # same keys: the footer is left as it is
        await pilot.pause()
        assert footer_keys(app) == before

        app.query_one("#three").focus()
        await pilot.pause()
        assert "Extra key" in [key.description for key in footer_keys(app)]

        app.query_one("#one").focus()
        await pilot.pause()
        assert "Extra key" not in [key.description for key in footer_keys(app)]
