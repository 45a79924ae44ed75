"""Readiness of one question: ready, partial, gap or not applicable."""

from __future__ import annotations

from sessions.models import Readiness
from walkthrough.tui.widgets.picker import Option, Picker

READINESS_OPTIONS = (
    Option(Readiness.READY, "Ready", "green"),
    Option(Readiness.PARTIAL, "Partial", "yellow"),
    Option(Readiness.GAP, "Gap", "red"),
    Option(Readiness.NOT_APPLICABLE, "N/A", "bright_black"),
)


class ReadinessPicker(Picker[Readiness]):
    def __init__(self, *, id: str | None = None, disabled: bool = False) -> None:
        super().__init__(READINESS_OPTIONS, id=id, disabled=disabled)
