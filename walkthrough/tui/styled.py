"""A translated sentence whose placeholders are styled (a key in the accent colour, a name in
bold): the translation decides the word order, the code only the styles."""

from __future__ import annotations

import re

from textual.content import Content

Piece = str | Content | tuple[str, str]

_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def styled(template: str, **values: Piece) -> Content:
    """`template` (already translated) with each `{name}` replaced by `values[name]`: plain
    text, Content, or (text, style). The rest of the template is plain text, never markup."""
    parts = _PLACEHOLDER.split(template)
    pieces: list[Piece] = []
    for index, part in enumerate(parts):
        if index % 2:
            pieces.append(values[part])
        elif part:
            pieces.append(part)
    return Content.assemble(*pieces)
