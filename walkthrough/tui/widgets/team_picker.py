"""Which teams apply to this product: a checklist of the bank's teams.

Shared by the new-session screen and the teams dialog the walk opens, so both
describe a team the same way (where it appears in the journey, how many questions
it brings) and both report the choice as the set of teams left out.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import SelectionList, Static
from textual.widgets.selection_list import Selection

from walkthrough.i18n import _, ngettext

if TYPE_CHECKING:
    from questions.models import Bank


class TeamPicker(Vertical):
    """Checked teams apply; unchecked ones leave the walk and the totals."""

    class Changed(Message):
        def __init__(self, picker: TeamPicker, excluded: frozenset[str]) -> None:
            super().__init__()
            self.picker = picker
            self.excluded = excluded

        @property
        def control(self) -> TeamPicker:
            return self.picker

    def __init__(self, bank: Bank, excluded: Iterable[str] = (), *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._bank = bank
        self._names = bank.team_names()
        self._stages: dict[str, list[int]] = {team_id: [] for team_id in self._names}
        self._questions: dict[str, int] = dict.fromkeys(self._names, 0)
        for number, stage in enumerate(bank.stages, 1):
            for team in stage.teams:
                self._stages[team.id].append(number)
                self._questions[team.id] += len(team.questions)
        self._initial = frozenset(excluded) & self._names.keys()

    def compose(self) -> ComposeResult:
        yield SelectionList[str](
            *(
                Selection(
                    self._prompt(team_id, team_id not in self._initial),
                    team_id,
                    team_id not in self._initial,
                    id=team_id,
                )
                for team_id in self._names
            ),
            id="team-list",
        )
        yield Static(self._summary(self._initial), classes="team-summary", markup=False)

    def on_mount(self) -> None:
        # Fill the height on a short terminal (scrolling), but no taller than the teams on a
        # tall one: an empty box under the last team looks like teams are missing.
        selections = self.query_one("#team-list", SelectionList)
        rows = len(self._names) + selections.styles.gutter.height
        selections.styles.max_height = rows
        self.styles.max_height = rows + 1  # and the summary line

    @property
    def excluded(self) -> frozenset[str]:
        chosen = set(self.query_one("#team-list", SelectionList).selected)
        return frozenset(team_id for team_id in self._names if team_id not in chosen)

    def set_excluded(self, excluded: Iterable[str]) -> None:
        leave_out = set(excluded)
        selections = self.query_one("#team-list", SelectionList)
        for team_id in self._names:
            if team_id in leave_out:
                selections.deselect(team_id)
            else:
                selections.select(team_id)

    def focus_list(self) -> None:
        self.query_one("#team-list", SelectionList).focus()

    def on_selection_list_selected_changed(self, event: SelectionList.SelectedChanged) -> None:
        event.stop()
        self.refresh_language()
        self.post_message(self.Changed(self, self.excluded))

    def refresh_language(self) -> None:
        """Each team's line and the summary, said again (after a choice or a language switch)."""
        excluded = self.excluded
        selections = self.query_one("#team-list", SelectionList)
        for team_id in self._names:
            selections.replace_option_prompt(team_id, self._prompt(team_id, team_id not in excluded))
        self.query_one(".team-summary", Static).update(self._summary(excluded))

    def _prompt(self, team_id: str, applies: bool) -> Content:
        # Said in words as well as by the tick's colour, which not every terminal or eye tells apart.
        if not applies:
            return Content.assemble(
                (self._names[team_id], "strike dim"), ("  " + _("not applicable: leaves the walk"), "dim")
            )
        stages = self._stages[team_id]
        if len(stages) == 1:
            where = _("stage {number}").format(number=stages[0])
        else:
            # Translators: the stages a team appears in: "stages 1, 3, 4"
            where = _("stages {numbers}").format(numbers=", ".join(map(str, stages)))
        count = self._questions[team_id]
        questions = ngettext("{count} question", "{count} questions", count).format(count=count)
        return Content.assemble((self._names[team_id], "bold"), (f"  {where} · {questions}", "dim"))

    def _summary(self, excluded: frozenset[str]) -> str:
        applying = len(self._names) - len(excluded)
        questions = sum(count for team_id, count in self._questions.items() if team_id not in excluded)
        # Two figures, each with its own plural, side by side as every summary line is.
        teams = ngettext(
            "{applying} of {count} team applies", "{applying} of {count} teams apply", len(self._names)
        )
        walk = ngettext("{count} question to walk", "{count} questions to walk", questions)
        text = " · ".join(
            (teams.format(applying=applying, count=len(self._names)), walk.format(count=questions))
        )
        if not applying:
            text = _("{summary} · pick at least one team").format(summary=text)
        return text
