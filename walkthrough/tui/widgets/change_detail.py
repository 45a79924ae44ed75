"""What changed about one question, in full: then and now, field by field.

Only what moved is listed (status, priority and ratings, owner, due date, the first line of
the answer and of the decision). Everything is Content built from plain strings: answers
and prompts are the PM's and the bank's own text, never markup.
"""

from __future__ import annotations

from datetime import date

from textual.content import Content
from textual.widgets import Static

from walkthrough.i18n import N_, _, pgettext
from walkthrough.report.compare import ItemChange, changed_lines
from walkthrough.report.priority import format_score
from walkthrough.report.summary import QuestionEntry
from walkthrough.tui.colours import STATUS, Tone
from walkthrough.tui.widgets.cells import pad, widest
from walkthrough.tui.widgets.rating import RATING_NAMES
from walkthrough.tui.widgets.visible import visible

ARROW = " → "
# The field names of the lines, msgids: their column is as wide as the widest, translated.
LABELS = (
    N_("Status"),
    N_("Priority"),
    *RATING_NAMES.values(),
    N_("Owner"),
    N_("Due"),
)


def _rating(value: int | None) -> str:
    return "—" if value is None else str(value)


def _line(label: str, before: str, after: str, *, tone: str = "bold") -> Content:
    width = widest(*map(_, LABELS)) + 2
    return Content.assemble(
        (pad(_(label), width), "$text-muted"), visible(before), ARROW, (visible(after), tone)
    )


def _day(entry: QuestionEntry) -> str:
    # Translators: no due date, before or after a change ("none → 2026-06-30")
    return entry.due.isoformat() if entry.due else _("none")


class ChangeDetail(Static):
    """One change in full; `empty` (said when there is none) is an msgid, translated here."""

    _shown: tuple[ItemChange | None, date, str] | None = None

    def show(self, change: ItemChange | None, today: date, empty: str = "") -> None:
        self._shown = (change, today, empty)
        self.update(
            self.describe(change, today)
            if change
            else Content.styled(_(empty) if empty else "", "$text-muted")
        )

    def refresh_language(self) -> None:
        if self._shown is not None:
            self.show(*self._shown)

    @staticmethod
    def describe(change: ItemChange, today: date) -> Content:
        before, after = change.before, change.after
        lines = [
            Content.assemble((f"{after.label} ", "bold"), visible(" ".join(after.question.prompt.split()))),
            Content.styled(
                visible(
                    # Translators: where a question sits: "Stage 2 · Onboarding · Support"
                    _("Stage {number} · {stage} · {team}").format(
                        number=after.stage_number, stage=after.stage.title, team=after.team.name
                    )
                ),
                "$text-muted",
            ),
        ]
        if before.status is not after.status:
            lines.append(
                _line(
                    LABELS[0],
                    before.status.label,
                    after.status.label,
                    tone=f"bold ${STATUS[after.status].text_variable}"
                    if STATUS[after.status] is not Tone.QUIET
                    else "bold",
                )
            )
        if before.score != after.score:
            lines.append(
                _line(
                    LABELS[1],
                    format_score(before.score) or _("not rated"),
                    format_score(after.score) or _("not rated"),
                )
            )
        for name in ("risk", "reward", "mitigation"):
            was, now = getattr(before, name), getattr(after, name)
            if was != now:
                lines.append(_line(RATING_NAMES[name], _rating(was), _rating(now)))
        if " ".join(before.owner.split()) != " ".join(after.owner.split()):
            lines.append(_line(N_("Owner"), before.owner or _("none"), after.owner or _("none")))
        if before.due != after.due:
            overdue = after.is_overdue(today)
            lines.append(
                _line(
                    N_("Due"),
                    _day(before),
                    _("{date} (overdue)").format(date=_day(after)) if overdue else _day(after),
                    tone=f"bold ${Tone.BAD.text_variable}" if overdue else "bold",
                )
            )
        # Translators: "was" and "now" stand before the old and the new first line of an answer
        was_word = pgettext("before and after", "was")
        now_word = pgettext("before and after", "now")
        width = widest(was_word, now_word)
        labels = {"answer": _("Answer"), "decision": _("Decision")}
        for field, (_move, was, now) in change.text_moves.items():
            was_line, now_line = changed_lines(was, now)  # where they differ, not two first lines alike
            lines.append(Content.styled(labels[field], "$text-muted"))
            lines.append(
                Content.assemble((f"  {pad(was_word, width)}  ", "$text-muted"), was_line or _("(empty)"))
            )
            lines.append(
                Content.assemble(
                    (f"  {pad(now_word, width)}  ", "$text-muted"), (now_line or _("(empty)"), "bold")
                )
            )
        lines.append(Content.styled(_("enter opens this question in the walk"), "$text-muted italic"))
        return Content("\n").join(lines)
