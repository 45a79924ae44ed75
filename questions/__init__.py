"""The question bank: stages -> teams -> "how" questions, loaded from data files.

Never imports Textual: the bank is domain, not UI.
"""

from questions.loader import BankError, bank_json_schema, default_bank, load_bank
from questions.models import Bank, Preset, Question, QuestionRef, Stage, Team

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
