"""Where the app finds its bank and its sessions, resolved once per run.

The bank and the store are built on first use, so commands that need neither
(and the first paint of the TUI) do not pay for them. The bank is shown in the language
in use: the same questions (same ids, same order), their text from the bank's translation
into that language where there is one.
"""

from __future__ import annotations

import os
import threading
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from questions.models import Bank
    from sessions.models import Session
    from sessions.store import Listing, SessionStore

DATA_DIR_ENV = "WALKTHROUGH_DATA_DIR"
CACHE_DIR = "cache"  # in the data directory: what can be made again from elsewhere


class Context:
    # A plain class, not a dataclass: every command builds one, and importing dataclasses
    # (and the inspect module it needs) would cost each a few milliseconds of start-up.
    def __init__(
        self,
        data_dir_option: Path | None = None,
        bank_file: Path | None = None,
        language_option: str | None = None,
    ) -> None:
        self.data_dir_option = data_dir_option
        self.bank_file = bank_file
        # --lang as given: a language asked for by name outranks one the app remembers.
        self.language_option = language_option
        self._banks: dict[str, Bank] = {}
        self._given: Bank | None = None

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
    def language_named(self) -> bool:
        """--lang or WALKTHROUGH_LANG named the language: a choice remembered in the app yields to it
        (a locale does not: the app's own setting outranks the desktop's)."""
        from walkthrough.i18n import ENV_VAR

        return bool(self.language_option or os.environ.get(ENV_VAR))

    @property
    def data_dir_is_default(self) -> bool:
        return self.data_dir_option is None and not os.environ.get(DATA_DIR_ENV)

    @property
    def bank(self) -> Bank:
        """The bank in the language in use (`walkthrough.i18n.language()`)."""
        from walkthrough.i18n import language

        return self.bank_for(language())

    @bank.setter
    def bank(self, bank: Bank) -> None:
        """A bank handed over whole (tests, an embedding program): used as it is in every language."""
        self.__dict__["own_bank"] = bank
        self._banks = {}
        self._given = bank

    @cached_property
    def own_bank(self) -> Bank:
        """The bank as written, in its own language: what sessions are counted against."""
        if self.bank_file:
            from questions.loader import load_bank

            return load_bank(self.bank_file)
        from questions.bank_cache import built_in_bank

        # Kept beside the sessions, as JSON validated on every read (see questions.bank_cache).
        return built_in_bank(self.data_dir / CACHE_DIR)

    def bank_for(self, code: str) -> Bank:
        """The bank with its text in `code`: the built-in bank's translation, or a custom
        bank's `<name>.<code>.yaml` beside it; the bank's own text where there is none.
        A translation that does not fit the bank is a UserError naming the file."""
        if self._given is not None:
            return self._given
        found = self._banks.get(code)
        if found is None:
            found = self._banks[code] = self._translated(code)
        return found

    def _translated(self, code: str) -> Bank:
        own = self.own_bank
        if code == own.language:
            return own  # without importing the translations' models (~8 ms of every English export or walk)
        from questions import translations

        if self.bank_file is None:
            if code not in translations.built_in_languages():
                return own
            return translations.translate(own, translations.built_in_translation(code))
        path = translations.translation_file(self.bank_file, code)
        if not path.is_file():
            return own
        translation = translations.load_translation(path)
        problem = next(translations.mismatches(own, translation), None)
        if problem is not None:
            from walkthrough.i18n import N_
            from walkthrough.report.errors import UserError

            # The problem names the place in the file ("questions.x: missing"), as the bank's own do.
            raise UserError(N_("{file}: does not fit the bank: {problem}"), file=path, problem=problem)
        return translations.translate(own, translation)

    @cached_property
    def store(self) -> SessionStore:
        from sessions.store import SessionStore

        return SessionStore(
            self.data_dir,
            create_parents=self.data_dir_is_default,
            # The bank is loaded only if a session must be counted: listing from an index made
            # under the same bank content never parses or validates it.
            stats=self._count,
            stats_key=self.stats_key,
        )

    def release_listing(self) -> None:
        """The store's kept listing let go, if there is a store (see SessionStore.release_listing)."""
        store: SessionStore | None = self.__dict__.get("store")
        if store is not None:
            store.release_listing()

    def _count(self, session: Session) -> dict[str, Any]:
        from walkthrough.report.progress import listing_stats

        return listing_stats(self.own_bank, session)

    @cached_property
    def stats_key(self) -> str:
        """What the index's counts depend on: the bank's content (a bank edited without a new
        version counts afresh), the walkthrough that counted and the shape of its counts."""
        # Checksums, not a cryptographic digest: the key only tells one bank's counts from
        # another's (nobody gains by forging it), and zlib loads in a fraction of the time of
        # hashlib and its OpenSSL (~3 ms of every `walkthrough list`).
        from zlib import adler32, crc32

        from walkthrough import __version__
        from walkthrough.report.progress import STATS_FORMAT

        if self.bank_file is None:
            from questions.builtin import built_in_bank_bytes

            # The built-in bank's bytes: listing from the index then never parses the bank.
            content = built_in_bank_bytes()
        else:
            # A bank given with --bank is loaded anyway, as a bad one must stop every command;
            # its canonical JSON is the key (and a pipe such as `--bank <(…)` is read once).
            # The bank as written, whatever the language: counts do not depend on it.
            content = self.own_bank.model_dump_json().encode()
        bank = f"{len(content)}:{crc32(content):08x}:{adler32(content):08x}"
        return f"bank {bank} walkthrough {__version__} stats {STATS_FORMAT}"


class ListingInBackground:
    """The session listing, made in a thread from the moment it is asked for.

    The home screen starts one before the TUI is even imported: the listing (a stat per
    session file and index.json) is then done while Textual loads, and the rows are on the
    first frame instead of a "Loading sessions…" frame and a second one.
    """

    def __init__(self, context: Context) -> None:
        self._context = context
        self._done = threading.Event()
        self._listing: Listing | None = None
        self._error: Exception | None = None
        threading.Thread(target=self._run, name="walkthrough-listing", daemon=True).start()

    def _run(self) -> None:
        try:
            self._listing = self._context.store.listing()
        except Exception as exc:  # noqa: BLE001 - handed to whoever asks for the result
            self._error = exc
        finally:
            self._done.set()

    @property
    def ready(self) -> bool:
        """Done, and without an error."""
        return self._done.is_set() and self._error is None

    def wait(self, seconds: float) -> bool:
        """Wait at most `seconds` for it to be done; whether it is (`ready`)."""
        self._done.wait(seconds)
        return self.ready

    def result(self) -> Listing:
        """The listing, once made (this waits); the listing's error if it failed."""
        self._done.wait()
        if self._error is not None:
            raise self._error
        assert self._listing is not None
        return self._listing
