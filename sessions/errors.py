"""Store errors and the store's other messages for the user.

Each is one line that says what is wrong and where. It is kept as `template` (an English msgid,
marked with `N_` for the catalogs) and `params`, so the app can say it in the language in use
(`walkthrough.i18n.translate_error`); str() is the English line. A param may itself be such a
message (a reason inside a sentence): it is translated too.
"""

from __future__ import annotations

from typing import Any


def N_(message: str) -> str:
    """Mark `message` for the catalogs: the store never imports the app, so not its N_."""
    return message


class Message(str):
    """A line of English for the user that can also be said in another language: the text is
    `template` filled in with `params`. A str, so it goes wherever text goes (listing problems,
    a name's problem) and translates where it is shown."""

    template: str
    params: dict[str, Any]

    def __new__(cls, template: str, /, **params: Any) -> Message:
        self = super().__new__(cls, template.format(**params))
        self.template = template
        self.params = params
        return self

    def __reduce__(self) -> tuple[Any, ...]:
        return (_message, (type(self), self.template, self.params))


def _message(cls: type[Any], template: str, params: dict[str, Any]) -> Any:
    return cls(template, **params)


class Explained(Exception):
    """An exception whose str() is `template` filled in with `params` (see the module's doc)."""

    template: str
    params: dict[str, Any]

    def __init__(self, template: str, /, **params: Any) -> None:
        self.template = template
        self.params = params
        super().__init__(template.format(**params))

    def message(self) -> Message:
        return Message(self.template, **self.params)

    @classmethod
    def of(cls, text: str) -> Any:
        """This kind of error saying `text` (a Message keeps its template)."""
        if isinstance(text, Message):
            return cls(text.template, **text.params)
        return cls("{reason}", reason=text)

    def __reduce__(self) -> tuple[Any, ...]:
        return (_message, (type(self), self.template, self.params))


class Invalid(Explained, ValueError):
    """A value a session model refuses (pydantic reports it as a value error)."""


class StoreError(Explained):
    """Base class; the CLI prints `error: <the line>` and exits 1."""


class DataDirError(StoreError):
    """The data directory is missing, not a directory, or not writable."""


class SessionNotFound(StoreError):
    pass


class AmbiguousSession(StoreError):
    pass


class SessionLocked(StoreError):
    """Another running walkthrough has this session open."""


class CorruptSession(StoreError):
    """A session file that cannot be parsed; it has been moved aside."""


class NewerSchema(StoreError):
    """A session written by a newer walkthrough; left untouched."""


class InvalidDocument(StoreError):
    """An import document that is not a valid session."""


class InvalidName(StoreError):
    """A session name that is empty or too long."""


class MilestoneExists(StoreError):
    """A milestone name the session already has: milestones are never overwritten."""


class MilestoneNotFound(StoreError):
    """No milestone of the session has that name (or it matches several)."""


class MilestoneMissing(StoreError):
    """A milestone whose saved state is in neither place it is kept."""


class ReadOnlySession(StoreError):
    """A save through a read-only view of a session."""


class NotFollowed(StoreError):
    """A link, FIFO, device, socket or directory where the store keeps a file (or a link where
    it keeps a directory): refused, never followed or opened."""


def one_line(text: object) -> str:
    """`text` with every run of whitespace (newlines included) made one space."""
    return " ".join(str(text).split())


def quoted(text: object) -> str:
    """A name or id as an error message quotes it: on one line, in single quotes."""
    return f"'{one_line(text)}'"


def reason_of(exc: BaseException) -> str:
    """An exception as the reason inside another message: its Message (it translates) if it has
    one, else its own text."""
    return exc.message() if isinstance(exc, Explained) else str(exc)


NO_SUCH_ID = N_("no session with id {id}")
