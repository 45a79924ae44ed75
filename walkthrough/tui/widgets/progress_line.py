"""Where the PM is and how ready the launch is, on one line.

The tally uses the app's words (see `walkthrough.report.progress`): readiness first, then
answered. The bar shows both: ready, then answered but not ready, then the rest.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.style import Style
from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from walkthrough.report.progress import Progress
from walkthrough.tui.colours import DONE, UNDER_WAY, Palette, follow_theme


@dataclass(frozen=True)
class Position:
    stage: int  # 1-based
    stages: int
    team: int  # 1-based among the teams that apply in this stage
    teams: int
    question: int  # 1-based within the team
    questions: int
    counts: Progress  # over the whole walk, teams that apply only

    @property
    def applicable(self) -> int:
        return self.counts.applicable


def tally(counts: Progress, *, short: bool = False) -> str:
    """ "11% ready · 4/9 answered", or "11% ready · 4/9" where room is short."""
    answered = f"{counts.answered}/{counts.applicable}"
    return f"{counts.readiness}% ready · {answered}" + ("" if short else " answered")


class ProgressLine(Widget):
    """ "Stage 2 of 4 · Team 1 of 6 · Question 3 of 5", a bar, and the readiness tally."""

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
        long_where = f"Stage {p.stage} of {p.stages} · Team {p.team} of {p.teams} · Question {p.question} of {p.questions}"
        short_where = f"Stage {p.stage}/{p.stages} · Team {p.team}/{p.teams} · Q {p.question}/{p.questions}"
        # The longest wording that leaves a bar of 12 or more.
        for where, short in ((long_where, False), (long_where, True), (short_where, True)):
            told = " " + tally(p.counts, short=short)
            if len(where) + len(told) + 12 <= width:
                break
        bar_width = max(4, min(40, width - len(where) - len(told) - 2))
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append(where, Style(bold=True))
        text.append(" " * max(2, width - len(where) - bar_width - len(told)))
        text.append_text(self._bar(p.counts, bar_width))
        text.append(told, Style(dim=True))
        return text

    def _bar(self, counts: Progress, width: int) -> Text:
        if not counts.applicable:
            ready = answered = width
        else:
            ready = round(width * counts.ready / counts.applicable)
            answered = round(width * counts.answered / counts.applicable)
        palette = Palette.of(self.app)
        bar = Text()
        bar.append("━" * ready, palette.fill(DONE))
        bar.append("━" * (answered - ready), palette.fill(UNDER_WAY))
        bar.append("━" * (width - answered), Style(dim=True))
        return bar
