"""A one-line field that paints control characters as symbols (see `visible`)."""

from __future__ import annotations

from textual.widgets import Input

from walkthrough.tui.widgets.visible import VisibleControls


class SafeInput(Input):
    """Input draws its value through its highlighter, which is where the swap happens."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(highlighter=VisibleControls(), **kwargs)  # type: ignore[arg-type]
