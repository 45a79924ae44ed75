"""Textual's Footer, rebuilt only when its keys change (every screen's footer is one).

Textual's Footer recomposes (unmounts and mounts a widget per key) on every bindings
update: each focus change, each `refresh_bindings`. Most of those leave the keys as they
were, yet each rebuild cost the walk 10-40 ms, several times before its first frame and
again on the way into and out of the gap summary. This one remembers what it shows and
skips the rebuild when nothing it would show has changed.

Screens give their bindings English descriptions marked with `N_()`; the footer translates
them as it builds its keys, so they follow the language in use (`refresh_language` rebuilds
it after a switch).

Each key it shows is made in the footer's style (compact or not) from the start: a key
is born compact and is bound to the footer's setting after it mounts, and each of those
changes restyled it (two style passes per key on every screen's first frame).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Footer
from textual.widgets._footer import FooterKey, FooterLabel

from walkthrough.i18n import language
from walkthrough.tui.widgets.language import translated

if TYPE_CHECKING:
    from textual.screen import Screen


class SteadyFooter(Footer):
    def __init__(self, *, compact: bool = False, id: str | None = None) -> None:
        super().__init__(compact=compact, id=id)
        self._shown: tuple[object, ...] | None = None

    @staticmethod
    def settled(widget: Widget, compact: bool) -> Widget:
        """A key made `compact` (or not) before it mounts, so that neither its default nor
        its binding to the footer's `compact` has a class to change and restyle it."""
        if isinstance(widget, FooterKey):
            widget.set_reactive(FooterKey.compact, compact)
            widget.set_class(compact, "-compact", update=False)
        return widget

    def bindings_changed(self, screen: Screen) -> None:
        if self.is_attached and screen is self.screen and screen.app.app_focus:
            shown = self._keys(screen)
            if shown == self._shown:
                return
            self._shown = shown
        super().bindings_changed(screen)

    def compose(self) -> ComposeResult:
        for widget in super().compose():
            if isinstance(widget, FooterKey):
                translate_key(widget)
                # Textual's Footer binds every key to its `compact` but the palette's, which
                # stays compact (FooterKey's default) whatever the footer is.
                self.settled(widget, True if widget.has_class("-command-palette") else self.compact)
            elif isinstance(widget, FooterLabel):
                # A group's description: a new label, as a Label's text is set when it is made.
                widget = FooterLabel(translated(str(widget.content)))
            yield widget

    class _Relabel(Message):
        """Rebuild in the language now in use. A message to itself, so the rebuild runs in
        the footer's own context, where its keys can bind to it, whoever asked for it."""

    def refresh_language(self) -> None:
        self._shown = None
        self.post_message(self._Relabel())

    async def on_steady_footer__relabel(self, message: _Relabel) -> None:
        message.stop()
        if self.is_attached and self._bindings_ready:
            await self.recompose()

    def _keys(self, screen: Screen) -> tuple[object, ...]:
        """Everything Footer.compose reads from the bindings, in order."""
        active = screen.active_bindings
        palette = active.get(self.app.COMMAND_PALETTE_BINDING)
        return (
            language(),
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


def translate_key(key: FooterKey) -> None:
    """A footer key's words in the language in use (the bindings hold the English msgids)."""
    key.description = translated(key.description)
    if isinstance(key.tooltip, str):
        key.tooltip = translated(key.tooltip)
