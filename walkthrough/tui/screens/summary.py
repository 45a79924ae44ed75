"""The gap summary: coverage by stage and team, the gaps in priority order, the risk × reward matrix.

Everything shown comes from `walkthrough.report.summary.summarize`, the same numbers the
Markdown export prints. Choosing a gap (or a touchpoint) dismisses the screen with
that question's id, so the walk can jump straight to it. Colours come from the theme
(walkthrough.tui.colours): a new theme repaints the headline and the tables in place.
"""

from __future__ import annotations

from datetime import date

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Label, Static

from questions.models import Bank
from sessions.models import Session
from walkthrough.report.summary import Coverage, Status, Summary, summarize
from walkthrough.tui.colours import DONE, REWARD, RISK, STATUS, UNDER_WAY, Palette, Tone, follow_theme
from walkthrough.tui.widgets.risk_matrix import RiskMatrix
from walkthrough.tui.widgets.visible import visible

# Beyond its colour: a gap must stand out even in a theme where red is mild.
_EMPHASIS = {Status.GAP: {"bold": True}, Status.NOT_ASSESSED: {"italic": True}}


def _status(status: Status, palette: Palette) -> Style:
    return palette.text(STATUS[status], **_EMPHASIS.get(status, {}))


def _percent(coverage: Coverage, palette: Palette) -> Text:
    if not coverage.applicable:
        return Text("—", style="dim", justify="right")
    tone = DONE if coverage.percent == 100 else (UNDER_WAY if coverage.percent >= 50 else None)
    return Text(f"{coverage.percent}%", style=palette.text(tone) if tone else "", justify="right")


def _count(value: int, style: Style | str = "") -> Text:
    return Text(str(value) if value else "·", style=style if value else "dim", justify="right")


def _one_line(text: str) -> str:
    return visible(" ".join(text.split()))


def _cut(text: str, width: int, style: str = "") -> Text:
    cut = Text(text, style=style, no_wrap=True)
    cut.truncate(width, overflow="ellipsis")
    return cut


def _name(text: str, style: str = "") -> Text:
    """A row name cut to fit beside the matrix at 120 columns."""
    return _cut(text, 26, style)


def headline(summary: Summary, palette: Palette) -> Text:
    c = summary.coverage
    text = Text(no_wrap=False)
    text.append(f"{c.percent}% covered", Style(bold=True))
    text.append(f" · {c.answered} of {c.applicable} answered · ")
    text.append(f"{c.ready} ready", _status(Status.READY, palette))
    text.append(" · ")
    text.append(f"{c.partial} partial", _status(Status.PARTIAL, palette))
    text.append(" · ")
    text.append(f"{c.gap} gap{'s' if c.gap != 1 else ''}", palette.text(STATUS[Status.GAP], bold=bool(c.gap)))
    if c.not_applicable:
        text.append(f" · {c.not_applicable} not applicable")
    if summary.excluded_teams:
        text.append("\nLeft out: " + visible(", ".join(summary.excluded_teams)), Style(dim=True))
    if summary.bank_changed:
        bank_id, version = summary.recorded_bank
        text.append(
            visible(
                f"\nStarted with {bank_id} {version}; shown against {summary.bank_id} {summary.bank_version}."
            ),
            palette.text(Tone.CAUTION, italic=True),
        )
    return text


class SummaryScreen(Screen[str | None]):
    """Dismisses with the id of a question to go to, or None."""

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (120, "-wide")]
    BINDINGS = [
        Binding("escape", "back", "Back"),
        Binding("e", "export", "Export Markdown"),
    ]

    def __init__(self, bank: Bank, session: Session) -> None:
        super().__init__()
        self.bank = bank
        self.session = session
        self.summary = summarize(bank, session)

    def compose(self) -> ComposeResult:
        summary = self.summary
        title = Text("Gap summary · ", Style(bold=True))
        title.append(_one_line(summary.session_name), Style(bold=True))
        yield Static(title, id="summary-title")
        yield Static(id="summary-headline")
        with VerticalScroll(id="summary-body"):
            yield Label(f"Gaps, most urgent first ({len(summary.gaps)})", classes="section-title")
            if summary.gaps:
                yield DataTable(id="gaps", cursor_type="row", zebra_stripes=True)
            else:
                yield Static(
                    "Nothing open: every question that applies is ready.",
                    id="no-gaps",
                    classes=STATUS[Status.READY].css_class,
                )
            with Horizontal(id="summary-columns"):
                with Vertical(id="summary-left"):
                    yield Label("Coverage by stage and team", classes="section-title")
                    yield DataTable(id="coverage", cursor_type="row")
                with Vertical(id="summary-right"):
                    yield Label("Risk × reward of decisions", classes="section-title")
                    yield RiskMatrix(id="matrix")
                    yield Label("Coverage by team, all stages", classes="section-title")
                    yield DataTable(id="teams", cursor_type="none")
        yield Footer()

    def on_mount(self) -> None:
        self._add_columns()
        self._paint()
        follow_theme(self, self._paint)
        self.query_one(RiskMatrix).decisions = self.summary.decisions
        self.query_one("#gaps" if self.summary.gaps else "#coverage", DataTable).focus()

    def _add_columns(self) -> None:
        if self.summary.gaps:
            gaps = self.query_one("#gaps", DataTable)
            for label, key in (("#", "n"), ("Status", "status"), ("Risk", "risk"), ("Rwd", "reward")):
                gaps.add_column(label, key=key)
            # The question is what the PM reads: it gets what the other columns leave
            # (on narrow terminals the owner and due date scroll into view instead).
            width = self.app.size.width
            gaps.add_column("Question", key="question", width=max(28, min(70, width - 86)))
            gaps.add_column("Where", key="where", width=20)
            gaps.add_column("Owner", key="owner", width=12)
            gaps.add_column("Due", key="due")
        coverage = self.query_one("#coverage", DataTable)
        for label, key in (
            ("Stage / team", "name"),
            ("Done", "done"),
            ("%", "pct"),
            ("Rdy", "ready"),
            ("Part", "partial"),
            ("Gap", "gap"),
            ("Open", "open"),
            ("N/A", "na"),
        ):
            coverage.add_column(label, key=key)
        teams = self.query_one("#teams", DataTable)
        for label, key in (
            ("Team", "name"),
            ("Done", "done"),
            ("%", "pct"),
            ("Gap", "gap"),
            ("Open", "open"),
        ):
            teams.add_column(label, key=key)

    def _paint(self) -> None:
        """Fill the headline and the tables in the current theme's colours."""
        palette = Palette.of(self.app)
        self.query_one("#summary-headline", Static).update(headline(self.summary, palette))
        if self.summary.gaps:
            self._refill(self.query_one("#gaps", DataTable), self._gap_rows(palette))
        self._refill(self.query_one("#coverage", DataTable), self._coverage_rows(palette))
        self._refill(self.query_one("#teams", DataTable), self._team_rows(palette))

    @staticmethod
    def _refill(table: DataTable, rows: list[tuple[list[Text], str | None]]) -> None:
        row = table.cursor_row
        table.clear()
        for cells, key in rows:
            table.add_row(*cells, key=key)
        if 0 < row < table.row_count:
            table.move_cursor(row=row, animate=False)

    def _gap_rows(self, palette: Palette) -> list[tuple[list[Text], str | None]]:
        today = date.today()
        overdue = palette.text(Tone.BAD, bold=True)
        return [
            (
                [
                    Text(item.label, style="dim"),
                    Text(item.status.label, style=_status(item.status, palette)),
                    _count(item.risk or 0, palette.text(RISK)),
                    _count(item.reward or 0, palette.text(REWARD)),
                    Text(_one_line(item.question.prompt), no_wrap=True, overflow="ellipsis"),
                    _cut(f"S{item.ref.stage_index + 1} {_one_line(item.team.name)}", 20),
                    _cut(_one_line(item.owner), 12),
                    Text(
                        item.due.isoformat() if item.due else "",
                        style=overdue if item.is_overdue(today) else "",
                    ),
                ],
                item.ref.id,
            )
            for item in self.summary.gaps
        ]

    def _coverage_rows(self, palette: Palette) -> list[tuple[list[Text], str | None]]:
        rows = []
        for stage in self.summary.stages:
            name = _name(f"{stage.number} {_one_line(stage.stage.title)}", "bold")
            rows.append(
                self._coverage_row(name, stage.coverage, palette, self._first_id(stage.number - 1, None))
            )
            for touchpoint in stage.touchpoints:
                t_index = stage.stage.teams.index(touchpoint.team)
                name = _name("  " + _one_line(touchpoint.team.name))
                key = self._first_id(stage.number - 1, t_index)
                rows.append(self._coverage_row(name, touchpoint.coverage, palette, key))
        rows.append(
            self._coverage_row(Text("All stages", style="bold"), self.summary.coverage, palette, None)
        )
        return rows

    @staticmethod
    def _coverage_row(
        name: Text, c: Coverage, palette: Palette, key: str | None
    ) -> tuple[list[Text], str | None]:
        return (
            [
                name,
                Text(f"{c.answered}/{c.applicable}", justify="right"),
                _percent(c, palette),
                _count(c.ready, palette.text(STATUS[Status.READY])),
                _count(c.partial, palette.text(STATUS[Status.PARTIAL])),
                _count(c.gap, palette.text(STATUS[Status.GAP])),
                _count(c.open),
                _count(c.not_applicable, palette.text(STATUS[Status.NOT_APPLICABLE])),
            ],
            key,
        )

    def _team_rows(self, palette: Palette) -> list[tuple[list[Text], str | None]]:
        return [
            (
                [
                    Text(_one_line(team.name)),
                    Text(f"{team.coverage.answered}/{team.coverage.applicable}", justify="right"),
                    _percent(team.coverage, palette),
                    _count(team.coverage.gap, palette.text(STATUS[Status.GAP])),
                    _count(team.coverage.open),
                ],
                None,
            )
            for team in self.summary.teams
        ]

    def _first_id(self, stage_index: int, team_index: int | None) -> str | None:
        for ref in self.bank.walk():
            in_place = ref.stage_index == stage_index and team_index in (None, ref.team_index)
            if in_place and self.session.applies(ref.team.id):
                # A stage and its first team start at the same question; row keys must differ.
                return f"{ref.id}#{stage_index}.{team_index}"
        return None

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        key = event.row_key.value
        if key:
            self.dismiss(key.split("#", 1)[0])

    def action_back(self) -> None:
        self.dismiss(None)

    def action_export(self) -> None:
        from walkthrough.tui.export_flow import export_markdown

        export_markdown(self.app, self.bank, self.session)
