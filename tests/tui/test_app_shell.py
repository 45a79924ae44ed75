"""The app around the screens: themes remembered, help, too-small terminals, and
sessions closed on every way out (ctrl+q, SIGTERM, SIGHUP)."""

from __future__ import annotations

import fcntl
import json
import os
import pty
import re
import signal
import struct
import subprocess
import sys
import termios
import textwrap
import threading
import time
from pathlib import Path

import pytest
from conftest import screen_text, settle
from textual.screen import Screen
from textual.widgets import Static

from walkthrough.context import Context
from walkthrough.tui.app import BurstSafeXTermParser, WalkthroughApp
from walkthrough.tui.screens.help import HelpScreen
from walkthrough.tui.screens.home import HomeScreen
from walkthrough.tui.screens.new_session import NewSessionScreen
from walkthrough.tui.screens.rename import RenameScreen
from walkthrough.tui.screens.too_small import TooSmallScreen
from walkthrough.tui.settings import settings_path

REPO = Path(__file__).resolve().parents[2]


# Themes ------------------------------------------------------------------------------


async def test_theme_choice_is_remembered_by_the_next_run(context, data_dir):
    app = WalkthroughApp(context)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.theme != "nord"
        await pilot.press("ctrl+p", *"theme", "enter")
        await pilot.pause()
        await pilot.press(*"nord", "enter")
        await pilot.pause()
        assert app.theme == "nord"
    assert json.loads((data_dir / "settings.json").read_text(encoding="utf-8")) == {"theme": "nord"}

    again = WalkthroughApp(context)
    async with again.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert again.theme == "nord"


@pytest.mark.parametrize("content", ["{not json", '["nord"]', '{"theme": 7}'])
async def test_a_corrupt_settings_file_is_ignored_with_a_warning(context, data_dir, content):
    (data_dir / "settings.json").write_text(content, encoding="utf-8")
    app = WalkthroughApp(context)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.theme == "textual-dark"
        warnings = [n.message for n in app._notifications if n.severity == "warning"]
        assert any("settings.json" in message for message in warnings)
        app.theme = "gruvbox"
        await pilot.pause()
    # Choosing a theme writes a good file over the bad one.
    assert json.loads((data_dir / "settings.json").read_text(encoding="utf-8")) == {"theme": "gruvbox"}


@pytest.mark.parametrize("planted", ["fifo", "link"])
async def test_a_settings_file_planted_as_a_fifo_or_link_is_not_followed(
    context, data_dir, tmp_path, planted
):
    import os

    outside = tmp_path / "elsewhere.json"
    outside.write_text('{"theme": "nord"}', encoding="utf-8")
    settings = data_dir / "settings.json"
    if planted == "fifo":
        os.mkfifo(settings)  # reading it would wait for a writer forever
    else:
        settings.symlink_to(outside)
    app = WalkthroughApp(context)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.theme == "textual-dark"
        warnings = [n.message for n in app._notifications if n.severity == "warning"]
        refused = "not followed" if planted == "link" else "not opened"
        assert any(str(settings) in message and refused in message for message in warnings)
        app.theme = "gruvbox"
        await pilot.pause()
    assert json.loads(settings.read_text(encoding="utf-8")) == {
        "theme": "gruvbox"
    }  # replaced, not written through
    assert not settings.is_symlink()
    assert outside.read_text(encoding="utf-8") == '{"theme": "nord"}'


async def test_an_unknown_theme_falls_back_to_the_default(context, data_dir):
    (data_dir / "settings.json").write_text('{"theme": "no-such-theme"}', encoding="utf-8")
    app = WalkthroughApp(context)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.theme == "textual-dark"
        assert any("no-such-theme" in n.message for n in app._notifications)


def test_default_settings_sit_in_the_stores_default_directory(monkeypatch):
    from sessions.store import SessionStore

    monkeypatch.delenv("WALKTHROUGH_DATA_DIR", raising=False)
    assert settings_path(Context()) == SessionStore.default_dir() / "settings.json"


# Too small ---------------------------------------------------------------------------


async def test_too_small_terminal_says_so_and_recovers(context):
    app = WalkthroughApp(context)
    async with app.run_test(size=(50, 15)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, TooSmallScreen)
        assert "Terminal too small: 50×15 — needs at least 60×18" in screen_text(app)
        # Nothing beneath can be driven blind.
        await pilot.press("n", "f1", "ctrl+p")
        assert isinstance(app.screen, TooSmallScreen)
        await pilot.resize_terminal(59, 30)
        await pilot.pause()
        assert "Terminal too small: 59×30" in screen_text(app)
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        text = screen_text(app)
        assert "too small" not in text
        assert "No sessions yet." in text


async def test_shrinking_over_a_dialog_keeps_the_dialog(context, three_sessions):
    app = WalkthroughApp(context)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f2")
        await pilot.resize_terminal(40, 10)
        await pilot.pause()
        assert isinstance(app.screen, TooSmallScreen)
        await pilot.resize_terminal(60, 18)
        await pilot.pause()
        assert isinstance(app.screen, RenameScreen)


# Help --------------------------------------------------------------------------------


def help_rows(app) -> dict[str, str]:
    rows = {}
    for line in screen_text(app).splitlines():
        match = re.search(r"█  (\S.*?)\s{2,}(\S.*?)\s*█", line)
        if match:
            rows[match.group(2)] = match.group(1)
    return rows


async def test_help_lists_the_keys_of_the_current_screen(context, three_sessions):
    app = WalkthroughApp(context)
    async with app.run_test(size=(100, 50)) as pilot:
        await settle(pilot)
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        rows = help_rows(app)
        assert rows["Rename"] == "f2"
        assert rows["Delete"] == "d, del"
        assert rows["Resume"] in {"⏎", "r"}
        assert rows["Help"] == "f1, ?"
        assert "Start walk" not in rows
        await pilot.press("escape", "n")
        assert isinstance(app.screen, NewSessionScreen)
        await pilot.press("f1")
        rows = help_rows(app)
        assert rows["Start walk"] == "^s"
        assert "Rename" not in rows
        await pilot.press("f1")
        assert isinstance(app.screen, NewSessionScreen)


async def test_question_mark_opens_help_but_types_in_a_text_field(context):
    app = WalkthroughApp(context)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("question_mark", "n", *"Why?")
        assert isinstance(app.screen, NewSessionScreen)
        assert app.screen.query_one("#session-name").value == "Why?"


def test_snapshot_help_80x24(snap_compare, context, three_sessions):
    async def run_before(pilot):
        await settle(pilot)
        await pilot.press("f1")

    assert snap_compare(WalkthroughApp(context), terminal_size=(80, 24), run_before=run_before)


def test_snapshot_help_120x40(snap_compare, context, three_sessions):
    async def run_before(pilot):
        await settle(pilot)
        await pilot.press("f1")

    assert snap_compare(WalkthroughApp(context), terminal_size=(120, 40), run_before=run_before)


# Leaving -----------------------------------------------------------------------------


class Holder(Screen[None]):
    """A screen that owns an open session, as the walk does."""

    def __init__(self, fail: bool = False) -> None:
        super().__init__()
        self.closed = 0
        self.fail = fail

    def compose(self):
        yield Static("holding")

    def close_session(self) -> None:
        self.closed += 1
        if self.fail:
            raise OSError("disk full")


async def test_ctrl_q_closes_every_session_on_the_stack_before_exiting(context):
    app = WalkthroughApp(context)
    lower, upper = Holder(), Holder()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await app.push_screen(lower)
        await app.push_screen(upper)
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert (lower.closed, upper.closed) == (1, 1)
    assert app.return_code == 0


async def test_q_on_home_quits(context):
    app = WalkthroughApp(context)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running


async def test_a_failed_save_on_quit_is_reported_and_a_second_ctrl_q_quits(context):
    app = WalkthroughApp(context)
    holder = Holder(fail=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await app.push_screen(holder)
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert app.is_running
        assert any("disk full" in n.message for n in app._notifications)
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert not app.is_running


CHILD = textwrap.dedent(
    """
    import sys
    from pathlib import Path

    sys.path.insert(0, {repo!r})
    from textual.screen import Screen
    from textual.widgets import Static

    import walkthrough.tui.screens.walk as walk

    data_dir, marker = Path(sys.argv[1]), Path(sys.argv[2])
    if sys.argv[3:] == ["dead-terminal"]:
        # Textual's writer thread dies on the first write to a closed terminal; its queue
        # then fills and the next write blocks the main thread. With one slot that happens
        # on every run instead of only after a burst of output (as the summary screen makes).
        import textual.drivers._writer_thread as writer_thread

        writer_thread.MAX_QUEUED_WRITES = 1


    class Walk(Screen):
        def __init__(self, open_session, bank):
            super().__init__()
            self.open_session = open_session

        def compose(self):
            yield Static("walking")

        def on_mount(self):
            self.call_after_refresh(lambda: marker.with_suffix(".ready").write_text("ready"))

        def close_session(self):
            from sessions.models import Answer

            self.open_session.save_answer(context.bank.walk()[0].id, Answer(text="kept"))
            with open(marker, "a") as handle:
                handle.write("closed\\n")
            self.open_session.close()


    walk.WalkScreen = Walk
    from walkthrough.tui.app import run_app
    from walkthrough.context import Context

    context = Context(data_dir_option=data_dir)
    session = context.store.create("Signal test", bank_id=context.bank.id, bank_version=context.bank.version)
    sys.exit(run_app(context, open_session=context.store.open(session.id)))
    """
)


def run_in_terminal(tmp_path: Path, data_dir: Path, *options: str) -> tuple[subprocess.Popen, int, Path]:
    script = tmp_path / "child.py"
    script.write_text(CHILD.format(repo=str(REPO)), encoding="utf-8")
    marker = tmp_path / "closed.txt"
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    env = {**os.environ, "TERM": "xterm-256color"}
    child = subprocess.Popen(
        [sys.executable, str(script), str(data_dir), str(marker), *options],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=env,
        start_new_session=True,
    )
    os.close(slave)

    def drain() -> None:
        while True:
            try:
                if not os.read(master, 65536):
                    return
            except OSError:
                return

    threading.Thread(target=drain, daemon=True).start()
    deadline = time.monotonic() + 30
    while not marker.with_suffix(".ready").exists():
        assert child.poll() is None, "the app exited before showing the walk"
        assert time.monotonic() < deadline, "the app did not start"
        time.sleep(0.05)
    return child, master, marker


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP], ids=["SIGTERM", "SIGHUP"])
def test_a_terminating_signal_saves_and_releases_the_session(tmp_path, data_dir, signum):
    child, master, marker = run_in_terminal(tmp_path, data_dir)
    if signum == signal.SIGHUP:
        os.close(master)  # the terminal window is gone, as when a tmux pane is killed
    child.send_signal(signum)
    try:
        code = child.wait(timeout=20)
    finally:
        if child.poll() is None:
            child.kill()
        if signum != signal.SIGHUP:
            os.close(master)
    assert marker.read_text() == "closed\n"
    assert code == 128 + signum
    context = Context(data_dir_option=data_dir)
    (entry,) = context.store.listing().entries
    context.store.open(entry.id).close()  # the lock was released


def test_a_dead_terminal_cannot_keep_the_app_alive(tmp_path, data_dir):
    # tmux kill-server: the terminal is gone, so Textual's shutdown blocks writing to it.
    # The sessions are saved by then; the app must still exit soon after.
    child, master, marker = run_in_terminal(tmp_path, data_dir, "dead-terminal")
    os.close(master)
    child.send_signal(signal.SIGHUP)
    started = time.monotonic()
    try:
        code = child.wait(timeout=6)
    except subprocess.TimeoutExpired:
        pytest.fail("the app was still running 6 s after its terminal closed")
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    assert time.monotonic() - started < 6
    assert code == 128 + signal.SIGHUP
    assert marker.read_text() == "closed\n"
    context = Context(data_dir_option=data_dir)
    (entry,) = context.store.listing().entries
    with context.store.open(entry.id) as handle:  # the lock was released
        assert handle.session.answers[context.bank.walk()[0].id].text == "kept"


# Terminal input ----------------------------------------------------------------------


def parse(*writes: str) -> list[str]:
    """The keys a run of terminal writes becomes, once the escape delay has passed."""
    parser = BurstSafeXTermParser()
    keys = [event for data in writes for event in parser.feed(data)]
    time.sleep(0.2)
    keys += parser.tick()
    return [key.key for key in keys]


@pytest.mark.parametrize(
    "writes, keys",
    [
        (["\x1bp\x1bg"], ["alt+p", "alt+g"]),
        (["\x1br\x1br\x1br"], ["alt+r", "alt+r", "alt+r"]),
        (["\x1bp", "\x1bg"], ["alt+p", "alt+g"]),  # the burst split across two reads
        (["\x1b", "p\x1bg"], ["alt+p", "alt+g"]),
        (["\x1b[A\x1bp"], ["up", "alt+p"]),
        (["\x1b[1;3A\x1b[1;3B"], ["alt+up", "alt+down"]),
        (["\x1b\x1bp"], ["escape", "alt+p"]),
        (["^p^g"], ["circumflex_accent", "p", "circumflex_accent", "g"]),  # a typed ^ stays typed
        (["a^", "p"], ["a", "circumflex_accent", "p"]),
    ],
)
def test_alt_keys_in_one_write_stay_alt_keys(writes, keys):
    assert parse(*writes) == keys


def test_the_app_reads_the_terminal_with_the_burst_safe_parser(context):
    app = WalkthroughApp(context)
    module = sys.modules[app.driver_class.__module__]
    assert module.XTermParser is BurstSafeXTermParser


# Start-up ----------------------------------------------------------------------------


async def test_a_walk_opened_at_start_renders_its_first_frame_once_textuals_start_up_is_over(
    context, three_sessions, monkeypatch
):
    # Textual's start-up is one batch update and the app drops any frame made in it: the walk
    # that `walkthrough resume` pushes then would lay out and render a whole frame for nothing.
    from textual._compositor import Compositor

    from walkthrough.tui.screens.walk import WalkScreen

    renders: list[tuple[str, int]] = []
    render_update = Compositor.render_update

    def recorded(compositor, *args, **kwargs):
        screen = app.screen
        renders.append((type(screen).__name__, app._batch_count))
        return render_update(compositor, *args, **kwargs)

    monkeypatch.setattr(Compositor, "render_update", recorded)
    app = WalkthroughApp(context, open_session=context.store.open(three_sessions[0]))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, WalkScreen)
        assert "Acme Cloud 2.0" in screen_text(app)
    walk_frames = [batched for name, batched in renders if name == "WalkScreen"]
    assert walk_frames and not any(walk_frames), renders
    assert "home" not in app.__dict__  # nor was the home screen made underneath it
