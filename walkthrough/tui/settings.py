"""The TUI's own preferences (the theme, the language), kept in `<data dir>/settings.json`.

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

from walkthrough.i18n import LANGUAGES, _

if TYPE_CHECKING:
    from walkthrough.context import Context

SETTINGS_FILE = "settings.json"


@dataclass
class Settings:
    theme: str | None = None
    language: str | None = None  # a code of walkthrough.i18n.LANGUAGES; None: chosen at start


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
        fd, _stat = open_regular(path)  # a link or a FIFO planted in its place is not followed
        with open(fd, encoding="utf-8", closefd=True) as handle:
            raw = handle.read()
    except FileNotFoundError:
        return Settings()
    except NotFollowed as exc:
        raise SettingsError(_("{problem}; using defaults").format(problem=exc)) from None
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) else _("not UTF-8 text")
        raise SettingsError(
            _("{path}: cannot read: {reason}").format(path=path, reason=reason or exc)
        ) from None
    try:
        data = json.loads(raw)
    except ValueError as exc:
        raise SettingsError(
            _("{path}: not valid JSON ({error}); using defaults").format(path=path, error=exc)
        ) from None
    if not isinstance(data, dict):
        raise SettingsError(_("{path}: expected a JSON object; using defaults").format(path=path))
    known = {f.name for f in fields(Settings)}
    theme = data.get("theme")
    if theme is not None and not isinstance(theme, str):
        raise SettingsError(_("{path}: 'theme' must be a string; using defaults").format(path=path))
    # Keys from a newer version are ignored rather than rejected.
    settings = Settings(**{key: value for key, value in data.items() if key in known})
    # A language this version has no catalog for (a newer version's, a hand edit) is not worth
    # a warning in a language the PM may not read: the start-up choice applies instead.
    settings.language = known_language(settings.language)
    return settings


def known_language(value: object) -> str | None:
    """`value` if it is one of the interface's languages, else None."""
    return value if isinstance(value, str) and value in LANGUAGES else None


def save_settings(path: Path, settings: Settings, *, create_parents: bool = False) -> None:
    """Write atomically: a crash mid-write leaves the old file, never half a file. Like the
    store, only the default data directory gets its parents created; a mistyped --data-dir
    should fail rather than grow a new tree."""
    path.parent.mkdir(parents=create_parents, exist_ok=True)
    chosen = {key: value for key, value in asdict(settings).items() if value is not None}  # unset: left out
    text = json.dumps(chosen, indent=2, ensure_ascii=False) + "\n"
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
