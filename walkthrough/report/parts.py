"""The part of a report each reader receives: chosen by team, owner and stage, or split
into one file per team with an index that links them.

`export --team T --owner NAME --stage N` (each repeatable) names what a PM sees: a team by
its id or name, an owner as typed in the answers, a stage by number or id. Each is checked
against the bank and the session here, so a typo is one clear error naming what there is
rather than an empty report. Pure: no I/O.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from questions.models import Bank
from sessions.models import Session
from walkthrough.i18n import N_
from walkthrough.report.errors import UserError
from walkthrough.report.export import safe_filename
from walkthrough.report.filters import NO_OWNER, Selection, owners, same_owner
from walkthrough.report.summary import entries_of

INDEX = "index.md"


def selection(
    bank: Bank,
    session: Session,
    *,
    teams: Sequence[str] = (),
    owners_given: Sequence[str] = (),
    stages: Sequence[str] = (),
) -> Selection:
    """The part named on the command line, each name checked; UserError says what there is."""
    return Selection(
        stages=tuple(dict.fromkeys(_stage(bank, value) for value in stages)),
        teams=tuple(dict.fromkeys(_team(bank, session, value) for value in teams)),
        owners=tuple(dict.fromkeys(_owner(bank, session, value) for value in owners_given)),
    )


def _stage(bank: Bank, value: str) -> int:
    for number, stage in enumerate(bank.stages, 1):
        if value.strip() in (str(number), stage.id):
            return number
    known = ", ".join(f"{n} ({stage.id})" for n, stage in enumerate(bank.stages, 1))
    raise UserError(N_("no stage {value} in this bank; stages: {known}"), value=repr(value), known=known)


def _team(bank: Bank, session: Session, value: str) -> str:
    names = bank.team_names()
    wanted = " ".join(value.split()).casefold()
    found = next(
        (
            team_id
            for team_id, name in names.items()
            if wanted in (team_id, " ".join(name.split()).casefold())
        ),
        None,
    )
    if found is None:
        known = ", ".join(f"{team_id} ({name})" for team_id, name in names.items())
        raise UserError(N_("no team {value} in this bank; teams: {known}"), value=repr(value), known=known)
    if not session.applies(found):
        raise UserError(N_("team {name} does not apply to this session"), name=repr(names[found]))
    return found


def _owner(bank: Bank, session: Session, value: str) -> str:
    if not value.strip():
        return NO_OWNER  # `--owner ""`: the items nobody owns yet
    known = owners(list(entries_of(bank, session)))
    if not any(same_owner(value, name) for name in known if name != NO_OWNER):
        listed = ", ".join(repr(name) for name in known if name != NO_OWNER)
        if not listed:
            raise UserError(
                N_("nobody called {value} owns an item in this session; owners: none yet"), value=repr(value)
            )
        raise UserError(
            N_("nobody called {value} owns an item in this session; owners: {listed}"),
            value=repr(value),
            listed=listed,
        )
    return value


def team_file(team_id: str) -> str:
    """The file a team's part is split into: its id, which is already a safe file name."""
    name = safe_filename(team_id, "team") + ".md"
    return "team-" + name if name == INDEX else name


def split(bank: Bank, session: Session, *, generated: date, part: Selection) -> dict[str, str]:
    """One Markdown file per team in `part` (all teams that apply if it names none) and an
    index that links them: {file name: text}, the index first."""
    from walkthrough.report.markdown import render_index, render_markdown

    entries = [e for e in entries_of(bank, session) if part.matches(e)]
    team_ids = list(dict.fromkeys(e.team_id for e in entries))
    files = {
        team_file(team_id): render_markdown(
            bank, session, generated=generated, item_filter=replace(part, teams=(team_id,))
        )
        for team_id in team_ids
    }
    links = [(team_id, team_file(team_id)) for team_id in team_ids]
    index = render_index(bank, session, generated=generated, item_filter=part, links=links)
    return {INDEX: index, **files}
