"""A 1–5 rating drawn as dots, with a word for what the level means."""

from __future__ import annotations

from collections.abc import Sequence

from rich.style import Style
from rich.text import Text
from textual.binding import Binding

from walkthrough.tui.colours import Palette, Tone
from walkthrough.tui.widgets.picker import Option, Picker

# What each level means to a PM, so a number is never picked blind.
RISK_WORDS = ("nobody leaves", "a few grumble", "some would leave", "many would leave", "customers leave")
REWARD_WORDS = ("no change", "a little faster", "some faster", "much faster", "wins deals fast")
MITIGATION_WORDS = ("no less risk", "a little less", "some less", "much less", "risk removed")
WORDS = {"risk": RISK_WORDS, "reward": REWARD_WORDS, "mitigation": MITIGATION_WORDS}


class Rating(Picker[int]):
    """Risk, reward or mitigation: digits 1–5 set it, left/right nudge it, 0 clears it."""

    BINDING_GROUP_TITLE = "Rating field"
    BINDINGS = [
        Binding("left", "step(-1)", "One dot less", show=False),
        Binding("right", "step(1)", "One dot more", show=False),
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
            text.append(self.words[level - 1], Style(italic=True))
        else:
            text.append(" not rated", Style(dim=True, italic=True))
        return text
