"""The gap summary: what to do first, for the screen a PM shows their leadership.

Three views of one `walkthrough.report.summary.Summary` (the numbers the export prints):
the open items in priority order with the highlighted one in full beside or below the
list; readiness by stage and team; and the risk × reward matrix. One filter (stage, team,
owner, status, quadrant or matrix cell) narrows the list, the matrix and the export.

A line under the headline says what moved since the latest milestone (and marks the items
that changed); c opens the compare screen, n saves a new milestone.

The screen dismisses with a SummaryExit: the question to open in the walk, if any, and the
place to come back to (filter, highlighted item, view, and the compare screen if the
question was opened from it), so that escape from that question returns here as it was.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import partial

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import ContentSwitcher, Label, Static

from questions.models import Bank
from sessions.models import Milestone, Session
from walkthrough.report import launch as launch_clock
from walkthrough.report.compare import Comparison, compare, milestone_side, now_side
from walkthrough.report.filters import ItemFilter, owners
from walkthrough.report.launch import countdown
from walkthrough.report.priority import Quadrant
from walkthrough.report.progress import Status
from walkthrough.report.summary import QuestionEntry, summarize
from walkthrough.tui.colours import STATUS, Tone
from walkthrough.tui.commands import Entry
from walkthrough.tui.first_frame import WALK_CSS, StyledOnce
from walkthrough.tui.milestone_book import MilestoneBook
from walkthrough.tui.screens.choice import Choice, ChoiceScreen
from walkthrough.tui.screens.compare import CompareExit, ComparePlace, CompareScreen, saved_words
from walkthrough.tui.screens.milestone_name import MilestoneNameScreen
from walkthrough.tui.widgets.changes_list import delta_style
from walkthrough.tui.widgets.item_detail import ItemDetail, tone_style
from walkthrough.tui.widgets.items_table import ItemsTable
from walkthrough.tui.widgets.readiness_table import ReadinessTable, Row
from walkthrough.tui.widgets.risk_matrix import RiskMatrix
from walkthrough.tui.widgets.row_table import RowTable
from walkthrough.tui.widgets.steady_footer import SteadyFooter
from walkthrough.tui.widgets.visible import visible

VIEWS = {"items": "Open items", "stages": "Stages and teams", "matrix": "Risk × reward"}
FACETS = {"stage": "Stage", "team": "Team", "owner": "Owner", "status": "Status", "quadrant": "Quadrant"}
STATUS_CHOICES = (Status.GAP, Status.UNANSWERED, Status.NOT_ASSESSED, Status.PARTIAL, Status.READY)


@dataclass(frozen=True)
class SummaryPlace:
    """Where the PM was on the summary: enough to put them back there."""

    item_filter: ItemFilter = field(default_factory=ItemFilter)
    item_id: str | None = None
    view: str = "items"
    compare: ComparePlace | None = None  # the compare screen was open on top, as it was


@dataclass(frozen=True)
class SummaryExit:
    question_id: str | None  # the question to open in the walk; None: back to where the walk was
    place: SummaryPlace


def shows(item_filter: ItemFilter, entry: QuestionEntry) -> bool:
    """On the list: open items the filter lets through (ready ones only when it asks for them)."""
    wanted = entry.status.is_open or item_filter.status is Status.READY
    return wanted and item_filter.matches(entry)


class SummaryScreen(StyledOnce[SummaryExit]):
    CSS_PATH = WALK_CSS
    HELP = (
        "Readiness is the share of questions that apply and are ready; open items are those "
        "not ready yet, highest priority first. Enter opens the highlighted question in the "
        "walk (escape there comes back here); f filters, x clears the filter, 1/2/3 switch views, "
        "e exports what the filter shows. n saves a milestone (the session as it is now); then the "
        "line under the headline says what moved since, • marks the items that changed and c "
        "lists every change."
    )
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (120, "-wide")]
    BINDINGS = [
        Binding("enter", "open", "Open question"),
        Binding("f", "filter_menu", "Filter"),
        Binding("x", "clear_filter", "Clear filter"),
        Binding("e", "export", "Export"),
        Binding("c", "compare", "Changes"),
        Binding("n", "save_milestone", "Save milestone…"),
        Binding("escape", "back", "Back"),
        Binding("s", "choose_facet('stage')", "Filter by stage", show=False),
        Binding("t", "choose_facet('team')", "Filter by team", show=False),
        Binding("o", "choose_facet('owner')", "Filter by owner", show=False),
        Binding("r", "choose_facet('status')", "Filter by status", show=False),
        Binding("m", "choose_facet('quadrant')", "Filter by quadrant", show=False),
        Binding("1", "view('items')", "View: open items", show=False),
        Binding("2", "view('stages')", "View: stages and teams", show=False),
        Binding("3", "view('matrix')", "View: risk × reward", show=False),
    ]

    def __init__(
        self,
        bank: Bank,
        session: Session,
        place: SummaryPlace | None = None,
        *,
        milestones: MilestoneBook | None = None,
    ) -> None:
        super().__init__()
        self.bank = bank
        self.session = session
        self.summary = summarize(bank, session)
        self.today = launch_clock.today()
        place = place or SummaryPlace()
        self.item_filter = place.item_filter
        self.view = place.view if place.view in VIEWS else "items"
        self._keep = place.item_id
        self.book = milestones
        self._reopen_compare = place.compare
        self.since: Comparison | None = None

    # ----------------------------------------------------------------- layout

    def compose(self) -> ComposeResult:
        with Horizontal(id="summary-title"):
            yield Label(self._title(), id="summary-name")
            yield Label(self._countdown(), id="summary-countdown")
        yield Static(self._headline(), id="summary-headline")
        yield Static(id="summary-since")
        yield Static(id="summary-views")
        yield Static(id="summary-filter")
        with ContentSwitcher(initial=self.view, id="summary-body"):
            with Horizontal(id="items"):
                yield ItemsTable(id="items-table")
                with VerticalScroll(id="detail-scroll"):
                    yield ItemDetail(id="detail")
            with VerticalScroll(id="stages"):
                yield Label("Readiness by stage and team", classes="section-title")
                yield ReadinessTable(id="stage-table")
                yield Label("Each team across all stages", classes="section-title")
                yield ReadinessTable(id="team-table")
            with Vertical(id="matrix"):
                yield Static(id="matrix-title", classes="section-title")
                yield RiskMatrix(id="risk-matrix")
                yield Static(
                    "Arrows move over the cells; enter or a click lists that cell's items.",
                    id="matrix-hint",
                    markup=False,
                )
        yield SteadyFooter()

    def on_mount(self) -> None:
        self._fill_readiness()
        self._compare_with_latest()
        self._apply_filter(keep=self._keep)
        self._show_view(self.view)
        if self._reopen_compare is not None:
            self.call_after_refresh(self._open_compare, self._reopen_compare)

    def _title(self) -> Text:
        title = Text("Gap summary · ", style="bold", no_wrap=True, overflow="ellipsis")
        title.append(visible(" ".join(self.summary.session_name.split())))
        return title

    def _countdown(self) -> Content:
        words = countdown(self.summary.launch, self.today)
        if not words:
            return Content.styled("no launch date", "$text-muted")
        return Content.assemble(
            (words, "bold"), f" ({self.summary.launch.isoformat() if self.summary.launch else ''})"
        )

    def _headline(self) -> Content:
        s, c = self.summary, self.summary.counts
        parts = [
            Content.assemble((f"Readiness {c.readiness}%", "bold"), f" · {c.ready} of {c.applicable} ready"),
            Content(f"{c.answered} answered ({c.answered_percent}%)"),
            Content.styled(f"{c.open} open item{'s' if c.open != 1 else ''}", "bold"),
        ]
        breakdown = [
            Content.styled(
                f"{c.gap} gap{'s' if c.gap != 1 else ''}",
                tone_style(STATUS[Status.GAP], "bold") if c.gap else "$text-muted",
            )
        ]
        # Zero counts of the rest say nothing and would push the line past 80 columns.
        if c.partial:
            breakdown.append(Content.styled(f"{c.partial} partial", tone_style(STATUS[Status.PARTIAL])))
        if c.not_assessed:
            breakdown.append(Content(f"{c.not_assessed} not assessed"))
        if c.unanswered:
            breakdown.append(Content(f"{c.unanswered} unanswered"))
        left_out = []
        if c.not_applicable:
            left_out.append(f"{c.not_applicable} not applicable")
        if s.excluded_teams:
            left_out.append("left out: " + visible(", ".join(s.excluded_teams)))
        lines = [Content(" · ").join(parts), Content(" · ").join(breakdown)]
        if left_out:
            lines[1] = Content.assemble(lines[1], (" · " + " · ".join(left_out), "$text-muted"))
        if s.bank_changed:
            bank_id, version = s.recorded_bank
            lines.append(
                Content.styled(
                    visible(f"Started with {bank_id} {version}; shown against {s.bank_id} {s.bank_version}."),
                    tone_style(Tone.CAUTION, "italic"),
                )
            )
        return Content("\n").join(lines)

    # ----------------------------------------------------------------- since the last milestone

    @property
    def latest(self) -> Milestone | None:
        return self.book.milestones[-1] if self.book and self.book.milestones else None

    def _compare_with_latest(self) -> None:
        """The line under the headline, and the items marked as changed since the latest milestone."""
        line = self.query_one("#summary-since", Static)
        latest, self.since = self.latest, None
        if self.book is None:
            line.display = False
            return
        if latest is None:
            words = "to compare with at the next review" if not self.book.read_only else ""
            line.update(
                Content.assemble(
                    ("No milestone yet", "$text-muted"),
                    *((" · ", ("n", "bold $accent"), f" saves one {words}") if words else ()),
                )
            )
            return
        try:
            before = milestone_side(latest, self.book.state(latest))
        except Exception as exc:  # noqa: BLE001 - a lost state is said; the summary stays usable
            line.update(Content.styled(visible(" ".join(str(exc).split())), tone_style(Tone.BAD)))
            return
        self.since = compare(self.bank, before, now_side(self.session, self.today))
        phrases = [
            Content.styled(words, delta_style(key, change)) for key, change, words in self.since.moves()
        ]
        line.update(
            Content.assemble(
                ("Since ", "$text-muted"),
                (visible(latest.name), "bold"),
                (f" ({latest.saved.astimezone():%d %b}): ", "$text-muted"),
                Content(" · ").join(phrases) if phrases else Content.styled("no change", "$text-muted"),
            )
        )

    def action_compare(self, place: ComparePlace | None = None) -> None:
        if self.book is None or not self.book.milestones:
            self.notify("No milestone yet: n saves one to compare with later.")
            return
        self._open_compare(place or ComparePlace())

    def _open_compare(self, place: ComparePlace) -> None:
        if self.book is None:
            return
        self.app.push_screen(
            CompareScreen(self.bank, self.session, self.book, self.today, place), self._compare_closed
        )

    def _compare_closed(self, result: CompareExit | None) -> None:
        self._compare_with_latest()  # a milestone may have been deleted there
        self._apply_filter()
        if result is not None and result.question_id is not None:
            self.dismiss(SummaryExit(result.question_id, replace(self._place(), compare=result.place)))

    def action_save_milestone(self) -> None:
        book = self.book
        if book is None:
            return
        if book.read_only:
            self.notify("Read-only session: milestones cannot be saved here.", severity="warning")
            return

        def named(name: str | None) -> None:
            if name is None:
                return
            try:
                milestone = book.save(name)
            except Exception as exc:  # noqa: BLE001 - shown to the PM; the summary stays usable
                self.notify(
                    f"Milestone not saved: {' '.join(str(exc).split())}", severity="error", markup=False
                )
                return
            self.notify(
                f"Saved milestone “{milestone.name}”: readiness {self.summary.whole.readiness}%, "
                f"{self.summary.whole.open} open items. c shows what changes from here.",
                markup=False,
            )
            self._compare_with_latest()
            self._apply_filter()

        self.app.push_screen(
            MilestoneNameScreen(f"{self.today:%d %b %Y}", taken=[m.name for m in book.milestones]),
            named,
        )

    # ----------------------------------------------------------------- views

    def action_view(self, view: str) -> None:
        self._show_view(view)

    def _show_view(self, view: str) -> None:
        self.view = view
        self.query_one(ContentSwitcher).current = view
        bar = []
        for number, (key, label) in enumerate(VIEWS.items(), 1):
            if key == "items":
                label = f"{label} ({len(self.items)})"
            style = "reverse bold" if key == view else "$text-muted"
            bar.append(Content.styled(f" {number} {label} ", style))
        self.query_one("#summary-views", Static).update(Content(" ").join(bar))
        target = {"items": "#items-table", "stages": "#stage-table", "matrix": "#risk-matrix"}[view]
        self.query_one(target).focus()
        self.refresh_bindings()

    # ----------------------------------------------------------------- the list

    @property
    def items(self) -> list[QuestionEntry]:
        return [entry for entry in self.summary.ranked if shows(self.item_filter, entry)]

    def _apply_filter(self, *, keep: str | None = None) -> None:
        table = self.query_one(ItemsTable)
        current = table.selected
        table.show(
            self.items,
            self.today,
            self.summary.launch,
            keep=keep or (current.ref.id if current else None),
            changed=self.since.changed_ids if self.since else frozenset(),
        )
        self._show_detail()
        self._show_filter_line()
        place = self.item_filter.with_(cell=None, quadrant=None)
        matrix = self.query_one(RiskMatrix)
        matrix.decisions = tuple(d for d in self.summary.decisions if shows(place, d))
        matrix.chosen = self.item_filter.cell
        what = "ready items" if self.item_filter.status is Status.READY else "open items"
        self.query_one("#matrix-title", Static).update(f"Risk × reward of the {what}")
        if self.is_mounted:
            self._show_view(self.view)
        self.refresh_bindings()

    def _show_filter_line(self) -> None:
        shown = len(self.items)
        if self.item_filter.status is Status.READY:
            whole, what = self.summary.counts.ready, "ready items"
        else:
            whole, what = self.summary.counts.open, "open items"
        line = self.query_one("#summary-filter", Static)
        if self.item_filter.is_empty:
            line.update(
                Content.assemble(
                    f"All {whole} {what} · ",
                    ("f", "bold $accent"),
                    " filters by stage, team, owner, status or quadrant",
                )
            )
        else:
            phrases = " · ".join(visible(p) for p in self.item_filter.describe(self.bank))
            line.update(
                Content.assemble(
                    ("Filter: ", "bold $text-accent"),
                    (phrases, "bold"),
                    f" · {shown} of {whole} {what} · ",
                    ("x", "bold $accent"),
                    " clears",
                )
            )

    def on_row_table_row_highlighted(self, event: RowTable.RowHighlighted) -> None:
        if event.table.id == "items-table":
            self._show_detail()
            self.refresh_bindings()

    def _show_detail(self) -> None:
        table = self.query_one(ItemsTable)
        detail = self.query_one(ItemDetail)
        entry = table.selected
        if entry is not None:
            detail.show(entry, self.today, self.summary.launch)
        elif not self.summary.open_items and self.item_filter.is_empty:
            detail.update(
                Content.styled(
                    "Nothing open: every question that applies is ready.", tone_style(STATUS[Status.READY])
                )
            )
        else:
            detail.update(Content.styled("No item matches this filter; x clears it.", "$text-muted"))
        self.query_one("#detail-scroll", VerticalScroll).scroll_home(animate=False)

    def on_row_table_row_selected(self, event: RowTable.RowSelected) -> None:
        event.stop()
        if event.table.id == "items-table":
            self.action_open()
        elif isinstance(event.table, ReadinessTable):
            row = event.table.selected
            if row is not None:
                self._set_filter(row.item_filter)
                self._show_view("items")

    def on_risk_matrix_cell_chosen(self, event: RiskMatrix.CellChosen) -> None:
        event.stop()
        self._set_filter(self.item_filter.with_(cell=(event.risk, event.reward)))
        self._show_view("items")

    # ----------------------------------------------------------------- stages and teams

    def _fill_readiness(self) -> None:
        stage_rows = []
        for stage in self.summary.stages:
            name = Text(
                visible(f"{stage.number} {stage.stage.title}"),
                style="bold",
                no_wrap=True,
                overflow="ellipsis",
            )
            stage_rows.append(Row(name, stage.counts, ItemFilter(stage=stage.number)))
            for touchpoint in stage.touchpoints:
                team = Text("  " + visible(touchpoint.team.name), no_wrap=True, overflow="ellipsis")
                stage_rows.append(
                    Row(team, touchpoint.counts, ItemFilter(stage=stage.number, team=touchpoint.team.id))
                )
        stage_rows.append(Row(Text("All stages", style="bold"), self.summary.counts, ItemFilter()))
        self.query_one("#stage-table", ReadinessTable).show(stage_rows, name_header="Stage / team")
        team_rows = [
            Row(
                Text(visible(team.name), no_wrap=True, overflow="ellipsis"),
                team.counts,
                ItemFilter(team=team.team_id),
            )
            for team in self.summary.teams
        ]
        self.query_one("#team-table", ReadinessTable).show(team_rows, name_header="Team")

    # ----------------------------------------------------------------- filters

    def _set_filter(self, item_filter: ItemFilter) -> None:
        self.item_filter = item_filter
        self._apply_filter()

    def action_clear_filter(self) -> None:
        self._set_filter(ItemFilter())

    def facet_choices(self, facet: str) -> list[Choice[object]]:
        """The values a facet can take, each with how many items it would show."""
        others = self.item_filter.with_(**{facet: None})
        if facet == "quadrant":
            others = others.with_(cell=None)

        def count(value: object) -> str:
            narrowed = others.with_(**{facet: value})
            return str(sum(1 for entry in self.summary.ranked if shows(narrowed, entry)))

        values: list[tuple[str, object]]
        if facet == "stage":
            values = [(f"{s.number} {s.stage.title}", s.number) for s in self.summary.stages]
        elif facet == "team":
            values = [(team.name, team.team_id) for team in self.summary.teams]
        elif facet == "owner":
            values = [(name or "No owner yet", name) for name in owners(list(self.summary.ranked))]
        elif facet == "status":
            values = [(status.label, status) for status in STATUS_CHOICES]
        else:
            values = [(quadrant.label, quadrant) for quadrant in Quadrant]
        return [
            Choice(f"Any {FACETS[facet].lower()}", None, count(None)),
            *(Choice(label, value, count(value)) for label, value in values),
        ]

    def action_choose_facet(self, facet: str) -> None:
        choices = self.facet_choices(facet)
        current = getattr(self.item_filter, facet)
        index = next((i for i, choice in enumerate(choices) if choice.value == current), 0)

        def chosen(choice: Choice[object] | None) -> None:
            if choice is not None:
                self._set_filter(self.item_filter.with_(**{facet: choice.value}))
                self._show_view("items")

        self.app.push_screen(
            ChoiceScreen(f"Filter by {FACETS[facet].lower()}", choices, current=index), chosen
        )

    def action_filter_menu(self) -> None:
        keys = {"stage": "s", "team": "t", "owner": "o", "status": "r", "quadrant": "m"}
        choices: list[Choice[str]] = [
            Choice(f"{label}…", facet, f"{keys[facet]} · now: {self._facet_words(facet)}")
            for facet, label in FACETS.items()
        ]
        if not self.item_filter.is_empty:
            choices.append(Choice("Clear the filter", "", "x"))

        def chosen(choice: Choice[str] | None) -> None:
            if choice is None:
                return
            if choice.value:
                self.action_choose_facet(choice.value)
            else:
                self.action_clear_filter()

        self.app.push_screen(ChoiceScreen("Filter the items by", choices), chosen)

    def _facet_words(self, facet: str) -> str:
        value = getattr(self.item_filter, facet)
        if value is None:
            return "any"
        return ItemFilter().with_(**{facet: value}).describe(self.bank)[0].split(" ", 1)[-1]

    def palette_entries(self) -> list[Entry]:
        entries = []
        for facet, label in FACETS.items():
            for choice in self.facet_choices(facet)[1:]:
                entries.append(
                    Entry(
                        f"Filter: {label.lower()} {visible(choice.label)}",
                        f"{choice.note} item(s) · the other filters stay",
                        partial(self._palette_filter, facet, choice.value),
                    )
                )
        if not self.item_filter.is_empty:
            entries.append(Entry("Clear filter", "Show every open item again", self.action_clear_filter))
        for number, (key, label) in enumerate(VIEWS.items(), 1):
            entries.append(Entry(f"Show: {label}", f"Key {number}", partial(self._show_view, key)))
        entries.append(Entry("Export Markdown", "What the filter shows, to a file here", self.action_export))
        if self.book is not None:
            if not self.book.read_only:
                entries.append(
                    Entry(
                        "Save milestone…",
                        "Keep the session as it is now, to compare at the next review",
                        self.action_save_milestone,
                    )
                )
            for milestone in reversed(self.book.milestones):
                entries.append(
                    Entry(
                        f"Changes since {visible(milestone.name)}",
                        f"Milestone saved {saved_words(milestone)}: what moved since",
                        partial(self.action_compare, ComparePlace(milestone.key)),
                    )
                )
        return entries

    def _palette_filter(self, facet: str, value: object) -> None:
        self._set_filter(self.item_filter.with_(**{facet: value}))
        self._show_view("items")

    # ----------------------------------------------------------------- acting

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "save_milestone":
            return self.book is not None and not self.book.read_only
        if action == "compare":
            return self.book is not None and bool(self.book.milestones)
        if action == "clear_filter":
            return not self.item_filter.is_empty
        if action == "open":
            return self.view == "items" and self.query_one(ItemsTable).selected is not None
        return True

    def _place(self) -> SummaryPlace:
        selected = self.query_one(ItemsTable).selected
        return SummaryPlace(self.item_filter, selected.ref.id if selected else self._keep, self.view)

    def action_open(self) -> None:
        selected = self.query_one(ItemsTable).selected
        if selected is not None:
            self.dismiss(SummaryExit(selected.ref.id, self._place()))

    def action_back(self) -> None:
        self.dismiss(SummaryExit(None, self._place()))

    def action_export(self) -> None:
        from walkthrough.tui.export_flow import export_markdown

        export_markdown(self.app, self.bank, self.session, self.item_filter, self.since)
