"""Where an export lands: its default file name and the one way every export is written.

The CLI and the TUI both write through `write_export`, so a file exported from either is
named the same and written the same: atomically (readers see the old file or the whole
new one) and never over an existing file unless the caller says so. What to do about an
existing file is the caller's to say: the CLI speaks of `--force`, the TUI asks "Replace?".
"""

from __future__ import annotations

import errno
import os
import secrets
import stat
import unicodedata
from pathlib import Path

from walkthrough.i18n import N_
from walkthrough.report.errors import UserError

EXTENSIONS = {"markdown": ".md", "json": ".json", "csv": ".csv"}
_FORBIDDEN = set('/\\:*?"<>|')
_DROPPED_CATEGORIES = {
    "Cc",
    "Cf",
    "Cs",
}  # controls, invisible format characters (bidi tricks), lone surrogates
_WINDOWS_RESERVED = {"con", "prn", "aux", "nul"} | {f"{p}{i}" for p in ("com", "lpt") for i in range(1, 10)}
_MAX_NAME_BYTES = 200  # below the usual 255-byte limit, leaving room for the extension and a temp prefix


class TargetExists(UserError):
    """The export's target is already there and the caller did not ask to replace it."""

    def __init__(self, target: Path) -> None:
        super().__init__(N_("{path} already exists"), path=str(target))
        self.target = target


def safe_filename(name: str, fallback: str = "session") -> str:
    """A file name (without extension) that names one file in one directory on any OS.

    Keeps Unicode letters and spaces; path separators and characters Windows forbids
    become "_"; control and invisible characters go. Falls back to `fallback` (made
    safe the same way), then to "session", when nothing usable is left.
    """
    for candidate in (name, fallback, "session"):
        chars = []
        for c in candidate:
            if c.isspace():
                chars.append(" ")
            elif c in _FORBIDDEN:
                chars.append("_")
            elif unicodedata.category(c) not in _DROPPED_CATEGORIES:
                chars.append(c)
        cleaned = " ".join("".join(chars).split()).strip(" .")
        cleaned = _truncate_utf8(cleaned, _MAX_NAME_BYTES).rstrip(" .")
        if cleaned and cleaned.split(".")[0].strip().lower() not in _WINDOWS_RESERVED:
            return cleaned
    raise AssertionError("unreachable: 'session' is a safe name")


def default_filename(name: str, session_id: str, fmt: str = "markdown") -> str:
    """`<session name>.md` (or .json, .csv): the name both the CLI and the TUI export to."""
    return safe_filename(name, session_id) + EXTENSIONS[fmt]


def _truncate_utf8(text: str, limit: int) -> str:
    encoded = text.encode("utf-8")
    return text if len(encoded) <= limit else encoded[:limit].decode("utf-8", errors="ignore")


def check_target(target: Path, *, replace: bool) -> None:
    """Refuse a target that is a directory, a device, a FIFO or a link to one, and (unless
    `replace`) one that exists at all. Raised before any work, and again at the write."""
    try:
        info = os.stat(target)
    except FileNotFoundError:
        if os.path.lexists(target):  # a dangling link: writing would create its target
            raise UserError(N_("cannot write {path}: it is a link to nothing"), path=str(target)) from None
        return
    except OSError as exc:
        raise cannot_write(target, exc) from None
    if stat.S_ISDIR(info.st_mode):
        raise UserError(N_("cannot write {path}: it is a directory"), path=str(target))
    if not stat.S_ISREG(info.st_mode):
        raise UserError(
            N_("cannot write {path}: it is not a regular file (a device, FIFO or socket)"), path=str(target)
        )
    if not replace:
        raise TargetExists(target)
    if os.path.islink(target):
        raise UserError(
            N_("cannot write {path}: it is a symbolic link; name the file it points to"), path=str(target)
        )


def write_export(target: Path, text: str, *, replace: bool) -> None:
    """Write `text` to `target` in one step: readers see the old file or the whole new one.

    Without `replace`, an existing file (even one created while we write) is left untouched
    and TargetExists is raised. Directories, devices, FIFOs and links are never replaced.
    """
    check_target(target, replace=replace)
    directory = target.parent
    temp = directory / f".{target.name[:40]}.{secrets.token_hex(4)}.tmp"
    try:
        # 0o666 and the umask give the file the permissions any new file would get.
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o666)
    except OSError as exc:
        raise cannot_write(target, exc) from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        if replace:
            check_target(target, replace=True)
            os.replace(temp, target)
        else:
            _link_no_clobber(temp, target)
    except OSError as exc:
        raise cannot_write(target, exc) from None
    finally:
        if os.path.lexists(temp):
            os.unlink(temp)


def _link_no_clobber(temp: Path, target: Path) -> None:
    try:
        os.link(temp, target)  # fails if target exists: no window in which we could overwrite it
    except FileExistsError:
        raise TargetExists(target) from None
    except OSError as exc:
        if exc.errno not in (
            errno.EPERM,
            errno.ENOTSUP,
            errno.EOPNOTSUPP,
            errno.EXDEV,
            errno.EMLINK,
            errno.ENOSYS,
        ):
            raise
        # A file system without hard links (FAT, some network shares): check, then rename.
        check_target(target, replace=False)
        os.replace(temp, target)


class Reason(str):
    """An OSError's few words: a str (English), and a message `translate_error` says in the
    language in use, when one of ours."""

    template: str
    params: dict[str, object]

    def __new__(cls, text: str) -> Reason:
        made = super().__new__(cls, text)
        made.template = text.replace("{", "{{").replace("}", "}}")
        made.params = {}
        return made


def reason(exc: OSError) -> str:
    """An OSError as the few words a user needs (in English; `gettext` it to show it, or
    pass it as a param of a UserError, which translates it)."""
    if isinstance(exc, FileNotFoundError):
        return Reason(N_("no such directory"))
    if isinstance(exc, PermissionError):
        return Reason(N_("permission denied"))
    # The system's own words: no catalog has them, so they are shown as they are.
    return Reason((exc.strerror or str(exc)).lower())


def cannot_write(target: Path, exc: OSError) -> UserError:
    return UserError(N_("cannot write {path}: {reason}"), path=str(target), reason=reason(exc))
