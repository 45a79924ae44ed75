"""What changed since a milestone: the screen a PM opens before the weekly launch review.

Two sides, by default the latest milestone and now (f and t pick others); the headline
figures of both with their change; then every question that moved, under what moved about
it, with the highlighted one in full below. Enter opens that question in the walk and
escape there comes back here; d deletes a milestone (after asking).

The screen dismisses with a CompareExit: the question to open, if any, and the place to
come back to.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Label, OptionList, Static

from questions.models import Bank
from sessions.models import Milestone, Session
from walkthrough.i18n import N_, _, ngettext, percent, pgettext, translate_error
from walkthrough.report.compare import Comparison, compare, milestone_side, now_side, signed
from walkthrough.tui.colours import Palette, follow_theme
from walkthrough.tui.commands import Entry
from walkthrough.tui.dates import day_words, moment_words
from walkthrough.tui.first_frame import WALK_CSS
from walkthrough.tui.milestone_book import MilestoneBook
from walkthrough.tui.screens.choice import Choice, ChoiceScreen
from walkthrough.tui.screens.confirm import ConfirmScreen
from walkthrough.tui.widgets.cells import fit
from walkthrough.tui.widgets.change_detail import ChangeDetail
from walkthrough.tui.widgets.changes_list import ChangesList, delta_style
from walkthrough.tui.widgets.key_footer import KeyFooter
from walkthrough.tui.widgets.visible import visible

NOW = ""  # the key of "now" among the sides


@dataclass(frozen=True)
class ComparePlace:
    """Which two sides were compared and which question was highlighted."""

    since: str | None = None  # a milestone's key; None: the latest
    to: str = NOW  # a milestone's key, or NOW
    item_id: str | None = None


@dataclass(frozen=True)
class CompareExit:
    question_id: str | None  # to open in the walk; None: back to the summary
    place: ComparePlace


def saved_words(milestone: Milestone) -> str:
    return moment_words(milestone.saved.astimezone())


LEAST_NAME = 20  # cells of a milestone's name the span keeps, even if the keys must move down


def share(names: list[str], room: int) -> list[str]:
    """`names` cut (cells, "…") to take `room` cells together at most: a short name is kept
    whole and leaves what it does not need to the longer one."""
    cut: list[str] = [""] * len(names)
    for place, index in enumerate(sorted(range(len(names)), key=lambda n: cell_len(names[n]))):
        cut[index] = fit(names[index], max(1, room // (len(names) - place)))
        room -= cell_len(cut[index])
    return cut


class CompareScreen(Screen[CompareExit]):
    CSS_PATH = WALK_CSS
    HELP = N_(
        "What changed between a milestone and now (or two milestones): the headline figures, "
        "then every question that moved. Enter opens the highlighted question in the walk; "
        "f and t choose the two sides; d deletes a milestone."
    )
    # What the footer keeps when the terminal is narrow or the words are long (all is in help, f1).
    FOOTER_RANK = ("help", "back", "select", "open", "choose_side", "command_palette", "delete")
    BINDINGS = [
        Binding("enter", "open", N_("Open question")),
        Binding("f", "choose_side('since')", N_("From")),
        Binding("t", "choose_side('to')", N_("To")),
        Binding("d", "delete", N_("Delete milestone")),
        Binding("escape", "back", N_("Back")),
    ]

    def __init__(
        self,
        bank: Bank,
        session: Session,
        book: MilestoneBook,
        today: date,
        place: ComparePlace | None = None,
    ) -> None:
        super().__init__()
        self.bank = bank
        self.session = session
        self.book = book
        self.today = today
        self.place = place or ComparePlace()
        self.comparison: Comparison | None = None

    def compose(self) -> ComposeResult:
        yield Label(
            Content.assemble((_("Changes") + " · ", "bold"), visible(self.session.name)), id="compare-title"
        )
        yield Static(id="compare-span")
        yield Static(id="compare-headline")
        yield ChangesList(id="changes")
        with VerticalScroll(id="compare-detail-scroll"):
            yield ChangeDetail(id="change-detail")
        yield KeyFooter()

    def on_mount(self) -> None:
        follow_theme(self, self._show)
        self._show(keep=self.place.item_id)
        self.query_one(ChangesList).focus()

    async def retranslate(self, bank: Bank) -> None:
        """The same comparison and change, with `bank` (the same bank in another language)."""
        self.place = self._place()
        self.bank = bank
        await self.recompose()
        self._show(keep=self.place.item_id)
        self.query_one(ChangesList).focus()

    # ----------------------------------------------------------------- the sides

    def _milestone(self, key: str | None) -> Milestone | None:
        return next((m for m in self.book.milestones if m.key == key), None)

    def _sides(self) -> tuple[Milestone | None, Milestone | None]:
        milestones = self.book.milestones
        since = self._milestone(self.place.since) or (milestones[-1] if milestones else None)
        return since, self._milestone(self.place.to)

    def _compare(self) -> Comparison | None:
        since, to = self._sides()
        if since is None:
            return None
        try:
            before = milestone_side(since, self.book.state(since))
            after = milestone_side(to, self.book.state(to)) if to else now_side(self.session, self.today)
        except Exception as exc:  # noqa: BLE001 - a lost or unreadable state is said, the screen stays
            self.notify(translate_error(exc), severity="error", markup=False, timeout=10)
            return None
        return compare(self.bank, before, after)

    def _show(self, keep: str | None = None) -> None:
        self.comparison = self._compare()
        changes = self.query_one(ChangesList)
        span = self.query_one("#compare-span", Static)
        headline = self.query_one("#compare-headline", Static)
        if self.comparison is None:
            span.update(Content.styled(_("No milestone to compare with."), "$text-muted"))
            headline.update("")
            changes.clear_options()
            self.query_one(ChangeDetail).show(None, self.today)
            self.refresh_bindings()
            return
        c = self.comparison
        self._show_span()
        headline.update(self._headline(c))
        changes.show(
            c,
            Palette.of(self.app),
            keep=keep,
            empty=_("No question changed between {before} and {after}.").format(
                before=visible(c.before.label), after=visible(c.after.label)
            ),
        )
        self._show_detail()
        self.refresh_bindings()

    def _show_span(self) -> None:
        """The two sides, then the keys that choose them: the milestones' names are cut (with
        "…") to leave the keys room on the line or, short of room, the keys go below them."""
        if self.comparison is None:
            return
        sides = (self.comparison.before.milestone, self.comparison.after.milestone)

        def keys(gap: str = "") -> Content:
            return Content.assemble(
                (gap + "f", "bold $accent"),
                # Translators: key labels after the two sides: "f from · t to" (f and t choose them).
                " " + pgettext("compare side", "from") + " · ",
                ("t", "bold $accent"),
                " " + pgettext("compare side", "to"),
            )

        unnamed = [self._side_words(side, name="") for side in sides]
        room = self.app.size.width - 2 - 3 - sum(words.cell_length for words in unnamed)  # 3: " → "
        names = [visible(side.name) for side in sides if side is not None]
        gap = "   "
        # Names cut shorter than this say too little: the keys go to a line of their own instead.
        if room - len(gap) - keys().cell_length >= LEAST_NAME * len(names):
            room -= len(gap) + keys().cell_length
        else:
            gap = "\n"
        cut = iter(share(names, room))
        before, after = (self._side_words(side, name=next(cut) if side else "") for side in sides)
        self.query_one("#compare-span", Static).update(Content.assemble(before, " → ", after, keys(gap)))

    def on_resize(self) -> None:
        self._show_span()

    def _side_words(self, milestone: Milestone | None, *, name: str) -> Content:
        if milestone is None:
            return Content.assemble((_("now"), "bold"), f" ({day_words(self.today)})")
        return Content.assemble((name, "bold"), f" ({saved_words(milestone)})")

    @staticmethod
    def _headline(c: Comparison) -> Content:
        """Two lines, so no figure is ever split by wrapping at 80 columns: readiness,
        answered and open items; then gaps and overdue items."""
        a, b, d = c.headline_before, c.headline_after, c.deltas()

        def figure(label: str, key: str, then: str, now: str, points: bool = False) -> Content:
            moved = d[key]
            words = signed(moved)
            if points:
                # Translators: a change of the readiness percentage, in percentage points ("+5 pts").
                words = ngettext("{change} pt", "{change} pts", abs(moved)).format(change=words)
            change = (f" {words}", delta_style(key, moved))
            return Content.assemble(
                (f"{label} ", "$text-muted"), f"{then} → ", (now, "bold"), *((change,) if moved else ())
            )

        first = [
            figure(
                _("Readiness"),
                "readiness",
                percent(a.counts.readiness),
                percent(b.counts.readiness),
                points=True,
            ),
            figure(_("Answered"), "answered", str(a.counts.answered), str(b.counts.answered)),
            figure(_("Open"), "open", str(a.counts.open), str(b.counts.open)),
        ]
        second = [
            figure(_("Gaps"), "gaps", str(a.counts.gap), str(b.counts.gap)),
            figure(_("Overdue"), "overdue", str(a.overdue), str(b.overdue)),
        ]
        return Content("\n").join([Content(" · ").join(first), Content(" · ").join(second)])

    def action_choose_side(self, which: str) -> None:
        milestones = self.book.milestones
        choices: list[Choice[str]] = [
            Choice(m.name, m.key, _("saved {when}").format(when=saved_words(m))) for m in reversed(milestones)
        ]
        if which == "to":
            choices.insert(0, Choice(_("Now"), NOW, _("the session as it is")))
        since, to = self._sides()
        current = (since.key if since else None) if which == "since" else (to.key if to else NOW)
        index = next((n for n, choice in enumerate(choices) if choice.value == current), 0)

        def chosen(choice: Choice[str] | None) -> None:
            if choice is None:
                return
            if which == "since":
                self.place = ComparePlace(choice.value, self.place.to)
            else:
                self.place = ComparePlace(since.key if since else None, choice.value)
            self._show()

        title = _("Compare from") if which == "since" else _("Compare to")
        self.app.push_screen(ChoiceScreen(title, choices, current=index), chosen)

    # ----------------------------------------------------------------- the list

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self._show_detail()
        self.refresh_bindings()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_open()

    def _show_detail(self) -> None:
        self.query_one(ChangeDetail).show(
            self.query_one(ChangesList).selected, self.today, _("Nothing here to open in the walk.")
        )
        self.query_one("#compare-detail-scroll", VerticalScroll).scroll_home(animate=False)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "open":
            return self.query_one(ChangesList).selected is not None
        if action == "delete":
            return not self.book.read_only and bool(self.book.milestones)
        if action == "choose_side":
            return bool(self.book.milestones)
        return True

    def _place(self) -> ComparePlace:
        selected = self.query_one(ChangesList).selected
        since, _to = self._sides()
        return ComparePlace(
            since.key if since else None, self.place.to, selected.question_id if selected else None
        )

    def action_open(self) -> None:
        selected = self.query_one(ChangesList).selected
        if selected is not None:
            self.dismiss(CompareExit(selected.question_id, self._place()))

    def action_back(self) -> None:
        self.dismiss(CompareExit(None, self._place()))

    # ----------------------------------------------------------------- deleting

    def action_delete(self) -> None:
        if self.book.read_only:
            self.notify(_("Read-only session: milestones cannot be deleted here."), severity="warning")
            return
        choices = [
            Choice(m.name, m, _("saved {when}").format(when=saved_words(m)))
            for m in reversed(self.book.milestones)
        ]

        def chosen(choice: Choice[Milestone] | None) -> None:
            if choice is None:
                return
            milestone = choice.value

            def confirmed(yes: bool | None) -> None:
                if yes:
                    self._delete(milestone)

            self.app.push_screen(
                ConfirmScreen(
                    _("Delete milestone"),
                    _(
                        "Delete “{name}” (saved {when})? Its saved copy moves to the session's "
                        "backups; comparisons with it are no longer offered."
                    ).format(name=milestone.name, when=saved_words(milestone)),
                    yes=_("Delete"),
                    danger=True,
                ),
                confirmed,
            )

        self.app.push_screen(ChoiceScreen(_("Delete which milestone?"), choices), chosen)

    def _delete(self, milestone: Milestone) -> None:
        try:
            self.book.delete(milestone)
        except Exception as exc:  # noqa: BLE001 - shown to the PM; the screen stays usable
            self.notify(
                _("Not deleted: {error}").format(error=translate_error(exc)),
                severity="error",
                markup=False,
            )
            return
        self.notify(_("Deleted milestone “{name}”").format(name=milestone.name), markup=False)
        if any(key and self._milestone(key) is None for key in (self.place.since, self.place.to)):
            self.place = ComparePlace()  # a side is gone: back to the latest milestone against now
        self._show()

    def palette_entries(self) -> list[Entry]:
        entries = []
        if self.book.milestones:
            entries += [
                Entry(
                    _("Compare from…"),
                    _("Pick the earlier milestone (key f)"),
                    lambda: self.action_choose_side("since"),
                ),
                Entry(
                    _("Compare to…"),
                    _("Pick the later milestone, or now (key t)"),
                    lambda: self.action_choose_side("to"),
                ),
            ]
            if not self.book.read_only:
                entries.append(Entry(_("Delete milestone…"), _("Asks first (key d)"), self.action_delete))
        return entries
