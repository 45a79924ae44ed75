"""Every line the store says to the user can be said in the language in use.

Each error (and each listing problem or name problem) carries an English `template`, marked for
the catalogs, and `params`; str() is the English line as before, and
`walkthrough.i18n.translate_error` renders it, nested reasons included, in the language in use.
"""

from __future__ import annotations

import errno
import json
import os
import pickle
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from messages_support import assert_english_is_str, assert_marked, assert_said_in

from sessions import milestones
from sessions.errors import Message, StoreError
from sessions.files import reported
from sessions.models import Answer
from sessions.names import milestone_name_problem, name_problem
from sessions.store import SessionStore
from walkthrough.i18n import translate_error, using

BANK = {"bank_id": "customer-journey-touchpoints", "bank_version": "1.0"}


def caught(action: Callable[[], object]) -> BaseException:
    with pytest.raises(Exception) as info:
        action()
    return info.value


def corrupt_file(store: SessionStore, content: str) -> str:
    """A session file with `content`; returns its id."""
    session = store.create("Corrupt", **BANK)
    (store.data_dir / "sessions" / f"{session.id}.json").write_text(content, encoding="utf-8")
    return session.id


def stored_document(store: SessionStore, session_id: str) -> dict[str, Any]:
    return json.loads((store.data_dir / "sessions" / f"{session_id}.json").read_text(encoding="utf-8"))


def said(tmp_path: Path) -> Iterator[tuple[str, object]]:
    """(what, the error or message) for each way the store refuses, done for real."""
    store = SessionStore(tmp_path / "data")
    atlas = store.create("Atlas one", **BANK)
    store.create("Atlas two", **BANK)
    yield "no such session", caught(lambda: store.resolve("nope"))
    yield "ambiguous", caught(lambda: store.resolve("atlas"))
    yield "bad name", caught(lambda: store.create("   ", **BANK))
    yield "name too long", caught(lambda: store.create("x" * 300, **BANK))
    with store.open(atlas.id) as handle:
        yield "locked here", caught(lambda: store.open(atlas.id))
        yield "locked for a purpose", caught(lambda: store.delete(atlas.id))
        handle.save_milestone("Beta", {})
        yield "milestone exists", caught(lambda: handle.save_milestone("beta", {}))
        yield "no milestone", caught(lambda: milestones.find(handle.session, "Gamma"))
        yield "milestone name", caught(lambda: handle.save_milestone(" ", {}))
    read_only = store.open(atlas.id, read_only=True)
    yield "read-only", caught(lambda: read_only.save_answer("q1", Answer(text="x")))
    closed = store.open(atlas.id)
    closed.close()
    yield "closed", caught(lambda: closed.save_answer("q1", Answer(text="x")))

    broken = corrupt_file(store, "{not json")
    yield "corrupt, bad JSON", caught(lambda: store.open(broken))
    document = stored_document(store, atlas.id)
    (doc,) = document["meta"].values()
    doc["schema_version"] = 99
    newer = corrupt_file(store, json.dumps(document))
    yield "newer schema", caught(lambda: store.open(newer))
    export = store.export_document(atlas.id)
    export["answers"] = {"q1": {**Answer(text="x").model_dump(mode="json"), "risk": 9}}
    yield "import, invalid field", caught(lambda: store.import_session(export))
    yield "import, not JSON", caught(lambda: store.import_session("{nope"))
    yield "import, not a session", caught(lambda: store.import_session([1]))
    old = {"version": 1, "id": "x", "title": "Old", "bank": {"id": "b", "version": "1"}, "teams": {}}
    old |= {"answers": [{"question": "q", "status": "maybe"}], "created": "2024-01-01T00:00:00"}
    old |= {"modified": "2024-01-01T00:00:00"}
    yield "import, bad version 1 session", caught(lambda: store.import_session(old))
    document["meta"] = {"1": {**doc, "schema_version": 4, "colour": "blue"}}
    extra = corrupt_file(store, json.dumps(document))
    yield "corrupt, unknown field", caught(lambda: store.open(extra))

    link = store.data_dir / "sessions" / "linked.json"
    link.symlink_to(tmp_path / "elsewhere.json")
    yield "a link", caught(lambda: store.open("linked"))
    yield "listing problems", store.listing().problems
    yield "no data directory", caught(lambda: SessionStore(tmp_path / "none" / "data"))

    def full_disk() -> None:
        with reported(Message("could not save session {session} to {path}", session="'A'", path="/x")):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), "/x/a.json")

    yield "an OS error", caught(full_disk)
    yield "session name problem", name_problem("", frozenset())
    yield "name taken", name_problem("Atlas", frozenset({"atlas"}))
    yield "milestone name problem", milestone_name_problem("Beta", ["beta"])


def messages(found: object) -> list[Any]:
    return list(found) if isinstance(found, list) else [found]


@pytest.fixture
def everything(tmp_path: Path) -> list[tuple[str, Any]]:
    return [(what, message) for what, found in said(tmp_path) for message in messages(found)]


def test_every_line_is_a_template_with_params_and_str_is_that_english(everything) -> None:
    assert len({what for what, _ in everything}) == 25
    assert all(isinstance(message, (StoreError, Message)) for _, message in everything)
    assert_english_is_str(everything)


def test_every_template_is_marked_for_the_catalogs(everything) -> None:
    assert_marked(everything)


def test_str_is_the_english_line_as_before(tmp_path: Path) -> None:
    store = SessionStore(tmp_path / "data")
    assert str(caught(lambda: store.resolve("nope"))) == "no session matches 'nope'"
    store.create("Atlas one", **BANK)
    store.create("Atlas two", **BANK)
    ambiguous = str(caught(lambda: store.resolve("atlas")))
    assert ambiguous.startswith("'atlas' matches 2 sessions: ") and "(Atlas one)" in ambiguous
    assert str(caught(lambda: store.create(" ", **BANK))) == "a session needs a name"
    assert name_problem("x" * 201) == "Keep the name under 200 characters."


def test_a_nested_reason_is_kept_as_a_message(tmp_path: Path) -> None:
    store = SessionStore(tmp_path / "data")
    session_id = corrupt_file(store, "{not json")
    error = caught(lambda: store.open(session_id))
    problem = error.params["problem"]  # type: ignore[attr-defined]
    assert isinstance(problem, Message) and problem.template == "not valid JSON: {reason}"
    assert str(error).startswith(
        f"session file {store.data_dir / 'sessions' / session_id}.json is corrupt (not valid JSON: "
    )


def test_errors_and_messages_survive_pickling(everything) -> None:
    for what, message in everything:
        again = pickle.loads(pickle.dumps(message))
        assert type(again) is type(message), what
        assert str(again) == str(message) and again.template == message.template, what


def newer_session(tmp_path: Path) -> tuple[SessionStore, str]:
    """A store with one session file written by a newer walkthrough: a listing problem."""
    store = SessionStore(tmp_path / "data")
    session = store.create("Atlas", **BANK)
    document = stored_document(store, session.id)
    (doc,) = document["meta"].values()
    doc["schema_version"] = 99
    (store.data_dir / "sessions" / f"{session.id}.json").write_text(json.dumps(document), encoding="utf-8")
    return store, session.id


def test_a_problem_read_back_from_the_index_still_translates(tmp_path: Path) -> None:
    store, _ = newer_session(tmp_path)
    first = store.listing().problems
    later = SessionStore(store.data_dir).listing().problems  # read from index.json
    assert later == first and len(later) == 1
    assert isinstance(later[0], Message) and later[0].template == first[0].template


def test_an_index_edited_by_hand_gives_its_english_back(tmp_path: Path) -> None:
    store, session_id = newer_session(tmp_path)
    english = store.listing().problems[0]
    index = json.loads((store.data_dir / "index.json").read_text(encoding="utf-8"))
    index["problems"][session_id][-2] = "{nope} {path}"
    (store.data_dir / "index.json").write_text(json.dumps(index), encoding="utf-8")
    assert SessionStore(store.data_dir).listing().problems == [english]


# -- in other languages: these need the catalogs the lead merges from walkthrough/locale/fragments/domain


@pytest.mark.parametrize("code", ["fr", "id", "zh", "ru", "th"])
def test_every_line_is_said_in_each_language(everything, code: str) -> None:
    assert_said_in(code, everything)


def test_a_nested_reason_is_said_in_french_too(tmp_path: Path) -> None:
    store = SessionStore(tmp_path / "data")
    session_id = corrupt_file(store, "\xff")
    with using("fr"):
        said_in_french = translate_error(caught(lambda: store.open(session_id)))
    path = store.data_dir / "sessions" / f"{session_id}.json"
    assert said_in_french.startswith(
        f"le fichier de session {path} est corrompu (ce n’est pas du JSON valide : "
    )
    assert " ; déplacé vers " in said_in_french


def test_an_os_reason_is_in_our_words(tmp_path: Path) -> None:
    def full_disk() -> None:
        with reported(Message("could not list sessions in {path}", path="/data")):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), "/data/x")

    error = caught(full_disk)
    assert str(error) == "could not list sessions in /data: No space left on device (/data/x)"
    with using("fr"):
        assert translate_error(error) == (
            "impossible de lister les sessions dans /data : plus de place sur le disque (/data/x)"
        )
