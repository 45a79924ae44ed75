"""The gap summary as a Markdown document to share with the teams.

Written for GitHub's renderer (GFM tables, a Mermaid quadrant chart). Every piece
of text that did not come from this module — answers, names, and the bank's own
prompts (a custom bank is user text too) — goes through `escape_inline`, so it can
never open a heading, a table row, a code block or HTML. Pure: no Textual, no I/O.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime

from questions.models import Bank
from sessions.models import Session
from sessions.text import printable
from walkthrough.report.summary import (
    HIGH,
    RISK_WEIGHT,
    Coverage,
    Quadrant,
    QuestionEntry,
    Summary,
    summarize,
)

TOP_ACTIONS = 5
NONE = "—"

# Inline Markdown (and GitHub's $math$) only: the text never starts a line, so
# block markers such as "-", "+", "1." or "=" stay readable and harmless.
_ESCAPES = {c: "\\" + c for c in "\\`*_[]|~#$"} | {"&": "&amp;", "<": "&lt;", ">": "&gt;"}


def clean_text(text: str) -> str:
    """User text with escape sequences, control and bidi characters and lone surrogates gone,
    tabs as spaces, newlines as "\\n": a U+202E in a name cannot flip the title."""
    return printable(text, keep_newlines=True)


def escape_inline(text: str) -> str:
    """Text made literal for a table cell or a list item.

    Markdown punctuation is backslash-escaped, "|" included; <, > and & become
    entities; each line is trimmed and lines are joined with <br>.
    """
    lines = ["".join(_ESCAPES.get(c, c) for c in line).strip() for line in clean_text(text).split("\n")]
    while lines and not lines[-1]:
        lines.pop()
    while lines and not lines[0]:
        lines.pop(0)
    return "<br>".join(lines)


def escape_line(text: str) -> str:
    """Text made literal on one line, for a heading: every run of white space becomes one space."""
    return escape_inline(" ".join(clean_text(text).split()))


def _cell(text: str) -> str:
    return escape_inline(text) or NONE


def _row(cells: Iterable[object]) -> str:
    return "| " + " | ".join(str(c) for c in cells) + " |"


def _table(header: Sequence[str], align: str, rows: Iterable[Sequence[object]]) -> str:
    """align: one letter a column, "l" or "r"."""
    rule = ["---" if a == "l" else "--:" for a in align]
    assert len(rule) == len(header)
    lines = [_row(header), _row(rule)]
    for row in rows:
        assert len(row) == len(header), row
        lines.append(_row(row))
    return "\n".join(lines)


def _rating(value: int | None) -> str:
    return NONE if value is None else str(value)


def _where(entry: QuestionEntry) -> str:
    return f"{escape_inline(entry.stage.title)} › {escape_inline(entry.team.name)}"


def _due(entry: QuestionEntry, today: date) -> str:
    if entry.due is None:
        return NONE
    return f"{entry.due.isoformat()} (overdue)" if entry.is_overdue(today) else entry.due.isoformat()


def _percent(coverage: Coverage) -> str:
    return f"{coverage.percent}%"


def _covered(coverage: Coverage) -> str:
    return f"{coverage.answered}/{coverage.applicable} ({_percent(coverage)})"


def _plural(count: int, word: str, plural: str | None = None) -> str:
    return f"{count} {word if count == 1 else plural or word + 's'}"


def render_markdown(bank: Bank, session: Session, *, generated: date) -> str:
    summary = summarize(bank, session)
    sections = [
        _title(summary, session, generated),
        _executive_summary(summary, generated),
        _coverage(summary),
        _gap_list(summary, generated),
        _risk_reward(summary, generated),
        _not_applicable(summary),
        _how_to_read(),
    ]
    return "\n\n".join(sections) + "\n"


def _date(moment: datetime) -> str:
    return moment.date().isoformat()


def _title(summary: Summary, session: Session, generated: date) -> str:
    lines = [
        f"# Gap summary: {escape_line(summary.session_name)}",
        "",
        f"Generated {generated.isoformat()} from the question bank "
        f"*{escape_line(summary.bank_title)}*, "
        f"version {escape_inline(summary.bank_version)} "
        f"({escape_inline(summary.bank_id)}).  ",
        f"Session {escape_inline(summary.session_id)}, "
        f"started {_date(session.created)}, last changed {_date(session.updated)}.",
    ]
    if summary.bank_changed:
        old_id, old_version = summary.recorded_bank
        lines[-1] += "  "
        lines.append(
            f"The answers were recorded against {escape_inline(old_id)} "
            f"version {escape_inline(old_version)}; they are matched to questions by id."
        )
    return "\n".join(lines)


def _executive_summary(summary: Summary, generated: date) -> str:
    c = summary.coverage
    parts = [f"{c.ready} ready", f"{c.partial} partial", _plural(c.gap, "gap")]
    if c.not_assessed:
        parts.append(f"{c.not_assessed} not assessed")
    lines = [
        "## Executive summary",
        "",
        f"**{_percent(c)} covered:** {c.answered} of {_plural(c.applicable, 'applicable question')} answered "
        f"({', '.join(parts)}); {c.unanswered} unanswered.",
    ]
    notes = []
    if c.not_applicable:
        notes.append(f"{_plural(c.not_applicable, 'question')} marked not applicable")
    if summary.excluded_teams:
        names = ", ".join(escape_inline(name) for name in summary.excluded_teams)
        notes.append(f"teams that do not apply: {names}")
    if summary.unmatched_answers:
        notes.append(
            f"{_plural(summary.unmatched_answers, 'answer')} to questions no longer in the bank, not shown"
        )
    if notes:
        lines += ["", "Left out of the count: " + "; ".join(notes) + "."]
    lines += ["", f"**Open items by stage** ({len(summary.gaps)} in total):", ""]
    lines.append(
        _table(
            ["Stage", "Gap", "Unanswered", "Not assessed", "Partial", "Covered"],
            "lrrrrr",
            (
                [
                    f"{s.number}. {escape_inline(s.stage.title)}",
                    s.coverage.gap,
                    s.coverage.unanswered,
                    s.coverage.not_assessed,
                    s.coverage.partial,
                    _covered(s.coverage),
                ]
                for s in summary.stages
            ),
        )
    )
    lines += ["", f"### Top {TOP_ACTIONS} actions", ""]
    top = summary.top_actions(TOP_ACTIONS)
    if not top:
        lines.append("Nothing open: every applicable question is answered and ready.")
    for rank, item in enumerate(top, 1):
        facts = [f"**{item.status.label}**"]
        if item.is_rated:
            facts.append(f"risk {item.risk}, reward {item.reward}: {item.quadrant.label}")
        else:
            facts.append("not rated")
        facts.append(f"owner: {escape_inline(item.owner) or 'none yet'}")
        if item.due is not None:
            facts.append(f"due {_due(item, generated)}")
        text = f"{rank}. **{item.label}** {escape_inline(item.question.prompt)} ({_where(item)})"
        if item.answer.decision.strip():
            text += f"<br>Decision: {escape_inline(item.answer.decision)}"
        lines.append(f"{text}<br>{' · '.join(facts)}")
    return "\n".join(lines)


def _coverage(summary: Summary) -> str:
    header = ["Stage", "Team", "Covered", "Ready", "Partial", "Gap", "Not assessed", "Unanswered", "N/A"]

    def counts(c: Coverage) -> list[object]:
        return [_covered(c), c.ready, c.partial, c.gap, c.not_assessed, c.unanswered, c.not_applicable]

    rows: list[list[object]] = []
    for stage in summary.stages:
        rows.append(
            [
                f"**{stage.number}. {escape_inline(stage.stage.title)}**",
                "*all teams*",
                *counts(stage.coverage),
            ]
        )
        for touchpoint in stage.touchpoints:
            rows.append(["", escape_inline(touchpoint.team.name), *counts(touchpoint.coverage)])
    rows.append(["**Total**", "", *counts(summary.coverage)])
    team_rows = [[escape_inline(team.name), *counts(team.coverage)] for team in summary.teams]
    return "\n".join(
        [
            "## Coverage by stage and team",
            "",
            "Covered = questions answered out of those that apply; questions marked not applicable (N/A) "
            "are left out.",
            "",
            _table(header, "llrrrrrrr", rows),
            "",
            "**Each team across all stages:**",
            "",
            _table(["Team", *header[2:]], "lrrrrrrr", team_rows),
        ]
    )


def _gap_list(summary: Summary, generated: date) -> str:
    lines = [
        "## Gaps in priority order",
        "",
        "Every question that is not ready, highest priority first (see *How to read this summary*).",
        "",
    ]
    if not summary.gaps:
        lines.append("None.")
        return "\n".join(lines)
    rows = [
        [
            rank,
            f"**{item.label}** {escape_inline(item.question.prompt)}<br>*{_where(item)}*",
            item.status.label,
            _rating(item.risk),
            _rating(item.reward),
            _rating(item.score),
            _cell(item.answer.text),
            _cell(item.answer.decision),
            _cell(item.owner),
            _due(item, generated),
        ]
        for rank, item in enumerate(summary.gaps, 1)
    ]
    header = ["#", "Question", "Status", "Risk", "Reward", "Score", "Answer", "Decision", "Owner", "Due"]
    lines.append(_table(header, "rllrrrllll", rows))
    return "\n".join(lines)


def _chart_position(value: int) -> str:
    """1 → 0.15 … 3 → 0.55 … 5 → 0.95: a rating of HIGH lands past the middle line."""
    return f"{value / 5 - 0.05:.2f}"


def _quadrant_chart(summary: Summary) -> str:
    # One point per (reward, risk) cell, so decisions rated alike share a dot
    # instead of printing their labels on top of each other.
    cells: dict[tuple[int, int], list[str]] = {}
    for decision in sorted(summary.rated_decisions, key=lambda d: d.number):
        if decision.reward is not None and decision.risk is not None:  # rated: both are set
            cells.setdefault((decision.reward, decision.risk), []).append(decision.label)
    lines = [
        "```mermaid",
        "quadrantChart",
        "    title Decisions by risk and reward",
        "    x-axis Low reward --> High reward",
        "    y-axis Low risk --> High risk",
        f"    quadrant-1 {Quadrant.ACT_NOW.label}",
        f"    quadrant-2 {Quadrant.PROTECT.label}",
        f"    quadrant-3 {Quadrant.LATER.label}",
        f"    quadrant-4 {Quadrant.OPPORTUNITY.label}",
    ]
    for (reward, risk), labels in sorted(cells.items()):
        # Point names allow letters, digits and spaces only; labels are "Q<number>".
        lines.append(f"    {' '.join(labels)}: [{_chart_position(reward)}, {_chart_position(risk)}]")
    lines.append("```")
    return "\n".join(lines)


def _risk_reward(summary: Summary, generated: date) -> str:
    lines = ["## Risk and reward of the decisions", ""]
    if not summary.decisions:
        lines.append("No decisions recorded yet.")
        return "\n".join(lines)
    counts = summary.quadrant_counts()
    lines.append(" · ".join(f"{q.label}: {counts[q]}" for q in Quadrant))
    lines.append("")
    if summary.rated_decisions:
        lines += [_quadrant_chart(summary), ""]
    rows = [
        [
            d.label,
            escape_inline(d.question.prompt),
            _cell(d.text),
            d.status.label,
            _rating(d.risk),
            _rating(d.reward),
            d.quadrant.label,
            _cell(d.owner),
            _due(d, generated),
        ]
        for d in summary.decisions
    ]
    header = ["Q", "Question", "Decision", "Status", "Risk", "Reward", "Quadrant", "Owner", "Due"]
    lines.append(_table(header, "llllrrlll", rows))
    return "\n".join(lines)


def _not_applicable(summary: Summary) -> str:
    lines = ["## Not applicable", ""]
    if summary.excluded_teams:
        names = ", ".join(escape_inline(name) for name in summary.excluded_teams)
        lines += [f"Teams that do not apply to this product: {names}.", ""]
    if not summary.not_applicable:
        lines.append("No question is marked not applicable.")
        return "\n".join(lines)
    rows = [
        [e.label, escape_inline(e.question.prompt), _where(e), _cell(e.answer.na_reason)]
        for e in summary.not_applicable
    ]
    lines.append(_table(["Q", "Question", "Stage › Team", "Reason"], "llll", rows))
    return "\n".join(lines)


def _how_to_read() -> str:
    q = {quadrant: quadrant.label for quadrant in Quadrant}
    return "\n".join(
        [
            "## How to read this summary",
            "",
            "- **Risk** (1–5): if we don't do this, will customers leave us? "
            "**Reward** (1–5): if we do it, will we win customers faster?",
            f"- **Priority score** = {RISK_WEIGHT} × risk + reward: risk weighs double, because keeping a "
            "customer costs far less than winning a new one. Rated items come first, highest score first; "
            "on a tie the higher risk goes first, then gaps before unanswered or not assessed questions "
            "before partials, then the order of the walk. Items without both ratings follow, "
            "gaps first, in the order of the walk.",
            "- **Not assessed**: an answer is written but nobody has said whether the team is ready; "
            "it counts as answered but stays on the gap list, next to unanswered questions.",
            f"- **Quadrants** ({HIGH} or more is high): {q[Quadrant.ACT_NOW]} = high risk and high reward; "
            f"{q[Quadrant.PROTECT]} = high risk, low reward (do it or customers leave); "
            f"{q[Quadrant.OPPORTUNITY]} = low risk, high reward (wins customers faster); "
            f"{q[Quadrant.LATER]} = both low. Decisions without both ratings are {q[Quadrant.NOT_RATED].lower()}.",
            "- **Q numbers** are each question's place in the whole question bank, so a number "
            "means the same question whichever teams apply; the chart shows them, the tables give the full text.",
        ]
    )
