"""The walk: one question at a time, stage by stage and team by team.

Every edit is recorded with the Autosaver and written from a thread worker (the
store is thread-safe), so typing never waits for the disk; navigation flushes at
once and `close_session` flushes synchronously before releasing the session.
"""

from __future__ import annotations

from contextlib import suppress
from dataclasses import replace
from datetime import date, datetime
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.css.query import NoMatches
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Label, Static

from questions.models import Bank, QuestionRef
from sessions.models import Answer, Readiness
from walkthrough.i18n import N_, _, translate_error
from walkthrough.report import launch as launch_clock
from walkthrough.report.launch import countdown
from walkthrough.report.owners import owner_spellings
from walkthrough.report.progress import is_settled, progress, status_of
from walkthrough.tui.autosave import Autosaver, Flusher, SaveStatus
from walkthrough.tui.dates import day_words
from walkthrough.tui.first_frame import WALK_CSS, StyledOnce
from walkthrough.tui.milestone_book import SessionMilestones
from walkthrough.tui.widgets.key_footer import KeyFooter
from walkthrough.tui.widgets.outline import Outline, Place
from walkthrough.tui.widgets.progress_line import Position, ProgressLine
from walkthrough.tui.widgets.question_form import QuestionForm
from walkthrough.tui.widgets.visible import visible

if TYPE_CHECKING:
    from sessions.models import Session
    from sessions.store import OpenSession
    from walkthrough.tui.commands import Entry
    from walkthrough.tui.screens.launch import LaunchChoice
    from walkthrough.tui.screens.summary import SummaryExit, SummaryPlace

READ_ONLY_NOTICE = N_("Read-only: nothing you change here is saved.")
# Translators: footer label for the keys to the previous and next question; keep it short.
_MOVE = Binding.Group(N_("Prev/Next"))
_RATE = Binding.Group(N_("Rate"))
_READINESS = Binding.Group(N_("Readiness"))
_BACK = Binding.Group(N_("Back"))  # the footer's short word for "Back to summary"
_EDITING_ACTIONS = frozenset({"readiness", "rate", "teams", "launch"})


class WalkScreen(StyledOnce[None]):
    """Answer every "how" question of the teams that apply, saving as you type."""

    AUTO_FOCUS = "#answer"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-medium"), (120, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (30, "-tall")]

    # Priority bindings: the answer box would otherwise take these keys (pageup,
    # pagedown) or type them (alt+y arrives as the character "y"). Readiness uses
    # letters, not digits: most terminals send alt+3 as ESC 3, which Textual reads
    # as macOS's option+3, "£".
    CSS_PATH = WALK_CSS
    BINDINGS = [
        Binding("pageup", "previous", N_("Previous question"), group=_MOVE, priority=True),
        Binding("pagedown", "next", N_("Next question"), group=_MOVE, priority=True),
        Binding("alt+down,ctrl+down", "next", N_("Next question"), show=False, priority=True),
        Binding("alt+up,ctrl+up", "previous", N_("Previous question"), show=False, priority=True),
        Binding(
            "alt+y",
            "readiness('ready')",
            N_("Readiness: ready"),
            key_display="alt+y/p/g/n",
            group=_READINESS,
            tooltip=N_("alt+y ready, alt+p partial, alt+g gap, alt+n not applicable"),
            priority=True,
        ),
        Binding("alt+p", "readiness('partial')", N_("Readiness: partial"), show=False, priority=True),
        Binding("alt+g", "readiness('gap')", N_("Readiness: gap"), show=False, priority=True),
        Binding(
            "alt+n", "readiness('not_applicable')", N_("Readiness: not applicable"), show=False, priority=True
        ),
        Binding(
            "alt+r",
            "rate('risk', 1)",
            N_("Risk up"),
            key_display="alt+r/w/m",
            group=_RATE,
            tooltip=N_("alt+r risk, alt+w reward, alt+m mitigation; with shift, one less"),
            priority=True,
        ),
        Binding("alt+w", "rate('reward', 1)", N_("Reward up"), show=False, priority=True),
        Binding("alt+m", "rate('mitigation', 1)", N_("Mitigation up"), show=False, priority=True),
        Binding("alt+shift+r", "rate('risk', -1)", N_("Risk down"), show=False, priority=True),
        Binding("alt+shift+w", "rate('reward', -1)", N_("Reward down"), show=False, priority=True),
        Binding("alt+shift+m", "rate('mitigation', -1)", N_("Mitigation down"), show=False, priority=True),
        Binding(
            "ctrl+s,f5",
            "summary",
            N_("Summary"),
            tooltip=N_("The gap summary: readiness, open items, risk × reward"),
        ),
        Binding(
            "escape",
            "home",
            N_("Home"),
            tooltip=N_("Back to the sessions list (saves and releases the session)"),
        ),
        Binding(
            "escape",
            "close_outline",
            N_("Close outline"),
            tooltip=N_("Hide the journey outline and go back to the question"),
        ),
        Binding(
            "escape",
            "back_to_summary",
            N_("Back to summary"),
            group=_BACK,
            tooltip=N_("Back to the gap summary, at the item you opened"),
        ),
        Binding("ctrl+t", "teams", N_("Teams"), tooltip=N_("The teams that apply to this product")),
        Binding("ctrl+o", "toggle_outline", N_("Outline"), tooltip=N_("Show or hide the journey outline")),
        Binding(
            "ctrl+l",
            "launch",
            N_("Launch date"),
            show=False,
            tooltip=N_("Set, change or clear the launch date"),
        ),
    ]
    HELP = N_(
        "One question at a time: type the answer, then say how ready the team is and rate the "
        "decision. Everything is saved as you type. The keys below work from inside the answer box."
    )
    HELP_SECTIONS = (
        (
            N_("Move through the walk"),
            ("previous", "next", "toggle_outline", "close_outline", "home", "back_to_summary"),
        ),
        (N_("Readiness and ratings"), ("readiness", "rate")),
        (N_("Summary, teams and launch"), ("summary", "teams", "launch")),
    )
    # What the footer keeps when the terminal is narrow (the rest is in help, f1).
    FOOTER_RANK = (
        "help",
        "close_outline",
        "back_to_summary",
        "previous",
        "readiness",
        "rate",
        "summary",
        "home",
        "command_palette",
        "teams",
        "toggle_outline",
    )

    class SaveDone(Message):
        """Posted from the save thread (post_message is thread-safe)."""

        def __init__(self, wrote: bool, error: str = "") -> None:
            super().__init__()
            self.wrote = wrote
            self.error = error

    def __init__(self, open_session: OpenSession, bank: Bank) -> None:
        super().__init__()
        self.open_session = open_session
        self.bank = bank
        self.read_only = bool(open_session.read_only)
        session = open_session.session
        self.session_name = session.name
        self.answers: dict[str, Answer] = dict(session.answers)
        self.excluded: frozenset[str] = frozenset(session.excluded_teams)
        self.launch: date | None = session.launch
        self.refs = bank.walk()
        self._by_id = {ref.id: ref for ref in self.refs}
        self.current: QuestionRef | None = None
        self.autosaver = Autosaver()
        self.flusher = Flusher(open_session, self.autosaver)
        self.save_status = SaveStatus()
        self.closed = False
        self._tick: Timer | None = None
        # A read-only view saves nothing: its banner says so, and no "Autosave on" contradicts it.
        self._status_words = _("Read-only") if self.read_only else self.save_status.describe()
        self._summary_place: SummaryPlace | None = None
        self._from_summary = False
        self.milestones = SessionMilestones(open_session, bank, self.flusher.flush)

    # ----------------------------------------------------------------- layout

    def compose(self) -> ComposeResult:
        with Horizontal(id="session-bar"):
            yield Label(
                Text(visible(self.session_name), no_wrap=True, overflow="ellipsis"), id="session-name"
            )
            yield Label(id="launch-countdown")
            yield Label(Text(self._status_words), id="save-status")
        if self.read_only:
            yield Static(Text(_(READ_ONLY_NOTICE)), id="read-only-banner")
        with Horizontal(id="walk-body"):
            yield Outline(self.bank, id="outline")
            with Vertical(id="walk-main"):
                yield ProgressLine(id="progress")
                yield QuestionForm(read_only=self.read_only, id="form")
        yield KeyFooter()

    def on_mount(self) -> None:
        self._tick = self.set_interval(0.1, self._autosave_tick, pause=True)
        self._show_launch()
        self._show(self._start_ref())

    def on_resize(self) -> None:
        # Past 100 columns the outline sits beside the walk, under them over it: what escape
        # does (close it, or leave) changes with the width.
        self.refresh_bindings()

    @property
    def form(self) -> QuestionForm:
        return self.query_one("#form", QuestionForm)

    @property
    def outline(self) -> Outline:
        return self.query_one("#outline", Outline)

    def palette_entries(self) -> list[Entry]:
        """Where to go (any stage, team or question number), then what the keys do."""
        from walkthrough.tui.commands import binding_entries, walk_entries  # with the palette

        return [*walk_entries(self), *binding_entries(self)]

    # ------------------------------------------------------------- the walk

    def applies(self, ref: QuestionRef) -> bool:
        return ref.team.id not in self.excluded

    def _start_ref(self) -> QuestionRef | None:
        position = self.open_session.session.position
        start = self._by_id[position].index if position in self._by_id else 0
        return self._applicable_from(start, 1) or self._applicable_from(start, -1)

    def _applicable_from(self, index: int, step: int) -> QuestionRef | None:
        while 0 <= index < len(self.refs):
            if self.applies(self.refs[index]):
                return self.refs[index]
            index += step
        return None

    def _show(self, ref: QuestionRef | None) -> None:
        self.current = ref
        form = self.form
        if ref is None:
            form.display = False
        else:
            form.display = True
            form.suggest_owners(list(owner_spellings(a.owner for a in self.answers.values()).values()))
            form.show(ref, self.answers.get(ref.id) or Answer())
            # At once, not after a refresh: text typed in the same write as pagedown
            # belongs to the next answer, not to the field the PM left.
            self.set_focus(form.answer_area)
        self._refresh_progress()

    def _refresh_progress(self) -> None:
        ref = self.current
        at = (ref.stage_index, ref.team_index) if ref else None
        self.outline.update_status(self.answers, self.excluded, at)
        self.query_one(ProgressLine).position = self._position(ref) if ref else None

    def _position(self, ref: QuestionRef) -> Position:
        teams = [team for team in ref.stage.teams if team.id not in self.excluded]
        counts = progress(self.bank, self._snapshot())
        return Position(
            stage=ref.stage_index + 1,
            stages=len(self.bank.stages),
            team=teams.index(ref.team) + 1,
            teams=len(teams),
            question=ref.question_index + 1,
            questions=len(ref.team.questions),
            counts=counts,
        )

    def _snapshot(self) -> Session:
        """The session as this screen holds it, saved or not (shallow: no validation)."""
        return self.open_session.session.model_copy(
            update={
                "answers": dict(self.answers),
                "excluded_teams": sorted(self.excluded),
                "launch": self.launch,
            }
        )

    def go_to(self, ref: QuestionRef | None) -> None:
        if ref is None or self.closed:
            return
        unread = self.form.newly_unread_due if self.current is not None else ""
        if unread:
            self.notify(
                _("The due date “{due}” is not a date: it is kept as typed, with no date.").format(
                    due=visible(unread)
                ),
                severity="warning",
                markup=False,
            )
        self._show(ref)
        if not self.read_only:
            self.autosaver.record_position(ref.id)
            self._flush_now()

    def jump(self, place: Place) -> None:
        """First applicable question of a stage, or of one team in it."""
        stage = self.bank.stages[place.stage_index]
        if place.team_index is not None:
            team = stage.teams[place.team_index]
            if team.id in self.excluded:
                self.notify(
                    _("{team} does not apply to this product; ctrl+t changes the teams.").format(
                        team=visible(team.name)
                    ),
                    markup=False,
                )
                return
        for ref in self.refs:
            if (
                ref.stage_index == place.stage_index
                and (place.team_index is None or ref.team_index == place.team_index)
                and self.applies(ref)
            ):
                self.go_to(ref)
                return
        self.notify(
            _("No team of this stage applies to this product; ctrl+t changes the teams."), markup=False
        )

    def action_next(self) -> None:
        self._step(1)

    def action_previous(self) -> None:
        self._step(-1)

    def _step(self, step: int) -> None:
        if self.current is None:
            return
        ref = self._applicable_from(self.current.index + step, step)
        if ref is None:
            if step > 0:
                self.notify(_("That was the last question. ctrl+s shows the gap summary."))
            else:
                self.notify(_("This is the first question."))
            return
        self.go_to(ref)

    def action_next_open(self) -> None:
        start = self.current.index + 1 if self.current else 0
        order = self.refs[start:] + self.refs[:start]
        for ref in order:
            if self.applies(ref) and not is_settled(self.answers.get(ref.id)):
                self.go_to(ref)
                return
        self.notify(_("Every question that applies has an answer. ctrl+s shows the gap summary."))

    def on_outline_jump(self, event: Outline.Jump) -> None:
        event.stop()
        self.jump(event.place)
        if self.has_class("-outline-open") and self.has_class("-narrow"):
            self._set_outline(False)

    # --------------------------------------------------------- quick fields

    def action_readiness(self, value: str) -> None:
        if self._editable():
            self.form.set_readiness(Readiness(value))

    def action_rate(self, which: str, delta: int) -> None:
        if self._editable():
            self.form.nudge_rating(which, delta)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Escape goes back to the summary after a question was opened from it, else home.
        # Over a narrow walk the open outline is what escape closes first.
        if action == "close_outline":
            return self._outline_over_the_walk
        if action in ("home", "back_to_summary"):
            if self._outline_over_the_walk:
                return False
            return (action == "back_to_summary") == self._from_summary
        # Hides the editing keys from the footer of a read-only session.
        return not (self.read_only and action in _EDITING_ACTIONS)

    def _editable(self) -> bool:
        if self.read_only:
            self.notify(_("Read-only session: nothing can be changed here."), severity="warning")
            return False
        return self.current is not None

    # -------------------------------------------------------------- autosave

    def on_question_form_edited(self, event: QuestionForm.Edited) -> None:
        event.stop()
        if self.read_only or self.closed:
            return
        before = self.answers.get(event.question_id)
        self.answers[event.question_id] = event.answer
        self.autosaver.record_answer(event.question_id, event.answer)
        self._set_status("pending")
        if self._tick is not None:
            self._tick.resume()
        if status_of(before) != status_of(event.answer):
            self._refresh_progress()

    def _autosave_tick(self) -> None:
        if not self.autosaver.has_pending:
            if self._tick is not None:
                self._tick.pause()
        elif self.autosaver.due():
            if self._tick is not None:
                self._tick.pause()
            self._flush_now()

    def _flush_now(self) -> None:
        if not self.closed:
            self.run_worker(self._flush_in_thread, thread=True, group="autosave", exit_on_error=False)

    def _flush_in_thread(self) -> None:
        try:
            wrote = self.flusher.flush()
        except Exception as exc:  # noqa: BLE001 - the store's errors are one line; anything else must not kill the walk
            self.post_message(
                self.SaveDone(False, str(exc).splitlines()[0] if str(exc) else type(exc).__name__)
            )
        else:
            self.post_message(self.SaveDone(wrote))

    def on_walk_screen_save_done(self, event: WalkScreen.SaveDone) -> None:
        if event.error:
            self._set_status("failed", error=event.error)
        elif self.autosaver.has_pending:
            self._set_status("pending")
        elif event.wrote:
            self._set_status("saved", saved_at=datetime.now())
        if self.autosaver.has_pending and self._tick is not None and not self.closed:
            self._tick.resume()

    def _set_status(self, state: str, *, saved_at: datetime | None = None, error: str = "") -> None:
        status = self.save_status
        status.state, status.error = state, error
        if saved_at is not None:
            status.saved_at = saved_at
        words = status.describe()
        if words == self._status_words:
            return  # the status is set on every keystroke; repainting it each time is waste
        self._status_words = words
        try:
            label = self.query_one("#save-status", Label)
        except NoMatches:
            return
        label.update(Text(visible(words), no_wrap=True, overflow="ellipsis"))
        label.set_class(state == "failed", "-failed")

    def save_now(self) -> None:
        """Write what is typed and where the PM is, now, on this thread (before the language
        changes under the screen). A failure is shown in the status line and retried later."""
        if self.closed or self.read_only:
            return
        self._take_edit_in_flight()
        try:
            wrote = self.flusher.flush()
        except Exception as exc:  # noqa: BLE001 - kept for the next try, as a failed autosave is
            self._set_status("failed", error=translate_error(exc) or type(exc).__name__)
        else:
            if wrote:
                self._set_status("saved", saved_at=datetime.now())

    def _take_edit_in_flight(self) -> None:
        """Record the form's newest answer and the position with the autosaver."""
        try:
            ref, answer = self.current, self.form.collect() or self._edit_in_flight()
        except NoMatches:  # never mounted: nothing typed
            ref, answer = self.current, None
        if ref is not None:
            if answer is not None:
                self.answers[ref.id] = answer
                self.autosaver.record_answer(ref.id, answer)
            self.autosaver.record_position(ref.id)

    async def retranslate(self, bank: Bank) -> None:
        """Show the same session, question and answers with `bank` (the same bank in another
        language: the ids are the same) and the interface's words in the language in use."""
        self._take_edit_in_flight()
        self.bank = bank
        self.refs = bank.walk()
        self._by_id = {ref.id: ref for ref in self.refs}
        current = self._by_id.get(self.current.id) if self.current is not None else None
        self.milestones.use_bank(bank)
        self._status_words = _("Read-only") if self.read_only else self.save_status.describe()
        # The PM carries on in the field they were in: the keys they press next (ctrl+u) are
        # meant for it, not for the answer box the question would otherwise focus.
        focused = self.focused.id if self.focused is not None else None
        await self.recompose()
        self._show_launch()
        self._show(current)
        if focused is not None and focused != self.form.answer_area.id:
            with suppress(NoMatches):
                self.set_focus(self.query_one(f"#{focused}"))

    def close_session(self) -> None:
        """Flush pending edits, save the position and release the session. Safe to
        call more than once; the session is released even if the last save fails."""
        if self.closed:
            return
        self.closed = True
        if self._tick is not None:
            self._tick.stop()
        if not self.read_only:
            self._take_edit_in_flight()
        self.flusher.close()

    def _edit_in_flight(self) -> Answer | None:
        """The form's newest answer if its Edited message has not reached us yet: ctrl+q
        comes through the app's queue and can overtake it."""
        ref, latest = self.form.ref, self.form.answer
        if (
            ref is None
            or ref is not self.current
            or latest.same_content(self.answers.get(ref.id) or Answer())
        ):
            return None
        return latest

    def on_unmount(self) -> None:
        try:
            self.close_session()
        except Exception as exc:  # noqa: BLE001 - unmounting must finish; the failure is logged
            self.log.error("closing the session failed", exc)

    # ------------------------------------------------------------- elsewhere

    @property
    def _outline_over_the_walk(self) -> bool:
        return self.has_class("-outline-open") and self.has_class("-narrow")

    def action_close_outline(self) -> None:
        self._set_outline(False)

    def action_home(self) -> None:
        self.close_session()
        self.dismiss()

    def action_summary(self, *, back: bool = False) -> None:
        """The gap summary as the PM left it; `back`: returning from a question opened there,
        with the compare screen on top again if that is where it was opened from."""
        from walkthrough.tui.screens.summary import SummaryScreen

        self._flush_now()
        self._from_summary = False
        self.refresh_bindings()
        place = self._summary_place
        if place is not None and not back:
            place = replace(place, compare=None)
        self.app.push_screen(
            SummaryScreen(self.bank, self._snapshot(), place, milestones=self.milestones),
            self._summary_closed,
        )

    def action_back_to_summary(self) -> None:
        if self.has_class("-outline-open") and self.has_class("-narrow"):
            self._set_outline(False)
            return
        self.action_summary(back=True)

    def action_save_milestone(self) -> None:
        if self.read_only:
            self.notify(_("Read-only session: milestones cannot be saved here."), severity="warning")
            return
        from walkthrough.tui.screens.milestone_name import MilestoneNameScreen

        def named(name: str | None) -> None:
            if name is None or self.closed:
                return
            try:
                milestone = self.milestones.save(name)
            except Exception as exc:  # noqa: BLE001 - shown to the PM; the walk stays usable
                self.notify(
                    _("Milestone not saved: {error}").format(error=visible(translate_error(exc))),
                    severity="error",
                    markup=False,
                )
                return
            self.notify(
                _("Saved milestone “{name}”. The gap summary shows what changes from here.").format(
                    name=milestone.name
                ),
                markup=False,
            )

        today = launch_clock.today()
        self.app.push_screen(
            MilestoneNameScreen(day_words(today), taken=[m.name for m in self.milestones.milestones]),
            named,
        )

    def _summary_closed(self, result: SummaryExit | None) -> None:
        """Remember where the PM was on the summary; if they picked an item, take them to it,
        and let escape take them back to the summary from there."""
        if result is None:
            return
        self._summary_place = result.place
        ref = self._by_id.get(result.question_id or "")
        if ref is not None and self.applies(ref):
            self.go_to(ref)
            self._from_summary = True
            self.refresh_bindings()

    def _show_launch(self) -> None:
        words = countdown(self.launch, launch_clock.today())
        label = self.query_one("#launch-countdown", Label)
        unset = _("no launch date") if self.read_only else _("no launch date · ctrl+l")
        label.update(Text(words or unset, no_wrap=True))
        label.set_class(not words, "-unset")

    def action_launch(self) -> None:
        if self.read_only:
            self.notify(_("Read-only session: the launch date cannot be changed here."), severity="warning")
            return
        from walkthrough.tui.screens.launch import LaunchScreen

        self.app.push_screen(LaunchScreen(self.launch), self._launch_chosen)

    def _launch_chosen(self, choice: LaunchChoice | None) -> None:
        if choice is None or choice.day == self.launch or self.closed:
            return
        try:
            self.open_session.save_launch(choice.day)
        except Exception as exc:  # noqa: BLE001 - shown to the PM; the walk stays usable
            self.notify(
                _("Launch date not saved: {error}").format(error=visible(translate_error(exc))),
                severity="error",
                markup=False,
            )
            return
        self.launch = choice.day
        self._show_launch()
        self._set_status("saved", saved_at=datetime.now())  # written now: the top bar says so

    def action_teams(self) -> None:
        if self.read_only:
            self.notify(_("Read-only session: the teams cannot be changed here."), severity="warning")
            return
        from walkthrough.tui.screens.teams import TeamsScreen

        self.app.push_screen(TeamsScreen(self.bank, self.excluded), self._teams_chosen)

    def _teams_chosen(self, excluded: frozenset[str] | None) -> None:
        if excluded is None or excluded == self.excluded or self.closed:
            return
        self.excluded = frozenset(excluded)
        order = list(self.bank.team_names())
        try:
            self.open_session.save_settings(excluded_teams=sorted(self.excluded, key=order.index))
        except Exception as exc:  # noqa: BLE001 - shown to the PM; the walk stays usable
            self.notify(
                _("Teams not saved: {error}").format(error=visible(translate_error(exc))),
                severity="error",
                markup=False,
            )
        else:
            self._set_status("saved", saved_at=datetime.now())
        current = self.current
        if current is not None and self.applies(current):
            self._refresh_progress()
            return
        start = current.index if current else 0
        self.go_to(self._applicable_from(start, 1) or self._applicable_from(start, -1))

    def action_toggle_outline(self) -> None:
        self._set_outline(not self.outline.display)

    def _set_outline(self, visible: bool) -> None:
        """Narrow screens hide the outline unless asked; wide ones show it unless told not to."""
        self.set_class(visible, "-outline-open")
        self.set_class(not visible, "-outline-closed")
        self.refresh_bindings()  # escape: close the outline, or leave
        if visible:
            self.call_after_refresh(self.outline.focus)
        elif self.current is not None:
            self.form.answer_area.focus()
