"""Text cut and padded to terminal cells, never to characters.

A Chinese character takes two cells and a Thai vowel or tone mark none, so `len()` and
`str.ljust` misalign columns as soon as the text is not English. Cuts fall between
grapheme clusters (rich keeps a Thai letter with its marks), and a cut is shown by "…".
`RowTable`, the outline and the panes all cut through `fit`, so a cut looks the same everywhere.
"""

from __future__ import annotations

from rich.cells import cell_len, split_graphemes

ELLIPSIS = "…"


def fit(text: str, width: int) -> str:
    """`text` if it fits in `width` cells, else as much of it as fits with "…" at the end."""
    if width <= 0:
        return ""
    if cell_len(text) <= width:
        return text
    kept, cells = [], 0
    for start, end, size in split_graphemes(text)[0]:
        if cells + size > width - 1:
            break
        kept.append(text[start:end])
        cells += size
    # "…" right after the last whole character; a wide one that did not fit leaves a space
    # after it, so the result is still exactly `width` cells.
    return "".join(kept) + ELLIPSIS + " " * (width - 1 - cells)


def pad(text: str, width: int, *, right: bool = False) -> str:
    """`text` fitted to `width` cells and filled with spaces to exactly `width`."""
    fitted = fit(text, width)
    room = " " * (width - cell_len(fitted))
    return room + fitted if right else fitted + room


def widest(*texts: str) -> int:
    """The cells the widest of `texts` takes (0 for none)."""
    return max((cell_len(text) for text in texts), default=0)
