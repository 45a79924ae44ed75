"""Why pydantic refused a session document, as a Message that translates.

The English is pydantic's own (what the store said before); the common kinds of error are
our msgids, with pydantic's context as named params. A kind not listed here is said in
pydantic's English.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from sessions.errors import N_, Explained, Message, one_line
from sessions.text import dotted_path

# pydantic error type -> template; the params are the error's context (`le`, `expected`…).
_REASONS = {
    "missing": N_("Field required"),
    "extra_forbidden": N_("Extra inputs are not permitted"),
    "string_type": N_("Input should be a valid string"),
    "string_pattern_mismatch": N_("String should match pattern '{pattern}'"),
    "int_type": N_("Input should be a valid integer"),
    "int_parsing": N_("Input should be a valid integer, unable to parse string as an integer"),
    "int_from_float": N_("Input should be a valid integer, got a number with a fractional part"),
    "bool_type": N_("Input should be a valid boolean"),
    "bool_parsing": N_("Input should be a valid boolean, unable to interpret input"),
    "dict_type": N_("Input should be a valid dictionary"),
    "list_type": N_("Input should be a valid list"),
    "tuple_type": N_("Input should be a valid tuple"),
    "model_type": N_("Input should be a valid dictionary or instance of {class_name}"),
    "greater_than": N_("Input should be greater than {gt}"),
    "greater_than_equal": N_("Input should be greater than or equal to {ge}"),
    "less_than": N_("Input should be less than {lt}"),
    "less_than_equal": N_("Input should be less than or equal to {le}"),
    "literal_error": N_("Input should be {expected}"),
    "enum": N_("Input should be {expected}"),
    "datetime_type": N_("Input should be a valid datetime"),
    "datetime_parsing": N_("Input should be a valid datetime, {error}"),
    "datetime_from_date_parsing": N_("Input should be a valid datetime or date, {error}"),
    "date_type": N_("Input should be a valid date"),
    "date_parsing": N_("Input should be a valid date in the format YYYY-MM-DD, {error}"),
    "date_from_datetime_parsing": N_("Input should be a valid date or datetime, {error}"),
    "date_from_datetime_inexact": N_(
        "Datetimes provided to dates should have zero time - e.g. be exact dates"
    ),
    "timezone_aware": N_("Input should have timezone info"),
    "none_required": N_("Input should be None"),
}
# English says "1 character" and "2 characters": a template for each (pydantic's has a suffix).
_COUNTED = {
    ("string_too_short", "min_length"): (
        N_("String should have at least 1 character"),
        N_("String should have at least {min_length} characters"),
    ),
    ("string_too_long", "max_length"): (
        N_("String should have at most 1 character"),
        N_("String should have at most {max_length} characters"),
    ),
}


def validation_reason(exc: ValidationError) -> str:
    """The first problem pydantic found, where it is and why: `answers.q1.risk: Input should be …`."""
    errors = exc.errors()
    first = errors[0]
    where = dotted_path(tuple(first["loc"])) or Message(N_("document"))
    reason = error_reason(first)
    if len(errors) > 1:
        return Message(
            N_("{where}: {reason} (and {count} more)"), where=where, reason=reason, count=len(errors) - 1
        )
    return Message(N_("{where}: {reason}"), where=where, reason=reason)


def error_reason(error: ErrorDetails) -> str:
    """One pydantic error's reason, without where it is."""
    kind = error["type"]
    ctx: dict[str, Any] = dict(error.get("ctx") or {})
    if kind == "value_error":
        cause = ctx.get("error")
        if isinstance(cause, Explained):  # raised by our validators, with a template
            return Message(N_("Value error, {reason}"), reason=cause.message())
    template = _REASONS.get(kind)
    for (counted, key), (one, many) in _COUNTED.items():
        if kind == counted and key in ctx:
            template = one if ctx[key] == 1 else many
    if template is not None:
        params = {key: one_line(value) for key, value in ctx.items()}
        try:
            return Message(template, **params)
        except (KeyError, IndexError):
            pass  # a context pydantic no longer gives: its own words below
    return one_line(error["msg"])
