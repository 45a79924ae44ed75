"""Errors the CLI reports as one line (`error: ...`, exit 1)."""


class UserError(Exception):
    """Something the user can fix; str() says what is wrong and where."""
