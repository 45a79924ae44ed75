"""Fixtures for the walk and summary screens: a small fixed bank, fixed sessions and
an in-memory stand-in for `sessions.store.OpenSession`.

The bank is written here rather than taken from the shipped one so that snapshots
change only when the screens do, not when a question is reworded.
"""

from __future__ import annotations

import io
import threading
from collections.abc import Iterable
from datetime import UTC, date, datetime
from pathlib import Path

from rich.console import Console
from textual.app import App

from questions.models import Bank
from sessions.models import Answer, Readiness, Session

WALK_TCSS = Path(__file__).resolve().parents[2] / "walkthrough" / "tui" / "styles" / "walk.tcss"
FIXED_TIME = datetime(2025, 3, 3, 9, 30, tzinfo=UTC)


def _team(team_id: str, name: str, focus: str, *prompts: tuple[str, str, tuple[str, ...]]) -> dict:
    return {
        "id": team_id,
        "name": name,
        "focus": focus,
        "questions": [
            {"id": f"{{stage}}.{team_id}.q{number}", "prompt": prompt, "why": why, "hints": list(hints)}
            for number, (prompt, why, hints) in enumerate(prompts, 1)
        ],
    }


def _stage(stage_id: str, title: str, measures: list[str], *teams: dict) -> dict:
    for team in teams:
        for question in team["questions"]:
            question["id"] = question["id"].replace("{stage}", stage_id)
    return {"id": stage_id, "title": title, "measures": measures, "teams": list(teams)}


def fixture_bank() -> Bank:
    return Bank.model_validate(
        {
            "id": "fixture",
            "version": "1",
            "title": "Fixture touchpoints",
            "stages": [
                _stage(
                    "find",
                    "Customers find out about it",
                    ["Leads that convert"],
                    _team(
                        "marketing",
                        "Marketing",
                        "Gets the word out before launch day.",
                        (
                            "How will buyers first hear about the product?",
                            "Buyers who never hear of it cannot choose it.",
                            ("Website and launch event", "Analyst briefings"),
                        ),
                        (
                            "How will the value be told in money terms?",
                            "Features do not sell; saved money does.",
                            (),
                        ),
                    ),
                    _team(
                        "legal",
                        "Legal",
                        "Protects the company and its customers.",
                        ("How is the product name protected?", "A name lost late means a relaunch.", ()),
                    ),
                ),
                _stage(
                    "buy",
                    "Customers can buy it",
                    ["Time to close", "Time to revenue"],
                    _team(
                        "sales",
                        "Sales",
                        "Turns qualified leads into signed deals.",
                        (
                            "How will a deal go from first call to signature?",
                            "A stalled deal is a customer handed to a competitor.",
                            ("Deal desk", "Pricing exceptions"),
                        ),
                        ("How are sales people paid for this product?", "Unpaid effort goes elsewhere.", ()),
                    ),
                    _team(
                        "manufacturing",
                        "Manufacturing",
                        "Builds enough to fulfil every order.",
                        ("How will volumes be forecast?", "An order that cannot ship is a refund.", ()),
                    ),
                    _team(
                        "finance",
                        "Finance",
                        "Follows the money from order to revenue.",
                        ("How is a purchase order turned into revenue?", "Late invoices delay revenue.", ()),
                    ),
                ),
                _stage(
                    "use",
                    "Customers can use it",
                    ["Usage after signature"],
                    _team(
                        "support",
                        "Support",
                        "Answers customers within the SLA.",
                        (
                            "How fast will support answer a severe ticket?",
                            "Silence during an outage loses accounts.",
                            (),
                        ),
                        ("How do feature requests reach the roadmap?", "Ignored requests become churn.", ()),
                    ),
                ),
                _stage(
                    "grow",
                    "Customers for life",
                    ["Net revenue retention"],
                    _team(
                        "sales",
                        "Sales",
                        "Grows revenue from existing customers.",
                        (
                            "How will account teams find upsell moments?",
                            "Growth is cheaper than new logos.",
                            (),
                        ),
                    ),
                    _team(
                        "customer-success",
                        "Customer success",
                        "Drives adoption to the value promised.",
                        ("How is progress to promised value tracked?", "No visible value, no renewal.", ()),
                    ),
                ),
            ],
        }
    )


def fixture_session(
    *, answers: dict[str, Answer] | None = None, excluded: Iterable[str] = (), position: str | None = None
) -> Session:
    return Session(
        id="s-fixture",
        name="Acme Launch",
        excluded_teams=list(excluded),
        answers=answers or {},
        position=position,
        created=FIXED_TIME,
        updated=FIXED_TIME,
        bank_id="fixture",
        bank_version="1",
    )


def rich_answers() -> dict[str, Answer]:
    """A session half-way through, touching every kind of field and quadrant."""
    return {
        "find.marketing.q1": Answer(
            text="Launch webinar, a partner blog series and a booth at the spring expo.",
            readiness=Readiness.READY,
            decision="Book the expo booth",
            owner="Dana",
            due=date(2025, 4, 1),
            risk=4,
            reward=5,
            updated=FIXED_TIME,
        ),
        "find.marketing.q2": Answer(
            text="Draft ROI calculator; needs finance sign-off.",
            readiness=Readiness.PARTIAL,
            decision="Publish the ROI calculator",
            owner="Lee",
            risk=3,
            reward=2,
            updated=FIXED_TIME,
        ),
        "find.legal.q1": Answer(
            text="",
            readiness=Readiness.GAP,
            decision="File the trademark",
            owner="Legal team",
            due=date(2025, 3, 20),
            risk=5,
            reward=1,
            updated=FIXED_TIME,
        ),
        "buy.sales.q1": Answer(
            text="Deal desk exists for the old product only.",
            readiness=Readiness.GAP,
            risk=2,
            reward=4,
            updated=FIXED_TIME,
        ),
        "buy.finance.q1": Answer(
            readiness=Readiness.NOT_APPLICABLE,
            na_reason="Sold only through the app store",
            updated=FIXED_TIME,
        ),
    }


class FakeOpenSession:
    """The OpenSession interface, in memory, recording every call."""

    def __init__(self, session: Session, *, read_only: bool = False) -> None:
        self.session = session
        self.read_only = read_only
        self.calls: list[tuple] = []
        self.closed = False
        self._lock = threading.Lock()

    def save_answer(self, question_id: str, answer: Answer) -> None:
        with self._lock:
            assert not self.closed, "save after close"
            self.session.answers[question_id] = answer
            self.calls.append(("answer", question_id, answer))

    def save_position(self, question_id: str | None) -> None:
        with self._lock:
            assert not self.closed, "save after close"
            self.session.position = question_id
            self.calls.append(("position", question_id))

    def save_settings(self, *, name: str | None = None, excluded_teams: Iterable[str] | None = None) -> None:
        with self._lock:
            if name is not None:
                self.session.name = name
            if excluded_teams is not None:
                self.session.excluded_teams = list(excluded_teams)
            self.calls.append(("settings", name, None if excluded_teams is None else list(excluded_teams)))

    def save_launch(self, launch: date | None) -> None:
        with self._lock:
            assert not self.closed, "save after close"
            self.session.launch = launch
            self.calls.append(("launch", launch))

    def close(self) -> None:
        with self._lock:
            self.closed = True

    def __enter__(self) -> FakeOpenSession:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class WalkApp(App[None]):
    """Just the walk screen, as the real app pushes it; the cursor does not blink
    so that snapshots are stable."""

    CSS_PATH = [WALK_TCSS]

    def __init__(self, open_session: object, bank: Bank) -> None:
        super().__init__()
        self._open_session = open_session
        self._bank = bank

    def on_mount(self) -> None:
        from walkthrough.tui.screens.walk import WalkScreen

        self.push_screen(WalkScreen(self._open_session, self._bank))  # type: ignore[arg-type]

    @property
    def walk(self):
        from walkthrough.tui.screens.walk import WalkScreen

        for screen in self.screen_stack:
            if isinstance(screen, WalkScreen):
                return screen
        raise LookupError("no walk screen")


def screen_text(app: App) -> str:
    """What the terminal shows, as plain text (the snapshot's characters without its styles)."""
    width, height = app.size
    console = Console(width=width, height=height, file=io.StringIO(), force_terminal=True, record=True)
    console.print(app.screen._compositor.render_update(full=True, screen_stack=app._background_screens))
    return console.export_text()


def disk_session(data_dir: Path, session_id: str) -> Session:
    """The session as saved, read by a fresh store as another process would."""
    from sessions.store import SessionStore

    with SessionStore(data_dir).open(session_id, read_only=True) as handle:
        return handle.session


def real_app(data_dir: Path, session: Session, *, read_only: bool = False, theme: str | None = None):  # type: ignore[no-untyped-def]
    """The whole app (its key bindings included) on an in-memory session, on the fixture bank;
    `theme` as if picked in an earlier run (the app remembers it)."""
    from walkthrough.context import Context
    from walkthrough.tui.app import WalkthroughApp
    from walkthrough.tui.settings import Settings, save_settings, settings_path

    context = Context(data_dir_option=data_dir)
    if theme is not None:
        save_settings(settings_path(context), Settings(theme=theme))
    context.bank = fixture_bank()  # the app reads its bank from the context
    return WalkthroughApp(context, open_session=FakeOpenSession(session, read_only=read_only))  # type: ignore[arg-type]


async def terminal_write(pilot, data: str) -> None:  # type: ignore[no-untyped-def]
    """Deliver `data` the way a terminal's one write reaches the app: read by the app's
    parser and every key posted at once, with no pause between them for the app to catch up."""
    import time

    from walkthrough.tui.xterm import BurstSafeXTermParser

    parser = BurstSafeXTermParser()
    events = list(parser.feed(data))
    time.sleep(0.15)  # the escape delay: a lone ESC + key becomes alt+key
    events += parser.tick()
    for event in events:
        pilot.app.post_message(event)
    await pilot.pause()
    await pilot.pause()
