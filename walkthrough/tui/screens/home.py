"""The home screen: saved sessions, and the way into a new or an old walk.

It paints before anything heavy is imported. The app loads the session list (the store
needs pydantic and the bank) in a thread worker after the first frame and hands it down
with `show_listing`; what the PM asks for (new, resume, rename, delete, export) goes up
to the app as a message, so this screen never touches the store or the app's internals.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.css.query import NoMatches
from textual.message import Message
from textual.widgets import Static

from walkthrough.i18n import N_, _, ngettext
from walkthrough.report.progress import stats_count
from walkthrough.tui.first_frame import StyledOnce
from walkthrough.tui.widgets.key_footer import KeyFooter
from walkthrough.tui.widgets.session_detail import SessionDetail
from walkthrough.tui.widgets.title_bar import TitleBar

if TYPE_CHECKING:
    from sessions.store import Listing, SessionEntry
    from walkthrough.tui.widgets.session_table import SessionTable

EMPTY_TEXT = N_(
    "No sessions yet.\n\n"
    "Press n to start your first walkthrough: name the product or launch, tick the teams "
    'that take part, then answer one "How …?" question at a time for every touchpoint of '
    "the customer journey.\n\n"
    "Answers are saved as you type. Quit whenever you like; your sessions wait here, "
    "and enter picks one up where you left off."
)


class HomeScreen(StyledOnce[None]):
    HELP = N_(
        "Your saved walkthroughs, most recently updated first. Readiness is the share of the "
        "questions that apply that are ready; answered counts those with an answer, open items "
        "those not ready yet. Questions marked N/A and teams left out count nowhere."
    )

    HELP_SECTIONS = (
        (N_("Start or carry on"), ("new_session", "resume")),
        (N_("The highlighted session"), ("export", "rename", "delete")),
        (N_("Leave"), ("quit",)),
    )

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]

    # What the footer keeps when the terminal is narrow or the words are long (all is in help, f1).
    FOOTER_RANK = (
        "help",
        "quit",
        "select_cursor",
        "new_session",
        "command_palette",
        "export",
        "delete",
        "rename",
    )

    BINDINGS = [
        Binding("n", "new_session", N_("New")),
        Binding("r", "resume", N_("Resume"), show=False),
        Binding("e", "export", N_("Export")),
        Binding("f2", "rename", N_("Rename")),
        Binding("d,delete", "delete", N_("Delete")),
        Binding("q", "app.quit", N_("Quit")),
    ]

    class NewSessionRequested(Message):
        """The PM wants to start a new session."""

    class SessionRequest(Message):
        """Something to do with one listed session, named as the PM saw it."""

        def __init__(self, session_id: str, name: str) -> None:
            super().__init__()
            self.session_id = session_id
            self.name = name

    class ResumeRequested(SessionRequest):
        """Open the session in the walk."""

    class ExportRequested(SessionRequest):
        """Write the session's Markdown report to the current directory."""

    class DeleteRequested(SessionRequest):
        """Delete the session; the PM has already said yes."""

    class RenameRequested(SessionRequest):
        """Rename the session to `new_name`, which the rename dialog has checked."""

        def __init__(self, session_id: str, name: str, new_name: str) -> None:
            super().__init__(session_id, name)
            self.new_name = new_name

    def __init__(self, listing: Listing | None = None) -> None:
        """`listing`: the sessions, if the app has them already (else see show_listing)."""
        super().__init__()
        self._first_listing = listing
        self.listing: Listing | None = None

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with Horizontal(id="home-body"):
            with Vertical(id="home-main"):
                yield Static(_("Loading sessions…"), id="home-status", markup=False)
                if self._first_listing is not None:
                    # Listed already: the rows are on the first frame. Otherwise the table comes
                    # with the sessions (show_listing), its import off the path to that frame.
                    from walkthrough.tui.widgets.session_table import SessionTable

                    yield SessionTable(id="sessions")
                yield Static(_(EMPTY_TEXT), id="home-empty", markup=False)
            yield SessionDetail(id="home-detail", markup=False)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#home-empty").display = False
        listing, self._first_listing = self._first_listing, None
        if listing is not None:
            self.listing = listing
            self._refill()
            self._tell_problems(listing)

    async def retranslate(self, _bank: object) -> None:
        """The same list, cursor on the same session, in the language in use."""
        selected = self.selected
        self._first_listing, self.listing = self.listing, None
        await self.recompose()
        self.query_one("#home-empty").display = False
        self.listing, self._first_listing = self._first_listing, None
        self._refill(keep=selected.id if selected is not None else None)

    # What the app hands down ---------------------------------------------------------

    async def show_listing(self, listing: Listing, *, keep: str | None = None) -> None:
        """Show the sessions; the cursor stays on `keep` (or where it was) if it is still listed."""
        first = self.listing is None
        if first:
            from walkthrough.tui.widgets.session_table import SessionTable

            table = SessionTable(id="sessions")
            table.display = False
            await self.query_one("#home-main").mount(table, after="#home-status")
        self.listing = listing
        self._refill(keep)
        if first:
            self._tell_problems(listing)

    def _tell_problems(self, listing: Listing) -> None:
        for problem in listing.problems:
            self.notify(
                problem,
                title=_("Session store"),
                severity="warning",
                timeout=10,
                markup=False,
            )

    def show_failure(self, message: str) -> None:
        status = self.query_one("#home-status", Static)
        status.display = True
        status.update(message)
        self.notify(message, severity="error", timeout=10, markup=False)

    @property
    def table(self) -> SessionTable | None:
        """None until the first listing has arrived."""
        try:
            return cast("SessionTable", self.query_one("#sessions"))
        except NoMatches:
            return None

    def _refill(self, keep: str | None = None) -> None:
        table = self.table
        if self.listing is None or table is None:
            return
        entries = self.listing.entries
        table.show(entries, keep=keep)
        had_focus = table.has_focus
        table.display = bool(entries)
        self.query_one("#home-empty").display = not entries
        status = self.query_one("#home-status", Static)
        status.display = bool(entries)
        status.update(self._status_line(entries))
        if entries and (had_focus or self.focused is None):
            table.focus()
        elif not entries and had_focus:
            self.set_focus(None)
        self._show_detail()
        self.refresh_bindings()

    @staticmethod
    def _status_line(entries: list[SessionEntry]) -> str:
        gaps = sum(stats_count((entry.stats for entry in entries), "gap"))
        sessions = ngettext("{count} session", "{count} sessions", len(entries)).format(count=len(entries))
        found = ngettext("{count} gap found so far", "{count} gaps found so far", gaps).format(count=gaps)
        return _("{sessions} · {gaps}").format(sessions=sessions, gaps=found)

    @property
    def selected(self) -> SessionEntry | None:
        table = self.table
        return table.selected if table is not None else None

    def on_session_table_highlighted(self, event: SessionTable.Highlighted) -> None:
        self._show_detail()

    def on_session_table_selected(self, event: SessionTable.Selected) -> None:
        event.stop()
        self.action_resume()

    def _show_detail(self) -> None:
        self.query_one(SessionDetail).show(self.selected)

    # What the PM asks for --------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in {"resume", "export", "rename", "delete"}:
            return self.selected is not None
        return True

    def action_new_session(self) -> None:
        self.post_message(self.NewSessionRequested())

    def action_resume(self) -> None:
        entry = self.selected
        if entry is not None:
            self.post_message(self.ResumeRequested(entry.id, entry.name))

    def action_export(self) -> None:
        entry = self.selected
        if entry is not None:
            self.post_message(self.ExportRequested(entry.id, entry.name))

    def action_rename(self) -> None:
        entry = self.selected
        if entry is None or self.listing is None:
            return
        from walkthrough.tui.screens.rename import RenameScreen

        def rename(name: str | None) -> None:
            if name is not None:
                self.post_message(self.RenameRequested(entry.id, entry.name, name))

        taken = frozenset(other.name for other in self.listing.entries)
        self.app.push_screen(RenameScreen(entry.name, taken=taken), rename)

    def action_delete(self) -> None:
        entry = self.selected
        if entry is None:
            return
        from walkthrough.tui.screens.confirm import ConfirmScreen

        def delete(yes: bool | None) -> None:
            if yes:
                self.post_message(self.DeleteRequested(entry.id, entry.name))

        self.app.push_screen(
            ConfirmScreen(
                _("Delete session?"),
                _("“{name}” and all its answers will be deleted.").format(name=entry.name),
                yes=_("Delete"),
                danger=True,
            ),
            delete,
        )
