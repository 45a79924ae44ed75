"""The palette's "Screenshot": an SVG of the screen, saved where it can be found, said where.

Textual's own entry hands the file to its driver for the user's Downloads folder and, where
that folder does not exist (a server, a fresh account), says only "Failed to save
screenshot". Here it goes to Downloads when there is one, else the working directory; a new
file (never over one), and the notice names it, or says why it could not be written.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from platformdirs import user_downloads_path
from textual.app import App

from walkthrough.i18n import _, translate_error


def screenshot_folder() -> Path:
    downloads = user_downloads_path()
    return downloads if downloads.is_dir() else Path.cwd()


def save_screenshot(app: App[Any]) -> Path | None:
    """Write the screen as SVG to a new file in `screenshot_folder()`; tell the PM where."""
    target = screenshot_folder() / f"walkthrough {datetime.now():%Y-%m-%d %H.%M.%S.%f}.svg"
    try:
        with target.open("x", encoding="utf-8") as svg:  # "x": never over an existing file
            svg.write(app.export_screenshot())
    except OSError as exc:
        app.notify(
            _("Screenshot not saved: {error}").format(error=translate_error(exc)),
            severity="error",
            markup=False,
        )
        return None
    app.notify(_("Screenshot saved to {path}").format(path=target), markup=False)
    return target
