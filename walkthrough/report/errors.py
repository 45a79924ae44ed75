"""Errors the CLI reports as one line (`error: ...`, exit 1)."""

from __future__ import annotations


class UserError(Exception):
    """Something the user can fix; str() says what is wrong and where, in English.

    `UserError(N_("cannot write {path}: {why}"), path=..., why=...)`: the template is an
    English msgid with named placeholders, so `walkthrough.i18n.translate_error` can say it
    in the language in use. A message given whole (no params) is its own template, braces
    and all: it is shown as it is where no catalog has it.
    """

    def __init__(self, template: str, /, **params: object) -> None:
        # Without params there is nothing to fill in: double the braces, so that a message
        # that quotes user text ("{draft}") formats back to itself.
        self.template = template if params else template.replace("{", "{{").replace("}", "}}")
        self.params = params
        super().__init__(self.template.format(**params))
