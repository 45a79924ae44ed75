"""The catalogs say everything the sources say, in every language, and the compiled files match.

`python -m walkthrough.i18n.catalogs check` is the same check a contributor runs by hand.
"""

from __future__ import annotations

import gettext

import pytest

from walkthrough.i18n import LANGUAGES, catalogs


def test_every_catalog_has_every_message_of_the_sources_translated_and_compiled() -> None:
    problems = list(catalogs.problems())
    assert problems == []


@pytest.mark.parametrize("code", [code for code in LANGUAGES if code != "en"])
def test_plural_forms_follow_the_language(code: str) -> None:
    with catalogs.mo_path(code).open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    # The counts tell the rules apart: French says "0 réponse" and "1 000 000 de réponses";
    # Russian 1 and 21 / 3 / 0, 5 and 11 each take a form of their own.
    counts = (0, 1, 3, 5, 11, 21, 1_000_000)
    forms = {
        "fr": (0, 0, 2, 2, 2, 2, 1),
        "ru": (2, 0, 1, 2, 2, 0, 2),
        "id": (0,) * 7,
        "zh": (0,) * 7,
        "th": (0,) * 7,
    }
    plural = compiled.plural  # type: ignore[attr-defined]
    assert tuple(plural(n) for n in counts) == forms[code]


def test_a_missing_or_extra_message_is_caught(tmp_path, monkeypatch) -> None:
    import shutil

    from babel.messages.catalog import Catalog

    locale = tmp_path / "locale"
    shutil.copytree(catalogs.LOCALE_DIR, locale)
    monkeypatch.setattr(catalogs, "LOCALE_DIR", locale)
    monkeypatch.setattr(catalogs, "TEMPLATE", locale / "walkthrough.pot")
    path = catalogs.po_path("fr")
    french: Catalog = catalogs.read(path, "fr")
    dropped = next(message.id for message in french if message.id)
    french.delete(dropped)
    french.add("A sentence the sources never say", "Une phrase que les sources ne disent pas")
    path.write_bytes(catalogs._po_bytes(french))
    found = "\n".join(catalogs.problems())
    shown = dropped[0] if isinstance(dropped, tuple) else dropped
    assert f"msgid {shown!r} missing" in found
    assert "A sentence the sources never say" in found
    assert "not compiled from the .po" in found
