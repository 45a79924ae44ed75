"""What a session is: one assessment of one product by one PM.

Answers are keyed by question id, never by prompt text, so a reworded or
translated bank keeps every answer.
"""

from __future__ import annotations

import unicodedata
from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Annotated

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    TypeAdapter,
    model_validator,
)

from sessions.errors import N_, Invalid, InvalidName
from sessions.names import MAX_MILESTONE_NAME, MAX_NAME, milestone_name_key
from sessions.schema import EARLIEST as EARLIEST  # re-exported: where a session's times are checked
from sessions.schema import LATEST as LATEST
from sessions.schema import SCHEMA_VERSION, utc_moment
from sessions.text import shows_nothing, without_escape_sequences

Rating = Annotated[int, Field(ge=1, le=5)]


def _one_printable_line(name: str) -> str:
    # A name is a label shown in tables, titles and file names: a newline would break the
    # row and an escape sequence pasted with it would repaint the PM's terminal.
    return "".join(
        " " if unicodedata.category(ch) in ("Cc", "Cs") else ch for ch in without_escape_sequences(name)
    )


def _something_shows(name: str) -> str:
    if shows_nothing(name):
        raise Invalid(N_("a name needs a visible character"))
    return name


# Names are labels shown on one line in lists and titles: trimmed, something visible.
_VISIBLE = AfterValidator(_something_shows)
# Listed after the constraints so that it wraps them: it runs first.
_ONE_LINE = BeforeValidator(lambda value: _one_printable_line(value) if isinstance(value, str) else value)
SessionName = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_NAME), _VISIBLE, _ONE_LINE
]
MilestoneName = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_MILESTONE_NAME),
    _VISIBLE,
    _ONE_LINE,
]


def utc_now() -> datetime:
    return datetime.now(UTC)


# A datetime as stored: aware, in UTC, in range.
Moment = Annotated[datetime, AfterValidator(utc_moment)]


class Readiness(StrEnum):
    READY = "ready"
    PARTIAL = "partial"
    GAP = "gap"
    NOT_APPLICABLE = "not_applicable"

    @property
    def label(self) -> str:
        return {"ready": "Ready", "partial": "Partial", "gap": "Gap", "not_applicable": "Not applicable"}[
            self.value
        ]


class Answer(BaseModel):
    """The PM's answer to one "how" question and the decision it implies."""

    model_config = ConfigDict(extra="forbid", frozen=True, validate_assignment=True)

    text: str = Field(default="", description="How the team will do it.")
    readiness: Readiness | None = None
    na_reason: str = Field(
        default="", description="Why the question does not apply (readiness not_applicable)."
    )
    decision: str = Field(default="", description="The decision this answer implies.")
    owner: str = ""
    due: date | None = None
    due_text: str = Field(
        default="",
        description="The due date as typed when it could not be read as a date (`due` is then empty): "
        "kept, never thrown away.",
    )
    risk: Rating | None = Field(
        default=None, description="If we don't, will customers leave? 1 (no) to 5 (surely)."
    )
    reward: Rating | None = Field(
        default=None, description="If we do, will we win customers faster? 1 (no) to 5 (surely)."
    )
    mitigation: Rating | None = Field(
        default=None, description="If we prioritise it, are our risks reduced? 1 (no) to 5 (surely)."
    )
    updated: Moment = Field(default_factory=utc_now)

    @property
    def is_empty(self) -> bool:
        """Nothing recorded yet: the question counts as unanswered."""
        return (
            not self.text.strip()
            and self.readiness is None
            and not self.na_reason.strip()
            and not self.decision.strip()
            and not self.owner.strip()
            and self.due is None
            and not self.due_text.strip()
            and self.risk is None
            and self.reward is None
            and self.mitigation is None
        )

    def same_content(self, other: Answer) -> bool:
        """Equal apart from the timestamp, so unchanged edits are not saved again."""
        return self.model_dump(exclude={"updated"}) == other.model_dump(exclude={"updated"})


# A milestone's key names its saved state's file (`milestones/<session id>/<key>.json`).
MilestoneKey = Annotated[str, StringConstraints(pattern=r"^[0-9A-Za-z][0-9A-Za-z._~-]{0,63}$")]


# The session stores only these references; each state (answers, teams, launch date as they
# were) is a file of its own, written once and never changed (`sessions.milestones`), so saving
# an answer never rewrites fifty old copies of the session.
class Milestone(BaseModel):
    """A named, dated copy of the session, kept to compare launch reviews; it is never changed."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    key: MilestoneKey
    name: MilestoneName
    saved: Moment
    counts: dict[str, Annotated[int, Field(ge=0)]] = Field(
        default_factory=dict,
        description="The counts when it was saved (readiness, open items…), as the app counted them then.",
    )


class Session(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)

    schema_version: int = SCHEMA_VERSION
    id: str
    name: SessionName
    excluded_teams: list[str] = Field(
        default_factory=list, description="Team ids that do not apply to this product; they leave the walk."
    )
    answers: dict[str, Answer] = Field(default_factory=dict)
    position: str | None = Field(default=None, description="Question id to resume at.")
    launch: date | None = Field(default=None, description="The day the product launches, if set.")
    milestones: list[Milestone] = Field(default_factory=list, description="Saved milestones, oldest first.")
    created: Moment = Field(default_factory=utc_now)
    updated: Moment = Field(default_factory=utc_now)
    bank_id: str
    bank_version: str

    @model_validator(mode="after")
    def _version_is_current(self) -> Session:
        if self.schema_version != SCHEMA_VERSION:
            raise Invalid(
                N_("schema_version {version} is not {ours}; migrate before validating"),
                version=self.schema_version,
                ours=SCHEMA_VERSION,
            )
        return self

    @model_validator(mode="after")
    def _milestones_are_distinct(self) -> Session:
        # Runs on every assignment too (each answer saved sets `updated`): linear, not pairwise.
        if len(self.milestones) < 2:
            return self
        keys: set[str] = set()
        names: set[str] = set()
        for milestone in self.milestones:
            name = milestone_name_key(milestone.name)
            if milestone.key in keys:
                raise Invalid(N_("milestones: key {key} is used twice"), key=repr(milestone.key))
            if name in names:
                raise Invalid(N_("milestones: the name {name} is used twice"), name=repr(milestone.name))
            keys.add(milestone.key)
            names.add(name)
        return self

    def milestone(self, key: str) -> Milestone | None:
        return next((m for m in self.milestones if m.key == key), None)

    def applies(self, team_id: str) -> bool:
        return team_id not in self.excluded_teams

    def answer(self, question_id: str) -> Answer:
        return self.answers.get(question_id) or Answer()


_SESSION_NAME = TypeAdapter(SessionName)


def clean_name(name: str) -> str:
    """A session name as it will be stored (trimmed); raises pydantic.ValidationError if too
    long, InvalidName if nothing of it would show (only U+202E, say, looks like no name)."""
    if isinstance(name, str) and shows_nothing(name):
        raise InvalidName(N_("a session needs a name"))
    return _SESSION_NAME.validate_python(name)
