"""`milestone`, `milestones` and `compare` through the real CLI: a weekly launch review from a shell."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from cli_runner import assert_one_line_error, run_cli

from sessions.models import Answer, Readiness
from walkthrough.context import Context


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


def answer(data_dir: Path, name: str, answers: dict[int, Answer], **settings: object) -> None:
    """Save answers to the session's n-th questions of the built-in bank."""
    context = Context(data_dir_option=data_dir)
    refs = context.bank.walk()
    with context.store.open(context.store.resolve(name).id) as handle:
        for n, value in answers.items():
            handle.save_answer(refs[n].id, value)
        if "launch" in settings:
            handle.save_launch(settings["launch"])  # type: ignore[arg-type]


@pytest.fixture
def session(data_dir: Path) -> str:
    context = Context(data_dir_option=data_dir)
    bank = context.bank
    context.store.create(
        "Acme Cloud", bank_id=bank.id, bank_version=bank.version, excluded_teams=["manufacturing"]
    )
    answer(
        data_dir,
        "Acme Cloud",
        {
            0: Answer(text="Webinar planned", readiness=Readiness.PARTIAL, owner="Dee", risk=3),
            1: Answer(text="Name chosen", readiness=Readiness.READY),
        },
    )
    return "Acme Cloud"


def ok(*args: str, data_dir: Path, cwd: Path | None = None) -> tuple[str, str]:
    result = run_cli(*args, data_dir=data_dir, cwd=cwd)
    assert result.returncode == 0, result.stderr
    return result.stdout, result.stderr


def test_a_milestone_is_saved_listed_and_said_in_one_line(data_dir: Path, session: str) -> None:
    out, err = ok("milestone", session, "Kick-off", data_dir=data_dir)
    assert out == ""
    assert err == "saved milestone 'Kick-off' of 'Acme Cloud': readiness 1%, 80 open items\n"
    answer(data_dir, session, {0: Answer(text="Webinar held", readiness=Readiness.READY)})
    ok("milestone", session, "Beta review", data_dir=data_dir)

    out, _ = ok("milestones", session, data_dir=data_dir)
    lines = out.splitlines()
    assert lines[0].split() == ["MILESTONE", "SAVED", "READINESS", "ANSWERED", "OPEN", "GAPS", "OVERDUE"]
    assert [line.split("  ")[0] for line in lines[1:]] == ["Kick-off", "Beta review", "(now)"]
    assert lines[1].split()[-5:] == ["1%", "2/81", "80", "0", "0"]
    assert lines[2].split()[-5:] == ["2%", "2/81", "79", "0", "0"]

    document = json.loads(ok("milestones", session, "--json", data_dir=data_dir)[0])
    assert [m["name"] for m in document["milestones"]] == ["Kick-off", "Beta review"]
    assert document["milestones"][1]["readiness"] == 2 and document["now"]["open"] == 79
    listed = json.loads(ok("list", "--json", data_dir=data_dir)[0])
    assert listed[0]["trend"] == [1, 2]


def test_names_are_unique_and_never_overwritten(data_dir: Path, session: str) -> None:
    ok("milestone", session, "Beta", data_dir=data_dir)
    assert_one_line_error(
        run_cli("milestone", session, "BETA", data_dir=data_dir),
        "already has a milestone named 'Beta'",
        "never overwritten",
    )
    assert_one_line_error(run_cli("milestone", session, "  ", data_dir=data_dir), "a milestone needs a name")
    assert_one_line_error(run_cli("milestone", session, "x" * 101, data_dir=data_dir), "too long")


def test_a_session_open_elsewhere_is_not_changed(data_dir: Path, session: str) -> None:
    context = Context(data_dir_option=data_dir)
    with context.store.open(context.store.resolve(session).id):
        assert_one_line_error(
            run_cli("milestone", session, "Beta", data_dir=data_dir),
            "is open in another walkthrough",
            "close it there before saving a milestone",
        )
        out, _ = ok("milestones", session, data_dir=data_dir)  # reading still works
        session_id = context.store.resolve(session).id
        assert_one_line_error(  # and resume says how to look without changing anything
            run_cli("resume", session, data_dir=data_dir),
            "is open in another walkthrough",
            f"or open it read-only (walkthrough resume {session_id} --read-only)",
        )
    assert "no milestones yet" in out


def test_compare_prints_what_changed_since_the_latest_milestone(data_dir: Path, session: str) -> None:
    ok("milestone", session, "Kick-off", data_dir=data_dir)
    answer(data_dir, session, {2: Answer(text="Nothing yet", readiness=Readiness.GAP)})
    ok("milestone", session, "Beta", data_dir=data_dir)
    answer(
        data_dir,
        session,
        {0: Answer(text="Webinar held", readiness=Readiness.READY, owner="Sam", risk=5)},
        launch=date(2026, 6, 30),
    )
    out, err = ok("compare", session, data_dir=data_dir)
    assert err == ""
    assert out.startswith("# Progress: Acme Cloud\n\nFrom **Beta** (saved ")
    assert "| Readiness | 1% (1 of 81) | 2% (2 of 81) | +1 pt |" in out
    assert "## Became ready (1)" in out and "## New gaps" not in out
    assert "Dee → Sam" in out and "Launch date set: 2026-06-30." in out

    out, _ = ok("compare", session, "--from", "kick", "--to", "beta", data_dir=data_dir)
    assert "From **Kick-off** (saved " in out and "to **Beta** (saved " in out
    assert "## New gaps (1)" in out and "## Became ready" not in out
    only_to = ok("compare", session, "--to", "Beta", data_dir=data_dir)[0]
    assert only_to == out  # --to alone: from the milestone before it

    document = json.loads(ok("compare", session, "--format", "json", data_dir=data_dir)[0])
    assert document["from"]["milestone"] == "Beta" and document["to"]["milestone"] is None
    assert document["change"]["ready"] == 1
    assert [item["q"] for item in document["became_ready"]] == ["Q1"]


def test_compare_writes_a_file_through_the_export_writer(
    data_dir: Path, session: str, tmp_path: Path
) -> None:
    ok("milestone", session, "Kick-off", data_dir=data_dir)
    target = tmp_path / "review.md"
    _, err = ok("compare", session, "-o", str(target), data_dir=data_dir)
    assert err == f"wrote {target}\n" and target.read_text(encoding="utf-8").startswith(
        "# Progress: Acme Cloud"
    )
    assert_one_line_error(
        run_cli("compare", session, "-o", str(target), data_dir=data_dir), "already exists", "--force"
    )
    ok("compare", session, "-o", str(target), "--force", data_dir=data_dir)
    folder = tmp_path / "reviews"
    folder.mkdir()
    ok("compare", session, "--format", "json", "-o", str(folder), data_dir=data_dir)
    assert json.loads((folder / "Acme Cloud progress.json").read_text(encoding="utf-8"))["session"][
        "name"
    ] == ("Acme Cloud")


def test_compare_says_what_is_missing_in_one_line(data_dir: Path, session: str) -> None:
    assert_one_line_error(
        run_cli("compare", session, data_dir=data_dir),
        "no milestones to compare with yet",
        "walkthrough milestone",
    )
    ok("milestone", session, "Kick-off", data_dir=data_dir)
    assert_one_line_error(
        run_cli("compare", session, "--from", "GA", data_dir=data_dir),
        "has no milestone 'GA'",
        "'Kick-off'",
    )
    assert_one_line_error(
        run_cli("compare", session, "--to", "Kick-off", data_dir=data_dir), "is the first milestone", "--from"
    )


def test_a_milestone_is_deleted_by_its_exact_name_into_the_backups(data_dir: Path, session: str) -> None:
    ok("milestone", session, "Kick-off", data_dir=data_dir)
    ok("milestone", session, "Beta", data_dir=data_dir)
    assert_one_line_error(
        run_cli("milestone", session, "kick", "--delete", data_dir=data_dir), "did you mean 'Kick-off'"
    )
    _, err = ok("milestone", session, "kick-off", "--delete", data_dir=data_dir)
    assert err.startswith("deleted milestone 'Kick-off' of 'Acme Cloud'; its saved state was moved to ")
    assert err.rstrip().endswith("/milestones")
    out, _ = ok("milestones", session, data_dir=data_dir)
    assert [line.split("  ")[0] for line in out.splitlines()[1:]] == ["Beta", "(now)"]
    ok("milestone", session, "Kick-off", data_dir=data_dir)  # the name is free again


def test_names_from_the_user_cannot_act_on_the_terminal(data_dir: Path, session: str) -> None:
    _, err = ok("milestone", session, "Beta\x1b]0;pwned\x07 \u202ereview", data_dir=data_dir)
    assert "\x1b" not in err and "\u202e" not in err and "\x07" not in err
    out, _ = ok("milestones", session, data_dir=data_dir)
    assert "\x1b" not in out and "\u202e" not in out
    out, _ = ok("compare", session, data_dir=data_dir)
    assert "\x1b" not in out and "\u202e" not in out


def test_the_report_opens_with_the_progress_since_the_latest_milestone(data_dir: Path, session: str) -> None:
    out, _ = ok("export", session, "-o", "-", data_dir=data_dir)
    assert "Progress since" not in out  # no milestone yet
    ok("milestone", session, "Kick-off", data_dir=data_dir)
    answer(data_dir, session, {0: Answer(text="Webinar held", readiness=Readiness.READY)})
    out, err = ok("export", session, "-o", "-", data_dir=data_dir)
    assert err == ""
    headings = [line for line in out.splitlines() if line.startswith("#")]
    assert headings[1:3] == ["## Progress since Kick-off", "### Became ready (1)"]
    part, _ = ok("export", session, "--team", "marketing", "-o", "-", data_dir=data_dir)
    assert "Progress since" not in part

    context = Context(data_dir_option=data_dir)
    entry = context.store.resolve(session)
    for state in (data_dir / "milestones" / entry.id).iterdir():
        state.unlink()
    out, err = ok("export", session, "-o", "-", data_dir=data_dir)
    assert err.startswith("warning: milestone 'Kick-off' has lost its saved state: ")
    assert err.rstrip().endswith("; the report leaves out what changed since it")
    assert "Progress since" not in out and out.startswith("# Gap summary: Acme Cloud")
    assert_one_line_error(
        run_cli("compare", session, data_dir=data_dir), "'Kick-off' has lost its saved state"
    )


def test_an_export_with_milestones_meets_the_session_schema(data_dir: Path, session: str) -> None:
    import jsonschema

    ok("milestone", session, "Kick-off", data_dir=data_dir)
    answer(data_dir, session, {0: Answer(text="Webinar held", readiness=Readiness.READY)})
    ok("milestone", session, "Beta", data_dir=data_dir)
    schema = json.loads(ok("schema", "session", data_dir=data_dir)[0])
    document = json.loads(ok("export", session, "--format", "json", "-o", "-", data_dir=data_dir)[0])
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    validator.validate(document)
    assert [
        m["session"]["answers"][next(iter(m["session"]["answers"]))]["text"] for m in document["milestones"]
    ] == [
        "Webinar planned",
        "Webinar held",
    ]
    document["milestones"][0]["session"]["milestones"] = []  # a state holds no milestones of its own
    assert not validator.is_valid(document)
    del document["milestones"][0]["session"]  # a lost state is exported without one
    validator.validate(document)
