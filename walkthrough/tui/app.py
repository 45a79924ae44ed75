"""The Textual app: the screen stack, quitting safely, themes and the too-small guard.

Module-level imports are Textual and the standard library only. The bank, the store
and pydantic behind them cost a few hundred milliseconds to import; they are loaded
after the first paint (the session list comes from a thread worker) or when an
action needs them.

Screens get what they show through their constructors (or, for the home screen's list,
through `show_listing`) and ask for store work by posting messages the app handles here.

Open sessions belong to the screens that show them. Any screen with a `close_session()`
method gets it called before the app exits, whether by ctrl+q, SIGTERM or SIGHUP (the
terminal closing), so pending answers are saved and the session lock is released.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterable
from datetime import date
from functools import cached_property, partial
from typing import TYPE_CHECKING, Any

from textual import events, work
from textual._xterm_parser import XTermParser
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.command import CommandPalette
from textual.screen import Screen
from textual.theme import Theme

from sessions.text import printable
from walkthrough.context import Context, ListingInBackground
from walkthrough.i18n import LANGUAGES, N_, _, language, set_language, translate_error
from walkthrough.tui.first_frame import WALK_CSS
from walkthrough.tui.screens.too_small import TooSmallScreen, too_small
from walkthrough.tui.settings import Settings, SettingsError, load_settings, save_settings, settings_path
from walkthrough.tui.widgets.visible import visible
from walkthrough.tui.xterm import BurstSafeXTermParser

if TYPE_CHECKING:
    from textual.command import Provider
    from textual.driver import Driver
    from textual.notifications import SeverityLevel
    from textual.screen import Screen

    from questions.models import Bank
    from sessions.models import Session
    from sessions.store import Listing, OpenSession
    from walkthrough.report.compare import Comparison
    from walkthrough.tui.screens.home import HomeScreen
    from walkthrough.tui.screens.new_session import NewSession

EARLY_LISTING_WAIT_SECONDS = 0.15  # how long home's first frame waits for its rows
EXIT_GRACE_SECONDS = 3.0  # after a terminating signal, how long Textual may take to shut down
TERMINATING_SIGNALS = tuple(
    sig for sig in (getattr(signal, "SIGTERM", None), getattr(signal, "SIGHUP", None)) if sig is not None
)


# Textual's own palette entries that stay (by their English title): the words to show instead.
SYSTEM_COMMANDS = {
    "Theme": (N_("Theme"), N_("Change the current theme")),
    "Minimize": (N_("Minimize"), N_("Minimize the widget and restore to normal size")),
    "Maximize": (N_("Maximize"), N_("Maximize the focused widget")),
    "Screenshot": (N_("Screenshot"), N_("Save an SVG 'screenshot' of the current screen")),
}


def _screen_commands() -> type[Provider]:
    """Loaded when the palette first opens, like Textual's own providers."""
    from walkthrough.tui.commands import ScreenCommands

    return ScreenCommands


class WalkthroughApp(App[None]):
    TITLE = "walkthrough"
    SUB_TITLE = N_("customer journey touchpoints")
    CSS_PATH = ["styles/app.tcss"]  # and WALK_CSS: with a walk's first screen (see first_frame)
    # Every screen's own actions in the palette, beside Textual's (theme, screenshot…).
    COMMANDS = App.COMMANDS | {_screen_commands}

    BINDINGS = [
        Binding("ctrl+q", "quit", N_("Quit"), show=False, priority=True),
        Binding("f1,question_mark", "help", N_("Help")),
        # Textual moves the focus on tab only once the key has bubbled up from the focused
        # widget; keys that arrived with it in one write (a laggy SSH link) would be handed
        # to the old widget meanwhile. As priority bindings the focus moves before the
        # next key is routed.
        Binding("tab", "focus_next", N_("Next field"), show=False, priority=True),
        Binding("shift+tab", "focus_previous", N_("Previous field"), show=False, priority=True),
        # Textual's own palette key, said again so that its footer word can be translated.
        Binding(
            App.COMMAND_PALETTE_BINDING,
            "command_palette",
            # Translators: the footer's word for the command palette key (^p); keep it short.
            N_("palette"),
            show=False,
            key_display=App.COMMAND_PALETTE_DISPLAY,
            priority=True,
            tooltip=N_("Open the command palette"),
        ),
    ]

    def __init__(
        self,
        context: Context,
        *,
        open_session: OpenSession | None = None,
        new_name: str | None = None,
        new_launch: date | None = None,
        listing: ListingInBackground | None = None,
        language_chosen: bool = False,
    ) -> None:
        """`language_chosen`: the language was asked for at start (--lang, WALKTHROUGH_LANG),
        so it wins over the one saved from the palette; else the saved one is used."""
        super().__init__()
        if open_session is not None:  # the first screen is a walk: its styles with the app's
            self.css_path = [*self.css_path, WALK_CSS]
            # Found by listing (most recent, a name); the list is made again if the PM goes home.
            context.release_listing()
        self.context = context
        self._early_listing = listing  # the home screen's first listing, already under way
        self._start_session = open_session
        self._new_name = new_name
        self._new_launch = new_launch
        self._unclaimed: list[OpenSession] = [open_session] if open_session is not None else []
        self._signals: list[int] = []
        self._exiting = False
        self._quit_despite_problems = False
        self.close_problems: list[str] = []
        self._session_names: frozenset[str] = frozenset()
        self._listing_generation = 0
        self._settings, self._settings_problem = self._read_settings()
        # The bank in the language the app switched to, by its code; None: the context's own.
        self._bank_language: str | None = None
        self._banks: dict[str, Bank] = {}
        saved = self._settings.language
        if not language_chosen and saved is not None and saved != language():
            set_language(saved)
            self._bank_language = saved
        if self._settings.theme:
            if self._settings.theme in self.available_themes:
                self.theme = self._settings.theme
            else:
                self._settings_problem = _("Theme '{theme}' is not available; using the default.").format(
                    theme=self._settings.theme
                )
        self.sub_title = _(self.SUB_TITLE)

    @property
    def bank(self) -> Bank:
        """The bank in the interface's language: the context's, until the PM switches."""
        code = self._bank_language
        if code is None:
            return self.context.bank
        if code not in self._banks:
            self._banks[code] = self.context.bank_for(code)
        return self._banks[code]

    # Start-up ------------------------------------------------------------------------

    @cached_property
    def home(self) -> HomeScreen:
        """Made when first shown; with the sessions on it when the listing started before the
        TUI (see `run_home`) is done by then, so the rows are on its first frame. Imported
        here: a walk opened from the command line neither builds nor loads it before its frame."""
        from walkthrough.tui.screens.home import HomeScreen

        early = self._early_listing
        # The listing shares the interpreter with Textual's import, which holds it most of the
        # time, so it may still be under way here although its own work is a few milliseconds.
        # Waited for, it runs alone and is done in those; the rows are then on the first frame,
        # not on a second one after a frame without them. A slow disk gets that second frame.
        if early is None or not early.wait(EARLY_LISTING_WAIT_SECONDS):
            return HomeScreen()
        self._early_listing = None
        listing = early.result()
        self._session_names = frozenset(entry.name for entry in listing.entries)
        return HomeScreen(listing)

    def get_driver_class(self) -> type[Driver]:
        # Drivers build their input parser from their module's XTermParser name.
        driver_class = super().get_driver_class()
        module = sys.modules.get(driver_class.__module__)
        if module is not None and getattr(module, "XTermParser", None) is XTermParser:
            module.XTermParser = BurstSafeXTermParser  # type: ignore[attr-defined]
        return driver_class

    def get_default_screen(self) -> Screen[Any]:
        # A session opened from the command line goes straight into the walk: the home screen
        # (and the listing it needs) is built only if the PM goes back to it.
        return Screen(id="_default") if self._start_session is not None else self.home

    def on_load(self) -> None:
        loop = asyncio.get_running_loop()
        for signum in TERMINATING_SIGNALS:
            try:
                loop.add_signal_handler(signum, self._on_terminating_signal, signum)
            except (NotImplementedError, RuntimeError, ValueError):
                continue  # not the main thread, or a platform without these signals
            self._signals.append(signum)

    def on_mount(self) -> None:
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        if self._settings_problem:
            self.notify(self._settings_problem, title=_("Settings"), severity="warning", markup=False)
        if self._start_session is not None:
            if not self.show_walk(self._start_session):
                self._show_home()
        elif self._new_name is not None:
            self.new_session(self._new_name, self._new_launch)
        self._check_size(*self.size)
        self.call_after_refresh(self._after_first_paint)

    def _after_first_paint(self) -> None:
        home = self._home_if_made()
        if home is not None and home.is_attached and home.listing is None:
            self.reload_sessions()

    def _home_if_made(self) -> HomeScreen | None:
        """The home screen, if it has been made: asking `home` would make it."""
        home: HomeScreen | None = self.__dict__.get("home")
        return home

    def _show_home(self, keep: str | None = None) -> None:
        """Show the home screen, if it is not up yet (over the blank first screen of a walk
        opened from the command line), and list the sessions, the cursor on `keep`."""
        if not self.home.is_attached and self.is_running:
            self.push_screen(self.home)
        self.reload_sessions(keep=keep)

    def on_unmount(self) -> None:
        loop = asyncio.get_running_loop()
        for signum in self._signals:
            loop.remove_signal_handler(signum)
        self._signals.clear()

    # The session list ----------------------------------------------------------------

    def reload_sessions(self, *, keep: str | None = None) -> None:
        """List the sessions again, off the UI thread; the home cursor stays on `keep`."""
        self._listing_generation += 1
        self._load_sessions(self._listing_generation, keep)

    # A listing that arrives while the app shuts down must not turn a clean exit into an error.
    @work(thread=True, group="sessions", exit_on_error=False)
    def _load_sessions(self, generation: int, keep: str | None) -> None:
        early, self._early_listing = self._early_listing, None
        try:
            listing = early.result() if early is not None else self.context.store.listing()
        except Exception as exc:  # noqa: BLE001 - any failure is shown, the home screen stays usable
            self._hand_over(self._listing_failed, generation, exc)
            return
        self._hand_over(self._listing_arrived, generation, listing, keep)

    def _hand_over(self, callback: Callable[..., object], *args: object) -> None:
        try:
            self.call_from_thread(callback, *args)
        except RuntimeError:
            pass  # the app has already stopped

    def _still_wanted(self, generation: int) -> bool:
        """The newest load (an older one may predate a rename or delete), and not closing."""
        home = self._home_if_made()
        return (
            generation == self._listing_generation
            and self.is_running
            and home is not None
            and home.is_attached
        )

    async def _listing_arrived(self, generation: int, listing: Listing, keep: str | None) -> None:
        if not self._still_wanted(generation):
            return
        self._session_names = frozenset(entry.name for entry in listing.entries)
        await self.home.show_listing(listing, keep=keep)

    def _listing_failed(self, generation: int, exc: Exception) -> None:
        if not self._still_wanted(generation):
            return
        self.home.show_failure(_("Cannot list sessions: {error}").format(error=self._error_text(exc)))

    # What the home screen asks for ----------------------------------------------------

    def on_home_screen_new_session_requested(self, _event: HomeScreen.NewSessionRequested) -> None:
        self.new_session()

    def on_home_screen_resume_requested(self, event: HomeScreen.ResumeRequested) -> None:
        self.resume_session(event.session_id, event.name)

    def on_home_screen_rename_requested(self, event: HomeScreen.RenameRequested) -> None:
        if self.report_store_errors(lambda: self.context.store.rename(event.session_id, event.new_name)):
            self.notify(_("Renamed to “{name}”").format(name=event.new_name), markup=False)
            self.reload_sessions(keep=event.session_id)

    def on_home_screen_delete_requested(self, event: HomeScreen.DeleteRequested) -> None:
        if self.report_store_errors(lambda: self.context.store.delete(event.session_id)):
            self.notify(_("Deleted “{name}”").format(name=event.name), markup=False)
            self.reload_sessions()

    def on_home_screen_export_requested(self, event: HomeScreen.ExportRequested) -> None:
        from sessions.errors import StoreError
        from walkthrough.report import launch
        from walkthrough.report.compare import since_latest
        from walkthrough.tui.export_flow import export_markdown

        read: list[Session] = []
        since: list[Comparison | None] = [None]

        def read_session() -> None:
            with self.context.store.open(event.session_id, read_only=True) as opened:
                read.append(opened.session)
                try:
                    since[0] = since_latest(self.bank, opened.session, opened.milestone_state, launch.today())
                except StoreError as exc:  # a lost milestone costs its section, not the report
                    self.notify(
                        _("{problem}; the report leaves out what changed since it").format(
                            problem=self._error_text(exc)
                        ),
                        severity="warning",
                        markup=False,
                    )

        if self.report_store_errors(read_session):
            export_markdown(self, self.bank, read[0], since=since[0])

    # Sessions ------------------------------------------------------------------------

    def new_session(self, name: str = "", launch: date | None = None) -> None:
        from walkthrough.tui.screens.new_session import NewSessionScreen

        bank = self.bank
        self.push_screen(
            NewSessionScreen(bank, name=name, launch=launch, taken=lambda: self._session_names),
            self._create_session,
        )

    def _create_session(self, result: NewSession | None) -> None:
        if result is None:
            return
        name, excluded, launch = result
        bank = self.bank
        opened: list[OpenSession] = []

        def create() -> None:
            store = self.context.store
            session = store.create(
                name,
                bank_id=bank.id,
                bank_version=bank.version,
                excluded_teams=[t for t in bank.team_names() if t in excluded],
                launch=launch,
            )
            opened.append(store.open(session.id))

        if self.report_store_errors(create):
            self.show_walk(opened[0])

    def resume_session(self, session_id: str, name: str) -> None:
        from sessions.errors import SessionLocked
        from walkthrough.tui.screens.confirm import ConfirmScreen

        opened: list[OpenSession] = []
        try:
            opened.append(self.context.store.open(session_id))
        except SessionLocked:

            def read_only(yes: bool | None) -> None:
                if yes and self.report_store_errors(
                    lambda: opened.append(self.context.store.open(session_id, read_only=True))
                ):
                    self.show_walk(opened[0])

            self.push_screen(
                ConfirmScreen(
                    _("Session in use"),
                    _(
                        "“{name}” is open in another walkthrough window. Look at it here read-only, "
                        "or cancel and carry on in the other window."
                    ).format(name=name),
                    yes=_("Open read-only"),
                ),
                read_only,
            )
            return
        except Exception as exc:  # noqa: BLE001 - shown to the PM; the home screen stays usable
            self._report(exc)
            return
        self.show_walk(opened[0])

    def show_walk(self, opened: OpenSession) -> bool:
        """Hand an open session to the walk screen, which from then on saves and closes it.
        False if the walk could not be shown (said in a notification)."""
        try:
            from walkthrough.tui.screens.walk import WalkScreen

            screen = WalkScreen(opened, self.bank)
        except Exception as exc:  # noqa: BLE001 - without a walk screen the session must not stay locked
            opened.close()
            if opened in self._unclaimed:
                self._unclaimed.remove(opened)
            self._report(exc)
            return False
        if opened in self._unclaimed:
            self._unclaimed.remove(opened)
        # Tied to this walk's own dismissal (and run once it is off the stack): a flag read on the home screen's next resume
        # would be spent by whichever screen closed first (the new-session dialog does).
        # Back home, the cursor is on the session just walked (new or resumed), so the
        # next key (d, e, f2) acts on it and not on the row highlighted before.
        self.push_screen(screen, partial(self._walk_closed, opened.session.id))
        return True

    def _walk_closed(self, walked: str, _result: None) -> None:
        self.call_later(self._show_home, walked)

    def report_store_errors(self, operation: Callable[[], Any]) -> bool:
        """Run a store operation; a failure becomes a notification instead of a crash."""
        try:
            operation()
        except Exception as exc:  # noqa: BLE001 - every failure is reported in one line
            self._report(exc)
            return False
        return True

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        # Every toast of every screen comes here, and many quote a session name, a path or
        # a file's complaint: control and bidi characters are drawn, never sent.
        super().notify(
            visible(message), title=visible(title), severity=severity, timeout=timeout, markup=markup
        )

    def _report(self, exc: Exception) -> None:
        from sessions.errors import StoreError
        from walkthrough.report.errors import UserError

        known = isinstance(exc, (StoreError, UserError, OSError))
        message = self._error_text(exc) if known else f"{type(exc).__name__}: {exc}"
        self.notify(" ".join(message.split()), severity="error", timeout=10, markup=False)

    @staticmethod
    def _error_text(exc: BaseException) -> str:
        return translate_error(exc)

    # Leaving -------------------------------------------------------------------------

    def close_sessions(self) -> list[str]:
        """Call every `close_session()` on the stack (top first) and close any session no
        screen took over. Returns one line per failure; every screen is tried regardless."""
        problems: list[str] = []
        for screen in reversed(self.screen_stack):
            close = getattr(screen, "close_session", None)
            if callable(close):
                try:
                    close()
                except Exception as exc:  # noqa: BLE001 - keep closing the others
                    problems.append(f"{type(exc).__name__}: {exc}")
        for opened in self._unclaimed:
            try:
                opened.close()
            except Exception as exc:  # noqa: BLE001
                problems.append(f"{type(exc).__name__}: {exc}")
        self._unclaimed.clear()
        return problems

    async def action_quit(self) -> None:
        problems = self.close_sessions()
        if problems and not self._quit_despite_problems:
            self._quit_despite_problems = True
            self.notify(
                _("Could not save before quitting: {problems}. Press ctrl+q again to quit anyway.").format(
                    problems="; ".join(problems)
                ),
                title=_("Not saved"),
                severity="error",
                timeout=15,
                markup=False,
            )
            return
        self.close_problems = problems
        self.exit()

    def _on_terminating_signal(self, signum: int) -> None:
        if self._exiting:
            # A second signal while shutting down: the sessions were saved the first time.
            os._exit(128 + signum)
        self._exiting = True
        self.close_problems = self.close_sessions()
        # With the terminal gone Textual's shutdown can block for ever writing to it (its
        # writer thread dies on the first failed write and the main thread then waits on
        # the writer's full queue). The sessions are saved and released by now, so after a
        # grace period nothing is lost by leaving without the rest of the shutdown.
        deadline = threading.Timer(EXIT_GRACE_SECONDS, os._exit, args=(128 + signum,))
        deadline.daemon = True
        deadline.start()
        self.exit(return_code=128 + signum)

    # Help, themes, size --------------------------------------------------------------

    def action_help(self) -> None:
        from walkthrough.tui.screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            self.screen.dismiss(None)
        else:
            self.push_screen(HelpScreen(self.screen))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        # Quit and help come from the keys (quit saves first; help is this app's, built
        # from the live bindings), so Textual's own entries for them would only confuse.
        # The ones kept are Textual's English: said again here in the language in use.
        for command in super().get_system_commands(screen):
            words = SYSTEM_COMMANDS.get(command.title)
            if words is not None:
                callback = command.callback
                if command.title == "Screenshot":  # saved where it can be, and said where
                    callback = partial(self.set_timer, 0.1, self._save_screenshot)
                yield SystemCommand(_(words[0]), _(words[1]), callback, command.discover)
        for code, name in LANGUAGES.items():
            if code != language():
                yield SystemCommand(
                    _("Language: {name}").format(name=name),
                    # Translators: the help line under "Language: <name>" in the command palette.
                    _("Show walkthrough in {name}; every answer stays as it is").format(name=name),
                    partial(self.switch_language, code),
                )

    def _save_screenshot(self) -> None:
        from walkthrough.tui.screenshot import save_screenshot  # when asked for

        save_screenshot(self)

    def action_command_palette(self) -> None:
        # Textual's own action, with the search box's hint in the language in use.
        if self.use_command_palette and not CommandPalette.is_open(self):  # type: ignore[arg-type]
            self.push_screen(CommandPalette(placeholder=_("Search for commands…")))

    def search_themes(self) -> None:
        from textual.theme import ThemeProvider

        self.push_screen(CommandPalette(providers=[ThemeProvider], placeholder=_("Search for themes…")))

    # Language ------------------------------------------------------------------------

    def switch_language(self, code: str) -> None:
        """Show everything in `code` from now on, and at the next start: pending answers are
        saved first, and every screen on the stack is rebuilt where it was, with what it held."""
        if code == language():
            return
        for screen in self.screen_stack:
            save = getattr(screen, "save_now", None)
            if callable(save):
                save()
        try:
            bank = self._banks.get(code) or self.context.bank_for(code)
        except Exception as exc:  # noqa: BLE001 - a custom bank's translation may be broken; nothing changes
            self._report(exc)
            return
        set_language(code)
        self._banks[code] = bank
        self._bank_language = code
        self.sub_title = _(self.SUB_TITLE)
        self._settings.language = code
        self._save_settings(_("Could not save the language choice: {error}"))
        self.call_later(self._rebuild_screens, bank)

    async def _rebuild_screens(self, bank: Bank) -> None:
        # A screen that holds the bank's text or fills itself after mounting says how to
        # rebuild (`retranslate`); the rest are composed again.
        for screen in list(self.screen_stack):
            retranslate = getattr(screen, "retranslate", None)
            if callable(retranslate):
                await retranslate(bank)
            elif screen.id != "_default":
                await screen.recompose()
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Behind the too-small notice nothing can be seen, so only quitting stays available.
        return not (isinstance(self.screen, TooSmallScreen) and action != "quit")

    def _read_settings(self) -> tuple[Settings, str]:
        try:
            return load_settings(settings_path(self.context)), ""
        except SettingsError as exc:
            return Settings(), str(exc)

    def _remember_theme(self, theme: Theme) -> None:
        if theme.name == self._settings.theme:
            return
        self._settings.theme = theme.name
        self._save_settings(_("Could not save the theme choice: {error}"))

    def _save_settings(self, failure: str) -> None:
        """`failure`: what to say (translated, with `{error}`) if the file cannot be written."""
        try:
            save_settings(
                settings_path(self.context), self._settings, create_parents=self.context.data_dir_is_default
            )
        except OSError as exc:
            self.notify(failure.format(error=exc), severity="warning", markup=False)

    def on_resize(self, event: events.Resize) -> None:
        # Runs before App's own handler has recorded the new size: use the event's.
        self._check_size(*event.size)

    def _check_size(self, width: int, height: int) -> None:
        top = self.screen
        if too_small(width, height):
            if isinstance(top, TooSmallScreen):
                top.update_size(width, height)
            else:
                self.push_screen(TooSmallScreen())
        elif isinstance(top, TooSmallScreen):
            self.pop_screen()


def run_app(
    context: Context,
    *,
    open_session: OpenSession | None = None,
    new_name: str | None = None,
    new_launch: date | None = None,
    listing: ListingInBackground | None = None,
) -> int:
    """Run the TUI until the PM quits; the exit status for the CLI. The language the PM
    switched to in an earlier run is used unless --lang or WALKTHROUGH_LANG named one."""
    app = WalkthroughApp(
        context,
        open_session=open_session,
        new_name=new_name,
        new_launch=new_launch,
        listing=listing,
        language_chosen=context.language_named,
    )
    try:
        app.run()
    finally:
        leftover = app.close_sessions()
    problems = app.close_problems + leftover
    for problem in problems:
        # Back on the shell's terminal: a name or path in the problem is made printable there too.
        # "error:" is the program's marker for scripts, the same in every language.
        message = _("could not save on exit: {problem}").format(problem=problem)
        print(printable(f"error: {message}"), file=sys.stderr)
    if problems:
        return 1
    return app.return_code or 0
