"""Readiness of one question: ready, partial, gap or not applicable."""

from __future__ import annotations

from textual.binding import Binding

from sessions.models import Readiness
from walkthrough.tui.colours import READINESS
from walkthrough.tui.widgets.picker import Option, Picker

_LABELS = {
    Readiness.READY: "Ready",
    Readiness.PARTIAL: "Partial",
    Readiness.GAP: "Gap",
    Readiness.NOT_APPLICABLE: "N/A",
}
READINESS_OPTIONS = tuple(Option(value, label, READINESS[value]) for value, label in _LABELS.items())


class ReadinessPicker(Picker[Readiness]):
    """Left and right move along the options as drawn: Ready · Partial · Gap · N/A."""

    BINDING_GROUP_TITLE = "Readiness field"
    BINDINGS = [
        Binding("left", "step(-1)", "One to the left, toward Ready", show=False),
        Binding("right", "step(1)", "One to the right, toward N/A", show=False),
    ]

    def __init__(self, *, id: str | None = None, disabled: bool = False) -> None:
        super().__init__(READINESS_OPTIONS, id=id, disabled=disabled)
