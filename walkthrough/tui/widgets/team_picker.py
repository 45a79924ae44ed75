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
        excluded = self.excluded
        selections = event.selection_list
        for team_id in self._names:
            selections.replace_option_prompt(team_id, self._prompt(team_id, team_id not in excluded))
        self.query_one(".team-summary", Static).update(self._summary(excluded))
        self.post_message(self.Changed(self, excluded))

    def _prompt(self, team_id: str, applies: bool) -> Content:
        # Said in words as well as by the tick's colour, which not every terminal or eye tells apart.
        if not applies:
            return Content.assemble(
                (self._names[team_id], "strike dim"), ("  not applicable: leaves the walk", "dim")
            )
        stages = self._stages[team_id]
        where = f"stage {stages[0]}" if len(stages) == 1 else "stages " + ", ".join(map(str, stages))
        count = self._questions[team_id]
        detail = f"  {where} · {count} question{'s' if count != 1 else ''}"
        return Content.assemble((self._names[team_id], "bold"), (detail, "dim"))

    def _summary(self, excluded: frozenset[str]) -> str:
        applying = len(self._names) - len(excluded)
        questions = sum(count for team_id, count in self._questions.items() if team_id not in excluded)
        text = f"{applying} of {len(self._names)} teams apply · {questions} questions to walk"
        if not applying:
            text += " · pick at least one team"
        return text
