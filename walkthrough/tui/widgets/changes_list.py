"""The compare screen's list: each kind of change under its heading, one question a row.

A question that changed in several ways is listed under each (became ready, and its
answer rewritten); its rows share the question, so any of them opens it. Headings, teams
and the launch date are rows that cannot be chosen. Every row is one line of rich Text
(the prompt cut with "…"): a bank's prompt is anyone's text, never markup.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from walkthrough.report.compare import Comparison, ItemChange, TeamChange
from walkthrough.report.priority import format_score
from walkthrough.tui.colours import STATUS, Palette, Tone
from walkthrough.tui.widgets.visible import visible

ARROW = "→"


@dataclass(frozen=True)
class Row:
    change: ItemChange | None  # None: a heading, a team or the launch date
    text: Text


def _status(change: ItemChange, palette: Palette) -> Text:
    before, after = change.before.status, change.after.status
    return Text.assemble(
        (before.label.lower(), palette.text(STATUS[before])),
        f" {ARROW} ",
        (after.label.lower(), palette.text(STATUS[after], bold=True)),
    )


def _priority(change: ItemChange, palette: Palette) -> Text:
    return Text(
        f"{format_score(change.score_before) or 'not rated'} {ARROW} {format_score(change.score_after) or 'not rated'}",
        style="bold",
    )


def _owner_and_due(change: ItemChange, palette: Palette) -> Text:
    parts = []
    before, after = change.before, change.after
    if " ".join(before.owner.split()) != " ".join(after.owner.split()):
        parts.append(f"{visible(before.owner) or 'no owner'} {ARROW} {visible(after.owner) or 'no owner'}")
    if before.due != after.due:
        parts.append(
            f"due {before.due.isoformat() if before.due else 'none'} {ARROW} "
            f"{after.due.isoformat() if after.due else 'none'}"
        )
    return Text(" · ".join(parts), style="bold")


def _rewritten(change: ItemChange, palette: Palette) -> Text:
    what = []
    if change.before.answer.text.strip() != change.after.answer.text.strip():
        what.append("answer")
    if change.before.decision != change.after.decision:
        what.append("decision")
    return Text(" and ".join(what) + " rewritten", style="italic")


SECTIONS: tuple[tuple[str, str, Callable[[ItemChange, Palette], Text]], ...] = (
    ("became_ready", "Became ready", _status),
    ("new_gaps", "New gaps", _status),
    ("no_longer_ready", "No longer ready", _status),
    ("other_status", "Other status changes", _status),
    ("priorities", "Priorities that moved", _priority),
    ("owners_and_dates", "Owners and due dates", _owner_and_due),
    ("answers", "Answers rewritten", _rewritten),
)


def rows_of(comparison: Comparison, palette: Palette) -> list[Row]:
    rows: list[Row] = []
    for attribute, title, describe in SECTIONS:
        changes: tuple[ItemChange, ...] = getattr(comparison, attribute)
        if not changes:
            continue
        rows.append(Row(None, Text(f"{title} ({len(changes)})", style="bold")))
        for change in changes:
            line = Text.assemble(
                (f"  {change.label:<4} ", "dim"),
                describe(change, palette),
                "  ",
                visible(" ".join(change.after.question.prompt.split())),
                no_wrap=True,
                overflow="ellipsis",
            )
            rows.append(Row(change, line))
    teams: list[tuple[str, TeamChange]] = [("now applies", t) for t in comparison.teams_added]
    teams += [("left out", t) for t in comparison.teams_left_out]
    if teams:
        rows.append(Row(None, Text("Teams", style="bold")))
        for what, team in teams:
            rows.append(
                Row(
                    None,
                    Text.assemble(
                        "  ",
                        (visible(team.name), "bold"),
                        f" {what}: {team.questions} question{'s' if team.questions != 1 else ''}, "
                        f"{team.ready} ready",
                        no_wrap=True,
                        overflow="ellipsis",
                    ),
                )
            )
    if comparison.launch_moved:
        before, after = comparison.launch_before, comparison.launch_after
        rows.append(
            Row(
                None,
                Text(
                    f"Launch date: {before.isoformat() if before else 'none'} {ARROW} "
                    f"{after.isoformat() if after else 'none'}",
                    style=palette.text(Tone.CAUTION, bold=True),
                ),
            )
        )
    return rows


class ChangesList(OptionList):
    """The changes of one comparison; `selected` is the change of the highlighted row."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._rows: list[Row] = []

    def show(
        self, comparison: Comparison, palette: Palette, *, keep: str | None = None, empty: str = ""
    ) -> None:
        self._rows = rows_of(comparison, palette)
        if not self._rows:
            self._rows = [Row(None, Text(empty, style="dim"))]
        self.clear_options()
        self.add_options([Option(row.text, disabled=row.change is None) for row in self._rows])
        places = [n for n, row in enumerate(self._rows) if row.change is not None]
        wanted = [n for n, row in enumerate(self._rows) if row.change and row.change.question_id == keep]
        self.highlighted = (wanted or places)[0] if places else None

    @property
    def selected(self) -> ItemChange | None:
        if self.highlighted is None or not 0 <= self.highlighted < len(self._rows):
            return None
        return self._rows[self.highlighted].change


def delta_style(name: str, delta: int) -> str:
    """A headline change in the theme's words: better is good, worse is bad (more ready is
    better, more gaps, open or overdue items worse)."""
    if not delta or name not in ("readiness", "ready", "answered", "gaps", "open", "overdue"):
        return "$text-muted" if not delta else "bold"
    better = delta > 0 if name in ("readiness", "ready", "answered") else delta < 0
    return f"bold ${(Tone.GOOD if better else Tone.BAD).text_variable}"
