"""Command palette entries: every screen's own actions, and what a screen adds to them.

`ScreenCommands` (on every screen, through the app's COMMANDS) offers first what the
screen lists in `palette_entries()` (the walk: jumps to any stage or team, any question by
its number, the next open question; the gap summary: its filters, views and export), then
what the screen's keys do, read from its live bindings the way help is, so the palette and
the keys never disagree (home: New, Resume, Export…; the walk: Summary, Teams…).

Names come from the bank or the PM (owners), which may be anyone's text, so every entry is
built as Content (never parsed as markup) and highlighted here rather than by
`Matcher.highlight`, which reads its input as markup; the palette reads help strings as
markup, so those are escaped.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import partial
from typing import Protocol

from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.dom import DOMNode
from textual.fuzzy import Matcher
from textual.markup import escape
from textual.screen import Screen
from textual.style import Style

from questions.models import Bank, QuestionRef
from walkthrough.i18n import _
from walkthrough.tui.widgets.key_footer import action_name, plain_key
from walkthrough.tui.widgets.outline import Place
from walkthrough.tui.widgets.visible import visible


@dataclass(frozen=True)
class Entry:
    title: str
    help: str
    run: Callable[[], object]
    discoverable: bool = True  # listed before anything is typed; False: found by search only


class Walk(Protocol):
    """What the palette needs from the walk screen."""

    bank: Bank
    refs: list[QuestionRef]
    excluded: frozenset[str]
    read_only: bool

    def jump(self, place: Place) -> None: ...
    def go_to(self, ref: QuestionRef | None) -> None: ...
    def action_next_open(self) -> None: ...
    def action_save_milestone(self) -> None: ...


def walk_entries(walk: Walk) -> Iterator[Entry]:
    bank = walk.bank
    for s_index, stage in enumerate(bank.stages):
        teams = [(t_index, team) for t_index, team in enumerate(stage.teams) if team.id not in walk.excluded]
        if not teams:
            continue
        number = s_index + 1
        yield Entry(
            _("Go to: Stage {number} · {stage}").format(number=number, stage=visible(stage.title)),
            _("First question of stage {number}").format(number=number),
            partial(walk.jump, Place(s_index)),
        )
        for t_index, team in teams:
            yield Entry(
                _("Go to: Stage {number} · {team}").format(number=number, team=visible(team.name)),
                _("{stage}: first question for {team}").format(
                    stage=visible(stage.title), team=visible(team.name)
                ),
                partial(walk.jump, Place(s_index, t_index)),
            )
    yield Entry(
        _("Next open question"),
        _("The next question without an answer or readiness"),
        walk.action_next_open,
    )
    if not walk.read_only:
        yield Entry(
            _("Save milestone…"),
            _("Keep the session as it is now, to see what changed at the next review"),
            walk.action_save_milestone,
        )
    for ref in walk.refs:
        # A number seen in the summary or an export leads straight back to its question.
        if ref.team.id not in walk.excluded:
            yield Entry(
                # Translators: a question by its number (Q9), as the summary and the export number it.
                _("Q{number} · {prompt}").format(number=ref.number, prompt=visible(ref.question.prompt)),
                _("{team} · stage {number}").format(team=visible(ref.team.name), number=ref.stage_index + 1),
                partial(walk.go_to, ref),
                discoverable=False,
            )


# Keys that move the focus or open the palette itself are no actions to pick from a list.
_NOT_ACTIONS = frozenset({"focus_next", "focus_previous", "command_palette", "copy_text"})


def binding_entries(screen: Screen, *, of_app: bool = False) -> Iterator[Entry]:
    """One entry per described action bound on the screen itself (or, `of_app`, on the app)
    and enabled now; bindings that say the same ("Quit" on q and on ctrl+q) are one entry.
    Descriptions and tooltips are marked N_() where bound: said here in the language in use."""
    app = screen.app
    owner: DOMNode = app if of_app else screen
    found: dict[str, tuple[Binding, list[str]]] = {}
    for active in screen.active_bindings.values():
        binding = active.binding
        if (
            active.node is not owner
            or binding.system
            or not binding.description
            or not active.enabled
            or action_name(binding.action) in _NOT_ACTIONS
        ):
            continue
        keys = found.setdefault(binding.description, (binding, []))[1]
        key = plain_key(app, binding)
        if key not in keys:
            keys.append(key)
    for description, (binding, keys) in found.items():
        about = ", ".join(keys)
        # A grouped binding's tooltip is the whole group's ("alt+y ready, alt+p partial…"):
        # under one of its entries the key alone says it.
        if binding.tooltip and binding.group is None:
            about = _("{about} · {keys}").format(about=_(binding.tooltip), keys=about)
        yield Entry(_(description), about, partial(app.run_action, binding.action, owner))


def screen_entries(screen: Screen) -> Iterator[Entry]:
    """What the screen lists in `palette_entries()`, or else what its keys do; then what the
    app's keys do (help, quit). A title already offered is not offered twice."""
    listed: Callable[[], Iterable[Entry]] | None = getattr(screen, "palette_entries", None)
    titles: set[str] = set()
    for entry in [
        *(listed() if listed is not None else binding_entries(screen)),
        *binding_entries(screen, of_app=True),
    ]:
        if entry.title not in titles:
            titles.add(entry.title)
            yield entry


def _highlight(matcher: Matcher, text: str) -> Content:
    content = Content(text)
    score, offsets = matcher.fuzzy_search.match(matcher.query, text)
    if score:
        for offset in offsets:
            if not text[offset].isspace():
                content = content.stylize(Style(reverse=True), offset, offset + 1)
    return content


class ScreenCommands(Provider):
    """The entries of the screen the palette was opened on: all the discoverable ones
    before anything is typed, fuzzy matches after."""

    def entries(self) -> list[Entry]:
        return list(screen_entries(self.screen))

    async def discover(self) -> Hits:
        for entry in self.entries():
            if entry.discoverable:
                yield DiscoveryHit(Content(entry.title), entry.run, text=entry.title, help=escape(entry.help))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for entry in self.entries():
            score = matcher.match(entry.title)
            if score > 0:
                yield Hit(
                    score,
                    _highlight(matcher, entry.title),
                    entry.run,
                    text=entry.title,
                    help=escape(entry.help),
                )
