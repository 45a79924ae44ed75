"""`walkthrough questions`: show a bank as an outline or JSON, check a bank file, print the schema."""

from __future__ import annotations

import argparse
import shutil
import textwrap

from questions.loader import bank_json_schema, load_bank
from questions.models import Bank
from sessions.text import printable
from walkthrough.cli.output import say, write_json
from walkthrough.context import Context


def run_questions(context: Context, args: argparse.Namespace) -> int:
    if args.schema:
        write_json(bank_json_schema())
    elif args.check:
        bank = load_bank(args.check)
        say(f"ok: {args.check}: {describe_size(bank)}")
    elif args.json:
        write_json(bank_document(context.bank))
    else:
        say(outline(context.bank, width=shutil.get_terminal_size((100, 24)).columns))
    return 0


def bank_document(bank: Bank) -> dict:
    """The bank as JSON: stages and teams in walk order, empty optional fields left out."""
    return bank.model_dump(mode="json", exclude_defaults=True) | {
        "format": bank.format,
        "language": bank.language,
    }


def describe_size(bank: Bank) -> str:
    touchpoints = sum(len(stage.teams) for stage in bank.stages)
    return (
        f"bank '{bank.id}' version {printable(bank.version)}: {len(bank.stages)} stages, "
        f"{touchpoints} touchpoints, {len(bank.walk())} questions"
    )


def outline(bank: Bank, *, width: int = 100) -> str:
    """The bank as indented lines. A bank is anyone's file: each of its texts is made one
    printable line, so a newline cannot break the outline nor an escape reach the terminal."""
    width = max(40, min(width, 120))
    lines = [f"{printable(bank.title)} — {describe_size(bank)}", ""]
    for s_number, stage in enumerate(bank.stages, 1):
        lines.append(f"{s_number}. {printable(stage.title)}")
        for t_number, team in enumerate(stage.teams, 1):
            lines.append(f"   {s_number}.{t_number} {printable(team.name)}")
            for question in team.questions:
                lines.extend(
                    textwrap.wrap(
                        printable(question.prompt),
                        width=width,
                        initial_indent="       • ",
                        subsequent_indent="         ",
                    )
                )
                lines.append(f"         [{question.id}]")
        lines.append("")
    if bank.presets:
        lines.append("Presets (walkthrough new NAME --preset ID):")
        names = bank.team_names()
        for preset in bank.presets:
            skipped = ", ".join(names[team] for team in preset.excluded_teams) or "nothing"
            lines.append(f"   {preset.id}: {printable(preset.name)} — skips {printable(skipped)}")
    return "\n".join(lines)
