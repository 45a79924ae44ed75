"""The gap summary as a Markdown report a PM can send to a VP and to every team lead.

The document, top to bottom: the title; a status line (readiness, answered, open items,
days to launch); the executive summary (the top actions with decision, owner, due date and
quadrant; open items by stage; the risk × reward chart); the **action plan by owner**;
**by stage and team**, every question with something recorded as a block of its own, the
unanswered ones as one compact list a team, the not-applicable ones with their reasons; and
*how to read this report*. Tables hold counts only; answers and decisions are paragraphs
that keep their line breaks.

Written for GitHub's renderer (tables, a Mermaid chart) and readable raw. Every piece of
text that did not come from this module — answers, names, and the bank's own prompts (a
custom bank is user text too) — goes through `mdtext`, so it reads as typed and never
becomes Markdown. The report's own words are in the language in use (`using(code)` writes
one in another language); dates in its own form (ISO in English). Pure: no Textual, no I/O.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from questions.models import Bank
from sessions.models import Session
from walkthrough.i18n import N_, gettext, ngettext, percent, pgettext
from walkthrough.report import chart
from walkthrough.report.compare import Comparison
from walkthrough.report.compare_markdown import progress_section
from walkthrough.report.filters import NO_OWNER, Filter, owners, same_owner
from walkthrough.report.launch import countdown, show_date
from walkthrough.report.mdtext import (
    BREAK,
    Part,
    User,
    cell,
    fill,
    heading,
    link,
    paragraph,
    paragraphs,
    table,
)
from walkthrough.report.priority import (
    HIGH,
    RATINGS,
    WEIGHTS,
    Quadrant,
    format_score,
    rating_name,
    rating_words,
)
from walkthrough.report.progress import Progress, Status
from walkthrough.report.summary import QuestionEntry, Summary, summarize

TOP_ACTIONS = 5
# Translators: the heading of the open items nobody owns yet, in the action plan.
NO_OWNER_HEADING = N_("No owner yet")
# Translators: a section of the report, named in other sections' text too.
BY_STAGE_AND_TEAM = N_("By stage and team")


@dataclass(frozen=True)
class Rendering:
    """What every section needs besides the summary."""

    summary: Summary
    generated: date

    def due(self, entry: QuestionEntry, *, starts: bool = False) -> list[Part]:
        """ "due 2026-05-15", with "overdue" and "after launch" in words; what was typed
        with "(not a date)" when it is no date; nothing when there is none. `starts`: it
        begins a line ("Due …")."""
        if entry.due is None:
            typed = " ".join(entry.answer.due_text.split())
            if not typed:
                return []
            # Translators: a due date typed as words that are no date ("due next sprint (not a date)").
            said = gettext("Due {typed} (not a date)") if starts else gettext("due {typed} (not a date)")
            return fill(said, typed=User(typed))
        due = (gettext("Due {date}") if starts else gettext("due {date}")).format(date=show_date(entry.due))
        flags = [
            word
            for word, flagged in (
                # Translators: said of a due date that has passed while the item is not ready.
                (gettext("overdue"), entry.is_overdue(self.generated)),
                # Translators: said of a due date later than the launch date.
                (gettext("after launch"), entry.is_due_after(self.summary.launch)),
            )
            if flagged
        ]
        return [due + (f" ({', '.join(flags)})" if flags else "")]


def render_markdown(
    bank: Bank,
    session: Session,
    *,
    generated: date,
    item_filter: Filter | None = None,
    since: Comparison | None = None,
) -> str:
    """The report of `session`; with `item_filter`, of the part it lets through, under its own title.
    `since`: what changed since the latest milestone, told first in the whole report (a part
    leaves it out: its figures are the whole session's)."""
    summary = summarize(bank, session, item_filter)
    rendering = Rendering(summary, generated)
    progress = [progress_section(since)] if since is not None and summary.item_filter.is_empty else []
    sections = [
        _title(summary, session, bank, generated),
        *progress,
        _executive_summary(rendering),
        _action_plan(rendering),
        _by_stage_and_team(rendering),
        _how_to_read(),
    ]
    return "\n\n".join(sections) + "\n"


def render_index(
    bank: Bank,
    session: Session,
    *,
    generated: date,
    item_filter: Filter | None = None,
    links: Sequence[tuple[str, str]] = (),
) -> str:
    """The index of a report split by team: the executive summary of the whole (or of the
    part), then a link to each team's file, given as (team id, file name)."""
    summary = summarize(bank, session, item_filter)
    rendering = Rendering(summary, generated)
    by_team = {team.team_id: team for team in summary.teams}
    items = []
    for team_id, target in links:
        team = by_team.get(team_id)
        if team is None:
            continue
        counts = team.counts
        facts = ngettext(
            "{count} open item, readiness {percent}% ({ready} of {total} ready)",
            "{count} open items, readiness {percent}% ({ready} of {total} ready)",
            counts.open,
        ).format(count=counts.open, percent=counts.readiness, ready=counts.ready, total=counts.applicable)
        # Translators: a team's file in the index of a split report: its link, then its figures.
        items.append(
            "- " + gettext("{team}: {facts}").format(team=link(target, User(team.name)), facts=facts)
        )
    teams = "\n\n".join(
        ["## " + gettext("Each team's part"), "\n".join(items) or gettext("No team applies.")]
    )
    sections = [
        _title(summary, session, bank, generated),
        teams,
        _executive_summary(rendering),
        _how_to_read(),
    ]
    return "\n\n".join(sections) + "\n"


def part_title(summary: Summary, bank: Bank) -> list[Part]:
    """ "Gap summary: <session>", and " — <what the filter lets through>" for a part."""
    parts = fill(gettext("Gap summary: {session}"), session=User(summary.session_name))
    if not summary.item_filter.is_empty:
        parts += [" — ", User(", ".join(summary.item_filter.describe(bank)))]
    return parts


def _date(moment: datetime) -> str:
    return show_date(moment.date())


def status_line(summary: Summary, generated: date) -> str:
    """Readiness, answered, open items and days to launch, on one line."""
    c = summary.counts
    facts = [
        ngettext(
            "**Readiness {percent}%**: {ready} of {count} question ready",
            "**Readiness {percent}%**: {ready} of {count} questions ready",
            c.applicable,
        ).format(percent=c.readiness, ready=c.ready, count=c.applicable),
        gettext("{count} answered ({percent}%)").format(count=c.answered, percent=c.answered_percent),
        ngettext("**{count} open item**", "**{count} open items**", c.open).format(count=c.open),
    ]
    if summary.launch is not None:
        facts.append(
            # Translators: the launch date, then how far off it is ("30 days to launch").
            gettext("launch {date}, {countdown}").format(
                date=show_date(summary.launch), countdown=countdown(summary.launch, generated)
            )
        )
    else:
        facts.append(gettext("no launch date set"))
    return " · ".join(facts)


def _title(summary: Summary, session: Session, bank: Bank, generated: date) -> str:
    source = fill(
        gettext(
            "Generated {date} from the question bank “{bank}”, version {version} ({bank_id}), "
            "for the session started {started} and last changed {changed}."
        ),
        date=show_date(generated),
        bank=User(summary.bank_title),
        version=User(summary.bank_version),
        bank_id=User(summary.bank_id),
        started=_date(session.created),
        changed=_date(session.updated),
    )
    if summary.bank_changed:
        old_id, old_version = summary.recorded_bank
        source += [
            BREAK,
            *fill(
                gettext(
                    "Its answers were recorded against {bank_id} version {version}; "
                    "they are matched to questions by id."
                ),
                bank_id=User(old_id),
                version=User(old_version),
            ),
        ]
    left_out: list[list[Part]] = []
    if summary.excluded_teams:
        left_out.append(
            fill(
                ngettext(
                    "{teams} (does not apply to this product)",
                    "{teams} (do not apply to this product)",
                    len(summary.excluded_teams),
                ),
                teams=User(", ".join(summary.excluded_teams)),
            )
        )
    if summary.whole.not_applicable:
        count = summary.whole.not_applicable
        left_out.append(
            [
                ngettext(
                    "{count} question marked not applicable", "{count} questions marked not applicable", count
                ).format(count=count)
            ]
        )
    if summary.unmatched_answers:
        count = summary.unmatched_answers
        left_out.append(
            [
                ngettext(
                    "{count} answer to a question no longer in the bank",
                    "{count} answers to questions no longer in the bank",
                    count,
                ).format(count=count)
            ]
        )
    if left_out:
        listed: list[Part] = []
        # Translators: separates the things left out of the counts ("…; 1 question marked …").
        separator = gettext("; ")
        for n, words in enumerate(left_out):
            listed += [separator if n else "", *words]
        source += [BREAK, *fill(gettext("Left out of every count: {items}."), items=listed)]
    if not summary.item_filter.is_empty:
        source += [
            BREAK,
            ngettext(
                "This part holds {count} question of the session's {total}; the full report has the rest.",
                "This part holds {count} questions of the session's {total}; the full report has the rest.",
                summary.counts.total,
            ).format(count=summary.counts.total, total=summary.whole.total),
        ]
    return "\n\n".join(
        [
            heading(1, *part_title(summary, bank)),
            status_line(summary, generated),
            paragraph(*source),
        ]
    )


# --- executive summary -----------------------------------------------------------------------


def _has_content(entry: QuestionEntry) -> bool:
    """Something is recorded for it: an answer, a readiness call, a decision, an owner, a date or a rating."""
    return not entry.answer.is_empty


def _where(entry: QuestionEntry) -> list[Part]:
    return [User(entry.stage.title), " › ", User(entry.team.name)]


def _ratings(entry: QuestionEntry) -> str:
    """ "risk 5, reward 4, mitigation 4 (priority 4.5)", or "not rated"."""
    if not entry.is_rated:
        return gettext("not rated")
    given = ", ".join(
        rating_words(name, value)
        for name, value in zip(RATINGS, (entry.risk, entry.reward, entry.mitigation), strict=True)
        if value is not None
    )
    return gettext("{ratings} (priority {score})").format(ratings=given, score=format_score(entry.score))


def _facts(entry: QuestionEntry, rendering: Rendering, *, owner_and_due: bool = True) -> list[Part]:
    """The one line of status: readiness, quadrant and ratings, then owner and due date."""
    parts: list[Part] = [f"**{entry.status.label}**"]
    if entry.on_matrix:
        parts.append(f" · **{entry.quadrant.label}**")
    parts.append(f" · {_ratings(entry)}")
    if owner_and_due:
        if entry.owner:
            parts += [" · ", *fill(gettext("owner {name}"), name=User(entry.owner))]
        else:
            parts.append(" · " + gettext("no owner yet"))
        due = rendering.due(entry)
        if due:
            parts += [" · ", *due]
    return parts


def _decision(entry: QuestionEntry) -> list[Part]:
    return [BREAK, *fill(gettext("Decision: {text}"), text=User(entry.decision, lines=True))]


def _executive_summary(rendering: Rendering) -> str:
    return "\n\n".join(
        [
            "## " + gettext("Executive summary"),
            _top_actions(rendering),
            _open_by_stage(rendering.summary),
            _chart(rendering.summary),
        ]
    )


def _top_actions(rendering: Rendering) -> str:
    actionable = [e for e in rendering.summary.open_items if _has_content(e)][:TOP_ACTIONS]
    if len(actionable) == TOP_ACTIONS:
        title = ngettext("Top {count} action", "Top {count} actions", TOP_ACTIONS).format(count=TOP_ACTIONS)
    else:
        title = gettext("Top actions")
    lines = ["### " + title]
    if not rendering.summary.open_items:
        return "\n\n".join([*lines, gettext("Nothing open: every question that applies is ready.")])
    if not actionable:
        return "\n\n".join(
            [
                *lines,
                gettext(
                    "No open item has an answer, a decision or a rating yet: start with the questions "
                    "listed under *{section}*."
                ).format(section=gettext(BY_STAGE_AND_TEAM)),
            ]
        )
    items = []
    for rank, entry in enumerate(actionable, 1):
        marker = f"{rank}. "
        indent = " " * len(marker)
        parts: list[Part] = [f"**{entry.label}** ", User(entry.question.prompt), " — ", *_where(entry)]
        if entry.decision:
            parts += _decision(entry)
        parts += [BREAK, *_facts(entry, rendering)]
        items.append(marker + paragraph(*parts, indent=indent))
    return "\n\n".join(lines) + "\n\n" + "\n".join(items)


def _counts_row(label: str, c: Progress) -> list[object]:
    readiness = percent(c.readiness)
    return [label, c.open, c.gap, c.partial, c.not_assessed, c.unanswered, c.ready, readiness]


def _open_by_stage(summary: Summary) -> str:
    rows = [
        _counts_row(f"{s.number}. " + cell(User(s.stage.title)), s.counts)
        for s in summary.stages
        if s.counts.applicable
    ]
    if len(rows) > 1:
        rows.append(_counts_row("**" + gettext("All stages") + "**", summary.counts))
    # Translators: column titles of the table of open items by stage; each below is a count
    # of questions (except Stage, and Readiness, a percentage).
    header = [
        pgettext("column", "Stage"),
        pgettext("column", "Open"),
        pgettext("column", "Gap"),
        pgettext("column", "Partial"),
        pgettext("column", "Not assessed"),
        pgettext("column", "Unanswered"),
        pgettext("column", "Ready"),
        pgettext("column", "Readiness"),
    ]
    title = "### " + gettext("Open items by stage")
    if not rows:
        return f"{title}\n\n" + gettext("No question here applies to this product.")
    return "\n\n".join([title, table(header, "lrrrrrrr", rows)])


def _chart(summary: Summary) -> str:
    title = "### " + gettext("Risk and reward of the open items")
    open_decisions = [e for e in summary.decisions if e.status.is_open]
    if not open_decisions:
        return f"{title}\n\n" + gettext("No open item has a decision or a rating yet.")
    counts = {q: 0 for q in Quadrant}
    for entry in open_decisions:
        counts[entry.quadrant] += 1
    # Translators: how many open items fall in one quadrant ("Act now: 3").
    tally = " · ".join(
        gettext("{quadrant}: {count}").format(quadrant=q.label, count=counts[q]) for q in Quadrant
    )
    placed = [e for e in open_decisions if e.on_matrix]
    blocks = [title, tally]
    if not placed:
        blocks.append(gettext("No open item has both a risk and a reward rating yet, so there is no chart."))
        return "\n\n".join(blocks)
    layout = chart.layout(chart.Rated(e.label, e.risk or 0, e.reward or 0) for e in placed)
    blocks.append(
        chart.mermaid(
            layout,
            title=gettext("Open items by risk and reward"),
            # Translators: the ends of the chart's axes; keep them short.
            x_axis=(gettext("Low reward"), gettext("High reward")),
            y_axis=(gettext("Low risk"), gettext("High risk")),
            quadrants=[
                q.label for q in (Quadrant.ACT_NOW, Quadrant.PROTECT, Quadrant.LATER, Quadrant.OPPORTUNITY)
            ],
        )
    )
    if layout.left_out:
        listed = ", ".join(
            # Translators: an item left off the chart, with its ratings: "Q12 (risk 4, reward 2)".
            gettext("{label} (risk {risk}, reward {reward})").format(
                label=r.label, risk=r.risk, reward=r.reward
            )
            for r in layout.left_out
        )
        blocks.append(
            gettext(
                "Not on the chart, to keep every point readable: {items}. The chart holds the "
                "{count} highest-priority items at most, and no more in one cell than fit."
            ).format(items=listed, count=chart.MAX_POINTS)
        )
    unplaced = [e.label for e in open_decisions if not e.on_matrix]
    if unplaced:
        blocks.append(
            gettext("Not placed (risk or reward not rated yet): {items}.").format(items=", ".join(unplaced))
        )
    return "\n\n".join(blocks)


# --- action plan by owner -------------------------------------------------------------------------


def _in_action_plan(entry: QuestionEntry) -> bool:
    """Open items someone owns, and open items with something recorded but no owner yet.
    (An unanswered question with nothing recorded is in its team's list of unanswered ones.)"""
    return entry.status.is_open and (bool(entry.owner) or _has_content(entry))


def plan_order(entries: Iterable[QuestionEntry]) -> list[QuestionEntry]:
    """By due date (so overdue items come first), then items without a date; priority order within."""
    ranked = list(entries)  # the summary's priority order
    position = {id(entry): n for n, entry in enumerate(ranked)}
    return sorted(ranked, key=lambda e: (e.due is None, e.due or date.min, position[id(e)]))


def _action_plan(rendering: Rendering) -> str:
    summary = rendering.summary
    planned = [e for e in summary.open_items if _in_action_plan(e)]
    lines = ["## " + gettext("Action plan by owner")]
    if not planned:
        lines.append(gettext("No open item has an owner or anything recorded yet."))
        return "\n\n".join(lines)
    for name in owners(list(planned)):
        mine = [e for e in planned if (same_owner(e.owner, name) if name != NO_OWNER else not e.owner)]
        lines.append(heading(3, User(name)) if name != NO_OWNER else "### " + gettext(NO_OWNER_HEADING))
        overdue = sum(1 for e in mine if e.is_overdue(rendering.generated))
        if overdue:
            tally = ngettext(
                "{count} open item, **{overdue} overdue**.",
                "{count} open items, **{overdue} overdue**.",
                len(mine),
            )
        else:
            tally = ngettext("{count} open item.", "{count} open items.", len(mine))
        lines.append(tally.format(count=len(mine), overdue=overdue))
        items = []
        for entry in plan_order(mine):
            due = rendering.due(entry, starts=True)
            parts: list[Part] = ["**", *due, "** · "] if due else [gettext("No due date") + " · "]
            parts += [f"**{entry.label}** ", User(entry.question.prompt), " — ", *_where(entry)]
            if entry.decision:
                parts += _decision(entry)
            parts += [BREAK, *_facts(entry, rendering, owner_and_due=False)]
            items.append("- " + paragraph(*parts, indent="  "))
        lines.append("\n".join(items))
    return "\n\n".join(lines)


# --- by stage and team ---------------------------------------------------------------------------


def _by_stage_and_team(rendering: Rendering) -> str:
    summary = rendering.summary
    blocks = ["## " + gettext(BY_STAGE_AND_TEAM)]
    by_touchpoint: dict[tuple[int, int], list[QuestionEntry]] = defaultdict(list)
    for entry in (*summary.ranked, *summary.not_applicable):
        by_touchpoint[entry.ref.stage_index, entry.ref.team_index].append(entry)
    if not by_touchpoint:
        blocks.append(gettext("No question here applies to this product."))
    for stage in summary.stages:
        blocks.append(
            heading(
                3,
                *fill(
                    gettext("Stage {number}: {title}"),
                    number=str(stage.number),
                    title=User(stage.stage.title),
                ),
            )
        )
        blocks.append(_counts_line(stage.counts))
        for touchpoint in stage.touchpoints:
            entries = sorted(by_touchpoint[stage.number - 1, touchpoint.team_index], key=lambda e: e.number)
            blocks.append(heading(4, User(touchpoint.team.name)))
            blocks.append(_counts_line(touchpoint.counts))
            blocks += _team_questions(entries, rendering)
    return "\n\n".join(blocks)


def _counts_line(c: Progress) -> str:
    facts = [
        gettext("Readiness {percent}%: {ready} of {total} ready").format(
            percent=c.readiness, ready=c.ready, total=c.applicable
        ),
        ngettext("{count} open item", "{count} open items", c.open).format(count=c.open),
    ]
    if c.not_applicable:
        facts.append(gettext("{count} not applicable").format(count=c.not_applicable))
    return " · ".join(facts) + "."


def _team_questions(entries: list[QuestionEntry], rendering: Rendering) -> list[str]:
    blocks = []
    silent = []
    not_applicable = []
    for entry in entries:
        if entry.status is Status.NOT_APPLICABLE:
            not_applicable.append(entry)
        elif _has_content(entry):
            blocks += _question_block(entry, rendering)
        else:
            silent.append(entry)
    if silent:
        blocks.append(gettext("Not answered yet ({count}):").format(count=len(silent)))
        blocks.append("\n".join("- " + paragraph(f"{e.label} ", User(e.question.prompt)) for e in silent))
    if not_applicable:
        blocks.append(gettext("Not applicable ({count}):").format(count=len(not_applicable)))
        items = []
        for entry in not_applicable:
            parts: list[Part] = [f"{entry.label} ", User(entry.question.prompt)]
            reason = entry.answer.na_reason.strip()
            if reason:
                # Translators: why a question was marked not applicable.
                parts += [BREAK, *fill(gettext("Why: {reason}"), reason=User(reason, lines=True))]
            else:
                parts += [BREAK, gettext("No reason given.")]
            items.append("- " + paragraph(*parts, indent="  "))
        blocks.append("\n".join(items))
    return blocks


def _question_block(entry: QuestionEntry, rendering: Rendering) -> list[str]:
    blocks = [
        heading(5, f"{entry.label} · ", User(entry.question.prompt)),
        paragraph(*_facts(entry, rendering)),
    ]
    answer = paragraphs(gettext("**Answer:**") + " ", entry.answer.text)
    blocks.append(answer or gettext("**Answer:** none written yet."))
    decision = paragraphs(gettext("**Decision:**") + " ", entry.decision)
    if decision:
        blocks.append(decision)
    return blocks


# --- how to read -----------------------------------------------------------------------------------


def _how_to_read() -> str:
    q = {quadrant: quadrant.label for quadrant in Quadrant}
    weights = ", ".join(f"{rating_name(name)} ×{weight}" for name, weight in WEIGHTS.items())
    return "\n".join(
        [
            "## " + gettext("How to read this report"),
            "",
            "- "
            + gettext(
                "**Readiness** is the share of the questions that apply whose team is ready; **answered** the "
                "share with an answer or a readiness call. **Open items** are the questions that apply and are "
                "not ready: a gap, partial, not assessed (an answer but no readiness call yet) or unanswered. "
                "Questions marked not applicable, and teams that do not apply, count nowhere."
            ),
            "- "
            + gettext(
                "Every decision is tested three ways, each 1 (no) to 5 (surely): **risk**, if we don't do it, "
                "will customers leave? **reward**, if we do it, will we win customers faster? **mitigation**, "
                "if we prioritise it, are our risks reduced?"
            ),
            "- "
            + gettext(
                "**Priority** is the average of the ratings given, weighted {weights}; a missing rating is "
                "left out, so an item is placed by the ratings it has. Rated items come first, highest priority "
                "first; on a tie the higher risk goes first, then the worse readiness, then the order of the "
                "walk. Items with no rating follow."
            ).format(weights=weights),
            "- "
            + gettext(
                "**Quadrants** ({high} or more is high): {act_now} = high risk and high reward; "
                "{protect} = high risk, low reward (do it or customers leave); "
                "{opportunity} = low risk, high reward (wins customers faster); "
                "{later} = both low. Items without both risk and reward are {unplaced}."
            ).format(
                high=HIGH,
                act_now=q[Quadrant.ACT_NOW],
                protect=q[Quadrant.PROTECT],
                opportunity=q[Quadrant.OPPORTUNITY],
                later=q[Quadrant.LATER],
                unplaced=q[Quadrant.UNPLACED].lower(),
            ),
            "- "
            + gettext(
                "**The chart** places each open item in the band of its ratings: ratings 1 and 2 share the low "
                "half of an axis, 3 to 5 the high half, so every point sits in its true quadrant. Items rated "
                "alike are spread inside their cell, the highest priority nearest its middle; items that do not "
                "fit are listed under the chart."
            ),
            "- "
            + gettext(
                "**Top actions** are the open items with something recorded, highest priority first. The "
                "**action plan** lists each owner's open items by due date (overdue first), then those without "
                "a date; open items with something recorded but no owner come last."
            ),
            "- "
            + gettext(
                "**Due dates** say *overdue* when the date has passed and the item is not ready, and *after "
                "launch* when it falls after the launch date."
            ),
            "- "
            + gettext(
                "**Q numbers** are each question's place in the whole question bank, so a number means the "
                "same question whichever teams apply, and the chart, the action plan and the sections by stage "
                "and team point at the same questions."
            ),
        ]
    )
