"""Bank translations: the bank's text in another language, keyed by the bank's ids.

A translation never adds or removes a question: it supplies text for every stage, team,
question and preset the bank has (same ids, same number of measures and hints), so answers,
which are keyed by question id, never depend on the language a session is walked in.
A custom bank ships its translations beside it as `<bank file stem>.<lang>.yaml`; the
built-in bank's live in `questions/data/translations/<lang>.yaml`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from importlib import resources
from pathlib import Path

from pydantic import Field

from questions.messages import N_, Message
from questions.models import Bank, Identifier, Preset, Question, Text, _Strict

TRANSLATION_FORMAT = 1
_PLACEHOLDER = re.compile(r"\{[^{}]*\}")


class StageText(_Strict):
    title: Text
    summary: str = ""
    measures: tuple[Text, ...] = ()


class TeamText(_Strict):
    name: Text
    focus: str = ""


class QuestionText(_Strict):
    prompt: Text
    why: Text
    hints: tuple[Text, ...] = ()


class PresetText(_Strict):
    name: Text
    description: str = ""


class Translation(_Strict):
    format: int = Field(default=TRANSLATION_FORMAT, ge=1, le=TRANSLATION_FORMAT)
    bank: Identifier = Field(description="Id of the bank this translates.")
    language: str = Field(
        pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$", description="BCP 47 tag, e.g. fr, zh, th."
    )
    title: Text
    description: str = ""
    stages: dict[str, StageText]
    teams: dict[str, TeamText] = Field(description='Keyed "<stage id>.<team id>".')
    questions: dict[str, QuestionText]
    presets: dict[str, PresetText] = Field(default_factory=dict)


def mismatches(bank: Bank, translation: Translation) -> Iterator[str]:
    """Every way the translation does not fit the bank, one line each (path: reason), each a
    Message: `questions --check` says them in the language in use."""
    if translation.bank != bank.id:
        yield Message(N_("bank: translates '{found}', not '{bank}'"), found=translation.bank, bank=bank.id)
    yield from _keys("stages", {s.id for s in bank.stages}, translation.stages)
    yield from _keys("teams", {f"{s.id}.{t.id}" for s in bank.stages for t in s.teams}, translation.teams)
    questions = {ref.id: ref.question for ref in bank.walk()}
    yield from _keys("questions", set(questions), translation.questions)
    yield from _keys("presets", {p.id for p in bank.presets}, translation.presets)
    for stage in bank.stages:
        text = translation.stages.get(stage.id)
        if text is not None:
            yield from _same_count(f"stages.{stage.id}.measures", stage.measures, text.measures)
    for question_id, question in questions.items():
        qtext = translation.questions.get(question_id)
        if qtext is None:
            continue
        where = f"questions.{question_id}"
        yield from _same_count(f"{where}.hints", question.hints, qtext.hints)
        for field in ("prompt", "why"):
            yield from _same_placeholders(f"{where}.{field}", getattr(question, field), getattr(qtext, field))


def _keys(section: str, expected: set[str], found: Mapping[str, object]) -> Iterator[str]:
    for key in sorted(expected - set(found)):
        yield Message(N_("{where}: missing"), where=f"{section}.{key}")
    for key in sorted(set(found) - expected):
        yield Message(N_("{where}: not in the bank"), where=f"{section}.{key}")


def _same_count(where: str, english: tuple[str, ...], translated: tuple[str, ...]) -> Iterator[str]:
    if len(english) != len(translated):
        yield Message(
            N_("{where}: {count} items, the bank has {expected}"),
            where=where,
            count=len(translated),
            expected=len(english),
        )


def _same_placeholders(where: str, original: str, translated: str) -> Iterator[str]:
    if sorted(_PLACEHOLDER.findall(original)) != sorted(_PLACEHOLDER.findall(translated)):
        yield Message(N_("{where}: placeholders differ from the bank's"), where=where)


def translate(bank: Bank, translation: Translation) -> Bank:
    """The bank with its text in the translation's language; ids, order and presets' teams unchanged.

    Call `mismatches` first: text missing from the translation stays in the bank's language.
    """
    stages = []
    for stage in bank.stages:
        stext = translation.stages.get(stage.id)
        teams = []
        for team in stage.teams:
            ttext = translation.teams.get(f"{stage.id}.{team.id}")
            questions = tuple(_question(q, translation.questions.get(q.id)) for q in team.questions)
            update: dict[str, object] = {"questions": questions}
            if ttext is not None:
                update |= {"name": ttext.name, "focus": ttext.focus}
            teams.append(team.model_copy(update=update))
        update = {"teams": tuple(teams)}
        if stext is not None:
            update |= {"title": stext.title, "summary": stext.summary, "measures": stext.measures}
        stages.append(stage.model_copy(update=update))
    presets = tuple(_preset(p, translation.presets.get(p.id)) for p in bank.presets)
    return bank.model_copy(
        update={
            "title": translation.title,
            "description": translation.description,
            "language": translation.language,
            "stages": tuple(stages),
            "presets": presets,
        }
    )


def _question(question: Question, text: QuestionText | None) -> Question:
    if text is None:
        return question
    return question.model_copy(update={"prompt": text.prompt, "why": text.why, "hints": text.hints})


def _preset(preset: Preset, text: PresetText | None) -> Preset:
    if text is None:
        return preset
    return preset.model_copy(update={"name": text.name, "description": text.description})


def built_in_translation(language: str) -> Translation:
    """The built-in bank's translation into `language` (KeyError when there is none)."""
    if language not in built_in_languages():
        raise KeyError(language)
    ref = resources.files("questions") / "data" / "translations" / f"{language}.yaml"
    return parse_translation(ref.read_text(encoding="utf-8"), f"<built-in translations/{language}.yaml>")


def parse_translation(text: str, source: str) -> Translation:
    """A translation file's text as a Translation, or BankError naming the file, line and reason."""
    from questions.loader import parse_document

    return parse_document(text, source, Translation, what="a translation")


def built_in_languages() -> list[str]:
    """Languages the built-in bank is translated into (English, its own language, not listed)."""
    folder = resources.files("questions") / "data" / "translations"
    if not folder.is_dir():
        return []
    return sorted(Path(entry.name).stem for entry in folder.iterdir() if entry.name.endswith(".yaml"))


def translation_file(bank_file: Path, language: str) -> Path:
    """Where a custom bank's translation into `language` lives: `<stem>.<language>.yaml` beside it."""
    return bank_file.with_name(f"{bank_file.stem}.{language}.yaml")


def load_translation(path: str | Path) -> Translation:
    """A translation file, read with the bank's limits; BankError names the file and the problem."""
    from questions.loader import _read_text

    return parse_translation(_read_text(Path(path)), str(path))
