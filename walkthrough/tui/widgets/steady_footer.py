"""Textual's Footer, rebuilt only when its keys change (every screen's footer is one).

Textual's Footer recomposes (unmounts and mounts a widget per key) on every bindings
update: each focus change, each `refresh_bindings`. Most of those leave the keys as they
were, yet each rebuild cost the walk 10-40 ms, several times before its first frame and
again on the way into and out of the gap summary. This one remembers what it shows and
skips the rebuild when nothing it would show has changed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.widgets import Footer

if TYPE_CHECKING:
    from textual.screen import Screen


class SteadyFooter(Footer):
    def __init__(self, *, compact: bool = False, id: str | None = None) -> None:
        super().__init__(compact=compact, id=id)
        self._shown: tuple[object, ...] | None = None

    def bindings_changed(self, screen: Screen) -> None:
        if self.is_attached and screen is self.screen and screen.app.app_focus:
            shown = self._keys(screen)
            if shown == self._shown:
                return
            self._shown = shown
        super().bindings_changed(screen)

    def _keys(self, screen: Screen) -> tuple[object, ...]:
        """Everything Footer.compose reads from the bindings, in order."""
        active = screen.active_bindings
        palette = active.get(self.app.COMMAND_PALETTE_BINDING)
        return (
            *(
                (
                    binding.key,
                    binding.key_display,
                    binding.action,
                    binding.description,
                    binding.group,
                    on,
                    tip,
                )
                for _node, binding, on, tip in active.values()
                if binding.show
            ),
            palette[1:] if palette else None,
        )
