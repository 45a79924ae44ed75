"""The home screen: saved sessions, and the way into a new or an old walk.

It paints before anything heavy is imported: the session list needs the store (and so
pydantic and the bank), which a thread worker loads right after mount and hands back
to fill the table. Store operations the PM asks for (rename, delete, export) are
quick single-file operations and run on the UI thread.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, cast

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.widgets import Footer, Static

from walkthrough.tui.widgets.session_detail import SessionDetail
from walkthrough.tui.widgets.title_bar import TitleBar

if TYPE_CHECKING:
    from textual.widgets import DataTable

    from sessions.store import Listing, SessionEntry
    from walkthrough.tui.app import WalkthroughApp
    from walkthrough.tui.widgets.session_table import SessionTable

EMPTY_TEXT = (
    "No sessions yet.\n\n"
    "Press n to start your first walkthrough: name the product or launch, tick the teams "
    'that take part, then answer one "How …?" question at a time for every touchpoint of '
    "the customer journey.\n\n"
    "Answers are saved as you type. Quit whenever you like; your sessions wait here, "
    "and enter picks one up where you left off."
)


class HomeScreen(Screen[None]):
    HELP = (
        "Your saved walkthroughs, most recently updated first. Readiness is the share of the "
        "questions that apply that are ready; answered counts those with an answer, open items "
        "those not ready yet. Questions marked N/A and teams left out count nowhere."
    )

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]

    BINDINGS = [
        Binding("n", "new_session", "New"),
        Binding("r", "resume", "Resume", show=False),
        Binding("e", "export", "Export"),
        Binding("f2", "rename", "Rename"),
        Binding("d,delete", "delete", "Delete"),
        Binding("q", "app.quit", "Quit"),
    ]

    app: WalkthroughApp

    def __init__(self) -> None:
        super().__init__()
        self.listing: Listing | None = None
        self._generation = 0

    def compose(self) -> ComposeResult:
        # The session table arrives with the sessions (see _show_listing): DataTable's
        # import and styling are then off the path to the first frame.
        yield TitleBar()
        with Horizontal(id="home-body"):
            with Vertical(id="home-main"):
                yield Static("Loading sessions…", id="home-status", markup=False)
                yield Static(EMPTY_TEXT, id="home-empty", markup=False)
            yield SessionDetail(id="home-detail", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#home-empty").display = False
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self._refill())
        # The app calls reload() once the first frame is out: the worker imports pydantic and
        # the store, and a thread busy importing holds the GIL the first paint is waiting on.

    # Loading -----------------------------------------------------------------------

    def reload(self, *, keep: str | None = None) -> None:
        self._generation += 1
        self._load(self._generation, keep)

    # A listing that arrives while the app shuts down must not turn a clean exit into an error.
    @work(thread=True, group="sessions", exit_on_error=False)
    def _load(self, generation: int, keep: str | None) -> None:
        try:
            listing = self.app.context.store.list()
        except Exception as exc:  # noqa: BLE001 - any failure is shown, the screen stays usable
            self._hand_over(self._show_failure, generation, exc)
            return
        self._hand_over(self._show_listing, generation, listing, keep)

    def _hand_over(self, callback: Callable[..., object], *args: object) -> None:
        try:
            self.app.call_from_thread(callback, *args)
        except RuntimeError:
            pass  # the app has already stopped

    def _current(self, generation: int) -> bool:
        """Still worth showing: the newest load, and the screen still up."""
        return generation == self._generation and self.is_attached and self.app.is_running

    async def _show_listing(self, generation: int, listing: Listing, keep: str | None) -> None:
        if not self._current(generation):
            return  # a newer load is on its way (this one may predate a rename or delete), or we are closing
        first = self.listing is None
        if first:
            from walkthrough.tui.widgets.session_table import SessionTable

            table = SessionTable(id="sessions")
            table.display = False
            await self.query_one("#home-main").mount(table, after="#home-status")
        self.listing = listing
        self._refill(keep)
        if first:
            for problem in listing.problems:
                self.notify(problem, title="Session store", severity="warning", timeout=10, markup=False)
            self.call_after_refresh(self.app.bench_mark, "listed")

    def _show_failure(self, generation: int, exc: Exception) -> None:
        if not self._current(generation):
            return
        message = f"Cannot list sessions: {exc}"
        status = self.query_one("#home-status", Static)
        status.display = True
        status.update(message)
        self.notify(message, severity="error", timeout=10, markup=False)
        self.call_after_refresh(self.app.bench_mark, "listed")

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
        theme = self.app.current_theme
        table.gap_colour = theme.error or "red"
        table.done_colour = theme.success or "green"
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
        gaps = sum(entry.stats.get("gap", 0) for entry in entries)
        sessions = f"{len(entries)} session{'s' if len(entries) != 1 else ''}"
        return f"{sessions} · {gaps} gap{'s' if gaps != 1 else ''} found so far"

    @property
    def session_names(self) -> frozenset[str]:
        return frozenset(entry.name for entry in self.listing.entries) if self.listing else frozenset()

    @property
    def selected(self) -> SessionEntry | None:
        table = self.table
        return table.selected if table is not None else None

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_detail()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_resume()

    def _show_detail(self) -> None:
        self.query_one(SessionDetail).show(self.selected)

    # Actions -----------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in {"resume", "export", "rename", "delete"}:
            return self.selected is not None
        return True

    def action_new_session(self) -> None:
        self.app.new_session()

    def action_resume(self) -> None:
        entry = self.selected
        if entry is not None:
            self.app.resume_session(entry.id, entry.name)

    def action_rename(self) -> None:
        entry = self.selected
        if entry is None:
            return
        from walkthrough.tui.screens.rename import RenameScreen

        def rename(name: str | None) -> None:
            if name is None:
                return
            if self.app.report_store_errors(lambda: self.app.context.store.rename(entry.id, name)):
                self.notify(f"Renamed to “{name}”", markup=False)
                self.reload(keep=entry.id)

        self.app.push_screen(RenameScreen(entry.name, taken=self.session_names), rename)

    def action_delete(self) -> None:
        entry = self.selected
        if entry is None:
            return
        from walkthrough.tui.screens.confirm import ConfirmScreen

        def delete(yes: bool | None) -> None:
            if not yes:
                return
            if self.app.report_store_errors(lambda: self.app.context.store.delete(entry.id)):
                self.notify(f"Deleted “{entry.name}”", markup=False)
                self.reload()

        self.app.push_screen(
            ConfirmScreen(
                "Delete session?",
                f"“{entry.name}” and all its answers will be deleted.",
                yes="Delete",
                danger=True,
            ),
            delete,
        )

    def action_export(self) -> None:
        entry = self.selected
        if entry is None:
            return
        # The same file name `walkthrough export` picks, so both ways lead to one file.
        from walkthrough.report.export import default_filename

        target = Path.cwd() / default_filename(entry.name, entry.id)
        if not target.exists():
            self._export(entry, target, overwrite=False)
            return
        from walkthrough.tui.screens.confirm import ConfirmScreen

        def overwrite(yes: bool | None) -> None:
            if yes:
                self._export(entry, target, overwrite=True)

        self.app.push_screen(
            ConfirmScreen(
                "Replace file?",
                f"{target} already exists. Replace it with a fresh export of “{entry.name}”?",
                yes="Replace",
                danger=True,
            ),
            overwrite,
        )

    def _export(self, entry: SessionEntry, target: Path, *, overwrite: bool) -> None:
        try:
            from walkthrough.report.markdown import render_markdown
        except ImportError:
            self.notify("Markdown export is not available in this build.", severity="error")
            return

        from walkthrough.report.export import write_export

        def write() -> None:
            with self.app.context.store.open(entry.id, read_only=True) as opened:
                text = render_markdown(self.app.context.bank, opened.session, generated=date.today())
            # Without force a file that appeared since the check is still not replaced.
            write_export(target, text, replace=overwrite)

        if self.app.report_store_errors(write):
            self.notify(f"Exported “{entry.name}” to {target}", title="Export", markup=False)
