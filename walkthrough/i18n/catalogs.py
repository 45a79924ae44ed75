"""Build and check the interface's gettext catalogs with Babel.

    python -m walkthrough.i18n.catalogs extract   # sources -> walkthrough/locale/walkthrough.pot
    python -m walkthrough.i18n.catalogs update    # .pot -> every <lang>.po (new msgids untranslated)
    python -m walkthrough.i18n.catalogs compile   # every .po -> .mo (what the app reads)
    python -m walkthrough.i18n.catalogs check     # all of the above agree; exit 1 with one line per problem
    python -m walkthrough.i18n.catalogs init LANG # start a new language from the .pot

Run by contributors and by the tests, never by the app: the app reads the compiled `.mo`
files with the standard library alone.
"""

from __future__ import annotations

import io
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from walkthrough import __version__
from walkthrough.i18n import DEFAULT, DOMAIN, LANGUAGES, LOCALE_DIR

ROOT = LOCALE_DIR.parent.parent
SOURCES = ("walkthrough", "questions", "sessions")
TEMPLATE = LOCALE_DIR / f"{DOMAIN}.pot"
KEYWORDS = {
    "_": None,
    "gettext": None,
    "ngettext": (1, 2),
    "pgettext": ((1, "c"), 2),
    "N_": None,
}
_PLACEHOLDER = re.compile(r"(?<!\{)\{([A-Za-z_][A-Za-z0-9_]*)(?:[!:][^{}]*)?\}")


def po_path(code: str) -> Path:
    return LOCALE_DIR / code / "LC_MESSAGES" / f"{DOMAIN}.po"


def mo_path(code: str) -> Path:
    return po_path(code).with_suffix(".mo")


def translated_languages() -> list[str]:
    return [code for code in LANGUAGES if code != DEFAULT]


def extract() -> Catalog:
    """Every marked string in the sources, as a template catalog."""
    template = Catalog(project="walkthrough", domain=DOMAIN, fuzzy=False)
    for package in SOURCES:
        found = extract_from_dir(
            ROOT / package,
            method_map=[("**.py", "python")],
            keywords=KEYWORDS,
            comment_tags=("Translators:",),
            strip_comment_tags=True,
        )
        for filename, lineno, message, comments, context in found:
            location = (f"{package}/{filename}", lineno)
            template.add(message, None, [location], auto_comments=comments, context=context)
    return template


def write_template(template: Catalog) -> None:
    TEMPLATE.parent.mkdir(parents=True, exist_ok=True)
    TEMPLATE.write_bytes(_po_bytes(template, omit_header=False))


def _po_bytes(catalog: Catalog, *, omit_header: bool = False) -> bytes:
    _sign(catalog)
    buffer = io.BytesIO()
    # Sorted output and no line numbers keep diffs to the strings that changed.
    write_po(buffer, catalog, width=100, sort_output=True, omit_header=omit_header, include_lineno=False)
    return buffer.getvalue()


def read(path: Path, locale: str | None = None) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle, locale=locale, domain=DOMAIN)


def update(template: Catalog) -> None:
    for code in translated_languages():
        path = po_path(code)
        catalog = read(path, code) if path.exists() else _new(code)
        catalog.update(template, no_fuzzy_matching=True)
        catalog.obsolete.clear()
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(_po_bytes(catalog))


def _new(code: str) -> Catalog:
    return Catalog(locale=code, domain=DOMAIN, project="walkthrough", fuzzy=False)


def _sign(catalog: Catalog) -> None:
    # Babel's defaults are blanks to fill in ("FIRST AUTHOR", "YEAR-MO-DA"): say what is true.
    language = catalog.locale.english_name if catalog.locale else ""
    what = f"{language} messages" if language else "Messages"
    catalog.header_comment = (
        f'# {what} of walkthrough\'s interface; see README, "Adding a language".\n'
        "# Distributed under the same licence as walkthrough (MIT)."
    )
    catalog.project = "walkthrough"
    catalog.version = __version__
    catalog.copyright_holder = "the walkthrough authors"
    catalog.msgid_bugs_address = ""
    catalog.last_translator = "walkthrough translators"
    catalog.language_team = f"{language or 'All languages'}"
    catalog.revision_date = catalog.creation_date


def mo_bytes(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    return buffer.getvalue()


def compile_all() -> None:
    for code in translated_languages():
        mo_path(code).write_bytes(mo_bytes(read(po_path(code), code)))


def placeholders(text: str) -> set[str]:
    return set(_PLACEHOLDER.findall(text))


def problems() -> Iterator[str]:
    """Every way the catalogs disagree with the sources or with each other, one line each."""
    template = extract()
    if not TEMPLATE.exists() or _ids(read(TEMPLATE)) != _ids(template):
        yield f"{_shown(TEMPLATE)}: out of date with the sources (run extract, update)"
    wanted = _ids(template)
    for code in translated_languages():
        path = po_path(code)
        where = _shown(path)
        if not path.exists():
            yield f"{where}: missing"
            continue
        catalog = read(path, code)
        have = _ids(catalog)
        for missing in sorted(wanted - have, key=str):
            yield f"{where}: msgid {_name(missing)} missing"
        for extra in sorted(have - wanted, key=str):
            yield f"{where}: msgid {_name(extra)} not in the sources"
        yield from _entry_problems(str(where), catalog)
        if not mo_path(code).exists() or mo_path(code).read_bytes() != mo_bytes(catalog):
            yield f"{_shown(mo_path(code))}: not compiled from the .po (run compile)"


def _shown(path: Path) -> str:
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def _name(key: tuple[str | None, object]) -> str:
    context, message = key
    text = repr(message[0] if isinstance(message, (tuple, list)) else message)
    return f"{text} (context {context!r})" if context else text


def _ids(catalog: Catalog) -> set[tuple[str | None, object]]:
    return {(message.context, message.id) for message in catalog if message.id}


def _entry_problems(where: str, catalog: Catalog) -> Iterator[str]:
    forms = catalog.num_plurals
    for message in catalog:
        if not message.id:
            continue
        ids = _texts(message.id)
        strings = _texts(message.string)
        name = ids[0]
        if message.fuzzy:
            yield f"{where}: {name!r} is marked fuzzy"
        if isinstance(message.id, tuple) and len(strings) != forms:
            yield f"{where}: {name!r} has {len(strings)} plural forms, the language has {forms}"
        if not all(strings):
            yield f"{where}: {name!r} is not translated"
            continue
        expected = set().union(*(placeholders(text) for text in ids))
        for text in strings:
            if placeholders(text) - expected:
                yield f"{where}: {name!r} uses a placeholder the English does not have"
            elif not isinstance(message.id, tuple) and placeholders(text) != expected:
                yield f"{where}: {name!r} drops a placeholder"


def _texts(value: object) -> tuple[str, ...]:
    if isinstance(value, (tuple, list)):
        return tuple(str(text or "") for text in value)
    return (str(value or ""),)


def main(argv: Iterable[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    command = args[0] if args else "check"
    if command == "extract":
        write_template(extract())
    elif command == "update":
        update(read(TEMPLATE))
    elif command == "compile":
        compile_all()
    elif command == "init" and len(args) == 2:
        template = read(TEMPLATE)
        catalog = _new(args[1])
        catalog.update(template)
        po_path(args[1]).parent.mkdir(parents=True, exist_ok=True)
        po_path(args[1]).write_bytes(_po_bytes(catalog))
    elif command == "check":
        found = list(problems())
        for line in found:
            print(line)
        return 1 if found else 0
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
