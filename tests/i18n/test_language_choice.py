"""Which language the app speaks: --lang, then WALKTHROUGH_LANG, then the locale, then English."""

from __future__ import annotations

import threading

import pytest

from walkthrough import i18n
from walkthrough.i18n import LANGUAGES, UnknownLanguage, choose, language, using


@pytest.mark.parametrize(
    ("option", "environ", "expected"),
    [
        (None, {}, "en"),
        ("th", {"WALKTHROUGH_LANG": "fr", "LANG": "ru_RU.UTF-8"}, "th"),
        (None, {"WALKTHROUGH_LANG": "fr", "LANG": "ru_RU.UTF-8"}, "fr"),
        (None, {"LANG": "ru_RU.UTF-8"}, "ru"),
        (None, {"LC_MESSAGES": "zh_CN.GB18030", "LANG": "fr_FR.UTF-8"}, "zh"),
        (None, {"LC_ALL": "id_ID.UTF-8", "LC_MESSAGES": "fr_FR", "LANG": "ru_RU"}, "id"),
        # The first variable that is set wins, as in the C library: C means no translation.
        (None, {"LC_ALL": "C", "LANG": "fr_FR.UTF-8"}, "en"),
        (None, {"LANG": "de_DE.UTF-8"}, "en"),
        (None, {"LANG": "th_TH.UTF-8@calendar=buddhist"}, "th"),
        ("FR", {}, "fr"),
        ("fr-CA", {}, "fr"),
        ("zh_Hans", {}, "zh"),
    ],
)
def test_the_language_comes_from_the_first_place_that_names_one(option, environ, expected) -> None:
    assert choose(option, environ) == expected


@pytest.mark.parametrize(
    ("option", "environ", "where"),
    [("de", {}, "--lang"), (None, {"WALKTHROUGH_LANG": "xx"}, "WALKTHROUGH_LANG")],
)
def test_a_language_asked_for_by_name_that_does_not_exist_is_an_error_naming_the_choices(
    option, environ, where
) -> None:
    with pytest.raises(UnknownLanguage) as raised:
        choose(option, environ)
    message = str(raised.value)
    assert message.startswith(f"{where}: unknown language")
    assert all(code in message for code in LANGUAGES)
    assert "\n" not in message


def test_a_block_can_speak_another_language_without_changing_the_interface() -> None:
    assert language() == "en"
    seen: list[str] = []
    with using("fr"):
        assert language() == "fr"
        # Another thread (the autosave, a listing) keeps speaking the interface's language.
        worker = threading.Thread(target=lambda: seen.append(language()))
        worker.start()
        worker.join()
    assert language() == "en"
    assert seen == ["en"]


def test_every_language_has_a_compiled_catalog_that_translates() -> None:
    for code in LANGUAGES:
        if code == "en":
            continue
        with using(code):
            translated = i18n.gettext("{where}: unknown language '{code}'; choose one of {choices}")
        assert translated != "{where}: unknown language '{code}'; choose one of {choices}", code
        assert all(part in translated for part in ("{where}", "{code}", "{choices}")), code


def test_errors_carrying_a_template_are_rendered_in_the_language_in_use_with_nested_reasons() -> None:
    class Reason:
        template = "{where}: unknown language '{code}'; choose one of {choices}"
        params = {"where": "x", "code": "y", "choices": "z"}

    class Wrapped(Exception):
        template = "{reason}"
        params = {"reason": Reason()}

    assert i18n.translate_error(Wrapped("ignored")) == "x: unknown language 'y'; choose one of z"
    assert i18n.translate_error(ValueError("plain")) == "plain"
    with using("fr"):
        french = i18n.translate_error(Wrapped("ignored"))
    assert french != "x: unknown language 'y'; choose one of z"
    assert "x" in french and "y" in french and "z" in french


def test_a_share_is_written_as_each_language_writes_it() -> None:
    assert i18n.percent(25) == "25%"
    with using("fr"):
        assert i18n.percent(25) == "25 %"
    with using("zh"):
        assert i18n.percent(25) == "25%"
