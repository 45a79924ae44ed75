"""The field a session or a milestone is named in."""

from __future__ import annotations

from textual.widgets import Input

from walkthrough.tui.widgets.keys_in_order import KeysInOrder


class NameInput(KeysInOrder, Input):
    """Textual's Input, its text selected as it gets the focus (typing replaces a name
    offered), with keys typed in one burst applied in order (see KeysInOrder)."""
