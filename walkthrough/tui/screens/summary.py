"""The gap summary: coverage by stage and team, the gaps in priority order, the risk × reward matrix.

Everything shown comes from `walkthrough.report.summary.summarize`, the same numbers the
Markdown export prints. Choosing a gap (or a touchpoint) dismisses the screen with
that question's id, so the walk can jump straight to it.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Label, Static

from questions.models import Bank
from sessions.models import Session
from walkthrough.report.progress import Progress, Status
from walkthrough.report.summary import Summary, summarize
from walkthrough.tui.widgets.risk_matrix import RiskMatrix
from walkthrough.tui.widgets.visible import visible

_STATUS_STYLE = {
    Status.GAP: "bold red",
    Status.PARTIAL: "yellow",
    Status.UNANSWERED: "dim",
    Status.NOT_ASSESSED: "italic",
    Status.READY: "green",
    Status.NOT_APPLICABLE: "dim",
}


def _percent(coverage: Progress) -> Text:
    if not coverage.applicable:
        return Text("—", style="dim", justify="right")
    style = "green" if coverage.readiness == 100 else ("yellow" if coverage.readiness >= 50 else "")
    return Text(f"{coverage.readiness}%", style=style, justify="right")


def _count(value: int, style: str = "") -> Text:
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


def headline(summary: Summary) -> Text:
    c = summary.counts
    text = Text(no_wrap=False)
    text.append(f"Readiness {c.readiness}%", Style(bold=True))
    text.append(f" · {c.answered} of {c.applicable} answered · ")
    text.append(f"{c.ready} ready", Style(color="green"))
    text.append(" · ")
    text.append(f"{c.partial} partial", Style(color="yellow"))
    text.append(" · ")
    text.append(f"{c.gap} gap{'s' if c.gap != 1 else ''}", Style(color="red", bold=bool(c.gap)))
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
            Style(italic=True, color="yellow"),
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
        yield Static(headline(summary), id="summary-headline")
        with VerticalScroll(id="summary-body"):
            yield Label(f"Gaps, most urgent first ({len(summary.open_items)})", classes="section-title")
            if summary.open_items:
                yield DataTable(id="gaps", cursor_type="row", zebra_stripes=True)
            else:
                yield Static(
                    Text("Nothing open: every question that applies is ready.", style="green"), id="no-gaps"
                )
            with Horizontal(id="summary-columns"):
                with Vertical(id="summary-left"):
                    yield Label("Progress by stage and team", classes="section-title")
                    yield DataTable(id="coverage", cursor_type="row")
                with Vertical(id="summary-right"):
                    yield Label("Risk × reward of decisions", classes="section-title")
                    yield RiskMatrix(id="matrix")
                    yield Label("Progress by team, all stages", classes="section-title")
                    yield DataTable(id="teams", cursor_type="none")
        yield Footer()

    def on_mount(self) -> None:
        if self.summary.open_items:
            self._fill_gaps()
        self._fill_coverage()
        self._fill_teams()
        self.query_one(RiskMatrix).decisions = self.summary.decisions
        self.query_one("#gaps" if self.summary.open_items else "#coverage", DataTable).focus()

    def _fill_gaps(self) -> None:
        table = self.query_one("#gaps", DataTable)
        table.add_column("#", key="n")
        table.add_column("Status", key="status")
        table.add_column("Risk", key="risk")
        table.add_column("Rwd", key="reward")
        # The question is what the PM reads: it gets what the other columns leave
        # (on narrow terminals the owner and due date scroll into view instead).
        width = self.app.size.width
        table.add_column("Question", key="question", width=max(28, min(70, width - 86)))
        table.add_column("Where", key="where", width=20)
        table.add_column("Owner", key="owner", width=12)
        table.add_column("Due", key="due")
        today = date.today()
        for item in self.summary.open_items:
            due = Text(
                item.due.isoformat() if item.due else "", style="bold red" if item.is_overdue(today) else ""
            )
            table.add_row(
                Text(item.label, style="dim"),
                Text(item.status.label, style=_STATUS_STYLE[item.status]),
                _count(item.risk or 0, "red"),
                _count(item.reward or 0, "green"),
                Text(_one_line(item.question.prompt), no_wrap=True, overflow="ellipsis"),
                _cut(f"S{item.ref.stage_index + 1} {_one_line(item.team.name)}", 20),
                _cut(_one_line(item.owner), 12),
                due,
                key=item.ref.id,
            )

    def _fill_coverage(self) -> None:
        table = self.query_one("#coverage", DataTable)
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
            table.add_column(label, key=key)
        for stage in self.summary.stages:
            self._coverage_row(
                table,
                _name(f"{stage.number} {_one_line(stage.stage.title)}", "bold"),
                stage.counts,
                self._first_id(stage.number - 1, None),
            )
            for touchpoint in stage.touchpoints:
                t_index = stage.stage.teams.index(touchpoint.team)
                self._coverage_row(
                    table,
                    _name("  " + _one_line(touchpoint.team.name)),
                    touchpoint.counts,
                    self._first_id(stage.number - 1, t_index),
                )
        self._coverage_row(table, Text("All stages", style="bold"), self.summary.counts, None)

    def _fill_teams(self) -> None:
        table = self.query_one("#teams", DataTable)
        for label, key in (
            ("Team", "name"),
            ("Done", "done"),
            ("%", "pct"),
            ("Gap", "gap"),
            ("Open", "open"),
        ):
            table.add_column(label, key=key)
        for team in self.summary.teams:
            c = team.counts
            table.add_row(
                Text(_one_line(team.name)),
                Text(f"{c.answered}/{c.applicable}", justify="right"),
                _percent(c),
                _count(c.gap, "red"),
                _count(c.open),
            )

    def _coverage_row(self, table: DataTable, name: Text, c: Progress, key: str | None) -> None:
        table.add_row(
            name,
            Text(f"{c.answered}/{c.applicable}", justify="right"),
            _percent(c),
            _count(c.ready, "green"),
            _count(c.partial, "yellow"),
            _count(c.gap, "red"),
            _count(c.open),
            _count(c.not_applicable, "dim"),
            key=key,
        )

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
        from walkthrough.report.errors import UserError
        from walkthrough.report.export import default_filename, write_export
        from walkthrough.report.markdown import render_markdown

        target = Path.cwd() / default_filename(self.session.name, self.session.id)
        try:
            text = render_markdown(self.bank, self.session, generated=date.today())
            write_export(target, text, replace=False)
        except (UserError, OSError) as exc:
            self.notify(_one_line(str(exc)), title="Not exported", severity="error", timeout=8, markup=False)
            return
        self.notify(f"Wrote {target}", title="Exported", markup=False)
