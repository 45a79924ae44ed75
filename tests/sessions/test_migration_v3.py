"""Schema 3 adds the launch date and the third rating (mitigation): version 2 files still open."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest

from sessions.migrations import migrate, v2_to_v3
from sessions.models import SCHEMA_VERSION, Answer, Readiness
from sessions.store import SessionStore

FIXTURE_V2 = Path(__file__).resolve().parents[1] / "fixtures" / "session_v2.json"
SESSION_ID = "7c4e1d90aa52"


@pytest.fixture
def store(tmp_path: Path) -> SessionStore:
    return SessionStore(tmp_path / "data")


def install_v2(store: SessionStore) -> Path:
    path = store.data_dir / "sessions" / f"{SESSION_ID}.json"
    shutil.copyfile(FIXTURE_V2, path)
    return path


def test_a_v2_file_opens_with_every_answer_and_no_launch_or_mitigation_yet(store: SessionStore) -> None:
    install_v2(store)
    with store.open(SESSION_ID, read_only=True) as handle:
        session = handle.session
    assert session.name == "Nimbus backup — v2 launch"
    assert session.launch is None
    assert session.excluded_teams == ["manufacturing"]
    assert session.position == "buy.sales.process-walkthrough"
    launch = session.answers["find.marketing.launch-activities"]
    assert (launch.readiness, launch.risk, launch.reward, launch.mitigation) == (Readiness.READY, 4, 5, None)
    assert launch.owner == "Priya Nair" and launch.due == date(2025, 3, 1)
    trademark = session.answers["find.legal.copyright-trademark"]
    assert (trademark.risk, trademark.reward, trademark.mitigation) == (5, None, None)
    assert session.answers["buy.sales.process-walkthrough"].na_reason == "Sold online only"


def test_saving_to_a_v2_file_keeps_the_original_and_writes_the_current_version(store: SessionStore) -> None:
    path = install_v2(store)
    with store.open(SESSION_ID) as handle:
        handle.save_answer(
            "find.legal.copyright-trademark", Answer(text="Filed in the US", risk=5, reward=2, mitigation=4)
        )
        handle.save_launch(date(2025, 6, 2))
    (backup,) = (store.data_dir / "backups" / SESSION_ID).iterdir()
    assert backup.read_bytes() == FIXTURE_V2.read_bytes()
    tables = json.loads(path.read_bytes())
    assert tables["meta"]["1"]["schema_version"] == SCHEMA_VERSION
    assert tables["meta"]["1"]["launch"] == "2025-06-02"

    reread = SessionStore(store.data_dir).open(SESSION_ID, read_only=True).session
    assert reread.launch == date(2025, 6, 2)
    assert reread.answers["find.legal.copyright-trademark"].mitigation == 4
    assert reread.answers["find.marketing.launch-activities"].reward == 5


def test_the_step_adds_the_new_fields_and_changes_nothing_else() -> None:
    tables = json.loads(FIXTURE_V2.read_text(encoding="utf-8"))
    v2 = {**tables["meta"]["1"], "answers": {"q1": {"text": "x", "risk": 3}}}
    v3 = v2_to_v3(v2)
    assert migrate(v2, 2) == migrate(v3, 3)
    assert v3["schema_version"] == 3 and v3["launch"] is None
    assert v3["answers"] == {"q1": {"text": "x", "risk": 3, "mitigation": None}}
    assert v2["schema_version"] == 2 and "mitigation" not in v2["answers"]["q1"]  # the input is not changed
    assert {k: v for k, v in v3.items() if k not in ("schema_version", "launch", "answers")} == {
        k: v for k, v in v2.items() if k not in ("schema_version", "answers")
    }


def test_a_v2_export_document_imports(store: SessionStore) -> None:
    document = {
        "schema_version": 2,
        "id": "b0b0b0b0b0b0",
        "name": "Imported",
        "answers": {"find.legal.ip-protection": {"text": "Patent filed", "risk": 2, "reward": 3}},
        "bank_id": "customer-journey-touchpoints",
        "bank_version": "1.0",
    }
    session = store.import_document(document)
    answer = session.answers["find.legal.ip-protection"]
    assert (answer.risk, answer.reward, answer.mitigation) == (2, 3, None)
    assert session.launch is None


def test_a_launch_date_is_kept_and_can_be_cleared(store: SessionStore) -> None:
    created = store.create("Orbit", bank_id="b", bank_version="1", launch=date(2026, 9, 1))
    assert created.launch == date(2026, 9, 1)
    with store.open(created.id) as handle:
        assert handle.session.launch == date(2026, 9, 1)
        handle.save_launch(None)
    assert store.open(created.id, read_only=True).session.launch is None
