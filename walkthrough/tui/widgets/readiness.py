"""Readiness of one question: ready, partial, gap or not applicable."""

from __future__ import annotations

from textual.binding import Binding

from sessions.models import Readiness
from walkthrough.i18n import N_
from walkthrough.tui.colours import READINESS
from walkthrough.tui.widgets.picker import Option, Picker

_LABELS = {
    Readiness.READY: N_("Ready"),
    Readiness.PARTIAL: N_("Partial"),
    Readiness.GAP: N_("Gap"),
    # Translators: readiness of a question that does not apply to this product; keep it short
    Readiness.NOT_APPLICABLE: N_("N/A"),
}
READINESS_OPTIONS = tuple(Option(value, label, READINESS[value]) for value, label in _LABELS.items())


class ReadinessPicker(Picker[Readiness]):
    """Left and right move along the options as drawn: Ready · Partial · Gap · N/A."""

    BINDING_GROUP_TITLE = N_("Readiness field")
    BINDINGS = [
        Binding("left", "step(-1)", N_("One to the left, toward Ready"), show=False),
        Binding("right", "step(1)", N_("One to the right, toward N/A"), show=False),
    ]

    def __init__(self, *, id: str | None = None, disabled: bool = False) -> None:
        super().__init__(READINESS_OPTIONS, id=id, disabled=disabled)
