"""Checks shared by the store's and the bank's message tests: each message is a template
marked for the catalogs, its English is its str(), and a language's catalog says it."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

from walkthrough.i18n import catalog, catalogs, translate_error, using


def templates(message: Any) -> Iterator[str]:
    """The template of `message` and of every message among its params."""
    yield message.template
    for value in message.params.values():
        if hasattr(value, "template"):
            yield from templates(value)


def said_in_words(template: str) -> bool:
    """Whether a template has words of its own ("{where}: {reason}" has none to translate)."""
    return any(ch.isalpha() for ch in re.sub(r"\{[a-z_]+\}", "", template))


def assert_english_is_str(found: Iterable[tuple[str, Any]]) -> None:
    for what, message in found:
        assert "\n" not in str(message), what
        with using("en"):
            assert translate_error(message) == str(message), what


def assert_marked(found: Iterable[tuple[str, Any]]) -> None:
    marked = {entry.id for entry in catalogs.extract() if entry.id}
    for what, message in found:
        for template in templates(message):
            assert template in marked, (what, template)


def assert_said_in(code: str, found: Iterable[tuple[str, Any]]) -> None:
    """Every template along each message is translated in `code`, and so is the line."""
    translations = catalog(code)
    for what, message in found:
        for template in templates(message):
            assert not said_in_words(template) or translations.gettext(template) != template, (what, template)
        with using(code):
            assert translate_error(message) != str(message), what
