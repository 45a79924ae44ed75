"""User text made safe to paint: control characters shown as symbols, never sent raw.

Rich and Textual pass ESC and most other control characters straight through to
the terminal, so an answer pasted from a terminal or a session imported from a
file could recolour the screen, retitle the window or worse. Each control
character is drawn as its Unicode "control picture" (ESC as ␛) instead; the
stored text is left exactly as typed. Bidi controls (sessions.text.BIDI_CONTROLS)
draw nothing anyway, but a terminal that honours them would reorder the rest of the
line: each becomes a zero-width space, which draws nothing and reorders nothing.
"""

from __future__ import annotations

from rich.highlighter import Highlighter
from rich.text import Text

from sessions.text import BIDI_CONTROLS

_PICTURES = {code: chr(0x2400 + code) for code in range(0x20) if code not in (0x09, 0x0A)}
_PICTURES[0x7F] = "\u2421"  # ␡
_PICTURES.update({code: "\ufffd" for code in range(0x80, 0xA0)})  # C1 controls have no pictures
_PICTURES.update({ord(control): "\u200b" for control in BIDI_CONTROLS})


def visible(text: str) -> str:
    """Same length as `text`, so cursor columns still line up."""
    return text.translate(_PICTURES)


class VisibleControls(Highlighter):
    """For Input: it renders its value through the highlighter, so swap the characters there."""

    def highlight(self, text: Text) -> None:
        shown = visible(text.plain)
        if shown != text.plain:
            text.plain = shown
