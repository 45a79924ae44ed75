"""A comparison as Markdown: what a PM pastes into the weekly launch review.

The headline table first (each figure then, now and the change; counts only, as in the
report), then only the lists that have something in them: what became ready, new gaps,
what stopped being ready, other status changes, priorities that moved, owners and due
dates, rewritten answers and decisions, teams. The same blocks make the report's
"Progress since …" section (`comparison_sections` at a deeper heading level). Everything
the PM or the bank wrote goes through `mdtext`, as everywhere in the report, so it reads
as typed and never becomes Markdown; the report's own words are in the language in use.
Pure: no Textual, no I/O.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from walkthrough.i18n import N_, gettext, ngettext
from walkthrough.report.compare import Comparison, ItemChange, Side, TeamChange, changed_lines, signed
from walkthrough.report.launch import show_date, show_moment
from walkthrough.report.mdtext import BREAK, Part, User, cell, fill, heading, paragraph, table
from walkthrough.report.priority import RATINGS, format_score, rating_words

NONE = "—"
ARROW = "→"


def render_comparison(comparison: Comparison) -> str:
    """The whole comparison as a document of its own."""
    title = heading(1, *fill(gettext("Progress: {session}"), session=User(comparison.session_name)))
    return "\n\n".join([title, *comparison_sections(comparison, level=2)]) + "\n"


def progress_section(comparison: Comparison) -> str:
    """The report's "Progress since <milestone>" section: the comparison one level down."""
    title = heading(2, *fill(gettext("Progress since {milestone}"), milestone=User(comparison.before.label)))
    return "\n\n".join([title, *comparison_sections(comparison, level=3)])


# Translators: the lists of a comparison, each titled "<title> (<count>)".
_LISTS = (
    N_("Became ready"),
    N_("New gaps"),
    N_("No longer ready"),
    N_("Other status changes"),
    N_("Priorities that moved"),
    N_("Owners and due dates that changed"),
    N_("Answers and decisions that changed"),
)


def comparison_sections(comparison: Comparison, *, level: int) -> list[str]:
    """The comparison's blocks, its lists headed at `level` (2 for `##`)."""
    c = comparison
    blocks = [
        paragraph(*fill(gettext("From {before} to {after}."), before=_side(c.before), after=_side(c.after))),
        _headline_table(c),
    ]
    if c.launch_moved:
        blocks.append(_launch(c.launch_before, c.launch_after))
    if c.is_empty:
        blocks.append(
            paragraph(
                *fill(
                    gettext("Nothing changed between {before} and {after}."),
                    before=_name(c.before),
                    after=_name(c.after),
                )
            )
        )
        return blocks
    describers: list[tuple[tuple[ItemChange, ...], Callable[[ItemChange], list[Part]]]] = [
        (c.became_ready, _status),
        (c.new_gaps, _status),
        (c.no_longer_ready, _status),
        (c.other_status, _status),
        (c.priorities, _priority),
        (c.owners_and_dates, lambda p: _owner_and_due(p, c.after.on)),
        (c.answers, _rewritten),
    ]
    for title, (changes, describe) in zip(_LISTS, describers, strict=True):
        if changes:
            items = ["- " + paragraph(*_question(p), *describe(p), indent="  ") for p in changes]
            blocks.append(heading(level, f"{gettext(title)} ({len(changes)})") + "\n\n" + "\n".join(items))
    teams = [
        "- " + paragraph(*_team(t, added=added))
        for added, group in ((True, c.teams_added), (False, c.teams_left_out))
        for t in group
    ]
    if teams:
        blocks.append(heading(level, gettext("Teams")) + "\n\n" + "\n".join(teams))
    return blocks


def _team(t: TeamChange, *, added: bool) -> list[Part]:
    if added:
        # Translators: a team that applies now and did not before; {ready} of its questions are ready.
        template = ngettext(
            "Now applies: {team} ({count} question, {ready} ready)",
            "Now applies: {team} ({count} questions, {ready} ready)",
            t.questions,
        )
    else:
        # Translators: a team that no longer applies; {ready} of its questions were ready then.
        template = ngettext(
            "Left out: {team} ({count} question, {ready} ready when left out)",
            "Left out: {team} ({count} questions, {ready} ready when left out)",
            t.questions,
        )
    return fill(template, team=User(t.name), count=str(t.questions), ready=str(t.ready))


def _name(side: Side) -> list[Part]:
    return ["**", User(side.label), "**"] if side.milestone else ["**", side.label, "**"]


def _side(side: Side) -> list[Part]:
    if side.milestone is None:
        # Translators: "now (2026-03-28)": the session as it is on that day.
        return fill(gettext("{side} ({date})"), side=_name(side), date=show_date(side.on))
    # Translators: a milestone and when it was saved.
    return fill(
        gettext("{side} (saved {when} UTC)"), side=_name(side), when=show_moment(side.milestone.saved)
    )


def _headline_table(c: Comparison) -> str:
    a, b, d = c.headline_before, c.headline_after, c.deltas()
    points = ngettext("{change} pt", "{change} pts", abs(d["readiness"])).format(
        change=signed(d["readiness"])
    )
    # Translators: readiness in the comparison table: "22% (2 of 9)", 2 of 9 questions ready.
    readiness = gettext("{percent}% ({ready} of {total})")
    # Translators: "7 of 9 (78%)": 7 of the 9 questions that apply are answered.
    answered = gettext("{answered} of {total} ({percent}%)")
    rows: list[list[object]] = [
        [
            gettext("Readiness"),
            readiness.format(percent=a.counts.readiness, ready=a.counts.ready, total=a.counts.applicable),
            readiness.format(percent=b.counts.readiness, ready=b.counts.ready, total=b.counts.applicable),
            points,
        ],
        [
            gettext("Answered"),
            answered.format(
                answered=a.counts.answered, total=a.counts.applicable, percent=a.counts.answered_percent
            ),
            answered.format(
                answered=b.counts.answered, total=b.counts.applicable, percent=b.counts.answered_percent
            ),
            signed(d["answered"]),
        ],
        [gettext("Open items"), a.counts.open, b.counts.open, signed(d["open"])],
        [gettext("Gaps"), a.counts.gap, b.counts.gap, signed(d["gaps"])],
        [gettext("Overdue"), a.overdue, b.overdue, signed(d["overdue"])],
    ]
    header = ["", cell(User(c.before.label)), cell(User(c.after.label)), gettext("Change")]
    return table(header, "lrrr", rows)


def _launch(before: date | None, after: date | None) -> str:
    if before is None:
        return gettext("Launch date set: {date}.").format(date=_day(after))
    if after is None:
        return gettext("Launch date cleared (it was {date}).").format(date=_day(before))
    days = (after - before).days
    if days > 0:
        template = ngettext(
            "Launch date moved: {before} → {after} ({count} day later).",
            "Launch date moved: {before} → {after} ({count} days later).",
            days,
        )
    else:
        template = ngettext(
            "Launch date moved: {before} → {after} ({count} day earlier).",
            "Launch date moved: {before} → {after} ({count} days earlier).",
            -days,
        )
    return template.format(before=_day(before), after=_day(after), count=abs(days))


def _question(p: ItemChange) -> list[Part]:
    e = p.after
    return [f"**{e.label}** ", User(e.question.prompt), " — ", User(e.stage.title), " › ", User(e.team.name)]


def _status(p: ItemChange) -> list[Part]:
    return [f": {p.before.status.label.lower()} {ARROW} {p.after.status.label.lower()}"]


def _priority(p: ItemChange) -> list[Part]:
    ratings = [
        rating_words(name, _moved(_rating(getattr(p.before, name)), _rating(getattr(p.after, name))))
        for name in RATINGS
        if getattr(p.before, name) != getattr(p.after, name)
    ]
    unrated = gettext("not rated")
    score = _moved(format_score(p.score_before) or unrated, format_score(p.score_after) or unrated)
    if ratings:
        # Translators: after a question: its priority moved, and the ratings that moved it.
        return [gettext(": priority {score} ({ratings})").format(score=score, ratings=", ".join(ratings))]
    return [gettext(": priority {score}").format(score=score)]


def _owner_and_due(p: ItemChange, on: date) -> list[Part]:
    parts: list[Part] = []
    before, after = " ".join(p.before.owner.split()), " ".join(p.after.owner.split())
    if before != after:
        nobody = gettext("none")
        parts += fill(
            # Translators: after a question: its owner changed ("none" when there was none).
            gettext(": owner {before} → {after}"),
            before=User(before) if before else nobody,
            after=User(after) if after else nobody,
        )
    if p.before.due != p.after.due:
        if p.after.is_overdue(on):
            due = gettext("due {before} → {after} (overdue)")
        else:
            due = gettext("due {before} → {after}")
        parts.append(
            ("; " if parts else ": ") + due.format(before=_day(p.before.due), after=_day(p.after.due))
        )
    return parts


_WAS_NOW = {
    "answer": (N_("Answer was: {text}"), N_("Answer now: {text}")),
    "decision": (N_("Decision was: {text}"), N_("Decision now: {text}")),
}


def _rewritten(p: ItemChange) -> list[Part]:
    parts: list[Part] = []
    for field, (_move, before, after) in p.text_moves.items():
        was, now = changed_lines(before, after)
        was_said, now_said = _WAS_NOW[field]
        parts += [BREAK, *fill(gettext(was_said), text=_quote(was))]
        parts += [BREAK, *fill(gettext(now_said), text=_quote(now))]
    return parts


def _quote(line: str) -> list[Part]:
    """A line as `changed_lines` gives it, quoted; "(empty)" for none."""
    # Translators: quotes around a line the PM wrote; use your language's quotation marks.
    return fill(gettext("“{text}”"), text=User(line)) if line else [gettext("*(empty)*")]


def _moved(before: str, after: str) -> str:
    before, after = before or NONE, after or NONE
    return after if before == after else f"{before} {ARROW} {after}"


def _rating(value: int | None) -> str:
    return NONE if value is None else str(value)


def _day(day: date | None) -> str:
    return show_date(day) if day else gettext("none")
