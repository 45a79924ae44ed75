"""Everything about one item of the gap summary, wrapped to the pane's width.

The open-items list has room for a few words of each; this pane gives the highlighted one
in full: the question, where it sits, the answer, the decision, owner, due date (overdue
and after-launch said in words, not colour only) and the three ratings with the priority
they give. All user text goes in as Content, never as markup.
"""

from __future__ import annotations

from datetime import date

from textual.content import Content
from textual.widgets import Static

from walkthrough.i18n import _, ngettext
from walkthrough.report.priority import format_score
from walkthrough.report.progress import Status
from walkthrough.report.summary import QuestionEntry
from walkthrough.tui.colours import STATUS, Tone
from walkthrough.tui.widgets.language import around
from walkthrough.tui.widgets.rating import RATING_NAMES, WORDS
from walkthrough.tui.widgets.visible import visible


def tone_style(tone: Tone, emphasis: str = "") -> str:
    """A Content style for words in `tone` (quiet ones muted), resolved as the theme paints."""
    variable = tone.text_variable or "text-muted"
    return f"{emphasis} ${variable}".strip()


def due_words(entry: QuestionEntry, today: date, launch: date | None) -> list[str]:
    """What is wrong with the due date, in words: "overdue by 3 days", "after launch"."""
    words = []
    if entry.due is not None and entry.is_overdue(today):
        days = (today - entry.due).days
        words.append(ngettext("overdue by {count} day", "overdue by {count} days", days).format(count=days))
    if entry.is_due_after(launch):
        words.append(_("after launch ({date})").format(date=launch.isoformat() if launch else ""))
    return words


def _field(label: str, value: str, empty: str = "—") -> Content:
    """`label` and `empty` are said already (translated); `value` is the PM's text."""
    shown = visible(value.strip())
    # Translators: a field's name and its value in the item pane: "Owner: Dana"; keep both
    # placeholders (Chinese: "{field}：{value}", no space after the colon)
    before, after = around(_("{field}: {value}"), "value")
    return Content.assemble(
        (before.format(field=label), "bold $text-muted"),
        shown if shown else (empty, "$text-muted"),
        (after.format(field=label), "bold $text-muted"),
    )


def describe_item(entry: QuestionEntry, today: date, launch: date | None) -> Content:
    heading: list[str | tuple[str, str]] = [
        (entry.label, "bold"),
        " · ",
        (entry.status.label, tone_style(STATUS[entry.status], "bold" if entry.status is Status.GAP else "")),
    ]
    if entry.is_rated:
        heading += [" · ", (_("priority {score}").format(score=format_score(entry.score)), "bold")]
    if entry.on_matrix:
        heading += [" · ", entry.quadrant.label]
    problems = due_words(entry, today, launch)
    ratings = []
    for name, value in (("risk", entry.risk), ("reward", entry.reward), ("mitigation", entry.mitigation)):
        rated = f"{value} {_(WORDS[name][value - 1])}" if value is not None else ""
        ratings.append(
            Content.assemble(
                (_(RATING_NAMES[name]) + " ", "bold $text-muted"), rated or (_("not rated"), "$text-muted")
            )
        )
    lines = [
        Content.assemble(*heading),
        Content.styled(visible(" ".join(entry.question.prompt.split())), "bold"),
        Content.styled(
            # Translators: where a question sits: "Stage 2 Onboarding › Support"
            _("Stage {number} {stage} › {team}").format(
                number=entry.stage_number, stage=visible(entry.stage.title), team=visible(entry.team.name)
            ),
            "$text-muted",
        ),
        _field(_("Answer"), entry.answer.text, _("no answer yet")),
        _field(_("Decision"), entry.answer.decision, _("no decision yet")),
        Content.assemble(
            _field(_("Owner"), entry.owner, _("nobody yet")),
            " · ",
            _field(_("Due"), entry.due_label, _("no date")),
            *((" · ", (" · ".join(problems), tone_style(Tone.BAD, "bold"))) if problems else ()),
        ),
        Content(" · ").join(ratings),
    ]
    return Content("\n").join(lines)


class ItemDetail(Static):
    """The highlighted item in full; `refresh_language` says it again in the language now in use."""

    DEFAULT_CSS = """
    ItemDetail {
        height: auto;
        width: 1fr;
    }
    """

    _shown: tuple[QuestionEntry | None, date, date | None] | None = None

    def show(self, entry: QuestionEntry | None, today: date, launch: date | None) -> None:
        self._shown = (entry, today, launch)
        self.update(
            describe_item(entry, today, launch)
            if entry
            else Content.styled(_("Nothing to show."), "$text-muted")
        )

    def refresh_language(self) -> None:
        if self._shown is not None:
            self.show(*self._shown)
