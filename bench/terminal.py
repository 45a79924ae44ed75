"""A program on a pseudo-terminal whose screen the benchmark reads, as the user would see it.

Everything the program writes is fed to pyte, a terminal emulator, and `wait_for` returns when
a test on the emulated screen first passes, timed at the moment the bytes that made it pass
were read from the terminal: what the user would see then, not an internal event of the app.
"""

from __future__ import annotations

import fcntl
import os
import pty
import select
import signal
import struct
import subprocess
import termios
import time
from collections.abc import Callable
from pathlib import Path

try:
    import pyte
except ImportError:  # pragma: no cover - said once, plainly
    raise SystemExit('the startup bench reads the screen with pyte: pip install -e ".[bench]"') from None

Check = Callable[["Terminal"], bool]


class Terminal:
    def __init__(self, command: list[str], *, size: tuple[int, int], env: dict[str, str], cwd: Path) -> None:
        width, height = size
        self.screen = pyte.Screen(width, height)
        self._stream = pyte.ByteStream(self.screen)
        self._master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", height, width, 0, 0))
        self.started = time.perf_counter()
        self.process = subprocess.Popen(
            command, stdin=slave, stdout=slave, stderr=slave, env=env, cwd=cwd, start_new_session=True
        )
        os.close(slave)
        self._closed = False
        self.cpu_when_seen = 0.0  # the program's CPU time when `wait_for` last saw its text

    # -- reading the screen

    def lines(self) -> list[str]:
        return self.screen.display

    def shows(self, text: str) -> bool:
        return any(text in line for line in self.screen.display)

    def row_of(self, text: str) -> int | None:
        for number, line in enumerate(self.screen.display):
            if text in line:
                return number
        return None

    def background(self, row: int, column: int) -> str:
        char = self.screen.buffer[row][column]
        return f"{char.bg}{'/reverse' if char.reverse else ''}"

    def wait_for(self, check: Check, *, what: str, timeout: float = 60.0) -> float:
        """Seconds from `self.started` to the read that made `check` pass."""
        if check(self):
            self.cpu_when_seen = self.cpu_seconds()
            return time.perf_counter() - self.started
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise RuntimeError(f"not on screen within {timeout:.0f} s: {what}\n" + self.dump())
            ready, _, _ = select.select([self._master], [], [], min(left, 0.5))
            if not ready:
                if self.process.poll() is not None:
                    raise RuntimeError(f"exited ({self.process.returncode}) before {what}\n" + self.dump())
                continue
            try:
                data = os.read(self._master, 1 << 16)
            except OSError:
                data = b""
            arrived = time.perf_counter()
            if not data:
                raise RuntimeError(f"terminal closed before {what}\n" + self.dump())
            self._stream.feed(data)
            if check(self):
                self.cpu_when_seen = self.cpu_seconds()
                if self.shows("Traceback (most recent call last)"):  # a crash report quoting the text
                    raise RuntimeError(f"the program crashed before {what}\n" + self.dump())
                return arrived - self.started

    def drain(self, seconds: float) -> None:
        """Keep reading for a while, so the program's writes never block on a full terminal."""
        deadline = time.monotonic() + seconds
        while (left := deadline - time.monotonic()) > 0:
            ready, _, _ = select.select([self._master], [], [], left)
            if ready:
                try:
                    data = os.read(self._master, 1 << 16)
                except OSError:
                    return
                if not data:
                    return
                self._stream.feed(data)

    def dump(self) -> str:
        return "\n".join(line.rstrip() for line in self.screen.display)

    # -- typing

    def send(self, keys: bytes) -> float:
        """Type `keys`; the moment they were sent, on the clock `wait_for` answers with."""
        os.write(self._master, keys)
        return time.perf_counter() - self.started

    # -- the process

    def cpu_seconds(self) -> float:
        """CPU time the program has used so far, all threads, in nanosecond resolution (Linux):
        a cross-check on wall times, which other load on the machine stretches."""
        total = 0
        for task in Path(f"/proc/{self.process.pid}/task").iterdir():
            try:
                total += int((task / "schedstat").read_text().split()[0])
            except (OSError, IndexError, ValueError):
                continue  # a thread that just ended
        return total / 1e9

    def peak_rss_kib(self) -> int:
        """The program's peak resident memory so far (VmHWM), in KiB."""
        for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
        raise RuntimeError("no VmHWM in /proc/<pid>/status (Linux only)")

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        self.process.send_signal(signal.SIGTERM)
        try:
            deadline = time.monotonic() + 10
            while self.process.poll() is None and time.monotonic() < deadline:
                self.drain(0.05)
            if self.process.poll() is None:
                self.process.kill()
            self.process.wait(timeout=10)
        finally:
            os.close(self._master)

    def __enter__(self) -> Terminal:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
