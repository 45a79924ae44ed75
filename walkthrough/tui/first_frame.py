"""Work Textual would do twice before a screen's first frame, done once.

- Breakpoint classes (-narrow, -wide, -short…): Textual adds them on the screen's first
  Resize, and adding a class to a screen restyles every widget on it (on the walk, about 90
  style applications, a fifth of the work before its first frame). Set from the app's size
  before the screen is styled, they are already right when the Resize comes. A later resize,
  or a first one at another size, still sets them as Textual does.
- The restyle on the first ScreenResume: every widget was styled as it mounted, a moment
  before, and nothing they match has changed since (focus restyles what it moves itself).
  Later resumes (back from a dialog or the summary) restyle as usual.
- The walk's stylesheet (walk.tcss: the walk, the summary, the comparison and the pickers of
  the new-session and teams dialogs) is parsed with the app's only when the app starts on a
  walk; the home screen does without it, and the first screen that needs it brings it
  (`CSS_PATH = WALK_CSS`), once.
- A frame made during a batch update: Textual's start-up is one batch, and a screen pushed
  in it (the walk of `walkthrough resume`) lays out and renders its whole first frame there,
  which the app then drops unwritten. The frame is made once, when the batch is over.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, TypeVar

from textual import events
from textual._context import NoActiveAppError
from textual.message import Message
from textual.screen import Screen

Result = TypeVar("Result")
# Absolute and normalised, as Textual keys the files it has read: a screen's CSS_PATH naming
# the same file another way would have it read and every rule parsed again.
WALK_CSS = Path(os.path.abspath(Path(__file__).parent / "styles" / "walk.tcss"))


class StyledOnce(Screen[Result]):
    """A screen whose widgets are styled once before its first frame (see above)."""

    def __init__(self) -> None:
        super().__init__()
        self._first_resume = True
        self._frame_waiting = False
        preset_breakpoints(self)

    def post_message(self, message: Message) -> bool:
        if self._first_resume and isinstance(message, events.ScreenResume):
            self._first_resume = False
            if message.refresh_styles:
                message = events.ScreenResume(refresh_styles=False)
        return super().post_message(message)

    def _compositor_refresh(self) -> None:
        app = self.app
        if app._batch_count and self is app.screen:
            if not self._frame_waiting:
                self._frame_waiting = True
                # The app's own queue is read once its start-up (or any batch) is over.
                app.call_later(self._frame_after_batch)
            return
        super()._compositor_refresh()

    def _frame_after_batch(self) -> None:
        self._frame_waiting = False
        if self.app._batch_count or not self.is_current:
            self.refresh()  # drawn with the next update, as Textual would
            return
        self._repaint_required = True
        # Now, rather than on the update timer's next tick (up to a 60th of a second later).
        self._on_timer_update()


def preset_breakpoints(screen: Screen[Any]) -> None:
    """Give `screen` the breakpoint classes of the app's current size, without restyling."""
    try:
        app = screen.app
    except NoActiveAppError:  # made outside a running app (a test): the first Resize sets them
        return
    width, height = app.size
    horizontal = (
        app.HORIZONTAL_BREAKPOINTS if screen.HORIZONTAL_BREAKPOINTS is None else screen.HORIZONTAL_BREAKPOINTS
    )
    vertical = (
        app.VERTICAL_BREAKPOINTS if screen.VERTICAL_BREAKPOINTS is None else screen.VERTICAL_BREAKPOINTS
    )
    names = [_reached(width, horizontal or []), _reached(height, vertical or [])]
    screen.add_class(*(name for name in names if name), update=False)


def _reached(dimension: int, breakpoints: list[tuple[int, str]]) -> str | None:
    """The class of the largest breakpoint `dimension` reaches, as Textual picks it."""
    for threshold, name in sorted(breakpoints, reverse=True):
        if dimension >= threshold:
            return name
    return None
