"""Keys for the screen you are on, read from the live bindings rather than written out.

Built from `Screen.active_bindings` of the screen underneath, so it lists exactly what
works there right now (including keys the footer leaves out for space) and can never
drift from the code. The screen's HELP text, when it has one, comes first.
"""

from __future__ import annotations

import re

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from walkthrough.tui.widgets.key_footer import KeyFooter


def screen_label(node: DOMNode) -> str:
    """ "NewSessionScreen" -> "New session"."""
    name = re.sub(r"Screen$", "", type(node).__name__) or type(node).__name__
    words = re.findall(r"[A-Z][a-z0-9]*|[a-z0-9]+", name)
    return " ".join([words[0], *(word.lower() for word in words[1:])]) if words else name


# Textual's own screen keys (focus moves, copy) work on every screen: listed with the app's.
GENERIC_SCREEN_ACTIONS = {binding.action for binding in Screen.BINDINGS if isinstance(binding, Binding)}


def binding_groups(screen: Screen) -> list[tuple[str, list[tuple[str, str]]]]:
    """(group title, [(keys, description)]) for every described, non-system binding
    active on `screen`: the screen's own first, then the focused widget's, then the
    ones that work everywhere."""
    app = screen.app
    grouped: dict[DOMNode, dict[tuple[str, str], list[str]]] = {}
    for active in screen.active_bindings.values():
        binding: Binding = active.binding
        if binding.system or not binding.description:
            continue
        node = app if active.node is screen and binding.action in GENERIC_SCREEN_ACTIONS else active.node
        actions = grouped.setdefault(node, {})
        keys = actions.setdefault((binding.action, binding.description), [])
        display = app.get_key_display(binding)
        if display not in keys:
            keys.append(display)

    def rank(node: DOMNode) -> int:
        return 0 if node is screen else 2 if node is app else 1

    groups: list[tuple[str, list[tuple[str, str]]]] = []
    for node in sorted(grouped, key=rank):
        if node is screen:
            title = "On this screen"
        elif node is app:
            title = "Everywhere"
        else:
            title = node.BINDING_GROUP_TITLE or screen_label(node)
        rows = [(", ".join(keys), description) for (_action, description), keys in grouped[node].items()]
        groups.append((title, rows))
    return groups


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,f1,question_mark,q", "close", "Close")]

    def __init__(self, target: Screen) -> None:
        super().__init__(classes="dialog-screen")
        self._target = target

    def compose(self) -> ComposeResult:
        groups = binding_groups(self._target)
        key_width = max((len(keys) for _title, rows in groups for keys, _ in rows), default=4) + 2
        with Vertical(classes="dialog help-dialog"):
            yield Static(f"Keys · {screen_label(self._target)}", classes="dialog-title")
            with VerticalScroll(id="help-body"):
                if self._target.HELP:
                    yield Static(self._target.HELP, classes="help-intro", markup=False)
                for title, rows in groups:
                    yield Static(title, classes="help-group", markup=False)
                    lines = [
                        Content.assemble((keys.ljust(key_width), "bold $accent"), description)
                        for keys, description in rows
                    ]
                    yield Static(Content("\n").join(lines), classes="help-keys")
                yield Static(
                    "Mouse works too: click a row, a button or a key in the footer.",
                    classes="help-outro",
                )
        yield KeyFooter()

    def action_close(self) -> None:
        self.dismiss(None)
