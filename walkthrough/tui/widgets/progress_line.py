"""Where the PM is and how far the walk has got, on one line."""

from __future__ import annotations

from dataclasses import dataclass

from rich.style import Style
from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from walkthrough.tui.colours import DONE, Palette, follow_theme


@dataclass(frozen=True)
class Position:
    stage: int  # 1-based
    stages: int
    team: int  # 1-based among the teams that apply in this stage
    teams: int
    question: int  # 1-based within the team
    questions: int
    answered: int  # over the whole walk, teams that apply only
    applicable: int

    @property
    def percent(self) -> int:
        return round(100 * self.answered / self.applicable) if self.applicable else 100


class ProgressLine(Widget):
    """ "Stage 2 of 4 · Team 1 of 6 · Question 3 of 5" and a bar of answered questions."""

    DEFAULT_CSS = """
    ProgressLine {
        height: 1;
    }
    """

    position: reactive[Position | None] = reactive(None)

    def on_mount(self) -> None:
        follow_theme(self, self.refresh)

    def render(self) -> Text:
        p = self.position
        if p is None:
            return Text("No question: no team applies to this product", Style(dim=True))
        width = self.size.width
        where = f"Stage {p.stage} of {p.stages} · Team {p.team} of {p.teams} · Question {p.question} of {p.questions}"
        tally = f" {p.percent}% · {p.answered}/{p.applicable}"
        if len(where) + len(tally) + 12 > width:
            where = f"Stage {p.stage}/{p.stages} · Team {p.team}/{p.teams} · Q {p.question}/{p.questions}"
            tally = f" {p.percent}%"
        bar_width = max(4, min(40, width - len(where) - len(tally) - 2))
        filled = round(bar_width * p.answered / p.applicable) if p.applicable else bar_width
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append(where, Style(bold=True))
        text.append(" " * max(2, width - len(where) - bar_width - len(tally)))
        text.append("━" * filled, Palette.of(self.app).fill(DONE))
        text.append("━" * (bar_width - filled), Style(dim=True))
        text.append(tally, Style(dim=True))
        return text
