"""`walkthrough questions` shows the built-in bank as an outline and as JSON, in walk order."""

from __future__ import annotations

import json

from cli_runner import run_cli

from questions.loader import default_bank

STAGES = ["find", "buy", "use", "grow"]


def test_json_lists_stages_teams_and_questions_in_walk_order():
    result = run_cli("questions", "--json")
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert [stage["id"] for stage in document["stages"]] == STAGES
    bank = default_bank()
    pairs = [(s["id"], t["id"]) for s in document["stages"] for t in s["teams"]]
    assert pairs == [(s.id, t.id) for s in bank.stages for t in s.teams]
    assert len(pairs) == 21
    first_team = document["stages"][0]["teams"][0]
    assert {"id", "name", "questions"} <= set(first_team)
    assert {"id", "prompt", "why"} <= set(first_team["questions"][0])
    ids = [q["id"] for s in document["stages"] for t in s["teams"] for q in t["questions"]]
    assert ids == [ref.id for ref in bank.walk()]


def test_outline_shows_every_stage_team_and_question_once():
    result = run_cli("questions")
    assert result.returncode == 0, result.stderr
    bank = default_bank()
    assert result.stdout.startswith(bank.title)
    for number, stage in enumerate(bank.stages, 1):
        assert f"{number}. {stage.title}" in result.stdout
    for ref in bank.walk():
        assert result.stdout.count(f"[{ref.id}]") == 1
    assert "--preset" in result.stdout and "saas" in result.stdout


def test_outline_into_a_closed_pipe_is_not_an_error():
    import subprocess
    import sys

    from cli_runner import REPO

    pipeline = subprocess.run(
        f"{sys.executable} -m walkthrough questions | head -n 1",
        shell=True,
        capture_output=True,
        text=True,
        cwd=REPO,
    )
    assert pipeline.stdout.count("\n") == 1
    assert "Traceback" not in pipeline.stderr and "error" not in pipeline.stderr


def test_usage_errors_exit_2():
    assert run_cli("questions", "--json", "--schema").returncode == 2
    assert run_cli("frobnicate").returncode == 2
