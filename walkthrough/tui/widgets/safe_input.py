"""A one-line field that paints control characters as symbols (see `visible`) and shows
what it holds: the start of its text when it is not being edited."""

from __future__ import annotations

from textual import events
from textual.widgets import Input

from walkthrough.tui.widgets.keys_in_order import KeysInOrder
from walkthrough.tui.widgets.language import translated
from walkthrough.tui.widgets.visible import VisibleControls


class SafeInput(KeysInOrder, Input):
    """Input draws its value through its highlighter, which is where the swap happens.

    Textual selects a field's whole text when it gets the focus, so the first key typed
    after tab would replace it; here the cursor goes to the end instead, and leaving the
    field scrolls it back to its start ("Dana Keller (Product…", not "…Marketing)").

    The placeholder is an msgid (`N_`), shown in the language in use.
    """

    def __init__(self, **kwargs: object) -> None:
        kwargs.setdefault("select_on_focus", False)
        self._placeholder_id = str(kwargs.get("placeholder", ""))
        kwargs["placeholder"] = translated(self._placeholder_id)
        super().__init__(highlighter=VisibleControls(), **kwargs)  # type: ignore[arg-type]
        if not self.validators:
            # Textual marks a field without validators "-valid" as its value is first set,
            # and restyles it and its parts for that (on the walk, as its first question
            # shows); marked from the start, it is styled once.
            self.add_class("-valid", update=False)
        self._left_at = 0  # where the cursor was when the field lost the focus

    def refresh_language(self) -> None:
        self.placeholder = translated(self._placeholder_id)

    def load(self, value: str) -> None:
        """Show `value` as the field's text, from its start unless it is being edited."""
        self.value = value
        self.cursor_position = len(value) if self.has_focus else 0

    def on_focus(self, event: events.Focus) -> None:
        # Back from another window the PM carries on where they were; tabbing in, at the end.
        self.cursor_position = self._left_at if event.from_app_focus else len(self.value)

    def on_blur(self, event: events.Blur) -> None:
        self._left_at = self.cursor_position
        self.cursor_position = 0
