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

from walkthrough.i18n import N_, _, ngettext
from walkthrough.tui.colours import DONE, STATUS
from walkthrough.tui.widgets.cells import pad, widest
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


# The names down the pane's left edge, msgids: their column is as wide as the widest, translated.
TREND, OPEN, GAPS, PARTIAL, TO_DO, NOT_APPLICABLE, LAUNCH, STARTED, UPDATED = (
    N_("Trend"),
    # Translators: open items (gaps, partial, not yet assessed), in the session pane
    N_("Open"),
    N_("Gaps"),
    N_("Partial"),
    N_("To do"),
    N_("N/A"),
    N_("Launch"),
    N_("Started"),
    N_("Updated"),
)


class SessionDetail(Static):
    """The highlighted session; `refresh_language` says it again in the language now in use."""

    _shown: SessionEntry | None = None

    def show(self, entry: SessionEntry | None) -> None:
        self._shown = entry
        self.update(self.describe(entry) if entry else "")

    def refresh_language(self) -> None:
        self.show(self._shown)

    @staticmethod
    def describe(entry: SessionEntry) -> Content:
        from walkthrough.report import launch
        from walkthrough.report.progress import stats_launch, stats_progress, stats_trend
        from walkthrough.report.trend import sparkline

        names = (TREND, OPEN, GAPS, PARTIAL, TO_DO, NOT_APPLICABLE, LAUNCH, STARTED, UPDATED)
        width = widest(*map(_, names)) + 2

        def name(msgid: str) -> tuple[str, str]:
            return pad(_(msgid), width), "$text-muted"

        c = stats_progress(entry.stats)
        trend = stats_trend(entry.stats)
        launch_day = stats_launch(entry.stats)
        lines: list[Content] = [
            Content.styled(visible(entry.name), "bold"),
            Content(""),
            Content.assemble(
                (progress_bar(c.ready, c.applicable, 20), f"${DONE.fill_variable}"),
                " " + _("{readiness}% ready").format(readiness=c.readiness),
            ),
            Content(
                ngettext(
                    "{ready} of {count} question ready, {answered} answered",
                    "{ready} of {count} questions ready, {answered} answered",
                    c.applicable,
                ).format(ready=c.ready, count=c.applicable, answered=c.answered)
            ),
        ]
        if trend:
            over = ngettext(
                "{first}% → {now}% over {count} milestone",
                "{first}% → {now}% over {count} milestones",
                len(trend),
            ).format(first=trend[0], now=c.readiness, count=len(trend))
            lines.append(
                Content.assemble(
                    name(TREND),
                    (sparkline([*trend, c.readiness]), f"${DONE.fill_variable}"),
                    " " + over,
                )
            )
        lines += [
            Content(""),
            Content.assemble(name(OPEN), (str(c.open), "bold")),
            Content.assemble(name(GAPS), (str(c.gap), f"bold ${STATUS['gap'].text_variable}")),
            Content.assemble(name(PARTIAL), str(c.partial)),
            Content.assemble(
                name(TO_DO),
                _("{not_assessed} not assessed, {unanswered} unanswered").format(
                    not_assessed=c.not_assessed, unanswered=c.unanswered
                ),
            ),
        ]
        if c.not_applicable:
            lines.append(Content.assemble(name(NOT_APPLICABLE), str(c.not_applicable)))
        lines += [
            Content(""),
            Content.assemble(
                name(LAUNCH),
                f"{launch_day.isoformat()} · {launch.countdown(launch_day, launch.today())}"
                if launch_day
                else (_("not set"), "$text-muted"),
            ),
            Content.assemble(name(STARTED), format_time(entry.created)),
            Content.assemble(name(UPDATED), format_time(entry.updated)),
            Content(""),
            Content.styled(_("From a shell:"), "$text-muted"),
            Content(visible(f"walkthrough resume {entry.id}")),
        ]
        return Content("\n").join(lines)
