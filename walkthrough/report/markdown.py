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
from walkthrough.report.filters import ItemFilter
from walkthrough.report.launch import countdown
from walkthrough.report.priority import HIGH, Quadrant, format_score
from walkthrough.report.progress import Progress
from walkthrough.report.summary import QuestionEntry, Summary, summarize

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


def _due(entry: QuestionEntry, today: date, launch: date | None) -> str:
    if entry.due is None:
        return escape_inline(entry.due_label) or NONE
    flags = [
        word
        for word, flagged in (
            ("overdue", entry.is_overdue(today)),
            ("after launch", entry.is_due_after(launch)),
        )
        if flagged
    ]
    return entry.due.isoformat() + (f" ({', '.join(flags)})" if flags else "")


def _readiness(counts: Progress) -> str:
    return f"{counts.ready}/{counts.applicable} ({counts.readiness}%)"


def _answered(counts: Progress) -> str:
    return f"{counts.answered}/{counts.applicable} ({counts.answered_percent}%)"


def _ratings(entry: QuestionEntry) -> str:
    """ "risk 5, reward 4, mitigation 3 (priority 4.3): Act now", or "not rated"."""
    if not entry.is_rated:
        return "not rated"
    given = ", ".join(
        f"{name} {value}"
        for name, value in (("risk", entry.risk), ("reward", entry.reward), ("mitigation", entry.mitigation))
        if value is not None
    )
    placed = f": {entry.quadrant.label}" if entry.on_matrix else ""
    return f"{given} (priority {format_score(entry.score)}){placed}"


def _plural(count: int, word: str, plural: str | None = None) -> str:
    return f"{count} {word if count == 1 else plural or word + 's'}"


def render_markdown(
    bank: Bank, session: Session, *, generated: date, item_filter: ItemFilter | None = None
) -> str:
    """The report of `session`; with `item_filter`, of the items it lets through only."""
    summary = summarize(bank, session, item_filter)
    sections = [
        _title(summary, session, generated, bank),
        _executive_summary(summary, generated),
        _progress(summary),
        _gap_list(summary, generated),
        _risk_reward(summary, generated),
        _not_applicable(summary),
        _how_to_read(),
    ]
    return "\n\n".join(sections) + "\n"


def _date(moment: datetime) -> str:
    return moment.date().isoformat()


def _title(summary: Summary, session: Session, generated: date, bank: Bank) -> str:
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
    if summary.launch is not None:
        lines[-1] += "  "
        lines.append(f"Launch {summary.launch.isoformat()}: {countdown(summary.launch, generated)}.")
    if not summary.item_filter.is_empty:
        lines[-1] += "  "
        phrases = " · ".join(escape_inline(p) for p in summary.item_filter.describe(bank))
        lines.append(
            f"**Filtered:** {phrases} — {_plural(summary.counts.total, 'question')} of "
            f"{summary.whole.total} in this session."
        )
    return "\n".join(lines)


def _executive_summary(summary: Summary, generated: date) -> str:
    c = summary.counts
    parts = [
        _plural(c.gap, "gap"),
        f"{c.partial} partial",
        f"{c.not_assessed} not assessed",
        f"{c.unanswered} unanswered",
    ]
    lines = [
        "## Executive summary",
        "",
        f"**Readiness {c.readiness}%:** {c.ready} of {_plural(c.applicable, 'applicable question')} ready; "
        f"{c.answered} answered ({c.answered_percent}%); {_plural(c.open, 'open item')} ({', '.join(parts)}).",
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
    lines += ["", f"**Open items by stage** ({c.open} in total):", ""]
    lines.append(
        _table(
            ["Stage", "Open", "Gap", "Unanswered", "Not assessed", "Partial", "Readiness", "Answered"],
            "lrrrrrrr",
            (
                [
                    f"{s.number}. {escape_inline(s.stage.title)}",
                    s.counts.open,
                    s.counts.gap,
                    s.counts.unanswered,
                    s.counts.not_assessed,
                    s.counts.partial,
                    _readiness(s.counts),
                    _answered(s.counts),
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
        facts = [f"**{item.status.label}**", _ratings(item)]
        facts.append(f"owner: {escape_inline(item.owner) or 'none yet'}")
        if item.due_label:
            facts.append(f"due {_due(item, generated, summary.launch)}")
        text = f"{rank}. **{item.label}** {escape_inline(item.question.prompt)} ({_where(item)})"
        if item.answer.decision.strip():
            text += f"<br>Decision: {escape_inline(item.answer.decision)}"
        lines.append(f"{text}<br>{' · '.join(facts)}")
    return "\n".join(lines)


def _progress(summary: Summary) -> str:
    header = [
        "Stage",
        "Team",
        "Readiness",
        "Answered",
        "Open",
        "Partial",
        "Gap",
        "Not assessed",
        "Unanswered",
        "N/A",
    ]

    def counts(c: Progress) -> list[object]:
        return [
            _readiness(c),
            _answered(c),
            c.open,
            c.partial,
            c.gap,
            c.not_assessed,
            c.unanswered,
            c.not_applicable,
        ]

    rows: list[list[object]] = []
    for stage in summary.stages:
        rows.append(
            [
                f"**{stage.number}. {escape_inline(stage.stage.title)}**",
                "*all teams*",
                *counts(stage.counts),
            ]
        )
        for touchpoint in stage.touchpoints:
            rows.append(["", escape_inline(touchpoint.team.name), *counts(touchpoint.counts)])
    rows.append(["**Total**", "", *counts(summary.counts)])
    team_rows = [[escape_inline(team.name), *counts(team.counts)] for team in summary.teams]
    return "\n".join(
        [
            "## Readiness by stage and team",
            "",
            "Readiness = questions ready out of those that apply; answered = questions answered out of those "
            "that apply; open = not ready yet. Questions marked not applicable (N/A) are left out.",
            "",
            _table(header, "llrrrrrrrr", rows),
            "",
            "**Each team across all stages:**",
            "",
            _table(["Team", *header[2:]], "lrrrrrrrr", team_rows),
        ]
    )


def _gap_list(summary: Summary, generated: date) -> str:
    lines = [
        "## Open items in priority order",
        "",
        "Every question that is not ready, highest priority first (see *How to read this summary*).",
        "",
    ]
    if not summary.open_items:
        lines.append("None.")
        return "\n".join(lines)
    rows = [
        [
            rank,
            f"**{item.label}** {escape_inline(item.question.prompt)}<br>*{_where(item)}*",
            item.status.label,
            _rating(item.risk),
            _rating(item.reward),
            _rating(item.mitigation),
            format_score(item.score) or NONE,
            _cell(item.answer.text),
            _cell(item.answer.decision),
            _cell(item.owner),
            _due(item, generated, summary.launch),
        ]
        for rank, item in enumerate(summary.open_items, 1)
    ]
    header = [
        "#",
        "Question",
        "Status",
        "Risk",
        "Reward",
        "Mitigation",
        "Priority",
        "Answer",
        "Decision",
        "Owner",
        "Due",
    ]
    lines.append(_table(header, "rllrrrrllll", rows))
    return "\n".join(lines)


def _chart_position(value: int) -> str:
    """1 → 0.15 … 3 → 0.55 … 5 → 0.95: a rating of HIGH lands past the middle line."""
    return f"{value / 5 - 0.05:.2f}"


def _quadrant_chart(summary: Summary) -> str:
    # One point per (reward, risk) cell, so decisions rated alike share a dot
    # instead of printing their labels on top of each other.
    cells: dict[tuple[int, int], list[str]] = {}
    for decision in sorted(summary.on_matrix, key=lambda d: d.number):
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
    if summary.on_matrix:
        lines += [_quadrant_chart(summary), ""]
    rows = [
        [
            d.label,
            escape_inline(d.question.prompt),
            _cell(d.decision),
            d.status.label,
            _rating(d.risk),
            _rating(d.reward),
            _rating(d.mitigation),
            d.quadrant.label,
            _cell(d.owner),
            _due(d, generated, summary.launch),
        ]
        for d in summary.decisions
    ]
    header = [
        "Q",
        "Question",
        "Decision",
        "Status",
        "Risk",
        "Reward",
        "Mitigation",
        "Quadrant",
        "Owner",
        "Due",
    ]
    lines.append(_table(header, "llllrrrlll", rows))
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
            "- **Readiness** = questions ready out of those that apply; **answered** = questions answered out "
            "of those that apply; **open items** = questions that apply and are not ready (gap, partial, "
            "not assessed or unanswered). Not applicable questions and teams left out count nowhere.",
            "- **Risk** (1–5): if we don't do this, will customers leave us? "
            "**Reward** (1–5): if we do it, will we win customers faster? "
            "**Mitigation** (1–5): if we prioritise it, are our risks reduced?",
            "- **Priority** = the average of the ratings given, risk counted twice "
            "(keeping a customer costs far less than winning a new one); a missing rating is left out, "
            "so an item is placed by the ratings it has. Items with a rating come first, highest priority "
            "first; on a tie the higher risk goes first, then gaps before unanswered or not assessed "
            "questions before partials, then the order of the walk. Items with no rating follow, "
            "gaps first, in the order of the walk.",
            "- **Not assessed**: an answer is written but nobody has said whether the team is ready; "
            "it counts as answered but stays an open item, next to unanswered questions.",
            "- **Due**: *overdue* when the date has passed and the item is not ready; *after launch* when "
            "it falls after the launch date.",
            f"- **Quadrants** ({HIGH} or more is high): {q[Quadrant.ACT_NOW]} = high risk and high reward; "
            f"{q[Quadrant.PROTECT]} = high risk, low reward (do it or customers leave); "
            f"{q[Quadrant.OPPORTUNITY]} = low risk, high reward (wins customers faster); "
            f"{q[Quadrant.LATER]} = both low. Decisions without both risk and reward are "
            f"{q[Quadrant.UNPLACED].lower()}.",
            "- **Q numbers** are each question's place in the whole question bank, so a number "
            "means the same question whichever teams apply; the chart shows them, the tables give the full text.",
        ]
    )
