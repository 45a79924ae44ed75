"""The launch countdown on home, at 80×24: days to go, the day itself, and days since."""

from __future__ import annotations

from datetime import date, timedelta

from conftest import screen_text, settle

from walkthrough.context import Context
from walkthrough.tui.app import WalkthroughApp


async def test_home_counts_down_to_each_sessions_launch(context: Context, fixed_today: date) -> None:
    bank = context.bank
    for name, launch in (
        ("Next month", fixed_today + timedelta(days=30)),
        ("Today", fixed_today),
        ("Last week", fixed_today - timedelta(days=7)),
        ("Undated", None),
    ):
        context.store.create(name, bank_id=bank.id, bank_version=bank.version, launch=launch)
    app = WalkthroughApp(context)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        rows = {line.split("  ")[1].strip(): line for line in screen_text(app).splitlines() if "%" in line}
        assert rows["Next month"].rstrip().endswith("30 days to launch")
        assert rows["Today"].rstrip().endswith("launch day")
        assert rows["Last week"].rstrip().endswith("launched 7 days ago")
        assert rows["Undated"].rstrip().endswith("—")
