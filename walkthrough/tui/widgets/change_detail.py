"""What changed about one question, in full: then and now, field by field.

Only what moved is listed (status, priority and ratings, owner, due date, the first line of
the answer and of the decision). Everything is Content built from plain strings: answers
and prompts are the PM's and the bank's own text, never markup.
"""

from __future__ import annotations

from datetime import date

from textual.content import Content
from textual.widgets import Static

from walkthrough.report.compare import ItemChange, first_line
from walkthrough.report.priority import format_score
from walkthrough.report.summary import QuestionEntry
from walkthrough.tui.colours import STATUS, Tone
from walkthrough.tui.widgets.visible import visible

ARROW = " → "
LABEL_WIDTH = len("Mitigation  ")


def _rating(value: int | None) -> str:
    return "—" if value is None else str(value)


def _line(label: str, before: str, after: str, *, tone: str = "bold") -> Content:
    return Content.assemble(
        (label.ljust(LABEL_WIDTH), "$text-muted"), visible(before), ARROW, (visible(after), tone)
    )


def _day(entry: QuestionEntry) -> str:
    return entry.due.isoformat() if entry.due else "none"


class ChangeDetail(Static):
    def show(self, change: ItemChange | None, today: date, empty: str = "") -> None:
        self.update(self.describe(change, today) if change else Content.styled(empty, "$text-muted"))

    @staticmethod
    def describe(change: ItemChange, today: date) -> Content:
        before, after = change.before, change.after
        lines = [
            Content.assemble((f"{after.label} ", "bold"), visible(" ".join(after.question.prompt.split()))),
            Content.styled(
                visible(f"Stage {after.stage_number} · {after.stage.title} · {after.team.name}"),
                "$text-muted",
            ),
        ]
        if before.status is not after.status:
            lines.append(
                _line(
                    "Status",
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
                    "Priority",
                    format_score(before.score) or "not rated",
                    format_score(after.score) or "not rated",
                )
            )
        for name in ("risk", "reward", "mitigation"):
            was, now = getattr(before, name), getattr(after, name)
            if was != now:
                lines.append(_line(name.capitalize(), _rating(was), _rating(now)))
        if " ".join(before.owner.split()) != " ".join(after.owner.split()):
            lines.append(_line("Owner", before.owner or "none", after.owner or "none"))
        if before.due != after.due:
            overdue = after.is_overdue(today)
            lines.append(
                _line(
                    "Due",
                    _day(before),
                    _day(after) + (" (overdue)" if overdue else ""),
                    tone=f"bold ${Tone.BAD.text_variable}" if overdue else "bold",
                )
            )
        for label, was, now in (
            ("Answer", before.answer.text, after.answer.text),
            ("Decision", before.decision, after.decision),
        ):
            if was.strip() != now.strip():
                lines.append(Content.styled(label, "$text-muted"))
                lines.append(Content.assemble(("  was  ", "$text-muted"), first_line(was) or "(empty)"))
                lines.append(
                    Content.assemble(("  now  ", "$text-muted"), (first_line(now) or "(empty)", "bold"))
                )
        lines.append(Content.styled("enter opens this question in the walk", "$text-muted italic"))
        return Content("\n").join(lines)
