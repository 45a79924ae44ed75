"""Where sessions live by default. Kept apart from the store so that finding the
directory (the TUI does it before its first paint) costs no pydantic or TinyDB import."""

from __future__ import annotations

from pathlib import Path

APP_NAME = "walkthrough"


def default_data_dir() -> Path:
    import platformdirs

    return platformdirs.user_data_path(APP_NAME)
