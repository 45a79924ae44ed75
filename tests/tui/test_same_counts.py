"""One session, every view, the same numbers: readiness (ready ÷ applicable), answered
(answered ÷ applicable) and open items (applicable and not ready).

The session has every status, a question marked N/A (it leaves every denominator) and a
team left out (its questions and answers too). The views: the walk's top bar and outline,
home's table and detail pane, the gap summary, `walkthrough list` (table and JSON) and the
Markdown export.
"""

from __future__ import annotations

import json
import re
from datetime import date

from cli_runner import run_cli
from conftest import screen_text, settle

from sessions.models import Answer, Readiness
from walkthrough.context import Context
from walkthrough.report.markdown import render_markdown
from walkthrough.report.progress import progress
from walkthrough.tui.app import WalkthroughApp
from walkthrough.tui.screens.summary import SummaryScreen
from walkthrough.tui.screens.walk import WalkScreen


def a_session_with_everything(context: Context) -> str:
    bank = context.bank
    session = context.store.create(
        "Every status", bank_id=bank.id, bank_version=bank.version, excluded_teams=["manufacturing"]
    )
    refs = [ref for ref in bank.walk() if ref.team.id != "manufacturing"]
    left_out = next(ref for ref in bank.walk() if ref.team.id == "manufacturing")
    answers = {
        refs[0].id: Answer(text="Done", readiness=Readiness.READY),
        refs[1].id: Answer(text="Done too", readiness=Readiness.READY, risk=2),
        refs[2].id: Answer(readiness=Readiness.PARTIAL),
        refs[3].id: Answer(readiness=Readiness.GAP, risk=5, reward=4, mitigation=3),
        refs[4].id: Answer(text="Written, not judged"),
        refs[5].id: Answer(readiness=Readiness.NOT_APPLICABLE, na_reason="No channel"),
        refs[6].id: Answer(decision="A decision alone is not an answer", owner="Dee"),
        left_out.id: Answer(text="Left out with its team", readiness=Readiness.READY),
    }
    with context.store.open(session.id) as handle:
        for question_id, answer in answers.items():
            handle.save_answer(question_id, answer)
        handle.save_position(refs[0].id)
    return session.id


async def test_every_view_gives_the_same_counts(context: Context) -> None:
    session_id = a_session_with_everything(context)
    with context.store.open(session_id, read_only=True) as handle:
        session = handle.session
    counts = progress(context.bank, session)
    applicable = sum(1 for ref in context.bank.walk() if ref.team.id != "manufacturing") - 1
    # 2 ready; answered: ready ×2, partial, gap, not assessed; the N/A and the left-out team count nowhere.
    assert (counts.ready, counts.answered, counts.applicable) == (2, 5, applicable)
    assert counts.open == applicable - 2
    readiness, answered_pct = counts.readiness, counts.answered_percent
    ratio = f"{counts.answered}/{counts.applicable}"

    # The command line: the table and the JSON.
    (row,) = json.loads(run_cli("list", "--json", data_dir=context.data_dir).stdout)
    assert (row["readiness"], row["answered"], row["applicable"], row["open"], row["ready"]) == (
        readiness,
        counts.answered,
        counts.applicable,
        counts.open,
        counts.ready,
    )
    table = run_cli("list", data_dir=context.data_dir).stdout.splitlines()[1]
    assert re.search(rf"\b{readiness}%\s+{ratio}\s+{counts.open}\b", table), table

    # The export.
    markdown = render_markdown(context.bank, session, generated=date(2025, 3, 28))
    assert (
        f"**Readiness {readiness}%**: {counts.ready} of {counts.applicable} questions ready · "
        f"{counts.answered} answered ({answered_pct}%) · **{counts.open} open items**"
    ) in markdown
    assert (
        f"| **All stages** | {counts.open} | {counts.gap} | {counts.partial} | {counts.not_assessed} "
        f"| {counts.unanswered} | {counts.ready} | {readiness}% |"
    ) in markdown

    app = WalkthroughApp(context)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        # Home: the table row and the detail pane.
        home = screen_text(app)
        (line,) = [line for line in home.splitlines() if "Every status" in line and "%" in line]
        assert re.search(rf"\b{readiness}%\s+{ratio}\s+{counts.open}\b", line), line
        assert f"{counts.ready} of {counts.applicable} questions ready, {counts.answered} answered" in home
        assert re.search(rf"Open\s+{counts.open}\b", home)

        # The walk: the top bar, and the outline's stages adding up to the same answered count.
        await pilot.press("enter")
        await settle(pilot)
        walk = app.screen
        assert isinstance(walk, WalkScreen)
        shown = screen_text(app)
        assert f"{readiness}% ready · {ratio} answered" in shown
        stage_counts = re.findall(r"^▼ \d .*? (\d+)/(\d+)\s", shown, flags=re.MULTILINE)
        assert len(stage_counts) == len(context.bank.stages)
        assert sum(int(done) for done, _ in stage_counts) == counts.answered
        assert sum(int(total) for _, total in stage_counts) == counts.applicable

        # The gap summary.
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        shown = screen_text(app)
        assert (
            f"Readiness {readiness}% · {counts.ready} of {counts.applicable} ready · "
            f"{counts.answered} answered ({answered_pct}%) · {counts.open} open items"
        ) in shown
        assert f"All {counts.open} open items" in shown
        await pilot.press("2")
        all_stages = [line for line in screen_text(app).splitlines() if "All stages" in line]
        assert re.search(
            rf"{counts.ready}/{counts.applicable}\s+{readiness}%\s+{ratio}\s+{counts.open}\b", all_stages[0]
        )
