"""One colour vocabulary: every state has a tone, every tone is a theme variable, every
screen follows the theme the PM picks, at start-up and when it changes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import settle
from rich.color import Color as RichColor
from rich.style import Style
from rich.text import Text
from source_strings import TUI, python_files, shown_strings
from test_summary_screen import open_summary
from test_walk_snapshots import steady, walk_app
from textual.app import App, ComposeResult
from textual.color import Color
from textual.widgets import Static

from sessions.models import Readiness
from walkthrough.report.summary import Quadrant, Status
from walkthrough.tui.app import WalkthroughApp
from walkthrough.tui.colours import QUADRANT, READINESS, STATUS, Palette, Tone
from walkthrough.tui.widgets.outline import Outline
from walkthrough.tui.widgets.progress_line import ProgressLine
from walkthrough.tui.widgets.rating import Rating
from walkthrough.tui.widgets.readiness import ReadinessPicker
from walkthrough.tui.widgets.risk_matrix import RiskMatrix
from walkthrough.tui.widgets.row_table import RowTable
from walkthrough.tui.widgets.session_table import SessionTable

# A colour written into the code instead of taken from the theme.
HARD_CODED = re.compile(
    r"\b(red|green|yellow|blue|magenta|cyan|white|black|grey|gray|bright_[a-z]+)\b|#[0-9a-fA-F]{6}\b|rgba?\("
)


def theme_colour(app: App, variable: str) -> RichColor:
    return Color.parse(app.theme_variables[variable]).rich_color


def colours(text: Text) -> set[RichColor | None]:
    """Foreground colours used in a rendered line (spans and the base style)."""
    styles = [span.style for span in text.spans] + [text.style]
    return {style.color for style in styles if isinstance(style, Style)}


def test_every_status_readiness_and_quadrant_has_a_tone() -> None:
    assert set(STATUS) == {status.value for status in Status}
    assert all(readiness in READINESS for readiness in Readiness)
    assert set(QUADRANT) == {quadrant.value for quadrant in Quadrant}
    # A gap and a ready answer never look alike, whatever the theme.
    assert len({STATUS[Status.READY], STATUS[Status.PARTIAL], STATUS[Status.GAP]}) == 3


@pytest.mark.parametrize("theme", sorted(App().available_themes))
def test_every_tone_is_a_colour_in_every_built_in_theme(theme: str) -> None:
    app = App()
    app.theme = theme
    palette = Palette(app.get_css_variables())
    for tone in Tone:
        if tone is not Tone.QUIET:
            assert palette.text(tone).color is not None, (tone, "text")
        assert palette.fill(tone).color is not None, (tone, "fill")
        # ANSI themes leave colours to the terminal: a translucent tint cannot be mixed there.
        if not app.current_theme.name.startswith("ansi-"):
            assert palette.tint(tone).bgcolor is not None, (tone, "tint")


def test_no_code_in_the_tui_names_a_colour() -> None:
    found = [
        f"{path.relative_to(TUI)}:{line}: {text!r}"
        for path in python_files(TUI)
        for line, text in shown_strings(path)
        if HARD_CODED.search(text)
    ]
    assert found == []


@pytest.mark.parametrize("path", sorted((TUI / "styles").glob("*.tcss")), ids=lambda path: path.name)
def test_styles_take_colours_from_theme_variables(path: Path) -> None:
    css = re.sub(r"/\*.*?\*/", "", path.read_text(encoding="utf-8"), flags=re.DOTALL)
    values = re.findall(r"^\s*[a-z-]+\s*:\s*([^;{]*);", css, flags=re.MULTILINE)
    assert values, "no declarations read"
    assert [value for value in values if HARD_CODED.search(value)] == []


class ToneSamples(App[None]):
    CSS_PATH = str(TUI / "styles" / "app.tcss")

    def compose(self) -> ComposeResult:
        for tone in Tone:
            yield Static(tone.name, classes=tone.css_class)


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light", "gruvbox"])
async def test_css_tones_match_the_rich_ones(theme: str) -> None:
    app = ToneSamples()
    async with app.run_test() as pilot:
        app.theme = theme
        await pilot.pause()
        palette = Palette.of(app)
        for tone in Tone:
            sample = app.query_one(f".{tone.css_class}", Static)
            assert sample.styles.color.a > 0, tone
            if tone is not Tone.QUIET:
                assert sample.styles.color.rich_color == palette.text(tone).color, tone


async def test_the_summary_repaints_in_a_new_theme(data_dir: Path) -> None:
    app = walk_app(data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        summary = await open_summary(pilot)
        items = summary.query_one("#items-table", RowTable)
        headline = summary.query_one("#summary-headline", Static)

        def gap_status() -> Text:
            status = items.get_row_at(0)[1]  # Q3, a gap: the most urgent
            assert isinstance(status, Text) and status.plain == "Gap"
            return status

        def headline_colours() -> set[RichColor | None]:
            strips = [headline.render_line(y) for y in range(headline.size.height)]
            return {segment.style.color for strip in strips for segment in strip if segment.style}

        before = theme_colour(app, "text-error")
        assert gap_status().style.color == before  # type: ignore[union-attr]
        items.move_cursor(row=2)
        app.theme = "gruvbox"
        await pilot.pause()
        after = theme_colour(app, "text-error")
        assert after != before
        assert gap_status().style.color == after  # type: ignore[union-attr]
        assert items.cursor_row == 2  # repainting kept the PM's place
        assert {after, theme_colour(app, "text-warning")} <= headline_colours()  # gaps, partial
        await pilot.press("3")  # the matrix view
        matrix = summary.query_one(RiskMatrix).render()
        tints = {span.style.bgcolor for span in matrix.spans if isinstance(span.style, Style)}
        assert theme_colour(app, "warning-muted") in tints  # the protect quadrant

        # An ANSI theme's translucent tints cannot be mixed: the matrix is drawn without them.
        app.theme = "ansi-dark"
        await pilot.pause()
        assert "Protect 2" in summary.query_one(RiskMatrix).render().plain
        assert gap_status().style.color == Color.parse("ansi_red").rich_color  # type: ignore[union-attr]


async def test_the_walk_follows_a_new_theme(data_dir: Path) -> None:
    app = walk_app(data_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await steady(pilot)
        app.theme = "gruvbox"
        await pilot.pause()
        screen = app.screen
        assert theme_colour(app, "success") in colours(screen.query_one(ProgressLine).render())
        # Marketing q2 is partial with risk 3 and reward 2.
        assert theme_colour(app, "warning") in colours(screen.query_one(ReadinessPicker).render())
        assert theme_colour(app, "error") in colours(screen.query_one("#risk", Rating).render())
        assert theme_colour(app, "success") in colours(screen.query_one("#reward", Rating).render())
        marketing = screen.query_one(Outline).root.children[0].children[0]
        assert theme_colour(app, "text-success") in colours(marketing.label)  # both answered: done
        place = screen.query_one("#question-place")
        assert place.styles.color.rich_color == theme_colour(app, "text-primary")


async def test_the_session_list_follows_a_new_theme(context, three_sessions) -> None:
    app = WalkthroughApp(context)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        table = app.screen.query_one(SessionTable)
        table.cursor_row = 1
        app.theme = "gruvbox"
        await pilot.pause()
        first_row = table.render_line(1)  # under the column titles; the cursor is on the second
        (gaps,) = [segment for segment in first_row if segment.text.strip() == "6"]
        assert gaps.style is not None and gaps.style.color == theme_colour(app, "text-error")
        assert table.cursor_row == 1
