"""The question bank's shape: stages hold teams, teams hold "how" questions.

Ids are the contract with saved sessions: answers are keyed by question id, so a
translated or reworded bank keeps every answer as long as the ids stay put.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Annotated

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    WithJsonSchema,
    model_validator,
)
from pydantic_core import PydanticCustomError

from questions.messages import N_, Refusal

Identifier = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9][a-z0-9._-]*$", max_length=80),
    Field(description="Stable lowercase id: letters, digits, '.', '_' or '-'. Never change it once shipped."),
]
# `pattern` repeats what strip + min_length already enforce, so that the JSON Schema (which
# cannot strip) refuses whitespace-only text too: schema and loader accept the same banks.
_VISIBLE = r"\S"
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, pattern=_VISIBLE)]


def _whole_number(value: object) -> object:
    # Lax pydantic would take True or "1" as 1; a JSON Schema "integer" takes neither.
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise Refusal(N_("must be a whole number, such as 1"))
    return value


def _version_text(value: object) -> object:
    # `version: 1.2` is how people write it; the number is kept as the text they meant.
    return str(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else value


Version = Annotated[
    Text,
    BeforeValidator(_version_text),
    WithJsonSchema(
        {
            "anyOf": [{"type": "string", "minLength": 1, "pattern": _VISIBLE}, {"type": "number"}],
            "description": 'Bump when questions change; shown in exports. Text ("3.1") or a number (3.1).',
        }
    ),
]

BANK_FORMAT = 1


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Question(_Strict):
    id: Identifier
    prompt: Text = Field(description='The question, phrased as "How ...?".')
    why: Text = Field(description="Why it matters, in terms of customer risk.")
    hints: tuple[Text, ...] = Field(default=(), description="Optional prompts to think with.")


class Team(_Strict):
    id: Identifier = Field(description="Same id for the same team in every stage.")
    name: Text
    focus: str = Field(default="", description="One line on what this team owns at this stage.")
    questions: tuple[Question, ...] = Field(min_length=1)


class Stage(_Strict):
    id: Identifier
    title: Text
    summary: str = ""
    measures: tuple[Text, ...] = Field(
        default=(), description="KPIs or checks that tell this stage is healthy."
    )
    teams: tuple[Team, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _teams_unique(self) -> Stage:
        _reject_duplicates(((("teams", i, "id"), t.id) for i, t in enumerate(self.teams)), "team id")
        return self


class Preset(_Strict):
    """A product type that pre-selects which teams apply (a SaaS product has no factory)."""

    id: Identifier
    name: Text
    description: str = ""
    excluded_teams: tuple[Identifier, ...] = Field(default=(), description="Team ids that do not apply.")


class Bank(_Strict):
    format: Annotated[int, BeforeValidator(_whole_number)] = Field(
        default=BANK_FORMAT, ge=1, le=BANK_FORMAT, description="Version of this file format."
    )
    id: Identifier = Field(description="Identifies the bank; sessions remember it.")
    version: Version
    title: Text
    language: str = Field(default="en", description="BCP 47 tag of the text, e.g. en, fr, th.")
    description: str = ""
    stages: tuple[Stage, ...] = Field(min_length=1)
    presets: tuple[Preset, ...] = Field(
        default=(), description="Product types offered when a session starts."
    )

    @model_validator(mode="after")
    def _ids_unique(self) -> Bank:
        _reject_duplicates(((("stages", i, "id"), s.id) for i, s in enumerate(self.stages)), "stage id")
        _reject_duplicates(
            (
                (("stages", si, "teams", ti, "questions", qi, "id"), q.id)
                for si, s in enumerate(self.stages)
                for ti, t in enumerate(s.teams)
                for qi, q in enumerate(t.questions)
            ),
            "question id",
        )
        _reject_duplicates(((("presets", i, "id"), p.id) for i, p in enumerate(self.presets)), "preset id")
        known = self.team_names()
        for p_index, preset in enumerate(self.presets):
            for t_index, team_id in enumerate(preset.excluded_teams):
                if team_id not in known:
                    raise PydanticCustomError(
                        "unknown_team",
                        "preset '{preset}' names unknown team '{team}'",
                        {
                            "preset": preset.id,
                            "team": team_id,
                            "path": ("presets", p_index, "excluded_teams", t_index),
                        },
                    )
        return self

    def walk(self) -> list[QuestionRef]:
        """Every question in walk order, with where it sits."""
        refs: list[QuestionRef] = []
        for s_index, stage in enumerate(self.stages):
            for t_index, team in enumerate(stage.teams):
                for q_index, question in enumerate(team.questions):
                    refs.append(QuestionRef(len(refs), s_index, t_index, q_index, stage, team, question))
        return refs

    def team_names(self) -> dict[str, str]:
        """Team id -> name, in order of first appearance."""
        names: dict[str, str] = {}
        for stage in self.stages:
            for team in stage.teams:
                names.setdefault(team.id, team.name)
        return names


@dataclass(frozen=True)
class QuestionRef:
    """A question with its place in the walk."""

    index: int
    stage_index: int
    team_index: int
    question_index: int
    stage: Stage
    team: Team
    question: Question

    @property
    def id(self) -> str:
        return self.question.id

    @property
    def number(self) -> int:
        """The question's place in the whole bank, from 1: "Q12" means the same question
        whichever teams apply to a product, in the walk, the summary and every export."""
        return self.index + 1


def _reject_duplicates(located_ids: Iterable[tuple[tuple[str | int, ...], str]], what: str) -> None:
    """Raise on the second use of an id; the error carries where it stands so a
    loader can point at the exact line rather than at the whole document."""
    seen: set[str] = set()
    for path, value in located_ids:
        if value in seen:
            raise PydanticCustomError(
                "duplicate_id", "duplicate {what} '{value}'", {"what": what, "value": value, "path": path}
            )
        seen.add(value)
