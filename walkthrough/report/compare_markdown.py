"""A comparison as Markdown: what a PM pastes into the weekly launch review.

The headline table first (each figure then, now and the change; counts only, as in the
report), then only the lists that have something in them: what became ready, new gaps,
what stopped being ready, other status changes, priorities that moved, owners and due
dates, rewritten answers and decisions, teams. The same blocks make the report's
"Progress since …" section (`comparison_sections` at a deeper heading level). Everything
the PM or the bank wrote goes through `mdtext`, as everywhere in the report, so it reads
as typed and never becomes Markdown. Pure: no Textual, no I/O.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from walkthrough.report.compare import Comparison, ItemChange, Side, first_line, signed
from walkthrough.report.mdtext import BREAK, Part, User, cell, heading, paragraph, table
from walkthrough.report.priority import format_score

NONE = "—"
ARROW = "→"


def render_comparison(comparison: Comparison) -> str:
    """The whole comparison as a document of its own."""
    title = heading(1, "Progress: ", User(comparison.session_name))
    return "\n\n".join([title, *comparison_sections(comparison, level=2)]) + "\n"


def progress_section(comparison: Comparison) -> str:
    """The report's "Progress since <milestone>" section: the comparison one level down."""
    title = heading(2, "Progress since ", User(comparison.before.label))
    return "\n\n".join([title, *comparison_sections(comparison, level=3)])


def comparison_sections(comparison: Comparison, *, level: int) -> list[str]:
    """The comparison's blocks, its lists headed at `level` (2 for `##`)."""
    c = comparison
    blocks = [paragraph("From ", *_side(c.before), " to ", *_side(c.after), "."), _headline_table(c)]
    if c.launch_moved:
        blocks.append(_launch(c.launch_before, c.launch_after))
    if c.is_empty:
        blocks.append(paragraph("Nothing changed between ", *_name(c.before), " and ", *_name(c.after), "."))
        return blocks
    lists: list[tuple[str, tuple[ItemChange, ...], Callable[[ItemChange], list[Part]]]] = [
        ("Became ready", c.became_ready, _status),
        ("New gaps", c.new_gaps, _status),
        ("No longer ready", c.no_longer_ready, _status),
        ("Other status changes", c.other_status, _status),
        ("Priorities that moved", c.priorities, _priority),
        ("Owners and due dates that changed", c.owners_and_dates, lambda p: _owner_and_due(p, c.after.on)),
        ("Answers and decisions that changed", c.answers, _rewritten),
    ]
    for title, changes, describe in lists:
        if changes:
            items = ["- " + paragraph(*_question(p), *describe(p), indent="  ") for p in changes]
            blocks.append(heading(level, f"{title} ({len(changes)})") + "\n\n" + "\n".join(items))
    teams = [
        "- "
        + paragraph(f"{what}: ", User(t.name), f" ({plural(t.questions, 'question')}, {t.ready} ready{when})")
        for what, when, group in (
            ("Now applies", "", c.teams_added),
            ("Left out", " when left out", c.teams_left_out),
        )
        for t in group
    ]
    if teams:
        blocks.append(heading(level, "Teams") + "\n\n" + "\n".join(teams))
    return blocks


def _name(side: Side) -> list[Part]:
    return ["**", User(side.label), "**"] if side.milestone else ["**now**"]


def _side(side: Side) -> list[Part]:
    if side.milestone is None:
        return [*_name(side), f" ({side.on.isoformat()})"]
    return [*_name(side), f" (saved {side.milestone.saved:%Y-%m-%d %H:%M} UTC)"]


def _headline_table(c: Comparison) -> str:
    a, b, d = c.headline_before, c.headline_after, c.deltas()
    points = "pt" if abs(d["readiness"]) == 1 else "pts"
    rows: list[list[object]] = [
        [
            "Readiness",
            f"{a.counts.readiness}% ({a.counts.ready} of {a.counts.applicable})",
            f"{b.counts.readiness}% ({b.counts.ready} of {b.counts.applicable})",
            f"{signed(d['readiness'])} {points}",
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
    header = ["", cell(User(c.before.label)), cell(User(c.after.label)), "Change"]
    return table(header, "lrrr", rows)


def _launch(before: date | None, after: date | None) -> str:
    if before is None:
        return f"Launch date set: {_day(after)}."
    if after is None:
        return f"Launch date cleared (it was {_day(before)})."
    days = (after - before).days
    later = plural(abs(days), "day") + (" later" if days > 0 else " earlier")
    return f"Launch date moved: {_day(before)} {ARROW} {_day(after)} ({later})."


def _question(p: ItemChange) -> list[Part]:
    e = p.after
    return [f"**{e.label}** ", User(e.question.prompt), " — ", User(e.stage.title), " › ", User(e.team.name)]


def _status(p: ItemChange) -> list[Part]:
    return [f": {p.before.status.label.lower()} {ARROW} {p.after.status.label.lower()}"]


def _priority(p: ItemChange) -> list[Part]:
    ratings = [
        f"{name} {_moved(_rating(getattr(p.before, name)), _rating(getattr(p.after, name)))}"
        for name in ("risk", "reward", "mitigation")
        if getattr(p.before, name) != getattr(p.after, name)
    ]
    score = _moved(format_score(p.score_before) or "not rated", format_score(p.score_after) or "not rated")
    return [f": priority {score}" + (f" ({', '.join(ratings)})" if ratings else "")]


def _owner_and_due(p: ItemChange, on: date) -> list[Part]:
    parts: list[Part] = []
    before, after = " ".join(p.before.owner.split()), " ".join(p.after.owner.split())
    if before != after:
        parts += [
            ": owner ",
            User(before) if before else "none",
            f" {ARROW} ",
            User(after) if after else "none",
        ]
    if p.before.due != p.after.due:
        overdue = " (overdue)" if p.after.is_overdue(on) else ""
        parts.append(
            ("; " if parts else ": ") + f"due {_day(p.before.due)} {ARROW} {_day(p.after.due)}{overdue}"
        )
    return parts


def _rewritten(p: ItemChange) -> list[Part]:
    parts: list[Part] = []
    for what, before, after in (
        ("Answer", p.before.answer.text, p.after.answer.text),
        ("Decision", p.before.decision, p.after.decision),
    ):
        if before.strip() != after.strip():
            parts += [BREAK, f"{what} was: ", *_quote(before), BREAK, f"{what} now: ", *_quote(after)]
    return parts


def _quote(text: str) -> list[Part]:
    line = first_line(text)
    return ["“", User(line), "”"] if line else ["*(empty)*"]


def _moved(before: str, after: str) -> str:
    before, after = before or NONE, after or NONE
    return after if before == after else f"{before} {ARROW} {after}"


def _rating(value: int | None) -> str:
    return NONE if value is None else str(value)


def _day(day: date | None) -> str:
    return day.isoformat() if day else "none"


def plural(count: int, word: str) -> str:
    return f"{count} {word if count == 1 else word + 's'}"
