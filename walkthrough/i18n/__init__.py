"""The interface's language: gettext catalogs, the language in use, and how it is chosen.

Every string the app shows is an English msgid looked up here. Use it as

    from walkthrough.i18n import _, ngettext, N_
    _("Saved {path}").format(path=path)
    ngettext("{count} answer", "{count} answers", n).format(count=n)
    LABEL = N_("Next")   # module level: marked for extraction, translated where shown: _(LABEL)

Placeholders are always named (`{count}`, never `{}` or `%s`), so a translation can put them
in its own word order. The catalogs live in `walkthrough/locale/<lang>/LC_MESSAGES/`: the
`.po` files are the sources, the `.mo` files are compiled from them by
`python -m walkthrough.i18n.catalogs compile` (a test fails when the two disagree).

The language in use is process-wide (`set_language`) and can be overridden for one piece of
work (`using("fr")`, e.g. exporting a report in another language) without touching the
interface; the override is a context variable, so it never leaks into another thread or task.
"""

from __future__ import annotations

import gettext as _gettext
import os
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

DOMAIN = "walkthrough"
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
ENV_VAR = "WALKTHROUGH_LANG"
DEFAULT = "en"

# Each language's own name for itself: what a PM looks for in a language menu.
LANGUAGES: dict[str, str] = {
    "en": "English",
    "id": "Bahasa Indonesia",
    "zh": "简体中文",
    "fr": "Français",
    "ru": "Русский",
    "th": "ไทย",
}

_catalogs: dict[str, _gettext.NullTranslations] = {}
_language = DEFAULT
_override: ContextVar[str | None] = ContextVar("walkthrough_language", default=None)


class UnknownLanguage(ValueError):
    """A language code the app has no catalog for; str() names it and the choices."""

    def __init__(self, code: str, where: str) -> None:
        self.code = code
        self.where = where
        # Said in English and in the language in use: the user may not have one they can read yet.
        super().__init__(
            gettext("{where}: unknown language '{code}'; choose one of {choices}").format(
                where=where, code=code, choices=", ".join(LANGUAGES)
            )
        )


def catalog(code: str) -> _gettext.NullTranslations:
    """The compiled catalog of `code` (English is the msgids themselves)."""
    found = _catalogs.get(code)
    if found is None:
        if code == DEFAULT:
            found = _gettext.NullTranslations()
        else:
            found = _gettext.translation(DOMAIN, LOCALE_DIR, languages=[code], fallback=True)
        _catalogs[code] = found
    return found


def language() -> str:
    """The language text is produced in right now."""
    return _override.get() or _language


def set_language(code: str) -> None:
    """Make `code` the interface's language from now on (raises UnknownLanguage)."""
    global _language
    _language = _known(code, "language")


@contextmanager
def using(code: str) -> Iterator[None]:
    """Produce text in `code` inside the block only (a report in another language)."""
    token = _override.set(_known(code, "language"))
    try:
        yield
    finally:
        _override.reset(token)


def gettext(message: str) -> str:
    return catalog(language()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return catalog(language()).ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """For a short msgid that means different things in different places ("Open" a file,
    an "Open" item): the context tells translators which one."""
    return catalog(language()).pgettext(context, message)


_ = gettext


def percent(value: int) -> str:
    """A share as the language in use writes it: "25%", French "25 %"."""
    return percents((value,))[0]


def percents(values: Iterable[int]) -> list[str]:
    """`percent` of each value (a table's column), the language's form looked up once."""
    # Translators: a percentage ("25%"); French writes "25 %".
    template = gettext("{percent}%")
    return [template.format(percent=value) for value in values]


def N_(message: str) -> str:
    """Mark `message` for the catalogs without translating it yet (module-level constants,
    binding descriptions, column titles): translate it with `_()` where it is shown."""
    return message


def choose(option: str | None = None, environ: Mapping[str, str] | None = None) -> str:
    """The language to use: `--lang`, else WALKTHROUGH_LANG, else the locale (LC_ALL,
    LC_MESSAGES, LANG), else English. A bad --lang or WALKTHROUGH_LANG is an error (the user
    asked for it by name); a locale the app has no catalog for means English."""
    env = os.environ if environ is None else environ
    if option:
        return _known(option, "--lang")
    if env.get(ENV_VAR):
        return _known(env[ENV_VAR], ENV_VAR)
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name)
        if value:
            # The first one set wins, as in the C library: LC_ALL=C means no translation.
            return _from_locale(value)
    return DEFAULT


def _from_locale(value: str) -> str:
    # "fr_FR.UTF-8", "zh_CN.GB18030@euro", "pt_BR" -> the part before "_", ".", "@".
    code = value.split(".", 1)[0].split("@", 1)[0].split("_", 1)[0].lower()
    return code if code in LANGUAGES else DEFAULT


def _known(code: str, where: str) -> str:
    normal = code.strip().lower().replace("_", "-")
    base = normal.split("-", 1)[0]
    if normal in LANGUAGES:
        return normal
    if base in LANGUAGES and base != normal:
        return base  # "fr-CA", "zh-Hans", "pt-BR" is still refused below
    raise UnknownLanguage(code, where)


def translate_error(exc: BaseException) -> str:
    """An error's one line in the language in use: every run of white space (a line break in
    a path or a quoted value included) is one space, for a status line, a notice or stderr.

    Errors from the bank, the store and the report carry `template` (an English msgid with
    named placeholders) and `params`; a param that is itself such a message is translated
    too. Anything else (an OSError's own text, say) is shown as it is.
    """
    return " ".join((_render(exc) if hasattr(exc, "template") else str(exc)).split())


def _render(message: object) -> str:
    template = getattr(message, "template", None)
    if not isinstance(template, str):
        return str(message)
    params = getattr(message, "params", None) or {}
    values = {key: _render(value) if hasattr(value, "template") else value for key, value in params.items()}
    try:
        return gettext(template).format(**values)
    except (KeyError, IndexError, ValueError):
        # A translation with a broken placeholder must not hide the error itself.
        return template.format(**values)
