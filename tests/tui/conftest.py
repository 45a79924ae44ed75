"""Shared fixtures for the TUI tests: a temp data dir, a Context on it, sessions with
fixed ids and timestamps, and helpers to wait for the home list and read the screen.

Sessions are written through the store's import (which keeps the given id and times)
so that listings, and the snapshots taken of them, are the same on every run.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from rich.console import Console
from textual.app import App, ComposeResult
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Static

from walkthrough.context import Context

FIXED_CREATED = datetime(2025, 3, 3, 9, 30, tzinfo=UTC)
FIXED_TODAY = date(2025, 3, 28)  # a Friday


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch: pytest.MonkeyPatch) -> date:
    """Countdowns, "overdue" and the date under a date field ("in 3 days") depend on the
    day: pin it, so screens read the same every day."""
    from walkthrough.report import launch

    monkeypatch.setattr(launch, "today", lambda: FIXED_TODAY)
    return FIXED_TODAY


@pytest.fixture(autouse=True)
def in_utc(utc_clock: None) -> None:
    """Times on screen are local: every screen here is drawn in UTC (tests/conftest.py)."""


@pytest.fixture(autouse=True)
def work_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Exports land in the current directory: keep them out of the checkout."""
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    monkeypatch.chdir(cwd)
    monkeypatch.delenv("WALKTHROUGH_DATA_DIR", raising=False)
    return cwd


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    path = tmp_path / "data"
    path.mkdir(mode=0o700)  # private, as the app makes it (a looser one is tightened with a notice)
    return path


@pytest.fixture
def context(data_dir: Path) -> Context:
    return Context(data_dir_option=data_dir)


def add_session(
    context: Context,
    name: str,
    *,
    session_id: str,
    updated: datetime,
    answered: int = 0,
    gaps: int = 0,
    partial: int = 0,
    excluded: Sequence[str] = (),
) -> str:
    """Store a session whose first `answered` applicable questions have answers:
    `gaps` of them marked gap, `partial` partial, the rest ready."""
    bank = context.bank
    refs = [ref for ref in bank.walk() if ref.team.id not in excluded][:answered]
    answers = {}
    for number, ref in enumerate(refs):
        readiness = "gap" if number < gaps else "partial" if number < gaps + partial else "ready"
        answers[ref.id] = {
            "text": f"Answer {number + 1}",
            "readiness": readiness,
            "updated": updated.isoformat(),
        }
    document = {
        "schema_version": 2,
        "id": session_id,
        "name": name,
        "excluded_teams": list(excluded),
        "answers": answers,
        "position": refs[-1].id if refs else None,
        "created": FIXED_CREATED.isoformat(),
        "updated": updated.isoformat(),
        "bank_id": bank.id,
        "bank_version": bank.version,
    }
    session = context.store.import_document(document)
    assert session.id == session_id
    return session_id


THREE_SESSIONS = [
    # name, id, updated, answered, gaps, partial, excluded teams
    (
        "Acme Cloud 2.0",
        "a1a1a1a1a1a1",
        datetime(2025, 3, 14, 16, 45, tzinfo=UTC),
        40,
        6,
        9,
        ("manufacturing",),
    ),
    (
        "Orbit smart thermostat",
        "b2b2b2b2b2b2",
        datetime(2025, 3, 12, 11, 5, tzinfo=UTC),
        12,
        3,
        2,
        ("network-cloud-operations",),
    ),
    ("Billing revamp", "c3c3c3c3c3c3", datetime(2025, 3, 4, 8, 0, tzinfo=UTC), 0, 0, 0, ()),
]


@pytest.fixture
def three_sessions(context: Context) -> list[str]:
    """Most recently updated first, as the home screen lists them."""
    return [
        add_session(
            context,
            name,
            session_id=session_id,
            updated=updated,
            answered=answered,
            gaps=gaps,
            partial=partial,
            excluded=excluded,
        )
        for name, session_id, updated, answered, gaps, partial, excluded in THREE_SESSIONS
    ]


async def settle(pilot: Pilot) -> None:
    """Wait for the home list (loaded in a thread) and what it triggers to be drawn."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def run_from_palette(pilot: Pilot, words: str) -> None:
    """Open the command palette, type `words` and run the best match."""
    await pilot.press("ctrl+p")
    await pilot.pause()
    await pilot.press(*words)
    await pilot.pause(0.5)  # the palette searches in a worker
    await pilot.press("enter")
    await pilot.pause()


def screen_text(app: App) -> str:
    """The screen as plain text, modal layers and all, as a terminal would show it."""
    width, height = app.size
    console = Console(width=width, height=height, file=io.StringIO(), force_terminal=True, record=True)
    console.print(app.screen._compositor.render_update(full=True, screen_stack=app._background_screens))
    return console.export_text()


class StubWalk(Screen[None]):
    """Stands in for the walk engineer's WalkScreen: records what it was given and
    honours the close contract (idempotent close_session releasing the session)."""

    BINDINGS = [("escape", "leave", "Home")]
    instances: list[StubWalk] = []

    def __init__(self, open_session, bank) -> None:  # type: ignore[no-untyped-def]
        super().__init__()
        self.open_session = open_session
        self.bank = bank
        self.closed = 0
        StubWalk.instances.append(self)

    def compose(self) -> ComposeResult:
        yield Static(f"walking {self.open_session.session.id}", markup=False)

    def close_session(self) -> None:
        self.closed += 1
        self.open_session.close()

    def action_leave(self) -> None:
        self.close_session()
        self.dismiss(None)


@pytest.fixture
def stub_walk(monkeypatch: pytest.MonkeyPatch) -> type[StubWalk]:
    import walkthrough.tui.screens.walk as walk_module

    StubWalk.instances = []
    monkeypatch.setattr(walk_module, "WalkScreen", StubWalk)
    return StubWalk
