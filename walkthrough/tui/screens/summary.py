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
from walkthrough.i18n import N_, _, ngettext, translate_error
from walkthrough.report import launch as launch_clock
from walkthrough.report.compare import Comparison, compare, milestone_side, now_side
from walkthrough.report.filters import ItemFilter, owners
from walkthrough.report.launch import countdown
from walkthrough.report.priority import Quadrant
from walkthrough.report.progress import Status
from walkthrough.report.summary import QuestionEntry, summarize
from walkthrough.tui.colours import STATUS, Tone
from walkthrough.tui.commands import Entry
from walkthrough.tui.dates import day_words
from walkthrough.tui.first_frame import WALK_CSS, StyledOnce
from walkthrough.tui.milestone_book import MilestoneBook
from walkthrough.tui.screens.choice import Choice, ChoiceScreen
from walkthrough.tui.screens.compare import LEAST_NAME, CompareExit, ComparePlace, CompareScreen, saved_words
from walkthrough.tui.screens.milestone_name import MilestoneNameScreen
from walkthrough.tui.styled import styled
from walkthrough.tui.widgets.cells import fit
from walkthrough.tui.widgets.changes_list import delta_style
from walkthrough.tui.widgets.item_detail import ItemDetail, tone_style
from walkthrough.tui.widgets.items_table import ItemsTable
from walkthrough.tui.widgets.key_footer import KeyFooter
from walkthrough.tui.widgets.readiness_table import ReadinessTable, Row
from walkthrough.tui.widgets.risk_matrix import RiskMatrix
from walkthrough.tui.widgets.row_table import RowTable
from walkthrough.tui.widgets.visible import visible

VIEWS = {"items": N_("Open items"), "stages": N_("Stages and teams"), "matrix": N_("Risk × reward")}
FACETS = {
    "stage": N_("Stage"),
    "team": N_("Team"),
    "owner": N_("Owner"),
    "status": N_("Status"),
    "quadrant": N_("Quadrant"),
}
# Per facet, whole phrases (their word order differs between languages): the "any" choice,
# the chooser's title, a palette entry's title.
FACET_ANY = {
    "stage": N_("Any stage"),
    "team": N_("Any team"),
    "owner": N_("Any owner"),
    "status": N_("Any status"),
    "quadrant": N_("Any quadrant"),
}
FACET_TITLE = {
    "stage": N_("Filter by stage"),
    "team": N_("Filter by team"),
    "owner": N_("Filter by owner"),
    "status": N_("Filter by status"),
    "quadrant": N_("Filter by quadrant"),
}
FACET_ENTRY = {
    "stage": N_("Filter: stage {value}"),
    "team": N_("Filter: team {value}"),
    "owner": N_("Filter: owner {value}"),
    "status": N_("Filter: status {value}"),
    "quadrant": N_("Filter: quadrant {value}"),
}
VIEW_ENTRY = {
    "items": N_("Show: open items"),
    "stages": N_("Show: stages and teams"),
    "matrix": N_("Show: risk × reward"),
}
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
    HELP = N_(
        "Readiness is the share of questions that apply and are ready; open items are those "
        "not ready yet, highest priority first. Enter opens the highlighted question in the "
        "walk (escape there comes back here); f filters, x clears the filter, 1/2/3 switch views, "
        "e exports what the filter shows. n saves a milestone (the session as it is now); then the "
        "line under the headline says what moved since, • marks the items that changed and c "
        "lists every change."
    )
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (120, "-wide")]
    # What the footer keeps when the terminal is narrow or the words are long (all is in help, f1).
    FOOTER_RANK = (
        "help",
        "back",
        "select_cursor",  # enter on the list: open the question; on the readiness table: its items
        "choose",  # enter on the matrix: that cell's items
        "filter_menu",
        "clear_filter",
        "export",
        "command_palette",
        "compare",
        "save_milestone",
    )
    BINDINGS = [
        Binding("enter", "open", N_("Open question")),
        Binding("f", "filter_menu", N_("Filter")),
        Binding("x", "clear_filter", N_("Clear filter")),
        Binding("e", "export", N_("Export")),
        Binding("c", "compare", N_("Changes")),
        Binding("n", "save_milestone", N_("Save milestone…")),
        Binding("escape", "back", N_("Back")),
        Binding("s", "choose_facet('stage')", FACET_TITLE["stage"], show=False),
        Binding("t", "choose_facet('team')", FACET_TITLE["team"], show=False),
        Binding("o", "choose_facet('owner')", FACET_TITLE["owner"], show=False),
        Binding("r", "choose_facet('status')", FACET_TITLE["status"], show=False),
        Binding("m", "choose_facet('quadrant')", FACET_TITLE["quadrant"], show=False),
        Binding("1", "view('items')", N_("View: open items"), show=False),
        Binding("2", "view('stages')", N_("View: stages and teams"), show=False),
        Binding("3", "view('matrix')", N_("View: risk × reward"), show=False),
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
        # A team filter kept from before the team was left out would list nothing, and the
        # team menu (the teams that apply) could not show it: it goes with the team.
        team = place.item_filter.team
        self.item_filter = (
            place.item_filter.with_(team=None)
            if team is not None and not session.applies(team)
            else place.item_filter
        )
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
                yield Label(_("Readiness by stage and team"), classes="section-title")
                yield ReadinessTable(id="stage-table")
                yield Label(_("Each team across all stages"), classes="section-title")
                yield ReadinessTable(id="team-table")
            with Vertical(id="matrix"):
                yield Static(id="matrix-title", classes="section-title")
                yield RiskMatrix(id="risk-matrix")
                yield Static(
                    _("Arrows move over the cells; enter or a click lists that cell's items."),
                    id="matrix-hint",
                    markup=False,
                )
        yield KeyFooter()

    def on_mount(self) -> None:
        self._fill()

    async def retranslate(self, bank: Bank) -> None:
        """The same summary, filter, view and item, with `bank` (the same bank in another
        language) and the interface's words in the language in use."""
        place = self._place()
        self.bank = bank
        self.summary = summarize(bank, self.session)
        self.item_filter, self.view, self._keep = place.item_filter, place.view, place.item_id
        self._reopen_compare = None  # if it is open, it is on the stack and rebuilt there
        await self.recompose()
        self._fill()

    def _fill(self) -> None:
        self._fill_readiness()
        self._compare_with_latest()
        self._apply_filter(keep=self._keep)
        self._show_view(self.view)
        if self._reopen_compare is not None:
            self.call_after_refresh(self._open_compare, self._reopen_compare)

    def _title(self) -> Text:
        title = Text(_("Gap summary") + " · ", style="bold", no_wrap=True, overflow="ellipsis")
        title.append(visible(" ".join(self.summary.session_name.split())))
        return title

    def _countdown(self) -> Content:
        words = countdown(self.summary.launch, self.today)
        if not words:
            return Content.styled(_("no launch date"), "$text-muted")
        return Content.assemble(
            (words, "bold"), f" ({self.summary.launch.isoformat() if self.summary.launch else ''})"
        )

    def _headline(self) -> Content:
        s, c = self.summary, self.summary.counts
        parts = [
            styled(
                ngettext(
                    "{readiness} · {ready} of {applicable} ready",
                    "{readiness} · {ready} of {applicable} ready",
                    c.applicable,
                ),
                readiness=(_("Readiness {percent}%").format(percent=c.readiness), "bold"),
                ready=str(c.ready),
                applicable=str(c.applicable),
            ),
            Content(
                # The report's words for the same count (one form, as there).
                _("{count} answered ({percent}%)").format(count=c.answered, percent=c.answered_percent)
            ),
            Content.styled(
                ngettext("{count} open item", "{count} open items", c.open).format(count=c.open), "bold"
            ),
        ]
        breakdown = [
            Content.styled(
                ngettext("{count} gap", "{count} gaps", c.gap).format(count=c.gap),
                tone_style(STATUS[Status.GAP], "bold") if c.gap else "$text-muted",
            )
        ]
        # Zero counts of the rest say nothing and would push the line past 80 columns.
        if c.partial:
            breakdown.append(
                Content.styled(
                    ngettext("{count} partial", "{count} partial", c.partial).format(count=c.partial),
                    tone_style(STATUS[Status.PARTIAL]),
                )
            )
        if c.not_assessed:
            breakdown.append(
                Content(
                    ngettext("{count} not assessed", "{count} not assessed", c.not_assessed).format(
                        count=c.not_assessed
                    )
                )
            )
        if c.unanswered:
            breakdown.append(
                Content(
                    ngettext("{count} unanswered", "{count} unanswered", c.unanswered).format(
                        count=c.unanswered
                    )
                )
            )
        left_out = []
        if c.not_applicable:
            left_out.append(_("{count} not applicable").format(count=c.not_applicable))
        if s.excluded_teams:
            left_out.append(_("left out: {teams}").format(teams=visible(", ".join(s.excluded_teams))))
        lines = [Content(" · ").join(parts), Content(" · ").join(breakdown)]
        if left_out:
            lines[1] = Content.assemble(lines[1], (" · " + " · ".join(left_out), "$text-muted"))
        if s.bank_changed:
            bank_id, version = s.recorded_bank
            lines.append(
                Content.styled(
                    visible(
                        _("Started with {bank} {version}; shown against {current} {current_version}.").format(
                            bank=bank_id, version=version, current=s.bank_id, current_version=s.bank_version
                        )
                    ),
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
            none_yet = (_("No milestone yet"), "$text-muted")
            if self.book.read_only:
                line.update(Content.assemble(none_yet))
            else:
                line.update(
                    styled(
                        _("{none_yet} · {key} saves one to compare with at the next review"),
                        none_yet=none_yet,
                        key=("n", "bold $accent"),
                    )
                )
            return
        try:
            before = milestone_side(latest, self.book.state(latest))
        except Exception as exc:  # noqa: BLE001 - a lost state is said; the summary stays usable
            line.update(Content.styled(visible(translate_error(exc)), tone_style(Tone.BAD)))
            return
        self.since = compare(self.bank, before, now_side(self.session, self.today))
        self._show_since()

    def _show_since(self) -> None:
        """What moved since the latest milestone, its name cut (with "…") so the figures after
        it stay on the line."""
        if self.since is None or self.latest is None:
            return
        latest = self.latest
        phrases = [
            Content.styled(words, delta_style(key, change)) for key, change, words in self.since.moves()
        ]

        def since(name: str) -> Content:
            return styled(
                _("Since {milestone} ({day}): {changes}"),
                milestone=(name, "bold"),
                day=(day_words(latest.saved.astimezone().date(), year=False), "$text-muted"),
                changes=Content(" · ").join(phrases)
                if phrases
                else Content.styled(_("no change"), "$text-muted"),
            )

        room = self.app.size.width - 2 - since("").cell_length
        self.query_one("#summary-since", Static).update(
            since(fit(visible(latest.name), max(room, LEAST_NAME)))
        )

    def on_resize(self) -> None:
        self._show_since()

    def action_compare(self, place: ComparePlace | None = None) -> None:
        if self.book is None or not self.book.milestones:
            self.notify(_("No milestone yet: n saves one to compare with later."))
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
            self.notify(_("Read-only session: milestones cannot be saved here."), severity="warning")
            return

        def named(name: str | None) -> None:
            if name is None:
                return
            try:
                milestone = book.save(name)
            except Exception as exc:  # noqa: BLE001 - shown to the PM; the summary stays usable
                self.notify(
                    _("Milestone not saved: {error}").format(error=translate_error(exc)),
                    severity="error",
                    markup=False,
                )
                return
            whole = self.summary.whole
            self.notify(
                ngettext(
                    "Saved milestone “{name}”: readiness {percent}%, {count} open item. "
                    "c shows what changes from here.",
                    "Saved milestone “{name}”: readiness {percent}%, {count} open items. "
                    "c shows what changes from here.",
                    whole.open,
                ).format(name=milestone.name, percent=whole.readiness, count=whole.open),
                markup=False,
            )
            self._compare_with_latest()
            self._apply_filter()

        self.app.push_screen(
            MilestoneNameScreen(day_words(self.today), taken=[m.name for m in book.milestones]),
            named,
        )

    # ----------------------------------------------------------------- views

    def action_view(self, view: str) -> None:
        self._show_view(view)

    def _show_view(self, view: str) -> None:
        self.view = view
        self.query_one(ContentSwitcher).current = view
        bar = []
        for number, (key, words) in enumerate(VIEWS.items(), 1):
            label = _(words)
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
        ready = self.item_filter.status is Status.READY
        title = _("Risk × reward of the ready items") if ready else _("Risk × reward of the open items")
        self.query_one("#matrix-title", Static).update(title)
        if self.is_mounted:
            self._show_view(self.view)
        self.refresh_bindings()

    def _show_filter_line(self) -> None:
        shown = len(self.items)
        ready = self.item_filter.status is Status.READY
        whole = self.summary.counts.ready if ready else self.summary.counts.open
        line = self.query_one("#summary-filter", Static)
        if self.item_filter.is_empty:
            everything = (
                ngettext("All {count} ready item", "All {count} ready items", whole)
                if ready
                else ngettext("All {count} open item", "All {count} open items", whole)
            )
            line.update(
                styled(
                    _("{all} · {key} filters by stage, team, owner, status or quadrant"),
                    all=everything.format(count=whole),
                    key=("f", "bold $accent"),
                )
            )
        else:
            phrases = " · ".join(visible(p) for p in self.item_filter.describe(self.bank))
            of_whole = (
                ngettext("{shown} of {count} ready item", "{shown} of {count} ready items", whole)
                if ready
                else ngettext("{shown} of {count} open item", "{shown} of {count} open items", whole)
            )
            line.update(
                styled(
                    # Translators: {filter} is "Filter:" and a space, styled apart from the rest.
                    _("{filter}{phrases} · {of_whole} · {key} clears"),
                    filter=(_("Filter:") + " ", "bold $text-accent"),
                    phrases=(phrases, "bold"),
                    of_whole=of_whole.format(shown=shown, count=whole),
                    key=("x", "bold $accent"),
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
                    _("Nothing open: every question that applies is ready."), tone_style(STATUS[Status.READY])
                )
            )
        else:
            detail.update(Content.styled(_("No item matches this filter; x clears it."), "$text-muted"))
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
        stage_rows.append(Row(Text(_("All stages"), style="bold"), self.summary.counts, ItemFilter()))
        self.query_one("#stage-table", ReadinessTable).show(stage_rows, name_header=_("Stage / team"))
        team_rows = [
            Row(
                Text(visible(team.name), no_wrap=True, overflow="ellipsis"),
                team.counts,
                ItemFilter(team=team.team_id),
            )
            for team in self.summary.teams
        ]
        self.query_one("#team-table", ReadinessTable).show(team_rows, name_header=_("Team"))

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
            values = [(name or _("No owner yet"), name) for name in owners(list(self.summary.ranked))]
        elif facet == "status":
            values = [(status.label, status) for status in STATUS_CHOICES]
        else:
            values = [(quadrant.label, quadrant) for quadrant in Quadrant]
        return [
            Choice(_(FACET_ANY[facet]), None, count(None)),
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

        self.app.push_screen(ChoiceScreen(_(FACET_TITLE[facet]), choices, current=index), chosen)

    def action_filter_menu(self) -> None:
        keys = {"stage": "s", "team": "t", "owner": "o", "status": "r", "quadrant": "m"}
        choices: list[Choice[str]] = [
            Choice(
                _("{facet}…").format(facet=_(label)),
                facet,
                _("{key} · now: {value}").format(key=keys[facet], value=self._facet_words(facet)),
                key=keys[facet],
            )
            for facet, label in FACETS.items()
        ]
        if not self.item_filter.is_empty:
            choices.append(Choice(_("Clear the filter"), "", "x", key="x"))

        def chosen(choice: Choice[str] | None) -> None:
            if choice is None:
                return
            if choice.value:
                self.action_choose_facet(choice.value)
            else:
                self.action_clear_filter()

        self.app.push_screen(ChoiceScreen(_("Filter the items by"), choices), chosen)

    def _facet_words(self, facet: str) -> str:
        if facet == "quadrant" and self.item_filter.cell is not None:  # a cell of the matrix: within one
            return self.item_filter.value_words("cell", self.bank)
        return self.item_filter.value_words(facet, self.bank) or _("any")

    def palette_entries(self) -> list[Entry]:
        entries = []
        for facet in FACETS:
            for choice in self.facet_choices(facet)[1:]:
                shown = int(choice.note)
                entries.append(
                    Entry(
                        _(FACET_ENTRY[facet]).format(value=visible(choice.label)),
                        ngettext(
                            "{count} item · the other filters stay",
                            "{count} items · the other filters stay",
                            shown,
                        ).format(count=shown),
                        partial(self._palette_filter, facet, choice.value),
                    )
                )
        if not self.item_filter.is_empty:
            entries.append(
                Entry(_("Clear filter"), _("Show every open item again"), self.action_clear_filter)
            )
        for number, key in enumerate(VIEWS, 1):
            entries.append(
                Entry(
                    _(VIEW_ENTRY[key]), _("Key {number}").format(number=number), partial(self._show_view, key)
                )
            )
        entries.append(
            Entry(_("Export Markdown"), _("What the filter shows, to a file here"), self.action_export)
        )
        if self.book is not None:
            if not self.book.read_only:
                entries.append(
                    Entry(
                        _("Save milestone…"),
                        _("Keep the session as it is now, to compare at the next review"),
                        self.action_save_milestone,
                    )
                )
            for milestone in reversed(self.book.milestones):
                entries.append(
                    Entry(
                        _("Changes since {name}").format(name=visible(milestone.name)),
                        _("Milestone saved {when}: what moved since").format(when=saved_words(milestone)),
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
