"""Command palette entries: every screen that has them lists them through `palette_entries()`.

The walk offers jumps to any stage or team and its actions; the gap summary offers its
filters, views and export. Names come from the bank or the PM (owners), which may be
anyone's text, so every entry is built as Content (never parsed as markup) and
highlighted here rather than by `Matcher.highlight`, which reads its input as markup; the
palette reads help strings as markup, so those are escaped.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
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


@dataclass(frozen=True)
class Entry:
    title: str
    help: str
    run: Callable[[], None]


class Walk(Protocol):
    """What the palette needs from the walk screen."""

    bank: Bank
    excluded: frozenset[str]
    read_only: bool

    def jump(self, place: Place) -> None: ...
    def action_next_open(self) -> None: ...
    def action_summary(self) -> None: ...
    def action_teams(self) -> None: ...
    def action_launch(self) -> None: ...
    def action_save_milestone(self) -> None: ...


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
    yield Entry(
        "Gap summary",
        "Readiness, the open items in priority order, the risk × reward matrix",
        walk.action_summary,
    )
    yield Entry("Teams that apply", "Leave out teams this product does not need", walk.action_teams)
    yield Entry("Launch date", "Set, change or clear the launch date", walk.action_launch)
    if not walk.read_only:
        yield Entry(
            "Save milestone…",
            "Keep the session as it is now, to see what changed at the next review",
            walk.action_save_milestone,
        )


def _highlight(matcher: Matcher, text: str) -> Content:
    content = Content(text)
    score, offsets = matcher.fuzzy_search.match(matcher.query, text)
    if score:
        for offset in offsets:
            if not text[offset].isspace():
                content = content.stylize(Style(reverse=True), offset, offset + 1)
    return content


class ScreenCommands(Provider):
    """The entries of the screen the palette was opened on."""

    def _entries(self) -> list[Entry]:
        entries: Callable[[], Iterable[Entry]] | None = getattr(self.screen, "palette_entries", None)
        return list(entries()) if entries is not None else []

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
