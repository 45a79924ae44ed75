"""The built-in bank, validated once and kept as JSON: no YAML on later runs.

Loading the built-in bank from its YAML costs every run that shows or exports a question
the YAML library's import and a parse (25-30 ms); the same bank read back from the JSON it
validated to, by pydantic's own JSON reader, costs under a millisecond. The JSON is kept
under a name made from everything its content depends on (the bank file's bytes and the
code that loads and checks it), so a changed bank or a new walkthrough never reads a stale
one.

The file is never trusted: it is read through the same model validation as any bank (in
pydantic's Rust core, which is why it is fast), and anything wrong with it (missing,
unreadable, too big, a link, not JSON, not a valid bank) is a miss: the YAML is loaded as
before and the file written again. Writing is best effort (a read-only data directory just
means no cache), and a file is only ever replaced whole (written beside it, then renamed).
The cache is used only in a folder of the user's own that no one else can write to, in a
data directory no one else can write to either: a shared place such as /tmp (which the store
refuses as a data directory) could otherwise hand the app a bank someone else wrote.
"""

from __future__ import annotations

import os
import stat
from hashlib import sha256
from pathlib import Path

from questions.builtin import DEFAULT_BANK_FILE, built_in_bank_bytes
from questions.models import BANK_FORMAT, Bank

MAX_CACHE_BYTES = 4 * 1024 * 1024  # the built-in bank's JSON is about 35 KB
_CODE = ("builtin.py", "loader.py", "models.py", "bank_cache.py")  # what the cached bank depends on


def built_in_bank(cache_dir: Path | None) -> Bank:
    """The built-in bank: from `cache_dir` when a valid copy of this very bank is there,
    else loaded from its YAML (and kept there for next time). No cache_dir: the YAML."""
    content = built_in_bank_bytes()
    path = cache_dir / cache_name(content) if cache_dir is not None else None
    if path is not None and _private(path.parent):
        cached = _read(path)
        if cached is not None:
            return cached
    from questions.loader import default_bank

    bank = default_bank()
    if path is not None:
        _write(path, bank.model_dump_json().encode())
    return bank


def cache_name(content: bytes) -> str:
    """The file name for the bank with these bytes, as this walkthrough loads it."""
    digest = sha256(content)
    here = Path(__file__).parent
    for name in _CODE:
        try:
            digest.update(name.encode() + b"\0" + (here / name).read_bytes())
        except OSError:  # a stripped install (bytecode only): the bank's bytes still key it
            digest.update(name.encode() + b"\0")
    digest.update(f"{DEFAULT_BANK_FILE} format {BANK_FORMAT}".encode())
    return f"bank-{digest.hexdigest()[:32]}.json"


def _private(cache_dir: Path) -> bool:
    """The cache folder (no link) and the data directory above it (which may be one, to a
    synced folder) are the user's own, and no one else can write to them."""
    try:
        return _ours(os.lstat(cache_dir)) and _ours(os.stat(cache_dir.parent))
    except OSError:
        return False


def _ours(info: os.stat_result) -> bool:
    owner = getattr(os, "getuid", lambda: info.st_uid)()
    return (
        stat.S_ISDIR(info.st_mode)
        and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)
        and info.st_uid == owner
    )


def _read(path: Path) -> Bank | None:
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        return None
    try:
        with os.fdopen(fd, "rb") as handle:
            data = handle.read(MAX_CACHE_BYTES + 1)
    except OSError:
        return None
    if len(data) > MAX_CACHE_BYTES:
        return None
    try:
        return Bank.model_validate_json(data)
    except ValueError:  # pydantic's ValidationError is one: not JSON, or not a valid bank
        return None


def _write(path: Path, data: bytes) -> None:
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        if not _ours(os.stat(path.parent.parent)):  # not made in a data directory others share
            return
        path.parent.mkdir(mode=0o700, exist_ok=True)
        if not _private(path.parent):
            return
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(temp, path)
    except OSError:
        try:
            temp.unlink()
        except OSError:
            pass
