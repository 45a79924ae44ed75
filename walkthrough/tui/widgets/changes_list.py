"""The compare screen's list: each kind of change under its heading, one question a row.

A question that changed in several ways is listed under each (became ready, and its
answer rewritten); its rows share the question, so any of them opens it. Headings are
passed over; the teams and the launch date can be highlighted, to be reached by the keys
at any height, and open nothing. Every row is one line of rich Text
(the prompt cut with "…"): a bank's prompt is anyone's text, never markup.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from rich.text import Text
from textual.binding import Binding
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from walkthrough.i18n import N_, _, ngettext
from walkthrough.report.compare import Comparison, ItemChange, TeamChange
from walkthrough.report.priority import format_score
from walkthrough.tui.colours import STATUS, Palette, Tone
from walkthrough.tui.widgets.visible import visible

ARROW = "→"


@dataclass(frozen=True)
class Row:
    change: ItemChange | None  # None: a heading, a team or the launch date
    text: Text
    # Headings are passed over; a team or the launch date can be highlighted (not opened), so
    # the keys reach every change even when the list is taller than the screen.
    heading: bool = False


def _status(change: ItemChange, palette: Palette) -> Text:
    before, after = change.before.status, change.after.status
    return Text.assemble(
        (before.label.lower(), palette.text(STATUS[before])),
        f" {ARROW} ",
        (after.label.lower(), palette.text(STATUS[after], bold=True)),
    )


def _priority(change: ItemChange, palette: Palette) -> Text:
    before = format_score(change.score_before) or _("not rated")
    after = format_score(change.score_after) or _("not rated")
    return Text(f"{before} {ARROW} {after}", style="bold")


def _day(day: date | None) -> str:
    # Translators: no date, before or after a change ("none → 2026-06-30")
    return day.isoformat() if day else _("none")


def _owner_and_due(change: ItemChange, palette: Palette) -> Text:
    parts = []
    before, after = change.before, change.after
    if " ".join(before.owner.split()) != " ".join(after.owner.split()):
        parts.append(
            f"{visible(before.owner) or _('no owner')} {ARROW} {visible(after.owner) or _('no owner')}"
        )
    if before.due != after.due:
        # Translators: a due date that moved: "due 2026-06-01 → 2026-06-30"
        parts.append(_("due {before} → {after}").format(before=_day(before.due), after=_day(after.due)))
    return Text(" · ".join(parts), style="bold")


# How the answer or the decision moved (ItemChange.text_moves) -> the words for it.
_MOVES = {
    ("answer", "written"): N_("answer written"),
    ("answer", "rewritten"): N_("answer rewritten"),
    ("answer", "cleared"): N_("answer cleared"),
    ("decision", "written"): N_("decision written"),
    ("decision", "rewritten"): N_("decision rewritten"),
    ("decision", "cleared"): N_("decision cleared"),
}


def _rewritten(change: ItemChange, palette: Palette) -> Text:
    """ "answer written" for a first answer, "rewritten" or "cleared" after one; the same
    for the decision, both when both moved."""
    said = [_(_MOVES[field, move]) for field, (move, _before, _after) in change.text_moves.items()]
    return Text(" · ".join(said), style="italic")


SECTIONS: tuple[tuple[str, str, Callable[[ItemChange, Palette], Text]], ...] = (
    ("became_ready", N_("Became ready ({count})"), _status),
    ("new_gaps", N_("New gaps ({count})"), _status),
    ("no_longer_ready", N_("No longer ready ({count})"), _status),
    ("other_status", N_("Other status changes ({count})"), _status),
    ("priorities", N_("Priorities that moved ({count})"), _priority),
    ("owners_and_dates", N_("Owners and due dates ({count})"), _owner_and_due),
    ("answers", N_("Answers and decisions that changed ({count})"), _rewritten),
)


def rows_of(comparison: Comparison, palette: Palette) -> list[Row]:
    rows: list[Row] = []
    for attribute, title, describe in SECTIONS:
        changes: tuple[ItemChange, ...] = getattr(comparison, attribute)
        if not changes:
            continue
        rows.append(Row(None, Text(_(title).format(count=len(changes)), style="bold"), heading=True))
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
    teams: list[tuple[bool, TeamChange]] = [(True, t) for t in comparison.teams_added]
    teams += [(False, t) for t in comparison.teams_left_out]
    if teams:
        rows.append(Row(None, Text(_("Teams"), style="bold"), heading=True))
        for added, team in teams:
            if added:
                said = ngettext(
                    "now applies: {count} question, {ready} ready",
                    "now applies: {count} questions, {ready} ready",
                    team.questions,
                )
            else:
                said = ngettext(
                    "left out: {count} question, {ready} ready",
                    "left out: {count} questions, {ready} ready",
                    team.questions,
                )
            rows.append(
                Row(
                    None,
                    Text.assemble(
                        "  ",
                        (visible(team.name), "bold"),
                        " " + said.format(count=team.questions, ready=team.ready),
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
                    _("Launch date: {before} → {after}").format(before=_day(before), after=_day(after)),
                    style=palette.text(Tone.CAUTION, bold=True),
                ),
            )
        )
    return rows


class ChangesList(OptionList):
    """The changes of one comparison; `selected` is the change of the highlighted row.
    `empty` (the row shown when nothing changed) is an msgid, translated here."""

    # OptionList's own enter ("Select", hidden) took the key from the screen's "Open
    # question": said here, the footer shows what enter does on this screen.
    BINDINGS = [Binding("enter", "select", N_("Open question"))]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._rows: list[Row] = []
        self._shown: tuple[Comparison, Palette, str] | None = None

    def refresh_language(self) -> None:
        if self._shown is not None:
            comparison, palette, empty = self._shown
            selected = self.selected
            self.show(comparison, palette, keep=selected.question_id if selected else None, empty=empty)

    def show(
        self, comparison: Comparison, palette: Palette, *, keep: str | None = None, empty: str = ""
    ) -> None:
        self._shown = (comparison, palette, empty)
        self._rows = rows_of(comparison, palette)
        if not self._rows:
            self._rows = [Row(None, Text(_(empty) if empty else "", style="dim"), heading=True)]
        self.clear_options()
        self.add_options([Option(row.text, disabled=row.heading) for row in self._rows])
        places = [n for n, row in enumerate(self._rows) if row.change is not None]
        reachable = [n for n, row in enumerate(self._rows) if not row.heading]
        wanted = [n for n, row in enumerate(self._rows) if row.change and row.change.question_id == keep]
        first = wanted or places or reachable
        self.highlighted = first[0] if first else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # A team or the launch date opens nothing: enter is not offered on it.
        return self.selected is not None if action == "select" else True

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
