"""A translation supplies the bank's text in another language without touching its ids."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from questions.loader import load_bank
from questions.translations import Translation, mismatches, translate

BANK = load_bank(Path(__file__).resolve().parents[1] / "fixtures" / "summary" / "bank.yaml")


def full_translation() -> dict:
    """A French translation of the test bank, built from the bank so it fits exactly."""
    return {
        "bank": BANK.id,
        "language": "fr",
        "title": "Préparation du lancement",
        "stages": {
            s.id: {"title": f"Étape {s.id}", "measures": [f"mesure {m}" for m in s.measures]}
            for s in BANK.stages
        },
        "teams": {f"{s.id}.{t.id}": {"name": f"Équipe {t.id}"} for s in BANK.stages for t in s.teams},
        "questions": {
            ref.id: {
                "prompt": f"Comment {ref.id} ?",
                "why": "Parce que.",
                "hints": [f"piste {h}" for h in ref.question.hints],
            }
            for ref in BANK.walk()
        },
        "presets": {p.id: {"name": f"Type {p.id}"} for p in BANK.presets},
    }


def test_a_fitting_translation_changes_text_and_keeps_every_id_in_order() -> None:
    translation = Translation.model_validate(full_translation())
    assert list(mismatches(BANK, translation)) == []
    french = translate(BANK, translation)
    assert [r.id for r in french.walk()] == [r.id for r in BANK.walk()]
    assert french.language == "fr"
    first = french.walk()[0]
    assert first.question.prompt == f"Comment {first.id} ?"
    assert first.team.name == f"Équipe {first.team.id}"
    assert [p.excluded_teams for p in french.presets] == [p.excluded_teams for p in BANK.presets]


def test_missing_extra_and_miscounted_entries_are_each_named() -> None:
    document = full_translation()
    first, second = (ref.id for ref in BANK.walk()[:2])
    del document["questions"][first]
    document["questions"]["no.such.question"] = {"prompt": "Comment ?", "why": "Rien."}
    document["questions"][second]["hints"] = ["une", "de trop", "encore", "et encore"]
    document["questions"][second]["prompt"] = "Comment {client} ?"
    problems = list(mismatches(BANK, Translation.model_validate(document)))
    assert f"questions.{first}: missing" in problems
    assert "questions.no.such.question: not in the bank" in problems
    assert f"questions.{second}.hints: 4 items, the bank has {len(BANK.walk()[1].question.hints)}" in problems
    assert f"questions.{second}.prompt: placeholders differ from the bank's" in problems


@pytest.mark.parametrize("blank", ["", "   "])
def test_empty_text_is_refused(blank: str) -> None:
    document = full_translation()
    document["title"] = blank
    with pytest.raises(ValidationError):
        Translation.model_validate(document)


def test_every_shipped_translation_fits_the_built_in_bank_exactly() -> None:
    from questions.loader import default_bank
    from questions.translations import built_in_languages, built_in_translation

    bank = default_bank()
    languages = built_in_languages()
    assert languages == ["fr", "id", "ru", "th", "zh"]
    for language in languages:
        translation = built_in_translation(language)
        assert translation.language == language
        assert list(mismatches(bank, translation)) == [], language
        translated = translate(bank, translation)
        assert [r.id for r in translated.walk()] == [r.id for r in bank.walk()]
        english_prompts = {r.question.prompt for r in bank.walk()}
        assert not english_prompts & {r.question.prompt for r in translated.walk()}, language
