"""Where the app finds its bank and its sessions, resolved once per run.

The bank and the store are built on first use, so commands that need neither
(and the first paint of the TUI) do not pay for them.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from questions.models import Bank
    from sessions.store import SessionStore

DATA_DIR_ENV = "WALKTHROUGH_DATA_DIR"


@dataclass
class Context:
    data_dir_option: Path | None = None
    bank_file: Path | None = None

    @cached_property
    def data_dir(self) -> Path:
        if self.data_dir_option is not None:
            return self.data_dir_option
        from_env = os.environ.get(DATA_DIR_ENV)
        if from_env:
            return Path(from_env).expanduser()
        from sessions.location import default_data_dir

        return default_data_dir()

    @property
    def data_dir_is_default(self) -> bool:
        return self.data_dir_option is None and not os.environ.get(DATA_DIR_ENV)

    @cached_property
    def bank(self) -> Bank:
        from questions.loader import default_bank, load_bank

        return load_bank(self.bank_file) if self.bank_file else default_bank()

    @cached_property
    def store(self) -> SessionStore:
        from sessions.store import SessionStore
        from walkthrough.report.progress import STATS_FORMAT, listing_stats

        bank = self.bank
        return SessionStore(
            self.data_dir,
            create_parents=self.data_dir_is_default,
            stats=lambda session: listing_stats(bank, session),
            stats_key=f"{bank.id}@{bank.version}/{STATS_FORMAT}",
        )
