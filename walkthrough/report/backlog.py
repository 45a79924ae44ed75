"""The open items as a CSV backlog that issue trackers import as it is.

One row per open item, in priority order, RFC 4180 (the `csv` module, CRLF between records,
quotes where needed), UTF-8. The columns, in order, are COLUMNS; the README ("The backlog
CSV") says what each holds and how Jira, Linear and GitHub Projects take it. A cell that a
spreadsheet would run as a formula (it begins with =, +, -, @, a tab or a carriage return)
gets a leading apostrophe, so opening the file can never run anything. The header row, the
status and priority words and the description are in the language in use; the labels are
English words whatever the language, so a tracker's filters keep working across exports.
Pure: no I/O.
"""

from __future__ import annotations

import csv
import io
from datetime import date

from questions.models import Bank
from sessions.models import Session
from walkthrough.i18n import N_, gettext, pgettext
from walkthrough.report.filters import Filter
from walkthrough.report.mdtext import clean_text, one_line, text_lines
from walkthrough.report.priority import RATINGS, Quadrant, format_score, rating_words
from walkthrough.report.summary import QuestionEntry, summarize

# Translators: the CSV's header row, the field names issue trackers (Jira, Linear, GitHub
# Projects) map on import: use the names a tracker in your language shows.
COLUMNS = (
    N_("Key"),
    N_("Summary"),
    N_("Description"),
    N_("Status"),
    N_("Assignee"),
    N_("Due date"),
    N_("Priority"),
    N_("Risk"),
    N_("Reward"),
    N_("Mitigation"),
    N_("Stage"),
    N_("Team"),
    N_("Labels"),
)

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

# Priority words every tracker knows, from the priority score (1 to 5).
HIGH_PRIORITY = 4
MEDIUM_PRIORITY = 2.5


def neutralised(value: str) -> str:
    """A cell a spreadsheet shows as text: one that would start a formula gets a leading "'"."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def priority_word(entry: QuestionEntry) -> str:
    """ "High" (4 or more), "Medium" (2.5 or more), "Low", or "" when not rated; in the
    language in use."""
    if entry.score is None:
        return ""
    if entry.score >= HIGH_PRIORITY:
        return pgettext("priority", "High")
    return pgettext("priority", "Medium") if entry.score >= MEDIUM_PRIORITY else pgettext("priority", "Low")


def _slug(text: str) -> str:
    return "-".join(text.lower().split())


def labels(entry: QuestionEntry, generated: date, launch: date | None) -> list[str]:
    out = ["walkthrough", _slug(entry.status.english)]
    if entry.quadrant is not Quadrant.UNPLACED:
        out.append(_slug(entry.quadrant.english))
    if entry.is_overdue(generated):
        out.append("overdue")
    if entry.is_due_after(launch):
        out.append("after-launch")
    return out


def description(entry: QuestionEntry) -> str:
    """The question, the answer and the decision, as plain text that keeps its line breaks;
    a due date typed as words, and the ratings."""
    where = f"{one_line(entry.stage.title)} › {one_line(entry.team.name)}"
    parts = [
        f"{entry.label} · {where}",
        gettext("Question: {question}").format(question=one_line(entry.question.prompt)),
    ]
    answer = text_lines(entry.answer.text)
    # Translators: in the CSV's description, the answer follows on the next line.
    parts.append(
        gettext("Answer:\n{answer}").format(answer=answer) if answer else gettext("Answer: none written yet.")
    )
    decision = text_lines(entry.decision)
    if decision:
        parts.append(gettext("Decision:\n{decision}").format(decision=decision))
    typed_due = one_line(entry.answer.due_text) if entry.due is None else ""
    if typed_due:
        # Words typed as a due date ("next sprint") are kept here: the Due date column holds
        # only dates, which trackers import as dates.
        parts.append(gettext("Due {typed} (not a date)").format(typed=typed_due) + ".")
    ratings = ", ".join(
        rating_words(name, value)
        for name, value in zip(RATINGS, (entry.risk, entry.reward, entry.mitigation), strict=True)
        if value is not None
    )
    if ratings:
        rated = gettext("{ratings} (priority {score})").format(
            ratings=ratings, score=format_score(entry.score)
        )
        if entry.on_matrix:
            # Translators: in the CSV's description: the quadrant, then the ratings.
            rated = gettext("{quadrant}: {ratings}").format(quadrant=entry.quadrant.label, ratings=rated)
        parts.append(rated + ".")
    return "\n\n".join(parts)


def row(entry: QuestionEntry, generated: date, launch: date | None) -> list[str]:
    decision = clean_text(entry.decision).strip().split("\n", 1)[0].strip()
    cells = [
        entry.ref.id,
        one_line(decision or entry.question.prompt),
        description(entry),
        entry.status.label,
        one_line(entry.owner),
        entry.due.isoformat() if entry.due else "",
        priority_word(entry),
        *("" if value is None else str(value) for value in (entry.risk, entry.reward, entry.mitigation)),
        f"{entry.stage_number}. {one_line(entry.stage.title)}",
        one_line(entry.team.name),
        ",".join(labels(entry, generated, launch)),
    ]
    assert len(cells) == len(COLUMNS)
    return [neutralised(cell) for cell in cells]


def render_csv(bank: Bank, session: Session, *, generated: date, item_filter: Filter | None = None) -> str:
    """The open items of `session` (or of the part `item_filter` lets through) as CSV text."""
    summary = summarize(bank, session, item_filter)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(gettext(column) for column in COLUMNS)
    writer.writerows(row(entry, generated, summary.launch) for entry in summary.open_items)
    return out.getvalue()
