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
        from walkthrough.report.progress import listing_stats

        return SessionStore(
            self.data_dir,
            create_parents=self.data_dir_is_default,
            # The bank is loaded only if a session must be counted: listing from an index made
            # under the same bank content never parses or validates it.
            stats=lambda session: listing_stats(self.bank, session),
            stats_key=self.stats_key,
        )

    @cached_property
    def stats_key(self) -> str:
        """What the index's counts depend on: the bank's content (a bank edited without a new
        version counts afresh), the walkthrough that counted and the shape of its counts."""
        from hashlib import sha256

        from walkthrough import __version__
        from walkthrough.report.progress import STATS_FORMAT

        if self.bank_file is None:
            from importlib import resources

            from questions.loader import DEFAULT_BANK_FILE

            # The built-in bank's bytes: listing from the index then never parses the bank.
            content = (resources.files("questions") / "data" / DEFAULT_BANK_FILE).read_bytes()
        else:
            # A bank given with --bank is loaded anyway, as a bad one must stop every command;
            # its canonical JSON is the key (and a pipe such as `--bank <(…)` is read once).
            content = self.bank.model_dump_json().encode()
        return f"bank sha256:{sha256(content).hexdigest()} walkthrough {__version__} stats {STATS_FORMAT}"
