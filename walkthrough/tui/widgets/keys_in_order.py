"""Keys typed in one burst are applied in the order they were typed.

A text field inserts a printable key the moment the key reaches it, but a key it has a
binding for (backspace, delete, the arrows, home, end…) goes back up to the app, which then
runs the binding: by that time the keys typed after it, already waiting at the field, have
been inserted. "Helo", backspace, "lo world" arriving in one write (a fast typist over SSH,
a paste of keys, tmux send-keys) became "Helolo worl" in Textual 8.2.8. Here the field runs
its own bindings as the key reaches it, in turn with the keys around it. The app has already
tried its priority bindings before handing the key on, as it always does.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import events

if TYPE_CHECKING:
    from textual.widget import Widget

    _Field = Widget
else:
    # Not a DOMNode at run time: Textual follows a widget's first DOMNode base for its CSS
    # type names and component classes, and this mixin must not stand in the field's way.
    _Field = object


class KeysInOrder(_Field):
    """Mix in before the field's class: `class SafeInput(KeysInOrder, Input)`."""

    async def _on_key(self, event: events.Key) -> None:
        # Textual calls every class's _on_key along the MRO, this one first; a key handled
        # here is stopped and its default prevented, so the field's own handler is skipped.
        if event.is_printable:
            return
        for binding in self._bindings.key_to_bindings.get(event.key, ()):
            if not binding.priority and await self.app.run_action(binding.action, self):
                event.stop()
                event.prevent_default()
                return
