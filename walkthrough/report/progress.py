"""How far a session has got: the numbers shown on the home screen and in `list`.

Pure logic over a bank and a session; no Textual here.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from questions.models import Bank
from sessions.models import Answer, Readiness, Session


def is_answered(answer: Answer) -> bool:
    """A question counts as answered once it has a readiness call or a written answer."""
    return answer.readiness is not None or bool(answer.text.strip())


def is_settled(answer: Answer | None) -> bool:
    """Answered or set aside as not applicable: nothing left to do on it."""
    return answer is not None and (answer.readiness is Readiness.NOT_APPLICABLE or is_answered(answer))


@dataclass(frozen=True)
class Progress:
    total: int  # questions of the teams that apply
    applicable: int  # total minus questions marked not applicable
    answered: int
    ready: int
    partial: int
    gap: int
    not_applicable: int

    @property
    def percent(self) -> int:
        return round(100 * self.answered / self.applicable) if self.applicable else 100

    def as_dict(self) -> dict[str, int]:
        return asdict(self)


def progress(bank: Bank, session: Session) -> Progress:
    counts = {r: 0 for r in Readiness}
    total = answered = 0
    for ref in bank.walk():
        if not session.applies(ref.team.id):
            continue
        total += 1
        answer = session.answers.get(ref.id)
        if answer is None:
            continue
        if answer.readiness is not None:
            counts[answer.readiness] += 1
        if answer.readiness is not Readiness.NOT_APPLICABLE and is_answered(answer):
            answered += 1
    not_applicable = counts[Readiness.NOT_APPLICABLE]
    return Progress(
        total=total,
        applicable=total - not_applicable,
        answered=answered,
        ready=counts[Readiness.READY],
        partial=counts[Readiness.PARTIAL],
        gap=counts[Readiness.GAP],
        not_applicable=not_applicable,
    )
