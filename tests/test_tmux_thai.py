"""The installed app in Thai in a real terminal: answer, quit, resume, read the answer back.

Thai puts vowels and tone marks above and below their consonant (zero-width combining
marks): a wrong width sum or a cut in the middle of a cluster shows here as a broken prompt,
a misplaced cursor or an answer that does not read back.
"""

from __future__ import annotations

import json
import subprocess

from test_tmux import Tmux, installed_walkthrough, walkthrough_in

from questions.translations import built_in_translation


class UnicodeTmux(Tmux):
    def __init__(self) -> None:
        super().__init__()
        # -u: the client speaks UTF-8 whatever LANG the test machine has (CI may have none).
        self.base.insert(1, "-u")


def test_a_thai_walk_saves_resumes_and_reads_back_in_a_real_terminal(tmp_path) -> None:
    data, run = walkthrough_in(tmp_path)
    thai = built_in_translation("th")
    first, second = list(thai.questions.values())[:2]
    # The start of each prompt: long prompts wrap, and the start is on the first line.
    first_start, second_start = first.prompt[:14], second.prompt[:14]
    answer = "เปิดตัวผ่านเว็บบินาร์กับพันธมิตร"
    tmux = UnicodeTmux()
    try:
        tmux.start("first", f"{run} --lang th new 'เปิดตัว Acme'", size=(80, 24))
        tmux.wait_for("first", first_start)
        tmux.run("send-keys", "-t", "first", "-l", answer)
        tmux.wait_for("first", answer)
        tmux.run("send-keys", "-t", "first", "NPage")
        tmux.wait_for("first", second_start)
        tmux.run("send-keys", "-t", "first", "C-q")
        tmux.wait_for("first", "EXIT-0")

        tmux.start("second", f"{run} --lang th resume", size=(80, 24))
        tmux.wait_for("second", second_start)  # where we left off, still in Thai
        tmux.run("send-keys", "-t", "second", "PPage")
        shown = tmux.wait_for("second", answer)
        assert first_start in shown
        tmux.run("send-keys", "-t", "second", "C-q")
        tmux.wait_for("second", "EXIT-0")
    finally:
        tmux.kill()

    # What reached the disk is the answer as typed, under the question's id, not its text.
    exported = subprocess.run(
        [
            installed_walkthrough(),
            "--data-dir",
            str(data),
            "export",
            "เปิดตัว Acme",
            "--format",
            "json",
            "-o",
            "-",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    answers = json.loads(exported.stdout)["answers"]
    assert answers[next(iter(thai.questions))]["text"] == answer
