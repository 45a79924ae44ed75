"""Textual's terminal input parser, hardened against keys that arrive in one burst."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from textual._xterm_parser import BRACKETED_PASTE_END, BRACKETED_PASTE_START, XTermParser

if TYPE_CHECKING:
    from textual.message import Message


class BurstSafeXTermParser(XTermParser):
    """Textual's terminal input parser, but alt+key presses arriving in one write stay keys.

    Alt+p is sent as ESC p. Textual (8.2.8) waits a moment after ESC p for more of a
    longer sequence; when the next ESC comes first (key repeat, or several presses in one
    SSH packet: ESC p ESC g) it gives up on ESC p with the ESC shown as a typed "^", so
    "^p" lands in the answer and only the last press acts. Here an ESC that arrives while
    exactly ESC + one character is pending ends that pair the way the wait running out
    would: as alt+that key. Longer unfinished sequences, pastes and a typed "^" (which is
    not ESC) go through Textual's parser unchanged.
    """

    _BEFORE_ESC = re.compile("(?=\x1b)")

    def __init__(self, debug: bool = False) -> None:
        self._pending = ""  # an unfinished escape sequence as far as it has been fed
        self._in_paste = False
        super().__init__(debug)

    def _in_sequence(self) -> bool:
        # The parser only reads with a timeout while it is inside an escape sequence.
        return self._awaiting.timeout is not None

    def feed(self, data: str) -> Iterable[Message]:
        if not data:  # end of input
            yield from super().feed(data)
            return
        for part in filter(None, self._BEFORE_ESC.split(data)):
            starts_sequence = part[0] == "\x1b"
            if starts_sequence and len(self._pending) == 2 and not self._in_paste and self._in_sequence():
                self._timeout_time = 0.0  # the escape delay is over: tick() issues alt+key
                yield from self.tick()
            if part.startswith(BRACKETED_PASTE_START):
                self._in_paste = True
            elif part.startswith(BRACKETED_PASTE_END):
                self._in_paste = False
            yield from super().feed(part)
            if not self._in_sequence():
                self._pending = ""
            else:
                self._pending = part if starts_sequence else self._pending + part
