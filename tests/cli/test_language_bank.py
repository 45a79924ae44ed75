"""The bank in the language in use: the same questions in the same order in every language,
a custom bank's own translation beside it, and `questions --check` on a translation file."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml
from cli_runner import assert_one_line_error, run_cli
from exporting import BANK_FILE
from rich.cells import cell_len

from questions.loader import default_bank
from questions.translations import built_in_languages
from walkthrough.cli.bank import outline
from walkthrough.context import Context
from walkthrough.i18n import LANGUAGES, using

TRANSLATED_FIXTURE = Path(__file__).parent / "fixtures" / "bank.fr.yaml"


def shape(document: dict) -> list[tuple[str, ...]]:
    """Every id of a `questions --json` document, in the order shown."""
    ids: list[tuple[str, ...]] = []
    for stage in document["stages"]:
        ids.append(("stage", stage["id"]))
        for team in stage["teams"]:
            ids.append(("team", stage["id"], team["id"]))
            ids.extend(("question", question["id"]) for question in team["questions"])
    ids.extend(
        ("preset", preset["id"], *preset.get("excluded_teams", ())) for preset in document.get("presets", ())
    )
    return ids


def test_questions_json_has_the_same_ids_in_the_same_order_in_every_language() -> None:
    documents = {}
    for code in LANGUAGES:
        result = run_cli("--lang", code, "questions", "--json")
        assert result.returncode == 0, (code, result.stderr)
        documents[code] = json.loads(result.stdout)
    english = documents["en"]
    assert len(shape(english)) == 4 + 21 + 84 + 3
    for code, document in documents.items():
        assert document["language"] == code
        assert (document["id"], document["version"]) == (english["id"], english["version"])
        assert shape(document) == shape(english), code
        if code != "en":  # and the text really is another language's
            assert document["stages"][0]["title"] != english["stages"][0]["title"], code
            assert (
                document["stages"][0]["teams"][0]["questions"][0]["prompt"]
                != (english["stages"][0]["teams"][0]["questions"][0]["prompt"])
            ), code


@pytest.mark.parametrize("code", ["zh", "th"])
def test_outline_wraps_wide_and_combining_text_within_the_terminal(code: str) -> None:
    bank = Context().bank_for(code)
    text = outline(bank, width=60)
    # The prompts' lines (indented under their team; the ids below them are never broken).
    lines = [
        line for line in text.splitlines() if line.startswith(" " * 7) and not line.strip().startswith("[")
    ]
    assert max(cell_len(line) for line in lines) <= 60
    # Nothing lost in the wrapping: each prompt is there, once its lines are joined again.
    joined = "".join(line.strip().removeprefix("• ") for line in lines)
    for ref in bank.walk():
        assert ref.question.prompt.replace(" ", "") in joined.replace(" ", "")


@pytest.mark.parametrize("code", built_in_languages())
def test_check_accepts_each_built_in_translation(code: str) -> None:
    path = Path("questions/data/translations") / f"{code}.yaml"
    result = run_cli("questions", "--check", str(path))
    assert result.returncode == 0, result.stderr
    assert result.stdout == (
        f"ok: {path}: translates bank 'customer-journey-touchpoints' into {code}: 84 questions\n"
    )


def broken_translation(tmp_path: Path) -> Path:
    source = Path("questions/data/translations/fr.yaml").read_text(encoding="utf-8")
    document = yaml.safe_load(source)
    del document["questions"]["find.marketing.naming-branding"]
    document["questions"]["find.marketing.no-such-question"] = {"prompt": "Comment ?", "why": "Parce que."}
    document["stages"]["buy"]["measures"] = document["stages"]["buy"]["measures"][:1]
    path = tmp_path / "fr.yaml"
    path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    return path


def test_check_lists_every_problem_of_a_translation(tmp_path: Path) -> None:
    path = broken_translation(tmp_path)
    result = run_cli("questions", "--check", str(path))
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        f"error: {path}: questions.find.marketing.naming-branding: missing",
        f"error: {path}: questions.find.marketing.no-such-question: not in the bank",
        f"error: {path}: stages.buy.measures: 1 items, the bank has 4",
    ]


def test_check_of_a_translation_of_another_bank_says_so_once(tmp_path: Path) -> None:
    result = run_cli("questions", "--check", str(TRANSLATED_FIXTURE))
    assert_one_line_error(result, str(TRANSLATED_FIXTURE), "'summary-test-bank'", "--bank")
    # Against the bank it translates, it is fine.
    result = run_cli("--bank", str(BANK_FILE), "questions", "--check", str(TRANSLATED_FIXTURE))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"ok: {TRANSLATED_FIXTURE}: translates bank 'summary-test-bank' into fr")


def test_check_of_a_translation_with_a_syntax_error_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "fr.yaml"
    path.write_text("bank: customer-journey-touchpoints\nlanguage: fr\ntitle: [unclosed\n", encoding="utf-8")
    assert_one_line_error(run_cli("questions", "--check", str(path)), f"{path}:")


def test_check_of_a_bank_still_checks_a_bank() -> None:
    result = run_cli("questions", "--check", str(BANK_FILE))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"ok: {BANK_FILE}: bank 'summary-test-bank' version 3.1: 2 stages")


@pytest.fixture(name="custom_bank")
def custom_bank_beside_its_translation(tmp_path: Path) -> Path:
    folder = tmp_path / "banks"
    folder.mkdir()
    shutil.copy(BANK_FILE, folder / "bank.yaml")
    shutil.copy(TRANSLATED_FIXTURE, folder / "bank.fr.yaml")
    return folder / "bank.yaml"


def test_a_custom_bank_ships_its_own_translation(custom_bank: Path) -> None:
    french = json.loads(run_cli("--bank", str(custom_bank), "--lang", "fr", "questions", "--json").stdout)
    assert french["language"] == "fr"
    assert [stage["title"] for stage in french["stages"]] == [
        "Les clients peuvent l'acheter",
        "Les clients peuvent l'utiliser",
    ]
    # A language it has no translation for: the bank's own words, not an error.
    russian = json.loads(run_cli("--bank", str(custom_bank), "--lang", "ru", "questions", "--json").stdout)
    assert russian["language"] == "en"
    assert russian["stages"][0]["title"] == "Customers can buy it"
    assert shape(russian) == shape(french)


def test_a_custom_translation_that_does_not_fit_is_one_error(custom_bank: Path) -> None:
    translation = custom_bank.with_name("bank.fr.yaml")
    text = translation.read_text(encoding="utf-8")
    translation.write_text(text.replace("  use.sales.pricing:", "  use.sales.discounts:"), encoding="utf-8")
    result = run_cli("--bank", str(custom_bank), "--lang", "fr", "questions")
    assert_one_line_error(result, str(translation), "questions.use.sales.pricing")  # said in French
    # English does not read the French file, so a mistake in it stops nobody else.
    assert run_cli("--bank", str(custom_bank), "--lang", "en", "questions").returncode == 0


def test_the_index_key_does_not_depend_on_the_language(custom_bank: Path, tmp_path: Path) -> None:
    """Counts are the same in every language: switching must not make `list` count afresh."""
    for bank_file in (None, custom_bank):
        keys = set()
        for code in LANGUAGES:
            context = Context(data_dir_option=tmp_path / "data", bank_file=bank_file)
            with using(code):
                context.bank  # noqa: B018 - the translated bank is loaded first
                keys.add(context.stats_key)
        assert len(keys) == 1


def test_bank_for_is_built_once_per_language_and_follows_the_language_in_use() -> None:
    context = Context()
    french = context.bank_for("fr")
    assert context.bank_for("fr") is french
    with using("fr"):
        assert context.bank is french
    with using("th"):
        assert context.bank.language == "th"
    # The same bank object in use and as written; the built-in one (maybe read from its cache).
    assert context.bank is context.own_bank == default_bank()
    assert [ref.id for ref in french.walk()] == [ref.id for ref in default_bank().walk()]
