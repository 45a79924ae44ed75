"""A TinyDB storage that never leaves a half-written file.

TinyDB's JSONStorage rewrites its file in place, so a kill mid-write corrupts it. This one
writes through `files.write_atomic`. It also keeps the last data read or written: TinyDB
reads the whole storage before every operation, and re-parsing a session on each keystroke
would cost more than the write. The cache is only trusted while the caller holds the
session's lock, which is how the store uses it.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from sessions.files import decode_json, encode_json, file_identity, read_file, write_atomic

Tables = dict[str, dict[str, Any]]


class AtomicJSONStorage(Storage):
    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self._data: Tables | None = None
        self._batch_depth = 0
        self._dirty = False
        # Identity (`files.file_identity`) of the file as last read or written: the index records
        # it, and a save compares it to notice another program replacing the file.
        self.seen: tuple[int, ...] | None = None

    def read(self) -> Tables | None:
        if self._data is None:
            try:
                raw, stat = read_file(self.path)
            except FileNotFoundError:
                return None
            self.seen = file_identity(stat)
            self._data = decode_json(raw) if raw else None
        return self._data

    def write(self, data: Tables) -> None:
        self._data = data
        if self._batch_depth:
            self._dirty = True
        else:
            self._flush()

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Group several TinyDB operations into one write, so a save costs one fsync and lands whole."""
        self._batch_depth += 1
        try:
            yield
        except BaseException:
            # TinyDB mutates the cached dicts in place; after a failure only the file is the truth.
            self.forget()
            raise
        finally:
            self._batch_depth -= 1
        if not self._batch_depth and self._dirty:
            self._flush()

    def changed_on_disk(self) -> bool:
        """Whether the file is no longer the one this storage last read or wrote."""
        if self.seen is None:
            return False
        try:
            return file_identity(os.lstat(self.path)) != self.seen
        except FileNotFoundError:
            return True

    def forget(self) -> None:
        self._data = None
        self._dirty = False

    def _flush(self) -> None:
        assert self._data is not None
        try:
            self.seen = file_identity(write_atomic(self.path, encode_json(self._data)))
        except BaseException:
            self.forget()
            raise
        self._dirty = False
