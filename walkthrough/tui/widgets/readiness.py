"""Readiness of one question: ready, partial, gap or not applicable."""

from __future__ import annotations

from textual.binding import Binding

from sessions.models import Readiness
from walkthrough.tui.widgets.picker import Option, Picker

READINESS_OPTIONS = (
    Option(Readiness.READY, "Ready", "green"),
    Option(Readiness.PARTIAL, "Partial", "yellow"),
    Option(Readiness.GAP, "Gap", "red"),
    Option(Readiness.NOT_APPLICABLE, "N/A", "bright_black"),
)


class ReadinessPicker(Picker[Readiness]):
    """Left and right move along the options as drawn: Ready · Partial · Gap · N/A."""

    BINDING_GROUP_TITLE = "Readiness field"
    BINDINGS = [
        Binding("left", "step(-1)", "One to the left, toward Ready", show=False),
        Binding("right", "step(1)", "One to the right, toward N/A", show=False),
    ]

    def __init__(self, *, id: str | None = None, disabled: bool = False) -> None:
        super().__init__(READINESS_OPTIONS, id=id, disabled=disabled)
