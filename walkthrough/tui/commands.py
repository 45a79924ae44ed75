"""Command palette entries of the walk screen: jump to any stage or team, and more.

Names come from the bank, which may be a user's own file, so every entry is built
as Content (never parsed as markup) and highlighted here rather than by
`Matcher.highlight`, which reads its input as markup; the palette reads help
strings as markup, so those are escaped.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from typing import Protocol

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher
from textual.markup import escape
from textual.style import Style

from questions.models import Bank
from walkthrough.tui.widgets.outline import Place
from walkthrough.tui.widgets.visible import visible


class Walk(Protocol):
    """What the palette needs from the walk screen."""

    bank: Bank
    excluded: frozenset[str]

    def jump(self, place: Place) -> None: ...
    def action_next_open(self) -> None: ...
    def action_summary(self) -> None: ...
    def action_teams(self) -> None: ...


@dataclass(frozen=True)
class Entry:
    title: str
    help: str
    run: Callable[[], None]


def walk_entries(walk: Walk) -> Iterator[Entry]:
    bank = walk.bank
    for s_index, stage in enumerate(bank.stages):
        teams = [(t_index, team) for t_index, team in enumerate(stage.teams) if team.id not in walk.excluded]
        if not teams:
            continue
        number = s_index + 1
        yield Entry(
            f"Go to: Stage {number} · {visible(stage.title)}",
            f"First question of stage {number}",
            partial(walk.jump, Place(s_index)),
        )
        for t_index, team in teams:
            yield Entry(
                f"Go to: Stage {number} · {visible(team.name)}",
                f"{visible(stage.title)}: first question for {visible(team.name)}",
                partial(walk.jump, Place(s_index, t_index)),
            )
    yield Entry(
        "Next open question", "The next question without an answer or readiness", walk.action_next_open
    )
    yield Entry("Gap summary", "Coverage, top gaps and the risk × reward matrix", walk.action_summary)
    yield Entry("Teams that apply", "Leave out teams this product does not need", walk.action_teams)


def _highlight(matcher: Matcher, text: str) -> Content:
    content = Content(text)
    score, offsets = matcher.fuzzy_search.match(matcher.query, text)
    if score:
        for offset in offsets:
            if not text[offset].isspace():
                content = content.stylize(Style(reverse=True), offset, offset + 1)
    return content


class JumpCommands(Provider):
    """ "Go to: Stage 2 · Sales" for every stage and team that applies."""

    def _entries(self) -> list[Entry]:
        walk = self.screen
        if not hasattr(walk, "jump"):
            return []
        return list(walk_entries(walk))  # type: ignore[arg-type]

    async def discover(self) -> Hits:
        for entry in self._entries():
            yield DiscoveryHit(Content(entry.title), entry.run, text=entry.title, help=escape(entry.help))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for entry in self._entries():
            score = matcher.match(entry.title)
            if score > 0:
                yield Hit(
                    score,
                    _highlight(matcher, entry.title),
                    entry.run,
                    text=entry.title,
                    help=escape(entry.help),
                )
