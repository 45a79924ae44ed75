"""Every line the bank says to the user can be said in the language in use.

A BankError, and each line `mismatches` finds in a translation file (`questions --check`),
carries an English `template`, marked for the catalogs, and `params`: str() is the English
line as before, and `walkthrough.i18n.translate_error` renders it in the language in use.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from messages_support import assert_english_is_str, assert_marked, assert_said_in
from tiny_bank import GOOD

from questions.loader import BankError, load_bank, parse_bank
from questions.messages import Message
from questions.translations import Translation, mismatches, parse_translation
from walkthrough.i18n import translate_error, using

BAD_BANKS = {
    "empty": "",
    "syntax": GOOD.replace("title: Tiny bank", "title: [Tiny bank"),
    "not a mapping": "- a\n- b\n",
    "nothing": "~\n",
    "missing field": GOOD.replace('version: "1"\n', ""),
    "unknown field": GOOD.replace("title: Tiny bank", "title: Tiny bank\ncolour: blue"),
    "number for text": GOOD.replace("prompt: How will we state the value in money terms?", "prompt: 123"),
    "duplicate id": GOOD.replace("id: find.marketing.leads", "id: find.marketing.value"),
    "no teams": GOOD.split("    teams:")[0] + "    teams: []\n",
    "bad id": GOOD.replace("id: find.marketing.leads", "id: Find Marketing"),
    "blank text": GOOD.replace("title: Tiny bank", "title: '  '"),
    "future format": "format: 99\n" + GOOD,
    "format as text": "format: one\n" + GOOD,
    "two problems": GOOD.replace('version: "1"\n', "").replace("title: Tiny bank", "title: 5"),
    "three problems": GOOD.replace('version: "1"\n', "")
    .replace("title: Tiny bank\n", "")
    .replace("id: tiny", "id: 5"),
    "too deep": "a: " + "[" * 40 + "]" * 40 + "\n",
    "long number": "format: " + "9" * 60 + "\n" + GOOD,
    "unknown preset team": GOOD + "presets:\n  - id: p\n    name: P\n    excluded_teams: [nobody]\n",
}


def bank_error(text: str) -> BankError:
    with pytest.raises(BankError) as info:
        parse_bank(text, "bank.yaml")
    return info.value


def file_errors(tmp_path: Path) -> Iterator[tuple[str, BankError]]:
    for what, path in (("no such file", tmp_path / "nope.yaml"), ("a directory", tmp_path)):
        with pytest.raises(BankError) as info:
            load_bank(path)
        yield what, info.value
    latin = tmp_path / "latin.yaml"
    latin.write_bytes(GOOD.replace("Tiny bank", "Caf\xe9").encode("latin-1"))
    with pytest.raises(BankError) as info:
        load_bank(latin)
    yield "not UTF-8", info.value


def translation_lines() -> list[Message]:
    bank = parse_bank(GOOD, "bank.yaml")
    document = {
        "bank": "other",
        "language": "fr",
        "title": "Petit",
        "stages": {"find": {"title": "Trouver", "measures": ["une de trop"]}, "extra": {"title": "En trop"}},
        "teams": {"find.marketing": {"name": "Marketing"}},
        "questions": {
            "find.marketing.value": {"prompt": "Comment {x} ?", "why": "Parce que.", "hints": ["une"]},
        },
    }
    return list(mismatches(bank, Translation.model_validate(document)))


def everything(tmp_path: Path) -> list[tuple[str, Any]]:
    found: list[tuple[str, Any]] = [(what, bank_error(text)) for what, text in BAD_BANKS.items()]
    found += list(file_errors(tmp_path))
    found += [("mismatch", line) for line in translation_lines()]
    with pytest.raises(BankError) as info:
        parse_translation("", "fr.yaml")
    found.append(("empty translation", info.value))
    return found


def test_every_bank_error_is_a_template_whose_english_is_str(tmp_path: Path) -> None:
    found = everything(tmp_path)
    assert len(found) == len(BAD_BANKS) + 3 + 6 + 1
    assert_english_is_str(found)


def test_every_template_is_marked_for_the_catalogs(tmp_path: Path) -> None:
    assert_marked(everything(tmp_path))


def test_the_english_is_what_it_was() -> None:
    assert str(bank_error(BAD_BANKS["missing field"])) == "bank.yaml:1: version: missing field 'version'"
    assert str(bank_error(BAD_BANKS["empty"])) == (
        "bank.yaml: the file is empty; a bank needs id, version, title and stages"
    )
    assert str(bank_error(BAD_BANKS["two problems"])) == (
        "bank.yaml:1: version: missing field 'version' (and 1 more problem)"
    )
    assert str(bank_error(BAD_BANKS["number for text"])).endswith(
        "stages[0].teams[0].questions[0].prompt: Input should be a valid string"
    )
    assert str(bank_error(BAD_BANKS["duplicate id"])).endswith("duplicate question id 'find.marketing.value'")
    assert str(bank_error(BAD_BANKS["format as text"])).endswith("format: must be a whole number, such as 1")


def test_mismatch_lines_are_messages_with_their_english() -> None:
    lines = translation_lines()
    assert all(isinstance(line, Message) for line in lines)
    assert lines == [
        "bank: translates 'other', not 'tiny'",
        "stages.extra: not in the bank",
        "questions.find.marketing.leads: missing",
        "stages.find.measures: 1 items, the bank has 0",
        "questions.find.marketing.value.hints: 1 items, the bank has 0",
        "questions.find.marketing.value.prompt: placeholders differ from the bank's",
    ]


# -- in other languages: these need the catalogs the lead merges from walkthrough/locale/fragments/domain


@pytest.mark.parametrize("code", ["fr", "id", "zh", "ru", "th"])
def test_every_bank_error_and_mismatch_is_said_in_each_language(tmp_path: Path, code: str) -> None:
    assert_said_in(code, everything(tmp_path))


def test_a_check_line_in_french() -> None:
    with using("fr"):
        said = [translate_error(line) for line in translation_lines()]
    assert said[0] == "bank : traduit « other », pas « tiny »"
    assert said[2] == "questions.find.marketing.leads : manquant"
    assert said[3] == "stages.find.measures : 1 élément(s) ici, 0 dans la banque"
