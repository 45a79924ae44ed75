"""Store errors. str() of each is one line that says what is wrong and where."""


class StoreError(Exception):
    """Base class; the CLI prints `error: <str(exc)>` and exits 1."""


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


def one_line(text: str) -> str:
    """`text` with every run of whitespace (newlines included) made one space."""
    return " ".join(str(text).split())


def quoted(text: str) -> str:
    """A name or id as an error message quotes it: on one line, in single quotes."""
    return f"'{one_line(text)}'"
