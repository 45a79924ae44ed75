"""`list`, `delete`, and the session errors of `new` / `resume`, through the real CLI."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from cli_runner import assert_one_line_error, run_cli

from sessions.models import Answer, Readiness
from walkthrough.context import Context


@pytest.fixture
def data_dir(tmp_path):
    return tmp_path / "data"


def make_session(data_dir, name, *, excluded=(), answers=None):
    context = Context(data_dir_option=data_dir)
    bank = context.bank
    session = context.store.create(name, bank_id=bank.id, bank_version=bank.version, excluded_teams=excluded)
    if answers:
        with context.store.open(session.id) as handle:
            for question_id, answer in answers.items():
                handle.save_answer(question_id, answer)
    return session


def test_list_when_empty_says_how_to_start(data_dir):
    result = run_cli("list", data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    assert "walkthrough new" in result.stdout


def test_list_shows_progress_and_gaps_most_recent_first(data_dir):
    bank = Context().bank
    refs = bank.walk()
    make_session(data_dir, "Older launch")
    make_session(
        data_dir,
        "SaaS launch",
        excluded=("manufacturing",),
        answers={
            refs[0].id: Answer(text="Webinars and a launch page", readiness=Readiness.READY),
            refs[1].id: Answer(readiness=Readiness.GAP, risk=5, reward=4),
            refs[2].id: Answer(readiness=Readiness.PARTIAL, due=date(2027, 1, 31)),
            refs[3].id: Answer(readiness=Readiness.NOT_APPLICABLE, na_reason="No channel partners"),
        },
    )
    manufacturing = sum(1 for ref in refs if ref.team.id == "manufacturing")
    result = run_cli("list", "--json", data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert [row["name"] for row in rows] == ["SaaS launch", "Older launch"]
    saas = rows[0]
    assert saas["answered"] == 3
    assert saas["applicable"] == len(refs) - manufacturing - 1
    assert (saas["gap"], saas["partial"], saas["ready"], saas["not_applicable"]) == (1, 1, 1, 1)
    # Open items: every applicable question that is not ready.
    assert saas["open"] == saas["applicable"] - 1 and saas["unanswered"] == saas["applicable"] - 3
    assert saas["readiness"] == round(100 / saas["applicable"])
    assert saas["launch"] is None and saas["days_to_launch"] is None
    assert rows[1]["applicable"] == len(refs) and rows[1]["answered"] == 0

    table = run_cli("list", data_dir=data_dir).stdout.splitlines()
    assert table[0].split() == ["ID", "NAME", "READINESS", "ANSWERED", "OPEN", "LAUNCH", "UPDATED"]
    assert "SaaS launch" in table[1] and f"3/{saas['applicable']}" in table[1]
    assert f" {saas['readiness']}% " in table[1] and f" {saas['open']} " in table[1]


def test_list_counts_down_to_the_launch_and_after_it(data_dir):
    # `new --launch` itself opens the TUI: the tmux test drives it; here the store sets the dates.
    store = Context(data_dir_option=data_dir).store
    before = date.today()
    store.create("Past", bank_id="b", bank_version="1", launch=before - timedelta(days=2))
    coming = store.create("Coming", bank_id="b", bank_version="1")
    with store.open(coming.id) as handle:
        handle.save_launch(before + timedelta(days=30))
    store.create("Undated", bank_id="b", bank_version="1")
    rows = {row["name"]: row for row in json.loads(run_cli("list", "--json", data_dir=data_dir).stdout)}
    table = run_cli("list", data_dir=data_dir).stdout
    late = (date.today() - before).days  # the clock may pass midnight during the test
    assert rows["Coming"]["launch"] == (before + timedelta(days=30)).isoformat()
    assert rows["Coming"]["days_to_launch"] == 30 - late
    assert rows["Past"]["days_to_launch"] == -2 - late
    assert rows["Undated"]["launch"] is None and rows["Undated"]["days_to_launch"] is None
    assert f"{30 - late} days to launch" in table and f"launched {2 + late} days ago" in table


@pytest.mark.parametrize(
    ("value", "reason"),
    [("soonish", "not a date I can read; try 2026-12-31"), ("01/02/2026", "not a date I can read")],
)
def test_a_bad_launch_date_is_a_usage_error_that_creates_nothing(data_dir, value, reason):
    result = run_cli("new", "Launch", "--launch", value, data_dir=data_dir)
    assert result.returncode == 2
    assert f"argument --launch: {reason}" in result.stderr and "Traceback" not in result.stderr
    assert json.loads(run_cli("list", "--json", data_dir=data_dir).stdout) == []


def test_list_never_lets_a_name_repaint_the_terminal(data_dir):
    make_session(data_dir, "Evil \x1b[2J\x1b[31mred [bold]x[/]")
    result = run_cli("list", data_dir=data_dir)
    assert result.returncode == 0
    assert "\x1b" not in result.stdout
    assert "[bold]x[/]" in result.stdout


def test_list_cuts_a_long_name_in_the_table_and_keeps_it_whole_in_json(data_dir):
    long_name = "Acme Cloud 2.0 — the launch review that goes on and on " + "and on " * 20
    wide = "云平台上市发布会评审" * 5  # 100 cells
    make_session(data_dir, long_name)
    make_session(data_dir, wide)
    lines = run_cli("list", data_dir=data_dir).stdout.splitlines()
    from rich.cells import cell_len

    assert max(map(cell_len, lines)) < 120  # a row a terminal can show, not ~280 columns
    assert any("Acme Cloud 2.0 — the launch review that…" in line for line in lines)
    assert any("云平台上市发布会评审云平台上市发布会评…" in line for line in lines)  # 39 cells and "…"
    names = {row["name"] for row in json.loads(run_cli("list", "--json", data_dir=data_dir).stdout)}
    assert names == {long_name.strip(), wide}


def test_delete_with_yes(data_dir):
    session = make_session(data_dir, "Throwaway")
    result = run_cli("delete", "Throw", "--yes", data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    assert "deleted 'Throwaway'" in result.stderr
    assert json.loads(run_cli("list", "--json", data_dir=data_dir).stdout) == []
    assert session.id in result.stderr


def test_delete_without_a_terminal_asks_for_yes_and_keeps_the_session(data_dir):
    make_session(data_dir, "Keep me")
    result = run_cli("delete", "Keep me", data_dir=data_dir)
    assert_one_line_error(result, "Keep me", "--yes")
    assert [row["name"] for row in json.loads(run_cli("list", "--json", data_dir=data_dir).stdout)] == [
        "Keep me"
    ]


def test_unknown_and_ambiguous_sessions_are_one_line_errors(data_dir):
    make_session(data_dir, "Launch A")
    make_session(data_dir, "Launch B")
    for command in (["delete", "--yes"], ["resume"], ["export"]):
        assert_one_line_error(run_cli(*command, "Nope", data_dir=data_dir), "Nope")
        assert_one_line_error(run_cli(*command, "Launch", data_dir=data_dir), "Launch")


def test_resume_with_nothing_to_resume(data_dir):
    assert_one_line_error(run_cli("resume", data_dir=data_dir), "walkthrough new")


def test_unknown_preset_creates_nothing(data_dir):
    assert_one_line_error(
        run_cli("new", "X", "--preset", "spaceship", data_dir=data_dir), "spaceship", "saas"
    )
    assert json.loads(run_cli("list", "--json", data_dir=data_dir).stdout) == []


def test_a_session_open_elsewhere_is_refused_not_overwritten(data_dir):
    session = make_session(data_dir, "Busy")
    store = Context(data_dir_option=data_dir).store
    with store.open(session.id):
        assert_one_line_error(run_cli("resume", "Busy", data_dir=data_dir), "Busy")
        assert_one_line_error(run_cli("delete", "Busy", "--yes", data_dir=data_dir), "Busy")
    assert [row["name"] for row in json.loads(run_cli("list", "--json", data_dir=data_dir).stdout)] == [
        "Busy"
    ]


def test_data_dir_that_is_a_file(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    assert_one_line_error(run_cli("--data-dir", str(blocker), "list"), str(blocker))
    assert blocker.read_text() == "not a directory"


def test_data_dir_whose_parent_is_missing(tmp_path):
    missing = tmp_path / "no" / "such" / "dir"
    assert_one_line_error(run_cli("list", "--data-dir", str(missing)), str(missing))


def names(data_dir) -> list[str]:
    return sorted(entry.name for entry in Context(data_dir_option=data_dir).store.listing().entries)


def test_rename_gives_a_session_a_new_name(data_dir):
    session = make_session(data_dir, "Acme Cloud")
    make_session(data_dir, "Orbit")
    result = run_cli("rename", "acme", "Acme Cloud 2.0", data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip() == f"renamed 'Acme Cloud' to 'Acme Cloud 2.0' ({session.id})"
    assert names(data_dir) == ["Acme Cloud 2.0", "Orbit"]
    again = run_cli("rename", session.id, "  ACME cloud 2.0  ", data_dir=data_dir)  # its own name, recased
    assert again.returncode == 0, again.stderr
    assert names(data_dir) == ["ACME cloud 2.0", "Orbit"]


@pytest.mark.parametrize(
    "new_name, fragment",
    [
        ("orbit", "another session is already named 'Orbit'"),
        ("   ", "a session needs a name"),
        ("x" * 201, "too long"),
    ],
)
def test_rename_refuses_a_name_the_tui_would_refuse(data_dir, new_name, fragment):
    make_session(data_dir, "Acme Cloud")
    make_session(data_dir, "Orbit")
    assert_one_line_error(run_cli("rename", "Acme", new_name, data_dir=data_dir), fragment)
    assert names(data_dir) == ["Acme Cloud", "Orbit"]


def test_rename_of_an_unknown_session_is_one_error_line(data_dir):
    make_session(data_dir, "Acme Cloud")
    assert_one_line_error(run_cli("rename", "Nope", "New", data_dir=data_dir), "no session matches 'Nope'")


def test_new_refuses_a_name_another_session_has(data_dir):
    existing = make_session(data_dir, "Acme Cloud")
    line = assert_one_line_error(
        run_cli("new", "  acme CLOUD ", data_dir=data_dir), "another session is already named 'Acme Cloud'"
    )
    assert existing.id in line
    assert names(data_dir) == ["Acme Cloud"]  # nothing created, and no screen opened
