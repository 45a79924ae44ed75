"""The autosave timing rules and the flusher, with a fake clock and a fake session."""

from __future__ import annotations

import threading
from datetime import datetime

import pytest

from sessions.models import Answer
from walkthrough.tui.autosave import Autosaver, Batch, Flusher, SaveStatus


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


class Writer:
    def __init__(self, fail_on: str | None = None) -> None:
        self.calls: list[tuple] = []
        self.fail_on = fail_on
        self.closed = 0

    def save_answer(self, question_id: str, answer: Answer) -> None:
        if question_id == self.fail_on:
            raise OSError("disk full")
        self.calls.append(("answer", question_id, answer.text))

    def save_position(self, question_id: str | None) -> None:
        self.calls.append(("position", question_id))

    def close(self) -> None:
        self.closed += 1


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def saver(clock: Clock) -> Autosaver:
    return Autosaver(quiet=0.3, max_wait=1.0, clock=clock)


def test_nothing_pending_is_never_due(saver: Autosaver, clock: Clock) -> None:
    assert not saver.has_pending
    assert saver.deadline() is None
    clock.advance(10)
    assert not saver.due()


def test_flushes_after_a_quiet_pause(saver: Autosaver, clock: Clock) -> None:
    saver.record_answer("q1", Answer(text="H"))
    clock.advance(0.29)
    assert not saver.due()
    clock.advance(0.02)
    assert saver.due()


def test_each_keystroke_pushes_the_quiet_deadline(saver: Autosaver, clock: Clock) -> None:
    saver.record_answer("q1", Answer(text="H"))
    clock.advance(0.2)
    saver.record_answer("q1", Answer(text="Ho"))
    clock.advance(0.2)
    assert not saver.due()
    clock.advance(0.11)
    assert saver.due()


def test_continuous_typing_is_saved_within_a_second(saver: Autosaver, clock: Clock) -> None:
    text = ""
    first_due_at = None
    for _ in range(30):
        text += "x"
        saver.record_answer("q1", Answer(text=text))
        clock.advance(0.1)
        if saver.due():
            first_due_at = clock.now
            break
    assert first_due_at is not None
    assert first_due_at - 100.0 == pytest.approx(1.0, abs=0.11)


def test_take_hands_over_the_newest_answer_per_question(saver: Autosaver) -> None:
    saver.record_answer("q1", Answer(text="a"))
    saver.record_answer("q1", Answer(text="ab"))
    saver.record_answer("q2", Answer(text="z"))
    saver.record_position("q2")
    batch = saver.take()
    assert {qid: a.text for qid, a in batch.answers.items()} == {"q1": "ab", "q2": "z"}
    assert batch.has_position and batch.position == "q2"
    assert not saver.has_pending
    assert saver.deadline() is None


def test_restore_keeps_newer_edits(saver: Autosaver) -> None:
    saver.record_answer("q1", Answer(text="old"))
    saver.record_answer("q2", Answer(text="two"))
    failed = saver.take()
    saver.record_answer("q1", Answer(text="newer"))
    saver.restore(failed)
    batch = saver.take()
    assert batch.answers["q1"].text == "newer"
    assert batch.answers["q2"].text == "two"


def test_position_none_is_a_real_position() -> None:
    assert Batch(position=None, has_position=True)
    assert not Batch()


def test_flusher_writes_answers_then_position(saver: Autosaver) -> None:
    writer = Writer()
    flusher = Flusher(writer, saver)
    assert flusher.flush() is False
    saver.record_answer("q1", Answer(text="hello"))
    saver.record_position("q1")
    assert flusher.flush() is True
    assert writer.calls == [("answer", "q1", "hello"), ("position", "q1")]
    assert flusher.flush() is False


def test_failed_flush_is_retried(saver: Autosaver) -> None:
    writer = Writer(fail_on="q2")
    flusher = Flusher(writer, saver)
    saver.record_answer("q1", Answer(text="one"))
    saver.record_answer("q2", Answer(text="two"))
    with pytest.raises(OSError):
        flusher.flush()
    assert saver.has_pending
    writer.fail_on = None
    writer.calls.clear()
    assert flusher.flush()
    assert sorted(call[1] for call in writer.calls) == ["q1", "q2"]


def test_close_flushes_once_and_is_idempotent(saver: Autosaver) -> None:
    writer = Writer()
    flusher = Flusher(writer, saver)
    saver.record_answer("q1", Answer(text="last words"))
    flusher.close()
    flusher.close()
    assert writer.calls == [("answer", "q1", "last words")]
    assert writer.closed == 1
    saver.record_answer("q1", Answer(text="after close"))
    assert flusher.flush() is False


def test_close_releases_the_session_even_when_the_last_save_fails(saver: Autosaver) -> None:
    writer = Writer(fail_on="q1")
    flusher = Flusher(writer, saver)
    saver.record_answer("q1", Answer(text="x"))
    with pytest.raises(OSError):
        flusher.close()
    assert writer.closed == 1
    flusher.close()
    assert writer.closed == 1


def test_concurrent_flushes_never_write_an_older_answer_last() -> None:
    saver = Autosaver()
    written: list[str] = []
    gate = threading.Event()

    class SlowWriter(Writer):
        def save_answer(self, question_id: str, answer: Answer) -> None:
            if answer.text == "old":
                gate.wait(2)
            written.append(answer.text)

    flusher = Flusher(SlowWriter(), saver)
    saver.record_answer("q1", Answer(text="old"))
    first = threading.Thread(target=flusher.flush)
    first.start()
    saver.record_answer("q1", Answer(text="new"))
    second = threading.Thread(target=flusher.flush)
    second.start()
    gate.set()
    first.join(3)
    second.join(3)
    assert written[-1] == "new"


def test_status_line_words() -> None:
    assert SaveStatus().describe() == "Autosave on"
    assert SaveStatus(state="pending").describe() == "Saving…"
    saved = SaveStatus(state="saved", saved_at=datetime(2025, 3, 1, 12, 3, 4))
    assert saved.describe() == "Saved 12:03:04"
    assert SaveStatus(state="failed", error="disk full").describe() == "Not saved: disk full (retrying)"
