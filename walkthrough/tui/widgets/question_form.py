"""One question and everything the PM records about it.

The form owns no storage: it shows an Answer, and after every edit posts
`Edited` with the new Answer (built from the fields, timestamped). Fields that
hold user text are TextArea and Input, which never read markup, with control
characters painted as symbols (see `visible`); everything else is rich Text.
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.suggester import SuggestFromList
from textual.widgets import Input, Label, Static, TextArea

from questions.models import QuestionRef
from sessions.models import Answer, Readiness, utc_now
from walkthrough.i18n import N_, _, pgettext
from walkthrough.tui.colours import MITIGATION, REWARD, RISK, Tone
from walkthrough.tui.widgets.answer_area import AnswerArea
from walkthrough.tui.widgets.date_input import DateInput, DateNote
from walkthrough.tui.widgets.language import around
from walkthrough.tui.widgets.picker import Picker
from walkthrough.tui.widgets.question_notes import QuestionNotes
from walkthrough.tui.widgets.rating import MITIGATION_WORDS, REWARD_WORDS, RISK_WORDS, Rating
from walkthrough.tui.widgets.readiness import ReadinessPicker
from walkthrough.tui.widgets.safe_input import SafeInput
from walkthrough.tui.widgets.visible import visible
from walkthrough.tui.widgets.words import Words


def question_place(ref: QuestionRef) -> Text:
    """Number, team and stage, on one line: the prompt below it must not be pushed down.
    The number is the question's place in the bank, the one the summary and exports use."""
    text = Text()
    text.append(f"Q{ref.number}  ", Style(bold=True))
    text.append(visible(ref.team.name), Style(bold=True))
    stage = _("Stage {number}: {title}").format(number=ref.stage_index + 1, title=visible(ref.stage.title))
    text.append("  ·  " + stage)
    return text


def question_details(ref: QuestionRef) -> Text:
    """What may scroll under the prompt: why it matters, hints, stage measures, team focus."""
    text = Text()
    # Translators: the label and the question's reason as one line; keep {why}. Chinese:
    # no space after the colon, so the label never stands alone on a line
    before, after = around(_("Why it matters: {why}"), "why")
    text.append(before, Style(bold=True, dim=True))
    text.append(visible(ref.question.why), Style(italic=True))
    text.append(after, Style(bold=True, dim=True))
    for hint in ref.question.hints:
        text.append("\n  • ", Style(dim=True))
        text.append(visible(hint), Style(dim=True))
    if ref.stage.measures:
        # Translators: the stage's measures of health, under a question; keep {measures}
        before, after = around(_("Stage healthy when: {measures}"), "measures")
        text.append("\n" + before, Style(bold=True, dim=True))
        text.append(visible(" · ".join(ref.stage.measures)), Style(dim=True))
        text.append(after, Style(bold=True, dim=True))
    if ref.team.focus:
        text.append("\n" + visible(ref.team.focus), Style(dim=True, italic=True))
    return text


class QuestionForm(Horizontal):
    """Question and answer on the left (or top), the decision fields beside (or below)."""

    class Edited(Message):
        def __init__(self, question_id: str, answer: Answer) -> None:
            super().__init__()
            self.question_id = question_id
            self.answer = answer

    def __init__(self, *, read_only: bool = False, id: str | None = None) -> None:
        super().__init__(id=id)
        self.read_only = read_only
        self.ref: QuestionRef | None = None
        self.answer = Answer()
        self._due_text_shown = ""  # the due date's words the question came with (see newly_unread_due)

    def compose(self) -> ComposeResult:
        editable = not self.read_only
        with Vertical(id="question-pane"):
            # The prompt stays put whatever the height; only the background scrolls.
            yield Static(id="question-place", classes=Tone.PLACE.css_class)
            yield Static(id="question-prompt")
            with QuestionNotes(id="question-scroll"):
                yield Static(id="question-text")
            yield AnswerArea(
                id="answer",
                read_only=self.read_only,
                placeholder=N_("How will the team do it? Just start typing…") if editable else "",
            )
        with VerticalScroll(id="details-pane", can_focus=False):
            with Horizontal(classes="field"):
                # Translators: field labels in the walk are 10 cells at most (5 Chinese characters),
                # "Due" and "Reward" 7: shorter than the same words elsewhere if need be
                yield Words(lambda: pgettext("field label", "Readiness"), classes="field-label")
                yield Words(N_("How ready is the team? alt+y/p/g/n"), classes="field-question")
                yield ReadinessPicker(id="readiness", disabled=not editable)
                yield Label("alt+y/p/g/n", classes="key-hint")
            with Horizontal(classes="field", id="na-field"):
                # Translators: why the question does not apply
                yield Words(lambda: pgettext("field label", "Why N/A"), classes="field-label")
                yield SafeInput(
                    id="na-reason",
                    compact=True,
                    placeholder=N_("why it does not apply"),
                    disabled=not editable,
                )
            with Horizontal(classes="field"):
                yield Words(lambda: pgettext("field label", "Decision"), classes="field-label")
                yield AnswerArea(
                    id="decision",
                    compact=True,
                    read_only=self.read_only,
                    placeholder=N_("what we decide to do") if editable else "",
                )
            with Horizontal(classes="pair"):
                with Horizontal(classes="field"):
                    yield Words(lambda: pgettext("field label", "Owner"), classes="field-label")
                    yield SafeInput(
                        id="owner",
                        compact=True,
                        placeholder=N_("who (→ takes a suggestion)"),
                        disabled=not editable,
                    )
                with Horizontal(classes="field second due-field"):
                    yield Words(lambda: pgettext("field label", "Due"), classes="field-label")
                    yield DateInput(id="due", compact=True, disabled=not editable)
            yield DateNote(N_("Due"), keep=True, id="due-note")
            with Horizontal(classes="pair"):
                with Horizontal(classes="field"):
                    yield Words(lambda: pgettext("field label", "Risk"), classes="field-label")
                    yield Words(N_("If we don't, will customers leave? alt+r"), classes="field-question")
                    yield Rating(RISK_WORDS, tone=RISK, id="risk", disabled=not editable)
                with Horizontal(classes="field second"):
                    yield Words(lambda: pgettext("field label", "Reward"), classes="field-label")
                    yield Words(N_("If we do, will we win customers faster? alt+w"), classes="field-question")
                    yield Rating(REWARD_WORDS, tone=REWARD, id="reward", disabled=not editable)
            with Horizontal(classes="field"):
                yield Words(lambda: pgettext("field label", "Mitigation"), classes="field-label")
                yield Words(N_("If we prioritise it, are our risks reduced? alt+m"), classes="field-question")
                yield Rating(MITIGATION_WORDS, tone=MITIGATION, id="mitigation", disabled=not editable)

    @property
    def answer_area(self) -> AnswerArea:
        return self.query_one("#answer", AnswerArea)

    @property
    def decision_area(self) -> AnswerArea:
        return self.query_one("#decision", AnswerArea)

    def suggest_owners(self, owners: list[str]) -> None:
        """Offer the owners named elsewhere in the session as the PM types (→ accepts)."""
        self.query_one("#owner", Input).suggester = (
            SuggestFromList(owners, case_sensitive=False) if owners else None
        )

    def show(self, ref: QuestionRef, answer: Answer) -> None:
        """Load a question without reporting the load as an edit."""
        self.ref, self.answer = ref, answer
        self._due_text_shown = answer.due_text
        self.query_one("#question-place", Static).update(question_place(ref))
        self.query_one("#question-prompt", Static).update(
            Text(visible(ref.question.prompt), Style(bold=True))
        )
        self.query_one("#question-text", Static).update(question_details(ref))
        self.query_one("#question-scroll", QuestionNotes).scroll_home(animate=False)
        with self.prevent(TextArea.Changed, Input.Changed, Picker.Changed):
            area = self.answer_area
            # Wrapping re-measures a whole paragraph on every key: past ~100 KB that
            # is seconds per keystroke, so a huge answer scrolls sideways instead.
            # Switch before loading a big text and after unloading one.
            wrap = len(answer.text) < 100_000
            if not wrap:
                area.soft_wrap = False
            area.load_text(answer.text)
            area.soft_wrap = wrap
            area.move_cursor(area.document.end)
            decision = self.decision_area
            decision.load_text(answer.decision)
            decision.move_cursor(decision.document.end)
            self.query_one("#readiness", ReadinessPicker).value = answer.readiness
            self.query_one("#na-reason", SafeInput).load(answer.na_reason)
            self.query_one("#owner", SafeInput).load(answer.owner)
            self.query_one("#due", DateInput).load_date(answer.due, answer.due_text)
            self.query_one("#risk", Rating).value = answer.risk
            self.query_one("#reward", Rating).value = answer.reward
            self.query_one("#mitigation", Rating).value = answer.mitigation
        self._show_due()
        self._show_na_reason(answer.readiness)

    @property
    def unread_due(self) -> str:
        """The due date as typed when no date can be read from it ("" otherwise)."""
        return self.query_one("#due", DateInput).reading.unread

    @property
    def newly_unread_due(self) -> str:
        """`unread_due` if it was typed on this visit ("" if the question came with it): the
        PM is told once that it is kept as words, not each time they pass the question."""
        unread = self.unread_due
        return "" if unread == self._due_text_shown else unread

    def read_fields(self) -> Answer:
        """The answer as the fields hold it now. A due date that cannot be read is no
        date: it is kept as typed (`due_text`), and the rest of the answer is saved."""
        due = self.query_one("#due", DateInput).reading
        return self.answer.model_copy(
            update={
                "text": self.answer_area.text,
                "readiness": self.query_one("#readiness", ReadinessPicker).value,
                "na_reason": self.query_one("#na-reason", Input).value,
                "decision": self.decision_area.text,
                "owner": self.query_one("#owner", Input).value,
                "due": due.day,
                "due_text": due.unread,
                "risk": self.query_one("#risk", Rating).value,
                "reward": self.query_one("#reward", Rating).value,
                "mitigation": self.query_one("#mitigation", Rating).value,
            }
        )

    def collect(self) -> Answer | None:
        """Fold the fields into a new Answer if they changed; None otherwise."""
        if self.ref is None or self.read_only:
            return None
        fields = self.read_fields()
        if fields.same_content(self.answer):
            return None
        self.answer = fields.model_copy(update={"updated": utc_now()})
        return self.answer

    def _edited(self) -> None:
        answer = self.collect()
        if answer is not None and self.ref is not None:
            self.post_message(self.Edited(self.ref.id, answer))

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        event.stop()
        self._edited()

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        if event.input.id == "due":
            self._show_due()
        self._edited()

    def on_picker_changed(self, event: Picker.Changed) -> None:
        event.stop()
        if event.picker.id == "readiness":
            self._show_na_reason(event.value)
        self._edited()

    def set_readiness(self, readiness: Readiness | None) -> None:
        picker = self.query_one("#readiness", ReadinessPicker)
        picker.value = None if picker.value == readiness else readiness
        if picker.value is Readiness.NOT_APPLICABLE:
            self._show_na_reason(picker.value)
            # At once, not after a refresh: text typed in the same burst as alt+n is the reason.
            self.screen.set_focus(self.query_one("#na-reason", Input))

    def nudge_rating(self, which: str, delta: int) -> None:
        """alt+r / alt+w / alt+m: step a rating, wrapping through "not rated" after 5."""
        rating = self.query_one(f"#{which}", Rating)
        cycle: list[int | None] = [None, 1, 2, 3, 4, 5]
        rating.value = cycle[(cycle.index(rating.value) + delta) % len(cycle)]

    def refresh_language(self) -> None:
        """The question's place and notes in the language now in use (its labels, fields and
        ratings redraw themselves: `relabel` reaches them too)."""
        if self.ref is not None:
            self.query_one("#question-place", Static).update(question_place(self.ref))
            self.query_one("#question-text", Static).update(question_details(self.ref))
        self._show_due()

    def _show_due(self) -> None:
        field = self.query_one("#due", DateInput)
        reading = field.reading
        self.query_one("#due-note", DateNote).show(reading)
        field.set_class(bool(reading.problem), "-invalid")

    def _show_na_reason(self, readiness: Readiness | None) -> None:
        self.query_one("#na-field").display = readiness is Readiness.NOT_APPLICABLE
