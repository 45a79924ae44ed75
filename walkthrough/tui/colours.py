"""One colour vocabulary: what readiness, status, quadrants and ratings look like.

Every state a screen colours has a tone, and every tone is a set of theme variables,
so the theme the PM picks (ctrl+p → Theme) recolours every screen. Widgets styled in
CSS use a tone's class (`tone-good`, … in app.tcss, written with the same variables);
Rich Text, which table cells, Tree labels and hand-drawn widgets are made of,
gets its colours from a `Palette` of the app's current theme and is redrawn when the
theme changes (`follow_theme`). Content strings name the variables themselves
(`f"${tone.fill_variable}"`) and Textual resolves those as it paints.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from enum import Enum
from typing import TYPE_CHECKING, Any

from rich.color import Color as RichColor
from rich.style import Style
from textual.color import Color, ColorParseError

if TYPE_CHECKING:
    from textual.app import App
    from textual.dom import DOMNode


class Tone(Enum):
    """(text on the background, a filled mark or bar, a tinted area) as theme variables."""

    GOOD = ("text-success", "success", "success-muted")
    CAUTION = ("text-warning", "warning", "warning-muted")
    BAD = ("text-error", "error", "error-muted")
    PLACE = ("text-primary", "primary", "primary-muted")  # where in the journey the PM is
    # Nothing to act on (not applicable, unanswered, not rated): dimmed rather than coloured.
    QUIET = ("", "foreground-muted", "panel")

    @property
    def text_variable(self) -> str:
        return self.value[0]

    @property
    def fill_variable(self) -> str:
        return self.value[1]

    @property
    def tint_variable(self) -> str:
        return self.value[2]

    @property
    def css_class(self) -> str:
        return f"tone-{self.name.lower()}"


# Keyed by the enums' values (Status, Readiness and Quadrant are StrEnums, so their
# members look these up directly) to keep the store's models off the home screen's
# start-up path; tests/tui/test_colours.py checks every member has a tone.
STATUS: dict[str, Tone] = {
    "ready": Tone.GOOD,
    "partial": Tone.CAUTION,
    "gap": Tone.BAD,
    "not_applicable": Tone.QUIET,
    "not_assessed": Tone.QUIET,  # an answer nobody has judged yet
    "unanswered": Tone.QUIET,
}
READINESS = STATUS  # a readiness is the status of an answer that has one
QUADRANT: dict[str, Tone] = {
    "act_now": Tone.BAD,
    "protect": Tone.CAUTION,
    "opportunity": Tone.GOOD,
    "later": Tone.QUIET,
    "unplaced": Tone.QUIET,  # risk or reward not rated: no cell on the matrix
}
RISK = Tone.BAD  # if we don't, customers leave
REWARD = Tone.GOOD  # if we do, we win customers faster
MITIGATION = Tone.PLACE  # if we prioritise it, our risks shrink: apart from both
DONE = Tone.GOOD  # every question settled: a full bar, a finished team
UNDER_WAY = Tone.CAUTION  # some answered, some not; also "half covered"
CHANGED = Tone.PLACE  # moved since the milestone compared with: a mark, neither good nor bad


class Palette:
    """Rich styles for tones, resolved against one theme's variables."""

    def __init__(self, variables: Mapping[str, str]) -> None:
        self._variables = variables
        self._background = self._parse("background")

    @classmethod
    def of(cls, app: App[Any]) -> Palette:
        # theme_variables is refreshed whenever the theme changes, before anyone is told.
        return cls(app.theme_variables or app.get_css_variables())

    def _parse(self, variable: str) -> Color | None:
        # Values are what CSS accepts: "#4EBF71", "#E0E0E099", "ansi_red 50%", "transparent".
        name, _space, strength = self._variables.get(variable, "").partition(" ")
        try:
            colour = Color.parse(name)
            if strength.endswith("%"):
                colour = colour.multiply_alpha(float(strength[:-1]) / 100)
        except (ColorParseError, ValueError):  # not a colour ("auto 60%"): leave it out
            return None
        return colour

    def _resolve(self, variable: str, *, solid: bool) -> RichColor | None:
        """The variable as Rich draws it. Rich has no alpha, so a translucent colour is mixed
        with the background as it would be seen; where it cannot be (an ANSI theme leaves
        the colours to the terminal) a mark (`solid`) is drawn opaque and an area left bare."""
        colour = self._parse(variable)
        if colour is None:
            return None
        if colour.a < 1:
            background = self._background
            if colour.ansi is None and background is not None and background.ansi is None:
                colour = background + colour
            elif solid:
                colour = colour.with_alpha(1.0)
            else:
                return None
        return colour.rich_color

    def text(self, tone: Tone, *, bold: bool = False, italic: bool = False) -> Style:
        """Words in this tone, readable on the screen's background."""
        emphasis = Style(bold=bold or None, italic=italic or None)
        if tone is Tone.QUIET:
            return Style(dim=True) + emphasis
        return Style(color=self._resolve(tone.text_variable, solid=True)) + emphasis

    def fill(self, tone: Tone) -> Style:
        """A mark, a bar or a reversed label: the tone at full strength."""
        return Style(color=self._resolve(tone.fill_variable, solid=True))

    def tint(self, tone: Tone) -> Style:
        """A background area in this tone, quiet enough to write on."""
        return Style(bgcolor=self._resolve(tone.tint_variable, solid=False))


def follow_theme(node: DOMNode, redraw: Callable[[], object]) -> None:
    """Call `redraw` whenever the PM picks another theme (call from on_mount)."""
    node.app.theme_changed_signal.subscribe(node, lambda _theme: redraw())
