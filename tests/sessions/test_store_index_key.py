"""index.json's counts follow the bank's content: a bank edited without a new version counts
afresh, and listing from the index under the built-in bank does not even parse it."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from cli_runner import run_cli

from sessions.models import Answer, Readiness
from walkthrough.context import Context

REPO = Path(__file__).resolve().parents[2]
FIXTURE_BANK = Path(__file__).resolve().parents[1] / "fixtures" / "summary" / "bank.yaml"


def counts(data: Path, bank: Path) -> dict[str, int]:
    result = run_cli("--bank", str(bank), "list", "--json", data_dir=data)
    assert result.returncode == 0, result.stderr
    (row,) = json.loads(result.stdout)
    return {key: row[key] for key in ("answered", "applicable", "gap")}


def test_a_bank_edited_without_a_new_version_counts_afresh(tmp_path: Path) -> None:
    data, bank = tmp_path / "data", tmp_path / "bank.yaml"
    shutil.copyfile(FIXTURE_BANK, bank)
    context = Context(data_dir_option=data, bank_file=bank)
    session = context.store.create("Atlas", bank_id=context.bank.id, bank_version=context.bank.version)
    with context.store.open(session.id) as handle:
        handle.save_answer("buy.sales.process", Answer(text="Pipeline", readiness=Readiness.GAP))
    before = counts(data, bank)
    assert before == {"answered": 1, "applicable": 11, "gap": 1}

    text = bank.read_text(encoding="utf-8")
    # The same id and version, one question fewer: the one answered.
    start = text.index("          - id: buy.sales.process")
    end = text.index("          - id: buy.sales.incentives")
    bank.write_text(text[:start] + text[end:], encoding="utf-8")
    assert 'version: "3.1"' in bank.read_text(encoding="utf-8")
    assert counts(data, bank) == {"answered": 0, "applicable": 10, "gap": 0}

    bank.write_text(text, encoding="utf-8")  # and back
    assert counts(data, bank) == before


def test_listing_from_an_index_of_the_built_in_bank_does_not_load_it(tmp_path: Path) -> None:
    data = tmp_path / "data"
    first = Context(data_dir_option=data)
    first.store.create("Atlas", bank_id=first.bank.id, bank_version=first.bank.version)
    first.store.listing()  # counts it and writes the index

    again = Context(data_dir_option=data)
    (entry,) = again.store.listing().entries
    assert entry.stats["applicable"] > 0
    assert "bank" not in again.__dict__  # never parsed nor validated


def test_a_missing_bank_file_is_still_one_line_naming_it(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.yaml"
    result = run_cli("--bank", str(missing), "list", data_dir=tmp_path / "data")
    assert result.returncode == 1
    assert result.stderr.startswith("error: ") and str(missing) in result.stderr
    assert len(result.stderr.splitlines()) == 1


def test_a_bank_read_from_a_pipe_is_read_once_and_counts(tmp_path: Path) -> None:
    """`--bank <(…)` is a pipe: it can be read once only, so its key comes from what was read."""
    data = tmp_path / "data"
    context = Context(data_dir_option=data, bank_file=FIXTURE_BANK)
    context.store.create("Atlas", bank_id=context.bank.id, bank_version=context.bank.version)
    for _ in range(2):  # with no index, then with the one the first run wrote
        read_end, write_end = os.pipe()
        env = {k: v for k, v in os.environ.items() if not k.startswith("WALKTHROUGH_")}
        child = subprocess.Popen(
            [sys.executable, "-m", "walkthrough", "--bank", f"/dev/fd/{read_end}", "list", "--json"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            pass_fds=(read_end,),
            env={**env, "PYTHONPATH": str(REPO), "WALKTHROUGH_DATA_DIR": str(data)},
            text=True,
        )
        os.close(read_end)
        with os.fdopen(write_end, "wb") as pipe:
            pipe.write(FIXTURE_BANK.read_bytes())
        out, err = child.communicate(timeout=60)
        assert child.returncode == 0, err
        (row,) = json.loads(out)
        assert (row["answered"], row["applicable"]) == (0, 11)
