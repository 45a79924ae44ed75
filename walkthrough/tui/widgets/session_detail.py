"""The side pane a wide home screen shows for the highlighted session.

Everything the listing knows about it, with the readiness counts spelled out and the
command that reopens it from a shell, so a PM can pick it up outside the TUI too.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from textual.content import Content
from textual.widgets import Static

from walkthrough.tui.colours import DONE, STATUS
from walkthrough.tui.widgets.visible import visible

if TYPE_CHECKING:
    from sessions.store import SessionEntry

# Shared with the session table, which imports them from here to stay off the start-up path.
BAR_WIDTH = 10
TIME_FORMAT = "%Y-%m-%d %H:%M"


def format_time(moment: datetime) -> str:
    """Absolute local time: relative phrases ("2 hours ago") go stale on screen."""
    return moment.astimezone().strftime(TIME_FORMAT)


def progress_bar(answered: int, applicable: int, width: int = BAR_WIDTH) -> str:
    filled = round(width * answered / applicable) if applicable else width
    return "█" * filled + "░" * (width - filled)


class SessionDetail(Static):
    def show(self, entry: SessionEntry | None) -> None:
        self.update(self.describe(entry) if entry else "")

    @staticmethod
    def describe(entry: SessionEntry) -> Content:
        stats = entry.stats
        answered, applicable = stats.get("answered", 0), stats.get("applicable", 0)
        percent = round(100 * answered / applicable) if applicable else 100
        not_applicable = stats.get("not_applicable", 0)
        lines: list[Content] = [
            Content.styled(visible(entry.name), "bold"),
            Content(""),
            Content.assemble(
                (progress_bar(answered, applicable, 20), f"${DONE.fill_variable}"), f" {percent}%"
            ),
            Content(f"{answered} of {applicable} questions answered"),
            Content(""),
            Content.assemble(("Ready    ", "$text-muted"), str(stats.get("ready", 0))),
            Content.assemble(("Partial  ", "$text-muted"), str(stats.get("partial", 0))),
            Content.assemble(
                ("Gaps     ", "$text-muted"),
                (str(stats.get("gap", 0)), f"bold ${STATUS['gap'].text_variable}"),
            ),
        ]
        if not_applicable:
            lines.append(Content.assemble(("N/A      ", "$text-muted"), str(not_applicable)))
        lines += [
            Content(""),
            Content.assemble(("Started  ", "$text-muted"), format_time(entry.created)),
            Content.assemble(("Updated  ", "$text-muted"), format_time(entry.updated)),
            Content(""),
            Content.styled("From a shell:", "$text-muted"),
            Content(visible(f"walkthrough resume {entry.id}")),
        ]
        return Content("\n").join(lines)
