"""A comparison as Markdown: what a PM pastes into the weekly launch review.

The headline table first (each figure then, now and the change), then only the lists that
have something in them: what became ready, what stopped being ready, new gaps, other status
changes, priorities that moved, owners and due dates, rewritten answers, teams. The same
text heads the report's "Progress since …" section (`comparison_sections` at a deeper
heading level). User text goes through the report's escaper, as everywhere in the report.
Pure: no Textual, no I/O.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from walkthrough.report.compare import Comparison, Headline, ItemChange, Side, first_line, signed
from walkthrough.report.markdown import escape_inline, escape_line
from walkthrough.report.priority import format_score

NONE = "—"
ARROW = "→"


def render_comparison(comparison: Comparison) -> str:
    """The whole comparison as a document of its own."""
    title = f"# Progress: {escape_line(comparison.session_name)}"
    return "\n\n".join([title, *comparison_sections(comparison, level=2)]) + "\n"


def comparison_sections(comparison: Comparison, *, level: int) -> list[str]:
    """The comparison's blocks, its lists headed at `level` (2 for `##`)."""
    c = comparison
    blocks = [_span(c), _headline_table(c)]
    if c.launch_moved:
        blocks.append(_launch(c.launch_before, c.launch_after))
    if c.is_empty:
        blocks.append(f"Nothing changed between {_side_name(c.before)} and {_side_name(c.after)}.")
        return blocks
    hashes = "#" * level
    for title, items, describe in (
        ("Became ready", c.became_ready, lambda p: f"was {p.before.status.label.lower()}"),
        ("New gaps", c.new_gaps, lambda p: f"was {p.before.status.label.lower()}"),
        ("No longer ready", c.no_longer_ready, lambda p: f"now {p.after.status.label.lower()}"),
        (
            "Other status changes",
            c.other_status,
            lambda p: f"{p.before.status.label.lower()} {ARROW} {p.after.status.label.lower()}",
        ),
    ):
        if items:
            lines = [f"{hashes} {title} ({len(items)})", ""]
            lines += [f"- {_question(p)} — {describe(p)}" for p in items]
            blocks.append("\n".join(lines))
    if c.priorities:
        blocks.append(
            "\n".join(
                [
                    f"{hashes} Priorities that moved ({len(c.priorities)})",
                    "",
                    _table(
                        ["Q", "Question", "Priority", "Risk", "Reward", "Mitigation"],
                        "llrrrr",
                        (
                            [
                                p.label,
                                _prompt(p),
                                _moved(format_score(p.score_before), format_score(p.score_after)),
                                _moved(_rating(p.before.risk), _rating(p.after.risk)),
                                _moved(_rating(p.before.reward), _rating(p.after.reward)),
                                _moved(_rating(p.before.mitigation), _rating(p.after.mitigation)),
                            ]
                            for p in c.priorities
                        ),
                    ),
                ]
            )
        )
    if c.owners_and_dates:
        blocks.append(
            "\n".join(
                [
                    f"{hashes} Owners and due dates that changed ({len(c.owners_and_dates)})",
                    "",
                    _table(
                        ["Q", "Question", "Owner", "Due"],
                        "llll",
                        (
                            [
                                p.label,
                                _prompt(p),
                                _moved(escape_inline(p.before.owner), escape_inline(p.after.owner)),
                                _moved(_iso(p.before.due), _iso(p.after.due))
                                + (" (overdue)" if p.after.is_overdue(c.after.on) else ""),
                            ]
                            for p in c.owners_and_dates
                        ),
                    ),
                ]
            )
        )
    if c.answers:
        lines = [f"{hashes} Answers that changed ({len(c.answers)})", ""]
        for p in c.answers:
            lines.append(f"- {_question(p)}")
            for what, before, after in (
                ("Answer", p.before.answer.text, p.after.answer.text),
                ("Decision", p.before.decision, p.after.decision),
            ):
                if before.strip() != after.strip():
                    lines.append(f"  - {what}: {_quote(before)} {ARROW} {_quote(after)}")
        blocks.append("\n".join(lines))
    if c.teams_added or c.teams_left_out:
        lines = [f"{hashes} Teams", ""]
        lines += [
            f"- Now applies: {escape_inline(t.name)} ({_plural(t.questions, 'question')}, {t.ready} ready)"
            for t in c.teams_added
        ]
        lines += [
            f"- Left out: {escape_inline(t.name)} ({_plural(t.questions, 'question')}, "
            f"{t.ready} ready when left out)"
            for t in c.teams_left_out
        ]
        blocks.append("\n".join(lines))
    return blocks


def _span(c: Comparison) -> str:
    return f"From {_side_name(c.before, dated=True)} to {_side_name(c.after, dated=True)}."


def _side_name(side: Side, *, dated: bool = False, bold: bool = True) -> str:
    name = escape_inline(side.label)
    if bold:
        name = f"**{name}**"
    if not dated:
        return name
    if side.milestone is None:
        return f"{name} ({side.on.isoformat()})"
    return f"{name} (saved {side.milestone.saved:%Y-%m-%d %H:%M} UTC)"


def _launch(before: date | None, after: date | None) -> str:
    if before is None:
        return f"Launch date set: {_day(after)}."
    if after is None:
        return f"Launch date cleared (it was {_day(before)})."
    days = (after - before).days
    later = (
        f"{days} day{'s' if days != 1 else ''} later"
        if days > 0
        else f"{-days} day{'s' if days != -1 else ''} earlier"
    )
    return f"Launch date moved: {_day(before)} {ARROW} {_day(after)} ({later})."


def _headline_table(c: Comparison) -> str:
    a: Headline = c.headline_before
    b: Headline = c.headline_after
    d = c.deltas()
    rows: list[list[object]] = [
        [
            "Readiness",
            f"{a.counts.readiness}% ({a.counts.ready} of {a.counts.applicable})",
            f"{b.counts.readiness}% ({b.counts.ready} of {b.counts.applicable})",
            f"{signed(d['readiness'])} {'pt' if abs(d['readiness']) == 1 else 'pts'}",
        ],
        [
            "Answered",
            f"{a.counts.answered} of {a.counts.applicable} ({a.counts.answered_percent}%)",
            f"{b.counts.answered} of {b.counts.applicable} ({b.counts.answered_percent}%)",
            signed(d["answered"]),
        ],
        ["Open items", a.counts.open, b.counts.open, signed(d["open"])],
        ["Gaps", a.counts.gap, b.counts.gap, signed(d["gaps"])],
        ["Overdue", a.overdue, b.overdue, signed(d["overdue"])],
    ]
    header = ["", _side_name(c.before, bold=False), _side_name(c.after, bold=False), "Change"]
    return _table(header, "lrrr", rows)


def _question(p: ItemChange) -> str:
    e = p.after
    where = f"{escape_inline(e.stage.title)} › {escape_inline(e.team.name)}"
    return f"**{e.label}** {_prompt(p)} *({where})*"


def _prompt(p: ItemChange) -> str:
    return escape_inline(p.after.question.prompt)


def _quote(text: str) -> str:
    line = first_line(text)
    return f"“{escape_inline(line)}”" if line else "*(empty)*"


def _moved(before: str, after: str) -> str:
    before, after = before or NONE, after or NONE
    return after if before == after else f"{before} {ARROW} {after}"


def _rating(value: int | None) -> str:
    return NONE if value is None else str(value)


def _iso(day: date | None) -> str:
    return day.isoformat() if day else ""


def _day(day: date | None) -> str:
    return day.isoformat() if day else "none"


def _plural(count: int, word: str) -> str:
    return f"{count} {word if count == 1 else word + 's'}"


def _table(header: Sequence[str], align: str, rows: Iterable[Sequence[object]]) -> str:
    def row(cells: Iterable[object]) -> str:
        return "| " + " | ".join(str(cell) for cell in cells) + " |"

    rule = ["---" if a == "l" else "--:" for a in align]
    return "\n".join([row(header), row(rule), *(row(cells) for cells in rows)])
