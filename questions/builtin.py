"""The built-in bank as a file: its bytes are what the session index is keyed by, read
without parsing or validating the bank (no YAML, no pydantic) on every `walkthrough list`."""

from __future__ import annotations

from pathlib import Path

DEFAULT_BANK_FILE = "touchpoints.yaml"


def built_in_bank_bytes() -> bytes:
    # The package's own directory, as importlib.resources.files("questions") gives it for an
    # installed package, without importing importlib.resources.
    return (Path(__file__).parent / "data" / DEFAULT_BANK_FILE).read_bytes()
