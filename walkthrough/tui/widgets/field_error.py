"""A one-line reason under a form field, there only while there is something to say."""

from __future__ import annotations

from textual.widgets import Static


class FieldError(Static):
    DEFAULT_CLASSES = "field-error"

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id, markup=False)
        self.display = False

    def show(self, message: str) -> None:
        self.update(message)
        self.display = bool(message)
