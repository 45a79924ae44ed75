"""argparse in the interface's language.

argparse asks gettext for its own words ("usage: ", "options", "the following arguments are
required: %s" …) through its module-level `_` and `ngettext`. `translate_argparse` points
those at the app's catalogs; the messages below are argparse's own msgids (Python 3.11),
listed so extraction puts them in the catalogs. They keep argparse's %-format: argparse
fills them in itself. Only what a user can meet is listed, not the errors of a program
that builds a parser wrongly. Nor "%(prog)s: error: %(message)s": "error:" reads the same in
every language, as in the app's own error lines, for the scripts that look for it.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable

from walkthrough.i18n import N_, gettext, ngettext

MESSAGES = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("unrecognized arguments: %s"),
    N_("the following arguments are required: %s"),
    N_("one of the arguments %s is required"),
    N_("not allowed with argument %s"),
    N_("ignored explicit argument %r"),
    N_("expected one argument"),
    N_("expected at most one argument"),
    N_("expected at least one argument"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("invalid %(type)s value: %(value)r"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("can't open '%(filename)s': %(error)s"),
)

# argparse's plural messages, spelled out here so extraction finds them as plural entries.
PLURALS: dict[str, Callable[[int], str]] = {
    "expected %s argument": lambda n: ngettext("expected %s argument", "expected %s arguments", n),
}


def _ngettext(singular: str, plural: str, n: int) -> str:
    own = PLURALS.get(singular)
    return own(n) if own is not None else ngettext(singular, plural, n)


def translate_argparse() -> None:
    """From now on argparse speaks the language in use (looked up when it speaks)."""
    argparse._ = gettext  # type: ignore[attr-defined]
    argparse.ngettext = _ngettext  # type: ignore[attr-defined]
