"""Terminal escape sequences in user text: pasted from a terminal, they would repaint
or retitle the PM's screen wherever the text is shown, and mean nothing in a report."""

from __future__ import annotations

import re

# CSI (ESC [ ... final), OSC (ESC ] ... BEL or ESC \), two-byte ESC sequences, and 8-bit CSI.
ESCAPE_SEQUENCE = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-Z\\-_]|\x9b[0-?]*[ -/]*[@-~]"
)


def without_escape_sequences(text: str) -> str:
    return ESCAPE_SEQUENCE.sub("", text)
