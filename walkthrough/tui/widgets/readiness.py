"""Readiness of one question: ready, partial, gap or not applicable."""

from __future__ import annotations

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
    def __init__(self, *, id: str | None = None, disabled: bool = False) -> None:
        super().__init__(READINESS_OPTIONS, id=id, disabled=disabled)
