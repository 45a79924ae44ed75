"""The installed `walkthrough` in a real terminal: type an answer, quit, resume, see it.

Runs the console script (not the module) inside tmux, so packaging, the terminal
driver and the key bindings are all exercised as a PM would meet them. Without
tmux the test fails rather than skips: CI installs it, and a skipped test here
would hide a broken installation.
"""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys
import time
import uuid
from datetime import date
from pathlib import Path

TIMEOUT = 30.0
ROOT = Path(__file__).resolve().parent.parent


def installed_walkthrough() -> str:
    found = shutil.which("walkthrough") or shutil.which("walkthrough", path=str(Path(sys.executable).parent))
    if found is None and (ROOT / ".venv" / "bin" / "walkthrough").exists():
        found = str(ROOT / ".venv" / "bin" / "walkthrough")
    assert found, "the walkthrough console script is not installed: run `pip install -e .`"
    return found


def walkthrough_in(tmp_path: Path) -> tuple[Path, str]:
    """A fresh data directory, and the shell command that runs the installed app on it."""
    data = tmp_path / "data"
    data.mkdir()
    return data, f"{shlex.quote(installed_walkthrough())} --data-dir {shlex.quote(str(data))}"


class Tmux:
    def __init__(self) -> None:
        tmux = shutil.which("tmux")
        assert tmux, "tmux is not installed; this test needs it (CI installs it)"
        self.base = [tmux, "-L", f"walkthrough-test-{uuid.uuid4().hex[:12]}", "-f", "/dev/null"]
        self.socket: Path | None = None

    def run(self, *args: str) -> str:
        return subprocess.run(
            [*self.base, *args], check=True, capture_output=True, text=True, timeout=10
        ).stdout

    def start(self, name: str, command: str, size: tuple[int, int] = (100, 30), shell: str = "sh") -> None:
        # The shell line after the app proves it exited (and how) and keeps the pane readable.
        line = f"{command}; echo EXIT-$?; sleep {int(TIMEOUT)}"
        width, height = (str(n) for n in size)
        self.run(
            "new-session", "-d", "-s", name, "-x", width, "-y", height, f"{shell} -c {shlex.quote(line)}"
        )
        self.socket = Path(self.run("display-message", "-p", "#{socket_path}").strip())

    def screen(self, name: str) -> str:
        return self.run("capture-pane", "-p", "-t", name)

    def wait_for(self, name: str, text: str) -> str:
        deadline = time.monotonic() + TIMEOUT
        shown = ""
        while time.monotonic() < deadline:
            shown = self.screen(name)
            if text in shown:
                return shown
            time.sleep(0.1)
        raise AssertionError(f"{text!r} did not appear within {TIMEOUT:.0f}s; the screen shows:\n{shown}")

    def kill(self) -> None:
        subprocess.run([*self.base, "kill-server"], capture_output=True, timeout=10)
        if self.socket is not None:  # tmux leaves the socket file behind
            self.socket.unlink(missing_ok=True)


def test_type_quit_resume_in_a_real_terminal(tmp_path: Path) -> None:
    _data, run = walkthrough_in(tmp_path)
    answer = "Launch webinar with partners"
    tmux = Tmux()
    try:
        tmux.start("first", f"{run} new 'Tmux launch'")
        tmux.wait_for("first", "Question 1 of")
        # alt+g as a terminal sends it (ESC g) marks a gap, which counts as answered.
        tmux.run("send-keys", "-t", "first", "M-g")
        tmux.wait_for("first", "· 1/")
        tmux.run("send-keys", "-t", "first", "-l", answer)
        tmux.wait_for("first", answer)
        tmux.run("send-keys", "-t", "first", "NPage")
        tmux.wait_for("first", "Question 2 of")
        tmux.run("send-keys", "-t", "first", "C-q")
        tmux.wait_for("first", "EXIT-0")

        tmux.start("second", f"{run} resume")
        tmux.wait_for("second", "Question 2 of")  # where we left off
        tmux.run("send-keys", "-t", "second", "PPage")
        shown = tmux.wait_for("second", answer)
        assert "Tmux launch" in shown
        assert "Question 1 of" in shown
        assert answer + "g" not in shown  # the alt key set readiness, it did not type
        tmux.run("send-keys", "-t", "second", "C-s")
        shown = tmux.wait_for("second", "Readiness 0% · 0 of")
        assert "1 answered" in shown and "1 gap · " in shown
    finally:
        tmux.kill()


def test_alt_keys_in_one_burst_all_act_and_type_nothing(tmp_path: Path) -> None:
    # Key repeat or SSH can deliver several alt presses in one write: ESC r ESC r ESC r.
    data, run = walkthrough_in(tmp_path)
    tmux = Tmux()
    try:
        tmux.start("burst", f"{run} new 'Burst'")
        tmux.wait_for("burst", "Question 1 of")
        tmux.run("send-keys", "-t", "burst", "-l", "Webinars")
        tmux.wait_for("burst", "Webinars")
        tmux.run("send-keys", "-t", "burst", "M-r", "M-r", "M-r")  # one write to the terminal
        shown = tmux.wait_for("burst", "3 some would leave")
        assert "^r" not in shown
        tmux.run("send-keys", "-t", "burst", "C-q")
        tmux.wait_for("burst", "EXIT-0")
    finally:
        tmux.kill()
    answer = only_answer(data)
    assert answer.text == "Webinars"
    assert answer.risk == 3


def test_decision_owner_and_a_due_date_typed_as_people_write_it_read_back(tmp_path: Path) -> None:
    data, run = walkthrough_in(tmp_path)
    decision = "Run the partner webinar series"
    owner = "Dana Keller (Product Marketing)"
    tmux = Tmux()
    try:
        tmux.start("fields", f"{run} new 'Fields'")
        tmux.wait_for("fields", "Question 1 of")
        tmux.run("send-keys", "-t", "fields", "Tab", "Tab")  # answer → readiness → decision
        tmux.run("send-keys", "-t", "fields", "-l", decision)
        tmux.wait_for("fields", decision)
        tmux.run("send-keys", "-t", "fields", "Tab")
        tmux.run("send-keys", "-t", "fields", "-l", owner)
        tmux.run("send-keys", "-t", "fields", "Tab")
        tmux.run("send-keys", "-t", "fields", "-l", "31 Dec 2026")
        tmux.wait_for("fields", "Due Thu 31 Dec 2026")  # the date it understood, under the field
        tmux.run("send-keys", "-t", "fields", "NPage")
        tmux.wait_for("fields", "Question 2 of")
        tmux.run("send-keys", "-t", "fields", "PPage")
        shown = tmux.wait_for("fields", "Question 1 of")
        shown = tmux.wait_for("fields", "Due Thu 31 Dec 2026")
        assert decision in shown
        assert "Owner      Dana Keller (Product" in shown  # the start of it, not its tail
        assert "2026-12-31" in shown
        tmux.run("send-keys", "-t", "fields", "C-q")
        tmux.wait_for("fields", "EXIT-0")
    finally:
        tmux.kill()
    answer = only_answer(data)
    assert (answer.decision, answer.owner, answer.due) == (decision, owner, date(2026, 12, 31))


def test_text_sent_in_one_write_with_tab_or_alt_n_goes_to_the_new_field(tmp_path: Path) -> None:
    # A laggy SSH link delivers what was typed in one packet: the keys after tab belong to
    # the field tab moves to, the text after alt+n to the "Why N/A" reason.
    data, run = walkthrough_in(tmp_path)
    tmux = Tmux()
    try:
        tmux.start("lag", f"{run} new 'Lag'")
        tmux.wait_for("lag", "Question 1 of")
        tmux.run("send-keys", "-t", "lag", "Tab", "Tab", "B", "o", "o", "k")  # one write
        tmux.wait_for("lag", "Decision   Book")
        tmux.run("send-keys", "-t", "lag", "M-n", "S", "a", "a", "S")  # one write
        tmux.wait_for("lag", "Why N/A    SaaS")
        tmux.run("send-keys", "-t", "lag", "C-q")
        tmux.wait_for("lag", "EXIT-0")
    finally:
        tmux.kill()
    answer = only_answer(data)
    assert (answer.text, answer.decision, answer.na_reason) == ("", "Book", "SaaS")


def only_answer(data: Path):  # type: ignore[no-untyped-def]
    from walkthrough.context import Context

    store = Context(data_dir_option=data).store
    (entry,) = store.listing().entries
    with store.open(entry.id, read_only=True) as opened:
        (answer,) = opened.session.answers.values()
    return answer


def full_session(data: Path) -> tuple[str, str, str]:
    """A SaaS launch with every question answered, rated and owned; returns the session id and
    the decision and owner of the item the priority rule puts first."""
    from sessions.models import Answer, Readiness
    from walkthrough.context import Context
    from walkthrough.report.summary import summarize

    context = Context(data_dir_option=data)
    bank = context.bank
    session = context.store.create(
        "Tmux full launch", bank_id=bank.id, bank_version=bank.version, excluded_teams=["manufacturing"]
    )
    cycle = [Readiness.READY, Readiness.PARTIAL, Readiness.GAP, None]
    with context.store.open(session.id) as handle:
        for number, ref in enumerate(r for r in bank.walk() if r.team.id != "manufacturing"):
            handle.save_answer(
                ref.id,
                Answer(
                    text=f"How we do it, part {number}",
                    readiness=cycle[number % 4],
                    decision=f"Decision {number} for {ref.team.name}",
                    owner=f"Owner {number % 7}",
                    risk=1 + number % 5,
                    reward=1 + (number * 3) % 5,
                    mitigation=1 + (number * 2) % 5,
                ),
            )
        top = summarize(bank, handle.session).open_items[0]
    return session.id, top.decision, top.owner


def test_the_summary_of_a_full_session_names_the_top_items_decision_and_owner_at_80x24(
    tmp_path: Path,
) -> None:
    data, run = walkthrough_in(tmp_path)
    session_id, decision, owner = full_session(data)
    tmux = Tmux()
    try:
        tmux.start("summary", f"{run} resume {session_id}", size=(80, 24))
        tmux.wait_for("summary", "Question")
        tmux.run("send-keys", "-t", "summary", "C-s")
        shown = tmux.wait_for("summary", "Gap summary")
        assert "Readiness " in shown and " open items" in shown
        shown = tmux.wait_for("summary", f"Decision: {decision}")
        assert f"Owner: {owner} · Due" in shown
        assert all(len(line) <= 80 for line in shown.splitlines())
        tmux.run("send-keys", "-t", "summary", "C-q")
        tmux.wait_for("summary", "EXIT-0")
    finally:
        tmux.kill()


def test_new_with_a_launch_date_counts_down_in_the_walk(tmp_path: Path) -> None:
    _data, run = walkthrough_in(tmp_path)
    tmux = Tmux()
    try:
        tmux.start("dated", f"{run} new 'Dated launch' --launch +30d", size=(80, 24))
        shown = tmux.wait_for("dated", "days to launch")
        # Started just before midnight, the count may already be one day less.
        assert "30 days to launch" in shown or "29 days to launch" in shown
        tmux.run("send-keys", "-t", "dated", "M-m", "M-m")  # alt+m: mitigation, the third rating
        tmux.wait_for("dated", "2 a little less")
        tmux.run("send-keys", "-t", "dated", "M-M")  # alt+shift+m, as a terminal sends it: ESC M
        shown = tmux.wait_for("dated", "1 no less risk")
        assert "Just start typing" in shown  # the answer box is still empty: the keys typed nothing
        tmux.run("send-keys", "-t", "dated", "C-q")
        tmux.wait_for("dated", "EXIT-0")
    finally:
        tmux.kill()


def test_save_a_milestone_change_and_see_what_moved_at_80x24(tmp_path: Path) -> None:
    _data, run = walkthrough_in(tmp_path)
    tmux = Tmux()
    try:
        tmux.start("review", f"{run} new 'Weekly review'", size=(80, 24))
        tmux.wait_for("review", "Question 1 of")
        tmux.run("send-keys", "-t", "review", "M-g")  # a gap, before the review
        tmux.wait_for("review", "· 1/")
        tmux.run("send-keys", "-t", "review", "C-s")
        tmux.wait_for("review", "No milestone yet")
        tmux.run("send-keys", "-t", "review", "n")
        tmux.wait_for("review", "Save milestone")
        tmux.run("send-keys", "-t", "review", "-l", "Beta review")
        tmux.run("send-keys", "-t", "review", "Enter")
        tmux.wait_for("review", "Since Beta review (")
        tmux.run("send-keys", "-t", "review", "Escape")  # back to the walk: the gap is now ready
        tmux.wait_for("review", "Question 1 of")
        tmux.run("send-keys", "-t", "review", "M-y")
        tmux.wait_for("review", "1% ready")
        tmux.run("send-keys", "-t", "review", "C-s")
        shown = tmux.wait_for("review", "+1 ready")
        assert "−1 gap" in shown
        tmux.run("send-keys", "-t", "review", "c")
        shown = tmux.wait_for("review", "Became ready (1)")
        assert "Changes · Weekly review" in shown and "gap → ready" in shown
        tmux.run("send-keys", "-t", "review", "Enter")  # opens Q1 in the walk
        tmux.wait_for("review", "Question 1 of")
        tmux.run("send-keys", "-t", "review", "Escape")  # and back to the changes
        tmux.wait_for("review", "Became ready (1)")
        tmux.run("send-keys", "-t", "review", "C-q")
        tmux.wait_for("review", "EXIT-0")

        tmux.start("list", f"{run} milestones 'Weekly review'", size=(80, 24))
        shown = tmux.wait_for("list", "EXIT-0")
        assert "Beta review" in shown and "(now)" in shown

        tmux.start("home", run, size=(80, 24))
        shown = tmux.wait_for("home", "Weekly review")
        assert "1% ↑" in shown  # readiness rose since the milestone
        tmux.run("send-keys", "-t", "home", "C-q")
        tmux.wait_for("home", "EXIT-0")
    finally:
        tmux.kill()


def test_ctrl_c_at_the_delete_prompt_keeps_the_session_and_ends_the_line(tmp_path: Path) -> None:
    data, run = walkthrough_in(tmp_path)
    document = tmp_path / "plain.json"
    document.write_text(
        '{"schema_version": 2, "id": "x", "name": "Plain", "bank_id": "b", "bank_version": "1"}',
        encoding="utf-8",
    )
    subprocess.run([installed_walkthrough(), "--data-dir", str(data), "import", str(document)], check=True)
    tmux = Tmux()
    try:
        # bash, not sh: a shell that waits for a program which handles ctrl+c itself carries
        # on after it (dash would quit with it, and the pane with it).
        tmux.start("prompt", f"{run} delete Plain", size=(80, 24), shell="bash")
        tmux.wait_for("prompt", "[y/N]")
        time.sleep(0.5)  # at the prompt
        tmux.run("send-keys", "-t", "prompt", "C-c")
        shown = tmux.wait_for("prompt", "EXIT-130")
        (line,) = [line for line in shown.splitlines() if "EXIT-130" in line]
        assert line.strip() == "EXIT-130", shown  # on a line of its own, not after the ^C
    finally:
        tmux.kill()
    listed = subprocess.run(
        [installed_walkthrough(), "--data-dir", str(data), "list"], capture_output=True, text=True, check=True
    )
    assert "Plain" in listed.stdout  # nothing deleted
