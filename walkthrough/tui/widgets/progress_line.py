"""Where the PM is and how ready the launch is, on one line.

The tally uses the app's words (see `walkthrough.report.progress`): readiness first, then
answered. The bar shows both: ready, then answered but not ready, then the rest.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from walkthrough.i18n import _
from walkthrough.report.progress import Progress
from walkthrough.tui.colours import DONE, UNDER_WAY, Palette, follow_theme
from walkthrough.tui.widgets.cells import fit


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
    if short:
        # Translators: the walk's progress where room is short: readiness, then answered of applicable
        said = _("{readiness}% ready · {answered}/{applicable}")
    else:
        said = _("{readiness}% ready · {answered}/{applicable} answered")
    return said.format(readiness=counts.readiness, answered=counts.answered, applicable=counts.applicable)


def readiness_only(counts: Progress) -> str:
    """ "11% ready": the tally where even "4/9" has no room."""
    return _("{readiness}% ready").format(readiness=counts.readiness)


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
            return Text(_("No question: no team applies to this product"), Style(dim=True))
        width = self.size.width
        places = dict(
            stage=p.stage,
            stages=p.stages,
            team=p.team,
            teams=p.teams,
            question=p.question,
            questions=p.questions,
        )
        long_where = _(
            "Stage {stage} of {stages} · Team {team} of {teams} · Question {question} of {questions}"
        )
        # Translators: the walk's place where room is short; "Q" is short for question
        short_where = _("Stage {stage}/{stages} · Team {team}/{teams} · Q {question}/{questions}")
        long_where, short_where = long_where.format(**places), short_where.format(**places)
        wordings = [
            (long_where, tally(p.counts)),
            (long_where, tally(p.counts, short=True)),
            (short_where, tally(p.counts, short=True)),
            (short_where, readiness_only(p.counts)),
        ]
        # The longest wording that leaves a bar of 12 or more, else one of 4 (in cells: CJK is two).
        where, told = wordings[-1]
        for bar in (12, 4 + 2):
            found = [w for w in wordings if cell_len(w[0]) + 1 + cell_len(w[1]) + bar <= width]
            if found:
                where, told = found[0]
                break
        else:
            # Narrower still: the place is cut (between characters, with "…") to leave a bar.
            where = fit(where, max(1, width - 1 - cell_len(told) - 4 - 2))
        told = " " + told
        bar_width = max(4, min(40, width - cell_len(where) - cell_len(told) - 2))
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append(where, Style(bold=True))
        text.append(" " * max(2, width - cell_len(where) - bar_width - cell_len(told)))
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
