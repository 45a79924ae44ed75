"""Keys for the screen you are on, read from the live bindings rather than written out.

Built from `Screen.active_bindings` of the screen underneath, so it lists exactly what
works there right now (including keys the footer leaves out for space) and can never
drift from the code. The screen's HELP text, when it has one, comes first; then the
app's own keys, grouped by what they do (a screen names its groups in HELP_SECTIONS);
then the keys that work everywhere; and last, folded into one section, the text-editing
keys every Textual field has (and any other generic widget keys, such as scrolling).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen
from textual.widgets import Input, Static, TextArea

from walkthrough.tui.widgets.key_footer import action_name, plain_key
from walkthrough.tui.widgets.steady_footer import SteadyFooter

Rows = list[tuple[str, str]]  # (keys, description)

EVERYWHERE = "Everywhere"
TEXT_EDITING = "Text editing (the answer, the decision and every field)"
SELECT_WHILE_MOVING = ("shift + a move key", "Select while moving")


def screen_label(node: DOMNode) -> str:
    """ "NewSessionScreen" -> "New session"."""
    name = re.sub(r"Screen$", "", type(node).__name__) or type(node).__name__
    words = re.findall(r"[A-Z][a-z0-9]*|[a-z0-9]+", name)
    return " ".join([words[0], *(word.lower() for word in words[1:])]) if words else name


# Textual's own screen keys (focus moves, copy) work on every screen: listed with the app's.
GENERIC_SCREEN_ACTIONS = {binding.action for binding in Screen.BINDINGS if isinstance(binding, Binding)}


def _is_text_editing(node: DOMNode) -> bool:
    return isinstance(node, (TextArea, Input))


def _is_generic(node: DOMNode) -> bool:
    """Textual's own widgets (a scroll container, a text field): keys every Textual app has."""
    return _is_text_editing(node) or type(node).__module__.startswith("textual.")


def binding_groups(screen: Screen) -> list[tuple[str, Rows]]:
    """(group title, [(keys, description)]) for every described, non-system binding
    active on `screen`: the screen's own keys by what they do, then its widgets', then the
    ones that work everywhere, then the generic text-editing keys."""
    app = screen.app
    grouped: dict[DOMNode, dict[tuple[str, str], list[str]]] = {}
    for active in screen.active_bindings.values():
        binding: Binding = active.binding
        if binding.system or not binding.description:
            continue
        node = app if active.node is screen and binding.action in GENERIC_SCREEN_ACTIONS else active.node
        actions = grouped.setdefault(node, {})
        keys = actions.setdefault((binding.action, binding.description), [])
        display = plain_key(app, binding)
        if display not in keys:
            keys.append(display)

    def rows(node: DOMNode) -> Rows:
        return [(", ".join(keys), description) for (_action, description), keys in grouped[node].items()]

    groups: list[tuple[str, Rows]] = []
    if screen in grouped:
        groups += _sections(
            getattr(screen, "HELP_SECTIONS", ()),
            [(action, (", ".join(keys), d)) for (action, d), keys in grouped[screen].items()],
        )
    widgets = [node for node in grouped if node is not screen and node is not app]
    for node in widgets:
        if not _is_generic(node):
            groups.append((node.BINDING_GROUP_TITLE or screen_label(node), rows(node)))
    if app in grouped:
        groups.append((EVERYWHERE, rows(app)))
    editing = [row for node in widgets if _is_text_editing(node) for row in rows(node)]
    if editing:
        groups.append((TEXT_EDITING, _fold_selection(editing)))
    for node in widgets:
        if _is_generic(node) and not _is_text_editing(node):
            groups.append((node.BINDING_GROUP_TITLE or screen_label(node), rows(node)))
    return groups


def _sections(
    sections: Sequence[tuple[str, Sequence[str]]], keyed: list[tuple[str, tuple[str, str]]]
) -> list[tuple[str, Rows]]:
    """The screen's keys under the titles it gives them; any left over, "On this screen"."""
    result: list[tuple[str, Rows]] = []
    left = list(keyed)
    for title, actions in sections:
        section = [row for action, row in left if action_name(action) in actions]
        left = [(action, row) for action, row in left if action_name(action) not in actions]
        if section:
            result.append((title, section))
    if left:
        result.append(("More on this screen" if result else "On this screen", [row for _, row in left]))
    return result


def _fold_selection(rows: Rows) -> Rows:
    """Every cursor move has a shift+ twin that selects: one line says so for all of them."""
    kept = [row for row in rows if not row[1].lower().endswith(" select")]
    return [*kept, SELECT_WHILE_MOVING] if len(kept) < len(rows) else kept


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
        yield SteadyFooter()

    def action_close(self) -> None:
        self.dismiss(None)
