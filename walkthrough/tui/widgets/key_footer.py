"""Textual's footer, fitted to the terminal: the keys that matter most always show.

Textual's footer lists a screen's keys in order and cuts the line at the edge, so at 80
columns the walk lost help and the rating keys off the end, and home in Russian ended in a
cut "q Вы". This one, every screen's footer, drops the keys the screen ranks lowest until
the rest fit (they stay in help, f1, and the command palette),
and shows a run of bindings sharing a `Binding.Group` as one entry: `alt+r alt+w Rate`.
Like every footer here (SteadyFooter), it is rebuilt only when its keys, its width or the
language change, and it measures the descriptions translated, in cells (a Chinese
character is two).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from rich.cells import cell_len
from textual import events
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from walkthrough.tui.widgets.steady_footer import SteadyFooter, translated


def action_name(action: str) -> str:
    """ "rate('risk', 1)" -> "rate"."""
    return action.split("(", 1)[0].rsplit(".", 1)[-1]


def plain_key(app: App[object], binding: Binding) -> str:
    """The key itself, for help and the palette: the footer's shorthand ("alt+y/p/g/n")
    would hide which key does what."""
    return app.get_key_display(replace(binding, key_display=None))


@dataclass
class _Entry:
    keys: list[tuple[Binding, bool, str]]  # (binding, enabled, tooltip), one per action
    description: str
    extra: int = 0

    def width(self, key_display: list[str]) -> int:
        # A compact footer draws "key description" and one space after each key.
        return sum(cell_len(key) + 1 for key in key_display) + cell_len(self.description) + 1 + self.extra


class KeyFooter(SteadyFooter):
    """A footer that keeps the screen's most important keys in view at any width.

    The screen ranks them in `FOOTER_RANK` (action names, most important first; the
    command palette key is "command_palette"); unranked keys go first when room runs out.
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(compact=True, id=id)
        self._width = 0

    def _rank(self) -> Sequence[str]:
        return tuple(getattr(self.screen, "FOOTER_RANK", ()))

    def _entries(self) -> list[_Entry]:
        entries: list[_Entry] = []
        seen: set[str] = set()
        for _node, binding, enabled, tooltip in self.screen.active_bindings.values():
            if not binding.show or binding.action in seen:
                continue
            seen.add(binding.action)
            last = entries[-1] if entries else None
            if binding.group is not None and last is not None and last.keys[0][0].group is binding.group:
                last.keys.append((binding, enabled, tooltip))
            else:
                description = binding.group.description if binding.group else binding.description
                entries.append(_Entry([(binding, enabled, tooltip)], translated(description)))
        return entries

    def compose(self) -> ComposeResult:
        if not self._bindings_ready:
            return
        self._width = self.app.size.width  # what these keys are fitted to (see on_resize)
        entries = self._entries()
        palette = self._palette_entry()
        candidates = entries + ([palette] if palette else [])
        displays = [[self.app.get_key_display(b) for b, _, _ in entry.keys] for entry in candidates]
        rank = self._rank()

        def importance(index: int) -> int:
            name = action_name(candidates[index].keys[0][0].action)
            return rank.index(name) if name in rank else len(rank)

        room = self.app.size.width - 1
        kept: set[int] = set()
        for index in sorted(range(len(candidates)), key=importance):
            width = candidates[index].width(displays[index])
            if width <= room:
                kept.add(index)
                room -= width

        for index, entry in enumerate(candidates):
            if index not in kept:
                continue
            is_palette = entry is palette
            for position, (binding, enabled, tooltip) in enumerate(entry.keys):
                last = position == len(entry.keys) - 1
                yield self.settled(
                    FooterKey(
                        binding.key,
                        displays[index][position],
                        entry.description if last else "",
                        binding.action,
                        disabled=not enabled,
                        tooltip=translated(tooltip or binding.tooltip or binding.description),
                        classes="-command-palette" if is_palette else "",
                    ).data_bind(compact=Footer.compact),
                    self.compact,
                )

    def _palette_entry(self) -> _Entry | None:
        if not (self.show_command_palette and self.app.ENABLE_COMMAND_PALETTE):
            return None
        found = self.screen.active_bindings.get(self.app.COMMAND_PALETTE_BINDING)
        if found is None:
            return None
        # Docked right after a divider: two cells more than a key of its own.
        return _Entry([(found.binding, found.enabled, "")], translated(found.binding.description), extra=2)

    def on_resize(self, _event: events.Resize) -> None:
        # Refitted only to a width other than the one the keys were fitted to: the footer's
        # first Resize comes after its keys were made for the same width.
        if self._bindings_ready and self.app.size.width != self._width:
            self.call_after_refresh(self.recompose)
