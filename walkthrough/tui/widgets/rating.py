"""A 1–5 rating drawn as dots, with a word for what the level means."""

from __future__ import annotations

from collections.abc import Sequence

from rich.style import Style
from rich.text import Text
from textual.binding import Binding

from walkthrough.i18n import N_, _
from walkthrough.tui.colours import Palette, Tone
from walkthrough.tui.widgets.picker import Option, Picker

# What each level means to a PM, so a number is never picked blind (msgids: translate where shown).
RISK_WORDS = (
    N_("nobody leaves"),
    N_("a few grumble"),
    N_("some would leave"),
    N_("many would leave"),
    N_("customers leave"),
)
REWARD_WORDS = (
    N_("no change"),
    N_("a little faster"),
    N_("some faster"),
    N_("much faster"),
    N_("wins deals fast"),
)
MITIGATION_WORDS = (
    N_("no less risk"),
    N_("a little less"),
    N_("some less"),
    N_("much less"),
    N_("risk removed"),
)
WORDS = {"risk": RISK_WORDS, "reward": REWARD_WORDS, "mitigation": MITIGATION_WORDS}
RATING_NAMES = {"risk": N_("Risk"), "reward": N_("Reward"), "mitigation": N_("Mitigation")}


class Rating(Picker[int]):
    """Risk, reward or mitigation: digits 1–5 set it, left/right nudge it, 0 clears it."""

    BINDING_GROUP_TITLE = N_("Rating field")
    BINDINGS = [
        Binding("left", "step(-1)", N_("One dot less"), show=False),
        Binding("right", "step(1)", N_("One dot more"), show=False),
    ]

    def __init__(
        self, words: Sequence[str], *, tone: Tone, id: str | None = None, disabled: bool = False
    ) -> None:
        super().__init__(
            [Option(level, str(level)) for level in range(1, 6)], separator="", id=id, disabled=disabled
        )
        self.words = tuple(words)
        self.tone = tone

    def render(self) -> Text:
        text = Text(no_wrap=True, overflow="ellipsis")
        self._spans = []
        level = self.value or 0
        dot = Palette.of(self.app).fill(self.tone)
        for number in range(1, 6):
            start = text.cell_len
            if number <= level:
                text.append("●", dot)
            else:
                text.append("○", Style(dim=True))
            self._spans.append((start, text.cell_len))
        if level:
            text.append(f" {level} ", Style(bold=True))
            text.append(_(self.words[level - 1]), Style(italic=True))
        else:
            text.append(" " + _("not rated"), Style(dim=True, italic=True))
        return text
