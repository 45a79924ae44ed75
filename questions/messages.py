"""The bank's messages for the user, as templates the app can say in any language.

A message is `template` (an English msgid, marked with `N_` so the catalogs pick it up) and
`params`; `walkthrough.i18n.translate_error` renders it in the language in use, and str() is
the English. The bank never imports the app (nor the store), so it has its own `N_`.
"""

from __future__ import annotations

from typing import Any


def N_(message: str) -> str:
    """Mark `message` for the catalogs; it is translated where it is shown."""
    return message


class Message(str):
    """English text (the template filled in) that keeps its template and params: a mismatch
    line or a reason inside a BankError, translated where it is shown."""

    template: str
    params: dict[str, Any]

    def __new__(cls, template: str, /, **params: Any) -> Message:
        said = str.__new__(cls, template.format(**params))
        said.template, said.params = template, params
        return said


class Refusal(ValueError):
    """A value a bank model refuses, said as a Message (pydantic reports it as a value error)."""

    def __init__(self, template: str, /, **params: Any) -> None:
        self.said = Message(template, **params)
        super().__init__(self.said)
