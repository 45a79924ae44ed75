"""The question bank: stages -> teams -> "how" questions, loaded from data files.

Never imports Textual: the bank is domain, not UI. The names below are loaded when first
used, so importing a light module of this package (such as `questions.builtin`, which
`walkthrough list` reads) does not load YAML and pydantic.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from questions.loader import BankError, bank_json_schema, default_bank, load_bank
    from questions.models import Bank, Preset, Question, QuestionRef, Stage, Team

_WHERE = {
    "BankError": "questions.loader",
    "bank_json_schema": "questions.loader",
    "default_bank": "questions.loader",
    "load_bank": "questions.loader",
    "Bank": "questions.models",
    "Preset": "questions.models",
    "Question": "questions.models",
    "QuestionRef": "questions.models",
    "Stage": "questions.models",
    "Team": "questions.models",
}

__all__ = [
    "Bank",
    "BankError",
    "Preset",
    "Question",
    "QuestionRef",
    "Stage",
    "Team",
    "bank_json_schema",
    "default_bank",
    "load_bank",
]


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        return getattr(import_module(_WHERE[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
