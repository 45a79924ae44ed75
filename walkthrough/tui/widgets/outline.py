"""The journey as a tree: stages, then the teams in each, marked by how far they have got.

Selecting a node asks the screen to jump there; the tree itself never moves the
walk. Labels are rich Text because a custom bank's names are user text and Tree
would otherwise read a str label as markup.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual.message import Message
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from questions.models import Bank
from sessions.models import Answer
from walkthrough.i18n import N_, _
from walkthrough.report.progress import Progress, counts_of, is_settled, status_of
from walkthrough.tui.colours import DONE, UNDER_WAY, Palette, Tone, follow_theme
from walkthrough.tui.widgets.cells import fit, pad, widest
from walkthrough.tui.widgets.visible import visible

# Translators: in the journey outline, beside a team left out (not applicable), where its question numbers would be
NOT_APPLICABLE = N_("n/a")


class TeamState(Enum):
    DONE = ("✓", DONE)
    IN_PROGRESS = ("◐", UNDER_WAY)
    UNTOUCHED = ("○", None)
    NOT_APPLICABLE = ("–", Tone.QUIET)

    @property
    def glyph(self) -> str:
        return self.value[0]

    @property
    def tone(self) -> Tone | None:
        return self.value[1]


@dataclass(frozen=True)
class Place:
    """Where a node points: a stage, or one team within it."""

    stage_index: int
    team_index: int | None = None


class Outline(Tree[Place]):
    """Stages → teams; ✓ done, ◐ in progress, ○ untouched, – not applicable."""

    INDENT = 4  # cells of the panel a team's label cannot use: the tree's guides and the border

    class Jump(Message):
        def __init__(self, place: Place) -> None:
            super().__init__()
            self.place = place

    def __init__(self, bank: Bank, *, id: str | None = None) -> None:
        super().__init__(Text(""), id=id)  # the root is hidden
        self.bank = bank
        self.show_root = False
        self.guide_depth = 2
        # Enter on a stage jumps there; folding it away instead would surprise.
        self.auto_expand = False
        self._stage_nodes: list[TreeNode[Place]] = []
        self._team_nodes: dict[tuple[int, int], TreeNode[Place]] = {}
        # "Q5–8": the bank numbers of each team's questions, as the summary names them.
        self._numbers: dict[tuple[int, int], str] = {}
        for ref in bank.walk():
            first = self._numbers.setdefault((ref.stage_index, ref.team_index), f"Q{ref.number}")
            if ref.question_index:
                self._numbers[ref.stage_index, ref.team_index] = f"{first.split('–')[0]}–{ref.number}"
        self._current: tuple[int, int] | None = None
        self._answers: Mapping[str, Answer] = {}
        self._excluded: frozenset[str] = frozenset()
        self._stale = True  # the labels do not say the state yet
        for s_index, stage in enumerate(bank.stages):
            stage_node = self.root.add(Text(visible(stage.title)), data=Place(s_index), expand=True)
            self._stage_nodes.append(stage_node)
            for t_index, team in enumerate(stage.teams):
                self._team_nodes[s_index, t_index] = stage_node.add_leaf(
                    Text(visible(team.name)), data=Place(s_index, t_index)
                )

    def on_mount(self) -> None:
        follow_theme(self, self._relabel)

    @property
    def label_width(self) -> int:
        """Cells for a team's label: as many as the panel has beside its scrollbar (32 wide
        until it is laid out)."""
        return max(16, (self.scrollable_content_region.width or 32) - self.INDENT)

    def on_resize(self) -> None:
        self._relabel()

    def refresh_language(self) -> None:
        self._relabel()

    def update_status(
        self, answers: Mapping[str, Answer], excluded: frozenset[str], current: tuple[int, int] | None
    ) -> None:
        """Relabel every node and put the cursor on the current team."""
        self._answers, self._excluded, self._current = answers, excluded, current
        self._relabel()
        if current is not None:
            self.move_cursor(self._team_nodes[current])

    def on_show(self) -> None:
        if self._stale:
            self._relabel()

    def _relabel(self) -> None:
        """Cheap: a bank has tens of touchpoints. Not while hidden (the walk's outline is, under
        100 columns until ctrl+o): then as it shows."""
        if not self.display:
            self._stale = True
            return
        self._stale = False
        palette = Palette.of(self.app)
        current = self._current
        for s_index, stage in enumerate(self.bank.stages):
            for t_index, team in enumerate(stage.teams):
                state, _ = self.team_state(s_index, t_index)
                self._team_nodes[s_index, t_index].set_label(
                    self._team_label(
                        team.name,
                        state,
                        (s_index, t_index) == current,
                        self._numbers[s_index, t_index],
                        palette,
                    )
                )
            counts = counts_of(
                status_of(self._answers.get(question.id))
                for team in stage.teams
                if team.id not in self._excluded
                for question in team.questions
            )
            self._stage_nodes[s_index].set_label(self._stage_label(s_index, stage.title, counts))

    def team_state(self, s_index: int, t_index: int) -> tuple[TeamState, int]:
        team = self.bank.stages[s_index].teams[t_index]
        if team.id in self._excluded:
            return TeamState.NOT_APPLICABLE, 0
        settled = sum(1 for q in team.questions if is_settled(self._answers.get(q.id)))
        if settled == len(team.questions):
            return TeamState.DONE, settled
        return (TeamState.IN_PROGRESS if settled else TeamState.UNTOUCHED), settled

    def _team_label(
        self, name: str, state: TeamState, is_current: bool, numbers: str, palette: Palette
    ) -> Text:
        label = Text(no_wrap=True)
        label.append(state.glyph + " ", palette.text(state.tone) if state.tone else Style())
        name_style = Style(bold=True) if is_current else Style()
        if state is TeamState.NOT_APPLICABLE:
            name_style = Style(dim=True, strike=True)
            numbers = _(NOT_APPLICABLE)
        number_width = widest(_(NOT_APPLICABLE), *self._numbers.values())
        name_width = self.label_width - 2 - number_width - 1
        # The name cut to its room, then spaces up to the numbers (in cells: CJK is two), unstyled
        # so a struck-out name is not followed by a struck-out gap.
        fitted = fit(visible(name), max(1, name_width))
        label.append(fitted, name_style)
        label.append(" " * (name_width + 1 - cell_len(fitted)))
        label.append(pad(numbers, number_width, right=True), Style(dim=True))
        return label

    def _stage_label(self, s_index: int, title: str, progress: Progress) -> Text:
        # Answered of the questions that apply, as the top bar counts them: an N/A leaves both.
        counts = f" {progress.answered}/{progress.applicable}" if progress.total else " " + _(NOT_APPLICABLE)
        label = Text(no_wrap=True)
        label.append(
            fit(visible(f"{s_index + 1} {title}"), max(1, self.label_width + 1 - cell_len(counts))),
            Style(bold=True),
        )
        label.append(counts, Style(dim=True))
        return label

    def on_tree_node_selected(self, event: Tree.NodeSelected[Place]) -> None:
        event.stop()
        if event.node.data is not None:
            self.post_message(self.Jump(event.node.data))
