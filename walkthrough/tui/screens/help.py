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

from rich.cells import cell_len, set_cell_size
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen
from textual.widgets import Input, Static, TextArea

from walkthrough.i18n import N_, _
from walkthrough.tui.widgets.key_footer import KeyFooter, action_name, plain_key

Rows = list[tuple[str, str]]  # (keys, description)

EVERYWHERE = N_("Everywhere")
TEXT_EDITING = N_("Text editing (the answer, the decision and every field)")
# Translators: in help, the key column of the line "Select while moving".
SELECT_WHILE_MOVING = (N_("shift + a move key"), N_("Select while moving"))

# Textual's own widgets (the text fields, lists and scrolling) describe their keys in English:
# marked here so the catalogs carry them, and help, which translates every description, says
# them in the language in use.
TEXTUAL_KEYS = (
    N_("Cursor up"),
    N_("Cursor down"),
    N_("Cursor left"),
    N_("Cursor right"),
    N_("Cursor word left"),
    N_("Cursor word right"),
    N_("Cursor line start"),
    N_("Cursor line end"),
    N_("Cursor page up"),
    N_("Cursor page down"),
    N_("Select line"),
    N_("Select all"),
    N_("Delete character left"),
    N_("Delete left to start of word"),
    N_("Delete character right"),
    N_("Delete right to start of word"),
    N_("Cut"),
    N_("Copy"),
    N_("Paste"),
    N_("Delete to line start"),
    N_("Delete to line end"),
    N_("Delete line"),
    N_("Undo"),
    N_("Redo"),
    N_("Scroll Up"),
    N_("Scroll Down"),
    N_("Scroll Left"),
    N_("Scroll Right"),
    N_("Scroll Home"),
    N_("Scroll End"),
    N_("Page Up"),
    N_("Page Down"),
    N_("Page Left"),
    N_("Page Right"),
    N_("Move cursor left"),
    N_("Move cursor left a word"),
    N_("Move cursor right or accept the completion suggestion"),
    N_("Move cursor right a word"),
    N_("Go to start"),
    N_("Go to end"),
    N_("Select line start"),
    N_("Select line end"),
    N_("Submit"),
    N_("Delete all to the left"),
    N_("Delete all to the right"),
    N_("Cut selected text"),
    N_("Copy selected text"),
    N_("Paste text from the clipboard"),
    N_("Down"),
    N_("Last"),
    N_("Select"),
    N_("First"),
    N_("Up"),
    N_("Toggle option"),
    N_("Next option"),
    N_("Toggle"),
    N_("Previous option"),
)

# What help calls each screen (its title says "Keys · <name>"): a screen not named here is
# called by its class name, "NewSessionScreen" -> "New session".
SCREEN_LABELS = {
    "HomeScreen": N_("Home"),
    "WalkScreen": N_("Walk"),
    "SummaryScreen": N_("Summary"),
    "CompareScreen": N_("Changes"),
    "NewSessionScreen": N_("New session"),
    "TeamsScreen": N_("Teams"),
    "LaunchScreen": N_("Launch date"),
    "ChoiceScreen": N_("Choice"),
    "ConfirmScreen": N_("Confirm"),
    "RenameScreen": N_("Rename session"),
    "MilestoneNameScreen": N_("Save milestone"),
    "HelpScreen": N_("Help"),
    "TooSmallScreen": N_("Too small"),
}


def screen_label(node: DOMNode) -> str:
    """ "NewSessionScreen" -> "New session", in the language in use when it is known."""
    known = SCREEN_LABELS.get(type(node).__name__)
    if known is not None:
        return _(known)
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
    ones that work everywhere, then the generic text-editing keys. Titles and descriptions
    are marked N_() where they are written and said here in the language in use."""
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
        return [(", ".join(keys), _(description)) for (_action, description), keys in grouped[node].items()]

    groups: list[tuple[str, Rows]] = []
    if screen in grouped:
        groups += _sections(
            getattr(screen, "HELP_SECTIONS", ()),
            [(action, (", ".join(keys), _(d))) for (action, d), keys in grouped[screen].items()],
        )
    widgets = [node for node in grouped if node is not screen and node is not app]
    for node in widgets:
        if not _is_generic(node):
            groups.append((_group_title(node), rows(node)))
    if app in grouped:
        groups.append((_(EVERYWHERE), rows(app)))
    editing = [grouped[node] for node in widgets if _is_text_editing(node)]
    if editing:
        groups.append((_(TEXT_EDITING), _fold_selection(editing)))
    for node in widgets:
        if _is_generic(node) and not _is_text_editing(node):
            groups.append((_group_title(node), rows(node)))
    return groups


def _group_title(node: DOMNode) -> str:
    title = node.BINDING_GROUP_TITLE
    return _(title) if title else screen_label(node)


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
            result.append((_(title), section))
    if left:
        title = _("More on this screen") if result else _("On this screen")
        result.append((title, [row for _action, row in left]))
    return result


def _fold_selection(nodes: list[dict[tuple[str, str], list[str]]]) -> Rows:
    """Every cursor move has a shift+ twin that selects (Textual's "… select", judged before
    translation): one line says so for all of them."""
    rows: Rows = []
    folded = False
    for actions in nodes:
        for (_action, description), keys in actions.items():
            if description.lower().endswith(" select"):
                folded = True
            else:
                rows.append((", ".join(keys), _(description)))
    if folded:
        rows.append((_(SELECT_WHILE_MOVING[0]), _(SELECT_WHILE_MOVING[1])))
    return rows


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,f1,question_mark,q", "close", N_("Close"))]
    HELP = ""  # the help screen has no help of its own

    def __init__(self, target: Screen) -> None:
        super().__init__(classes="dialog-screen")
        self._target = target

    def compose(self) -> ComposeResult:
        groups = binding_groups(self._target)
        key_width = max((cell_len(keys) for _title, rows in groups for keys, _d in rows), default=4) + 2
        with Vertical(classes="dialog help-dialog"):
            yield Static(
                _("Keys · {screen}").format(screen=screen_label(self._target)),
                classes="dialog-title",
                markup=False,
            )
            with VerticalScroll(id="help-body"):
                if self._target.HELP:
                    yield Static(_(self._target.HELP), classes="help-intro", markup=False)
                for title, rows in groups:
                    yield Static(title, classes="help-group", markup=False)
                    lines = [
                        Content.assemble((set_cell_size(keys, key_width), "bold $accent"), description)
                        for keys, description in rows
                    ]
                    yield Static(Content("\n").join(lines), classes="help-keys")
                yield Static(
                    _("Mouse works too: click a row, a button or a key in the footer."),
                    classes="help-outro",
                )
        yield KeyFooter()

    def action_close(self) -> None:
        self.dismiss(None)
