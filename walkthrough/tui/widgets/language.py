"""Redrawing the widgets in the language now in use, after the PM switches language.

Widgets translate their own words when they draw (`walkthrough.i18n`), but some keep what
they drew: labels composed once, a tree's node labels, a table's settled column widths, a
detail pane filled by `show`. Each of those has a `refresh_language()` that redraws it from
what it holds; `relabel` calls it on every widget under a screen and simply refreshes the
others, whose `render` translates afresh.
"""

from __future__ import annotations

from textual.dom import DOMNode
from textual.widget import Widget

from walkthrough.i18n import _


def around(template: str, name: str) -> tuple[str, str]:
    """The words of a translated template before and after its `{name}` placeholder, to
    style a label and its value apart while the translation keeps its own separator
    ("Why it matters: {why}", "为什么重要：{why}", no space after the Chinese colon)."""
    before, _placeholder, after = template.partition("{" + name + "}")
    return before, after


def translated(text: str) -> str:
    """`text` (an msgid kept from `N_`) in the language in use; "" stays "", where gettext
    would give the catalog's header."""
    return _(text) if text else text


def relabel(root: DOMNode) -> None:
    """Redraw every widget under `root` (not `root` itself) in the language now in use."""
    for widget in root.query(Widget):
        refresh_language = getattr(widget, "refresh_language", None)
        if callable(refresh_language):
            refresh_language()
        else:
            widget.refresh(layout=True)
