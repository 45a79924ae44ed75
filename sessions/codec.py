"""How a session is laid out in its TinyDB file, and how any stored or exported form becomes a Session.

A session file has three TinyDB tables:
- `meta`: one document with every Session field but the answers and milestones,
  `schema_version` included;
- `answers`: one document per answer, with its `question_id`;
- `milestones` (from version 4): one small reference per milestone, oldest first (its state
  is a file of its own, `sessions.milestones`).
Saving one answer then rewrites one small document and the meta `updated` time, and a
reader can find the schema version before it trusts anything else in the file. Every
future layout keeps `meta` → one document → `schema_version`, so an older walkthrough can
always tell a newer file and leave it alone.

An export document is `Session.model_dump(mode="json")`: `schema_version` and all fields,
answers keyed by question id, and each milestone with its saved state inline under
`session` (a session document of its own, without milestones). Version 1 files are plain
JSON with a top-level `version`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import ValidationError

from sessions.errors import N_, Explained
from sessions.migrations import MigrationError, migrate
from sessions.models import SCHEMA_VERSION, Answer, Milestone, Session
from sessions.reasons import validation_reason

META = "meta"
ANSWERS = "answers"
MILESTONES = "milestones"
STATE = "session"  # where an export document's milestone holds its saved state

Tables = dict[str, dict[str, Any]]


class LayoutError(Explained, ValueError):
    """Data that is not a session; str() is a short reason naming the field at fault."""


def read_version(raw: Any) -> int:
    """The schema version of a session file's data or of an export document."""
    if raw is None:
        raise LayoutError(N_("empty file"))
    if not isinstance(raw, dict):
        raise LayoutError(N_("expected a JSON object, found {kind}"), kind=type(raw).__name__)
    if META in raw:
        version = _meta_document(raw)[1].get("schema_version")
    elif "schema_version" in raw:
        version = raw["schema_version"]
    elif "version" in raw:
        version = raw["version"]
    else:
        raise LayoutError(N_("no schema version"))
    if type(version) is not int or version < 1:
        raise LayoutError(
            N_("schema version {version} is not a positive whole number"), version=repr(version)
        )
    return version


def session_from(raw: dict[str, Any], version: int, *, session_id: str | None = None) -> Session:
    """Build a Session from data whose version `read_version` returned (and is not newer than ours).

    `session_id` overrides the stored id: a file's name is its id, so a copied file is
    a session of its own rather than a second claim on the same id.
    """
    doc = _document(raw) if META in raw else dict(raw)
    try:
        doc = migrate(doc, version)
    except MigrationError as exc:
        raise LayoutError(exc.template, **exc.params) from None
    if session_id is not None:
        doc["id"] = session_id
    try:
        return Session.model_validate(doc)
    except ValidationError as exc:
        raise LayoutError.of(validation_reason(exc)) from None


def stored_id(raw: dict[str, Any]) -> Any:
    """The id written inside data that `read_version` accepted (every version keeps it as `id`)."""
    return (_meta_document(raw)[1] if META in raw else raw).get("id")


def export_document(session: Session, states: Mapping[str, Session] | None = None) -> dict[str, Any]:
    """The session as one JSON document; each milestone carries its state from `states` (by key),
    where it has one."""
    document = session.model_dump(mode="json")
    for milestone in document["milestones"]:
        state = (states or {}).get(milestone["key"])
        if state is not None:
            milestone[STATE] = state_document(state)
    return document


def state_document(state: Session) -> dict[str, Any]:
    """A milestone's saved state: the session as it was, without milestones of its own."""
    return state.model_dump(mode="json", exclude={"milestones"})


def state_from(raw: Any, *, session_id: str) -> Session:
    """A milestone's state back from `state_document`'s data, of any schema version up to ours."""
    version = read_version(raw)
    if version > SCHEMA_VERSION:
        raise LayoutError(N_("written by a newer walkthrough (schema {version})"), version=version)
    return session_from({k: v for k, v in raw.items() if k != MILESTONES}, version, session_id=session_id)


def inline_states(raw: dict[str, Any]) -> tuple[dict[str, Any], dict[int, Any]]:
    """An export document without the states its milestones carry, and those states by the
    milestone's place in the list (validated once the milestones themselves are)."""
    milestones = None if META in raw else raw.get(MILESTONES)
    if not isinstance(milestones, list):
        return raw, {}
    states = {}
    kept = []
    for n, item in enumerate(milestones):
        if isinstance(item, dict) and STATE in item:
            states[n] = item[STATE]
            item = {k: v for k, v in item.items() if k != STATE}
        kept.append(item)
    return {**raw, MILESTONES: kept}, states


def export_schema() -> dict[str, Any]:
    """The JSON Schema of `export_document`'s output: every field is written, so every field
    is required, and `schema_version` is this walkthrough's. (Import also reads older versions.)"""
    schema = Session.model_json_schema(mode="serialization")
    for model in (schema, *schema.get("$defs", {}).values()):
        if model.get("type") == "object":
            model["required"] = list(model["properties"])
    schema["properties"]["schema_version"]["const"] = SCHEMA_VERSION
    # A milestone carries its saved state: the session as it was, without milestones of its own
    # (left out only when the state was lost, so not required).
    state = {
        **{key: value for key, value in schema.items() if key not in ("$defs", "properties", "required")},
        "title": "Milestone state",
        "properties": {key: value for key, value in schema["properties"].items() if key != MILESTONES},
        "required": [key for key in schema["required"] if key != MILESTONES],
    }
    schema["$defs"]["MilestoneState"] = state
    schema["$defs"]["Milestone"]["properties"][STATE] = {"$ref": "#/$defs/MilestoneState"}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **schema,
        "title": "walkthrough session, as exported in JSON",
    }


def tables_for(session: Session) -> Tables:
    answers = {str(n): answer_doc(qid, a) for n, (qid, a) in enumerate(session.answers.items(), start=1)}
    milestones = {str(n): milestone_doc(m) for n, m in enumerate(session.milestones, start=1)}
    return {META: {"1": meta_doc(session)}, ANSWERS: answers, MILESTONES: milestones}


def meta_doc(session: Session) -> dict[str, Any]:
    return session.model_dump(mode="json", exclude={"answers", "milestones"})


def milestone_doc(milestone: Milestone) -> dict[str, Any]:
    return milestone.model_dump(mode="json")


def answer_doc(question_id: str, answer: Answer) -> dict[str, Any]:
    doc = answer.model_dump(mode="json")
    doc["question_id"] = question_id
    return doc


def answer_ids(tables: Tables) -> dict[str, int]:
    """TinyDB document id of each question's answer (in file order, the last one wins, as in `session_from`)."""
    return {qid: int(doc_id) for doc_id, qid in _question_ids(tables.get(ANSWERS) or {})}


def milestone_ids(tables: Tables) -> dict[str, int]:
    """TinyDB document id of each milestone's reference, by key."""
    table = tables.get(MILESTONES) or {}
    return {
        doc["key"]: int(doc_id) for doc_id, doc in table.items() if isinstance(doc, dict) and "key" in doc
    }


def meta_id(tables: Tables) -> int:
    return int(_meta_document(tables)[0])


def _meta_document(raw: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    table = raw[META]
    if not isinstance(table, dict) or len(table) != 1:
        raise LayoutError(N_("{table}: expected exactly one document"), table=META)
    ((doc_id, doc),) = table.items()
    if not isinstance(doc, dict) or not str(doc_id).isdigit():
        raise LayoutError(N_("{table}: not a document"), table=META)
    return doc_id, doc


def _question_ids(table: Any) -> list[tuple[str, Any]]:
    if not isinstance(table, dict):
        raise LayoutError(N_("{table}: not a table"), table=ANSWERS)
    try:
        return [(doc_id, doc["question_id"]) for doc_id, doc in table.items()]
    except (KeyError, TypeError):
        raise LayoutError(N_("{table}: a document without a question_id"), table=ANSWERS) from None


def _document(raw: dict[str, Any]) -> dict[str, Any]:
    unknown = set(raw) - {META, ANSWERS, MILESTONES}
    if unknown:
        raise LayoutError(N_("unknown table {table}"), table=repr(sorted(unknown)[0]))
    doc = dict(_meta_document(raw)[1])
    table = raw.get(ANSWERS, {})
    answers = {}
    try:
        for doc_id, row in table.items():
            fields = dict(row)
            answers[fields.pop("question_id")] = fields
            if not doc_id.isdigit():  # TinyDB's document ids are whole numbers
                raise ValueError(doc_id)
    except (AttributeError, KeyError, TypeError, ValueError):
        raise LayoutError(N_("{table}: not a table of answer documents"), table=ANSWERS) from None
    doc["answers"] = answers
    if MILESTONES in raw:
        doc["milestones"] = _milestone_list(raw[MILESTONES])
    return doc


def _milestone_list(table: Any) -> list[Any]:
    """The milestones table as a list, in the order they were saved (TinyDB ids grow)."""
    try:
        if all(doc_id.isdigit() for doc_id in table):
            return [table[doc_id] for doc_id in sorted(table, key=int)]
    except (AttributeError, TypeError):
        pass
    raise LayoutError(N_("{table}: not a table of milestone documents"), table=MILESTONES)
