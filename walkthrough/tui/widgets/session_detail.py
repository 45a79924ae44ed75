"""The side pane a wide home screen shows for the highlighted session.

Everything the listing knows about it, in the app's words (readiness, answered, open
items), the launch countdown, and the command that reopens it from a shell, so a PM can
pick it up outside the TUI too.
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
        from walkthrough.report import launch
        from walkthrough.report.progress import stats_launch, stats_progress, stats_trend
        from walkthrough.report.trend import sparkline

        c = stats_progress(entry.stats)
        trend = stats_trend(entry.stats)
        launch_day = stats_launch(entry.stats)
        lines: list[Content] = [
            Content.styled(visible(entry.name), "bold"),
            Content(""),
            Content.assemble(
                (progress_bar(c.ready, c.applicable, 20), f"${DONE.fill_variable}"), f" {c.readiness}% ready"
            ),
            Content(f"{c.ready} of {c.applicable} questions ready, {c.answered} answered"),
        ]
        if trend:
            count = f"{len(trend)} milestone{'s' if len(trend) != 1 else ''}"
            lines.append(
                Content.assemble(
                    ("Trend    ", "$text-muted"),
                    (sparkline([*trend, c.readiness]), f"${DONE.fill_variable}"),
                    f" {trend[0]}% → {c.readiness}% over {count}",
                )
            )
        lines += [
            Content(""),
            Content.assemble(("Open     ", "$text-muted"), (str(c.open), "bold")),
            Content.assemble(
                ("Gaps     ", "$text-muted"), (str(c.gap), f"bold ${STATUS['gap'].text_variable}")
            ),
            Content.assemble(("Partial  ", "$text-muted"), str(c.partial)),
            Content.assemble(
                ("To do    ", "$text-muted"), f"{c.not_assessed} not assessed, {c.unanswered} unanswered"
            ),
        ]
        if c.not_applicable:
            lines.append(Content.assemble(("N/A      ", "$text-muted"), str(c.not_applicable)))
        lines += [
            Content(""),
            Content.assemble(
                ("Launch   ", "$text-muted"),
                f"{launch_day.isoformat()} · {launch.countdown(launch_day, launch.today())}"
                if launch_day
                else ("not set", "$text-muted"),
            ),
            Content.assemble(("Started  ", "$text-muted"), format_time(entry.created)),
            Content.assemble(("Updated  ", "$text-muted"), format_time(entry.updated)),
            Content(""),
            Content.styled("From a shell:", "$text-muted"),
            Content(visible(f"walkthrough resume {entry.id}")),
        ]
        return Content("\n").join(lines)
