"""Upgrade old session documents, one schema version at a time.

Each step takes a document of version N and returns one of version N+1; `migrate` chains
them. Steps work on plain dicts (the export-document shape), so they do not depend on
today's models or on how the store lays a session out on disk.

Version 1 (walkthrough 0.x) was a plain JSON file per session:

    {"version": 1, "id": "…", "title": "…",
     "bank": {"id": "…", "version": "…"},
     "teams": {"<team id>": true | false, …},      # false: the team does not apply
     "answers": [{"question": "<question id>", "answer": "…",
                  "status": "done" | "some" | "missing" | "na" | null,
                  "why_na": "…", "decision": "…", "owner": "…",
                  "due": "YYYY-MM-DD" | "", "changed": "<naive UTC ISO time>"}, …],
     "resume_at": "<question id>" | null,
     "created": "<naive UTC ISO time>", "modified": "<naive UTC ISO time>"}

It had no risk or reward ratings, and wrote `datetime.utcnow()` times without a zone.

Version 2 is version 3 without a session `launch` date and without, on each answer, the
third rating, `mitigation` (if we prioritise it, are our risks reduced?), and `due_text` (a
due date as typed that is not a date; it defaults to none, so the step leaves it out).

Version 3 is version 4 without `milestones` (the named, dated copies kept for comparing
launch reviews): a version 3 session has none.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from sessions.errors import N_, Explained
from sessions.schema import SCHEMA_VERSION

Document = dict[str, Any]


class MigrationError(Explained, ValueError):
    """An old document that cannot be upgraded; str() names the field at fault."""


_V1_STATUS = {"done": "ready", "some": "partial", "missing": "gap", "na": "not_applicable"}


def _field(doc: Document, key: str, kind: type | tuple[type, ...], where: str = "") -> Any:
    if key not in doc:
        raise MigrationError(N_("{where}: missing in a version 1 session"), where=f"{where}{key}")
    value = doc[key]
    if not isinstance(value, kind):
        raise MigrationError(
            N_("{where}: unexpected value {value} in a version 1 session"),
            where=f"{where}{key}",
            value=repr(value),
        )
    return value


def _v1_time(value: Any, where: str) -> str:
    try:
        moment = datetime.fromisoformat(value)
    except (TypeError, ValueError):
        raise MigrationError(
            N_("{where}: expected a time, got {value}"), where=where, value=repr(value)
        ) from None
    # v1 wrote naive times that were UTC; say so, or they would read as local time.
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).isoformat()


def _v1_answer(item: Any, where: str, modified: str) -> tuple[str, Document]:
    if not isinstance(item, dict):
        raise MigrationError(N_("{where}: expected an object, got {value}"), where=where, value=repr(item))
    status = item.get("status")
    if status is not None and status not in _V1_STATUS:
        raise MigrationError(
            N_("{where}: unknown status {value}"), where=f"{where}.status", value=repr(status)
        )
    answer: Document = {
        "text": item.get("answer", ""),
        "readiness": _V1_STATUS[status] if status else None,
        "na_reason": item.get("why_na", ""),
        "decision": item.get("decision", ""),
        "owner": item.get("owner", ""),
        "due": item.get("due") or None,
        "risk": None,
        "reward": None,
        # Answers saved before v1 tracked changes have no time; the session's is the best known.
        "updated": _v1_time(item["changed"], f"{where}.changed") if "changed" in item else modified,
    }
    return _field(item, "question", str, f"{where}."), answer


def v1_to_v2(doc: Document) -> Document:
    bank = _field(doc, "bank", dict)
    teams = _field(doc, "teams", dict)
    items = _field(doc, "answers", list)
    modified = _v1_time(_field(doc, "modified", str), "modified")
    answers = dict(_v1_answer(item, f"answers.{i}", modified) for i, item in enumerate(items))
    return {
        "schema_version": 2,
        "id": _field(doc, "id", str),
        "name": _field(doc, "title", str),
        "excluded_teams": sorted(team for team, applies in teams.items() if applies is False),
        "answers": answers,
        "position": doc.get("resume_at"),
        "created": _v1_time(_field(doc, "created", str), "created"),
        "updated": modified,
        "bank_id": _field(bank, "id", str, "bank."),
        "bank_version": _field(bank, "version", str, "bank."),
    }


def v2_to_v3(doc: Document) -> Document:
    answers = doc.get("answers")
    if isinstance(answers, dict):
        # Not rated is the truth: nobody had been asked the third question yet. Anything
        # that is not an answer object is left for validation to name.
        answers = {
            question_id: {**answer, "mitigation": None} if isinstance(answer, dict) else answer
            for question_id, answer in answers.items()
        }
        doc = {**doc, "answers": answers}
    return {**doc, "schema_version": 3, "launch": None}


def v3_to_v4(doc: Document) -> Document:
    return {**doc, "schema_version": 4, "milestones": []}


# from-version -> step to the next version
STEPS: dict[int, Callable[[Document], Document]] = {1: v1_to_v2, 2: v2_to_v3, 3: v3_to_v4}


def migrate(doc: Document, version: int) -> Document:
    """Upgrade `doc` from `version` to SCHEMA_VERSION; a current document is returned as is."""
    while version < SCHEMA_VERSION:
        step = STEPS.get(version)
        if step is None:
            raise MigrationError(N_("no upgrade from schema version {version}"), version=version)
        doc = step(doc)
        version += 1
        if doc.get("schema_version") != version:
            raise MigrationError(
                N_("upgrade to schema version {version} produced version {found}"),
                version=version,
                found=repr(doc.get("schema_version")),
            )
    return doc
