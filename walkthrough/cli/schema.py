"""`walkthrough schema bank|session`: the JSON Schemas of the two files a user handles.

The bank schema lets an editor check a bank while it is typed (`questions --check` also
checks what a schema cannot say); the session schema describes `export --format json`.
"""

from __future__ import annotations

import argparse
from typing import Any

from walkthrough.cli.output import write_json
from walkthrough.context import Context


def schema_of(kind: str) -> dict[str, Any]:
    if kind == "bank":
        from questions.loader import bank_json_schema

        return bank_json_schema()
    from sessions.codec import export_schema

    return export_schema()


def run_schema(context: Context, args: argparse.Namespace) -> int:
    write_json(schema_of(args.kind))
    return 0
