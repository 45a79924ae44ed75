"""The widgets in the language in use: translated when drawn, and again after a switch.

These read the real catalogs (walkthrough/locale), so they fail when a widget's words are
missing from them or are too long for their place at 80×24.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from rich.cells import cell_len
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Button, Input
from textual.widgets._footer import FooterKey
from walk_fixtures import WALK_TCSS, fixture_bank, fixture_session, real_app, rich_answers, screen_text

from questions.loader import default_bank
from questions.translations import built_in_translation, translate
from sessions.models import Answer
from walkthrough.i18n import LANGUAGES, N_, _, pgettext, set_language, using
from walkthrough.report.launch import show_date
from walkthrough.report.progress import Progress
from walkthrough.report.summary import entries_of
from walkthrough.tui.widgets.item_detail import describe_item
from walkthrough.tui.widgets.language import relabel
from walkthrough.tui.widgets.progress_line import Position, ProgressLine
from walkthrough.tui.widgets.question_form import QuestionForm
from walkthrough.tui.widgets.steady_footer import SteadyFooter
from walkthrough.tui.widgets.words import Words

TRANSLATED = [code for code in LANGUAGES if code != "en"]


@pytest.fixture
def english_after() -> Iterator[None]:
    """A test that switches the process's language leaves it as the other tests expect it."""
    yield
    set_language("en")


# The walk's field labels sit in a column 11 cells wide (10 and a space); Due and Reward,
# the second of a pair, in one of 9 with a space either side.
FIELD_LABELS = {
    "Readiness": 10,
    "Why N/A": 10,
    "Decision": 10,
    "Owner": 10,
    "Due": 7,
    "Risk": 10,
    "Reward": 7,
    "Mitigation": 10,
}


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_field_label_is_translated_and_fits_its_column(language: str) -> None:
    with using(language):
        for word, room in FIELD_LABELS.items():
            said = pgettext("field label", word)
            assert said != word, (language, word)
            assert cell_len(said) <= room, (language, word, said)


class Pressable(Button):
    BINDINGS = [Binding("x", "press", N_("Resume"))]


class FooterApp(App[None]):
    def compose(self) -> ComposeResult:
        yield Pressable("one", id="one")
        yield SteadyFooter()


async def test_footer_says_binding_descriptions_in_the_language_in_use_and_follows_a_switch(
    english_after: None,
) -> None:
    set_language("fr")
    app = FooterApp()
    async with app.run_test() as pilot:
        app.query_one("#one").focus()
        await pilot.pause()
        assert "Reprendre" in [key.description for key in app.query(FooterKey)]

        set_language("zh")
        relabel(app.screen)
        await pilot.pause()
        await pilot.pause()
        assert "继续" in [key.description for key in app.query(FooterKey)]
        assert "Reprendre" not in [key.description for key in app.query(FooterKey)]


class FormApp(App[None]):
    CSS_PATH = [WALK_TCSS]

    def compose(self) -> ComposeResult:
        yield QuestionForm(id="form")


async def test_question_form_relabels_in_place_and_keeps_what_was_typed(english_after: None) -> None:
    bank = fixture_bank()
    ref = next(iter(bank.walk()))
    app = FormApp()
    async with app.run_test(size=(80, 24)) as pilot:
        form = app.query_one(QuestionForm)
        form.show(ref, Answer(text="Our plan", owner="Dana"))
        await pilot.pause()
        labels = lambda: [str(words.render()) for words in form.query(Words)]  # noqa: E731
        assert "Owner" in labels()
        assert "Stage 1:" in str(form.query_one("#question-place").render())

        set_language("ru")
        relabel(app.screen)
        await pilot.pause()
        assert "Владелец" in labels() and "Owner" not in labels()
        assert "Этап 1:" in str(form.query_one("#question-place").render())
        assert "Почему это важно:" in str(form.query_one("#question-text").render())
        assert form.query_one("#na-reason", Input).placeholder == "почему не относится"
        # The answer and the fields are the PM's: a switch leaves them as they were.
        assert form.answer_area.text == "Our plan"
        assert form.query_one("#owner", Input).value == "Dana"
        assert form.collect() is None


@pytest.mark.parametrize("language", TRANSLATED)
async def test_a_reopened_due_date_reads_as_the_language_writes_dates_and_survives_a_switch(
    language: str, english_after: None
) -> None:
    """Typed as `demain` and saved, the due date comes back as the language writes it
    ("30 nov. 2026"), not ISO; after a switch to English it is still that day."""
    set_language(language)
    ref = next(iter(fixture_bank().walk()))
    due = date(2026, 11, 30)
    app = FormApp()
    async with app.run_test(size=(80, 24)) as pilot:
        form = app.query_one(QuestionForm)
        form.show(ref, Answer(text="Our plan", due=due))
        await pilot.pause()
        field = form.query_one("#due", Input)
        assert field.value == show_date(due) != due.isoformat()
        assert form.read_fields().due == due and form.collect() is None

        set_language("en")
        relabel(app.screen)
        await pilot.pause()
        assert field.value == "2026-11-30"
        assert form.read_fields().due == due and form.read_fields().due_text == ""


@pytest.mark.parametrize("language", list(LANGUAGES))
async def test_why_it_matters_never_stands_alone_on_its_line_at_80x24(
    language: str, english_after: None
) -> None:
    """The label and the reason are one sentence: in Chinese, with no space after "：", the
    line used to break after the label and leave it alone above its text."""
    set_language(language)
    bank = translate(default_bank(), built_in_translation(language)) if language != "en" else default_bank()
    app = FormApp()
    async with app.run_test(size=(80, 24)) as pilot:
        form = app.query_one(QuestionForm)
        label = _("Why it matters: {why}").partition("{why}")[0].strip()
        for ref in bank.walk():
            form.show(ref, Answer())
            await pilot.pause()
            lines = screen_text(app).splitlines()
            line = next(line.strip() for line in lines if label in line)
            assert line != label, (language, ref.id)


@pytest.mark.parametrize(
    ("language", "owner_line"), [("en", "Owner: Dana"), ("zh", "负责人：Dana"), ("fr", "Responsable : Dana")]
)
def test_the_item_pane_takes_the_separator_after_a_field_name_from_the_translation(
    language: str, owner_line: str
) -> None:
    """Chinese writes "：" with no space after it; French a space before ":"."""
    session = fixture_session(answers=rich_answers(), excluded=["manufacturing"])
    entry = next(e for e in entries_of(fixture_bank(), session) if e.owner == "Dana")
    with using(language):
        lines = describe_item(entry, date(2025, 3, 28), None).plain.splitlines()
    assert any(line.strip().startswith(owner_line) for line in lines), lines


class LineApp(App[None]):
    def compose(self) -> ComposeResult:
        yield ProgressLine()


@pytest.mark.parametrize("language", TRANSLATED)
@pytest.mark.parametrize("width", [80, 46])
async def test_progress_line_fits_its_width_with_a_bar_in_every_language(language: str, width: int) -> None:
    position = Position(
        2,
        4,
        3,
        12,
        10,
        12,
        Progress(total=90, applicable=84, answered=40, ready=3, partial=2, gap=1, not_applicable=6),
    )
    app = LineApp()
    with using(language):
        async with app.run_test(size=(width, 3)) as pilot:
            line = app.query_one(ProgressLine)
            line.position = position
            await pilot.pause()
            text = line.render()
            assert cell_len(text.plain) <= width, (language, text.plain)
            assert "━━━━" in text.plain  # the bar has room
            assert f"{position.counts.readiness}" in text.plain.split("━")[-1]  # and the tally after it


@pytest.mark.parametrize("language", list(LANGUAGES))
async def test_walk_keeps_the_answer_box_on_screen_and_a_blank_cell_after_each_label_at_80x24(
    language: str, data_dir: Path, english_after: None
) -> None:
    """Wide text must not push the answer box off the screen, and a label that touches its
    value reads as one word ("Tenggatbesok", "Imbalan●○○○○")."""
    set_language(language)
    session = fixture_session(
        answers=rich_answers(), excluded=["manufacturing"], position="find.marketing.q2"
    )
    app = real_app(data_dir, session)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        labels = [label for label in app.screen.query(".field-label").results(Words) if label.region]
        assert len(labels) == len(FIELD_LABELS) - 1  # all but Why N/A (shown for N/A only)
        for label in labels:
            value = next(widget for widget in label.parent.children[1:] if widget.display)  # type: ignore[union-attr]
            said = str(label.render())
            text_end = label.content_region.x + cell_len(said)
            assert text_end < value.region.x, (language, said, text_end, value.region.x)
            assert value.region.right <= 80 and value.region.bottom <= 23, (language, said)
        answer = app.screen.query_one("#answer").region
        assert answer.height >= 3
        assert answer.x >= 0 and answer.right <= 80 and answer.bottom <= 24
        # And the fields beside or below it are in the language in use.
        with using(language):
            assert pgettext("field label", "Owner") in [str(label.render()) for label in labels]


@pytest.mark.parametrize("width", [80, 120])
def test_every_table_column_title_is_translated(width: int) -> None:
    from walkthrough.tui.widgets.items_table import ItemsTable
    from walkthrough.tui.widgets.session_table import SessionTable

    titles = [column.label for column in ItemsTable().columns(width) + SessionTable().columns(width)]
    with using("zh"):
        untranslated = [title for title in titles if _(title) == title]
    assert untranslated == []
