"""The TUI's own preferences (the theme), kept in `<data dir>/settings.json`.

Plain json and a dataclass rather than pydantic: the file is read before the first
paint, and pydantic would cost a quarter of a second there.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from walkthrough.context import Context

SETTINGS_FILE = "settings.json"


@dataclass
class Settings:
    theme: str | None = None


class SettingsError(Exception):
    """The settings file exists but cannot be used; str() says why, in one line."""


def settings_path(context: Context) -> Path:
    """Beside the sessions."""
    return context.data_dir / SETTINGS_FILE


def load_settings(path: Path) -> Settings:
    """Missing file: defaults. Unreadable or malformed file: SettingsError, so the
    caller can say so and carry on with defaults instead of refusing to start."""
    from sessions.errors import NotFollowed
    from sessions.safeio import open_regular

    try:
        fd, _ = open_regular(path)  # a link or a FIFO planted in its place is not followed
        with open(fd, encoding="utf-8", closefd=True) as handle:
            raw = handle.read()
    except FileNotFoundError:
        return Settings()
    except NotFollowed as exc:
        raise SettingsError(f"{exc}; using defaults") from None
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) else "not UTF-8 text"
        raise SettingsError(f"{path}: cannot read: {reason or exc}") from None
    try:
        data = json.loads(raw)
    except ValueError as exc:
        raise SettingsError(f"{path}: not valid JSON ({exc}); using defaults") from None
    if not isinstance(data, dict):
        raise SettingsError(f"{path}: expected a JSON object; using defaults")
    known = {f.name for f in fields(Settings)}
    theme = data.get("theme")
    if theme is not None and not isinstance(theme, str):
        raise SettingsError(f"{path}: 'theme' must be a string; using defaults")
    # Keys from a newer version are ignored rather than rejected.
    return Settings(**{key: value for key, value in data.items() if key in known})


def save_settings(path: Path, settings: Settings, *, create_parents: bool = False) -> None:
    """Write atomically: a crash mid-write leaves the old file, never half a file. Like the
    store, only the default data directory gets its parents created; a mistyped --data-dir
    should fail rather than grow a new tree."""
    path.parent.mkdir(parents=create_parents, exist_ok=True)
    text = json.dumps(asdict(settings), indent=2, ensure_ascii=False) + "\n"
    fd, temp_name = tempfile.mkstemp(dir=path.parent, prefix=".settings-", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp_name, path)
    except BaseException:
        try:
            os.unlink(temp_name)
        except FileNotFoundError:
            pass
        raise
