"""Which items a view or an export shows: by stage, team, owner, status, quadrant or matrix cell.

`ItemFilter` is plain data, so the summary screen, the Markdown export and the command line
(`export --team …`) can share one filter and mean the same thing by it.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import Protocol

from questions.models import Bank
from walkthrough.i18n import gettext, ngettext
from walkthrough.report.owners import owner_key, owner_spellings, same_owner, tidy_owner
from walkthrough.report.priority import Quadrant
from walkthrough.report.progress import Status

NO_OWNER = ""
"""The owner filter's value for items nobody owns yet."""


class Filterable(Protocol):
    @property
    def stage_number(self) -> int: ...
    @property
    def team_id(self) -> str: ...
    @property
    def owner(self) -> str: ...
    @property
    def status(self) -> Status: ...
    @property
    def quadrant(self) -> Quadrant: ...
    @property
    def risk(self) -> int | None: ...
    @property
    def reward(self) -> int | None: ...


@dataclass(frozen=True)
class ItemFilter:
    """Every facet that is set must match; an empty filter lets everything through."""

    stage: int | None = None  # 1-based stage number, as the screens show it
    team: str | None = None  # team id
    owner: str | None = None  # compared ignoring case and spacing; NO_OWNER: nobody yet
    status: Status | None = None
    quadrant: Quadrant | None = None
    cell: tuple[int, int] | None = None  # (risk, reward): one cell of the matrix

    def matches(self, item: Filterable) -> bool:
        return (
            (self.stage is None or item.stage_number == self.stage)
            and (self.team is None or item.team_id == self.team)
            and (self.owner is None or same_owner(item.owner, self.owner))
            and (self.status is None or item.status is self.status)
            and (self.quadrant is None or item.quadrant is self.quadrant)
            and (self.cell is None or (item.risk, item.reward) == self.cell)
        )

    @property
    def is_empty(self) -> bool:
        return self == ItemFilter()

    def with_(self, **facets: object) -> ItemFilter:
        """A copy with some facets set (None clears one). A cell and a quadrant exclude each other."""
        if facets.get("cell") is not None:
            facets.setdefault("quadrant", None)
        if facets.get("quadrant") is not None:
            facets.setdefault("cell", None)
        return replace(self, **facets)  # type: ignore[arg-type]

    def set_facets(self) -> list[str]:
        return [f.name for f in fields(self) if getattr(self, f.name) is not None]

    def describe(self, bank: Bank) -> list[str]:
        """One phrase a facet that is set, in a fixed order: "stage 2 Customers can buy it", "team Sales"…
        In the language in use."""
        phrases = []
        if self.stage is not None:
            # Translators: a filter, shown as "facet value".
            stage = gettext("stage {number} {title}")
            phrases.append(stage.format(number=self.stage, title=self._title(bank)))
        if self.team is not None:
            phrases.append(gettext("team {name}").format(name=self.value_words("team", bank)))
        if self.owner is not None:
            phrases.append(
                gettext("owner {name}").format(name=tidy_owner(self.owner))
                if self.owner.strip()
                else gettext("no owner")
            )
        if self.status is not None:
            phrases.append(gettext("status {status}").format(status=self.value_words("status", bank)))
        if self.quadrant is not None:
            phrases.append(gettext("quadrant {quadrant}").format(quadrant=self.value_words("quadrant", bank)))
        if self.cell is not None:
            phrases.append(self.value_words("cell", bank))
        return phrases

    def value_words(self, facet: str, bank: Bank) -> str:
        """The value alone of one facet that is set ("2 Customers can buy it", "Sales", "Dee"),
        as its list of choices names it, in the language in use; "" if the facet is not set."""
        if getattr(self, facet) is None:
            return ""
        if facet == "stage":
            return f"{self.stage} {self._title(bank)}"
        if facet == "team" and self.team is not None:
            return bank.team_names().get(self.team, self.team)
        if facet == "owner" and self.owner is not None:
            return tidy_owner(self.owner) if self.owner.strip() else gettext("no owner yet")
        if facet == "status" and self.status is not None:
            return self.status.label.lower()
        if facet == "quadrant" and self.quadrant is not None:
            return self.quadrant.label
        if facet == "cell" and self.cell is not None:
            return gettext("risk {risk} × reward {reward}").format(risk=self.cell[0], reward=self.cell[1])
        raise ValueError(facet)

    def _title(self, bank: Bank) -> str:
        number = self.stage or 0
        return bank.stages[number - 1].title if 0 < number <= len(bank.stages) else "?"


def owners(items: list[Filterable]) -> list[str]:
    """Each owner once, in the spelling used most (see report/owners), alphabetically;
    NO_OWNER last if some item has none."""
    spellings = owner_spellings(item.owner for item in items)
    unowned = any(not owner_key(item.owner) for item in items)
    return sorted(spellings.values(), key=str.casefold) + ([NO_OWNER] if unowned else [])


class Filter(Protocol):
    """What a summary can be narrowed by: an `ItemFilter` (one value a facet, as the screens
    set it) or a `Selection` (several, as the command line gives them)."""

    def matches(self, item: Filterable) -> bool: ...
    @property
    def is_empty(self) -> bool: ...
    def describe(self, bank: Bank) -> list[str]: ...


@dataclass(frozen=True)
class Selection:
    """A part of the report, from `export --stage N --team T --owner NAME` (each repeatable):
    the values of one facet are alternatives, and the facets given must all match."""

    stages: tuple[int, ...] = ()  # 1-based stage numbers
    teams: tuple[str, ...] = ()  # team ids
    owners: tuple[str, ...] = ()  # compared as `same_owner` does; NO_OWNER: nobody yet

    def matches(self, item: Filterable) -> bool:
        return (
            (not self.stages or item.stage_number in self.stages)
            and (not self.teams or item.team_id in self.teams)
            and (not self.owners or any(same_owner(item.owner, owner) for owner in self.owners))
        )

    @property
    def is_empty(self) -> bool:
        return not (self.stages or self.teams or self.owners)

    def describe(self, bank: Bank) -> list[str]:
        """One phrase a facet given: "Sales or Support", "stage 2 Customers can buy it", "owner Dee"."""
        names = bank.team_names()
        phrases = []
        if self.teams:
            phrases.append(either([names.get(team, team) for team in self.teams]))
        if self.stages:
            titles = [
                f"{n} {bank.stages[n - 1].title}" if 0 < n <= len(bank.stages) else str(n)
                for n in self.stages
            ]
            phrases.append(
                ngettext("stage {stages}", "stages {stages}", len(titles)).format(stages=either(titles))
            )
        if self.owners:
            who = [
                " ".join(owner.split()) if owner.strip() else gettext("no owner yet") for owner in self.owners
            ]
            phrases.append(gettext("owner {name}").format(name=either(who)))
        return phrases


def either(names: list[str]) -> str:
    """ "Sales", "Sales or Support", "Sales or Support or Finance" in the language in use."""
    if not names:
        return ""
    said = names[0]
    for name in names[1:]:
        # Translators: two alternatives ("Sales or Support"); a longer list repeats it.
        said = gettext("{first} or {second}").format(first=said, second=name)
    return said
