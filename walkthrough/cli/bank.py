"""`walkthrough questions`: show a bank as an outline or JSON, check a bank or a translation
file, print the schema. The bank is shown in the language in use; its ids and order never change."""

from __future__ import annotations

import argparse
import re
import shutil
import textwrap
from pathlib import Path

from questions.loader import bank_json_schema, load_bank
from questions.models import Bank
from sessions.text import printable
from walkthrough.cli.output import say, shown, tell, write_json
from walkthrough.context import Context
from walkthrough.i18n import _, ngettext

# A translation names the bank it translates and its language at the top level; a bank has a
# `language` but never a `bank` key. Block YAML keys start a line; JSON quotes them.
_TOP_KEY = r'(?:^{key}|"{key}")\s*:'
_TRANSLATION_KEYS = tuple(re.compile(_TOP_KEY.format(key=key), re.MULTILINE) for key in ("bank", "language"))


def run_questions(context: Context, args: argparse.Namespace) -> int:
    if args.schema:
        write_json(bank_json_schema())
    elif args.check:
        return check_file(context, args.check)
    elif args.json:
        write_json(bank_document(context.bank))
    else:
        say(outline(context.bank, width=shutil.get_terminal_size((100, 24)).columns))
    return 0


def check_file(context: Context, path: Path) -> int:
    """A bank file, or a translation of the bank in use (the built-in one, or --bank's)."""
    if not is_translation(path):
        bank = load_bank(path)
        say(f"ok: {path}: {describe_size(bank)}")
        return 0
    from questions.translations import load_translation, mismatches

    translation = load_translation(path)
    bank = context.own_bank
    if translation.bank != bank.id:
        # Every id would differ too: one line says what to do instead of a hundred that follow from it.
        message = _("{file}: translates bank '{translated}', not '{bank}' (give that bank with --bank)")
        tell("error: " + message.format(file=path, translated=translation.bank, bank=bank.id))
        return 1
    problems = list(mismatches(bank, translation))
    for problem in problems:
        tell("error: " + _("{file}: {problem}").format(file=path, problem=shown(problem)))
    if problems:
        return 1
    count = len(translation.questions)
    summary = ngettext(
        "{file}: translates bank '{bank}' into {language}: {count} question",
        "{file}: translates bank '{bank}' into {language}: {count} questions",
        count,
    )
    say("ok: " + summary.format(file=path, bank=translation.bank, language=translation.language, count=count))
    return 0


def is_translation(path: Path) -> bool:
    try:
        with path.open(encoding="utf-8", errors="replace") as stream:
            head = stream.read(64 * 1024)
    except OSError:
        return False  # the bank loader says what is wrong with the file
    return all(key.search(head) for key in _TRANSLATION_KEYS)


def bank_document(bank: Bank) -> dict:
    """The bank as JSON: stages and teams in walk order, empty optional fields left out."""
    return bank.model_dump(mode="json", exclude_defaults=True) | {
        "format": bank.format,
        "language": bank.language,
    }


def describe_size(bank: Bank) -> str:
    touchpoints = sum(len(stage.teams) for stage in bank.stages)
    counts = _("{stages}, {touchpoints}, {questions}").format(
        stages=ngettext("{count} stage", "{count} stages", len(bank.stages)).format(count=len(bank.stages)),
        touchpoints=ngettext("{count} touchpoint", "{count} touchpoints", touchpoints).format(
            count=touchpoints
        ),
        questions=ngettext("{count} question", "{count} questions", len(bank.walk())).format(
            count=len(bank.walk())
        ),
    )
    return _("bank '{id}' version {version}: {counts}").format(
        id=bank.id, version=printable(bank.version), counts=counts
    )


def _wrap(text: str, width: int) -> list[str]:
    """Lines of at most `width` terminal cells. A Chinese character takes two cells and a Thai
    vowel mark none, and neither language puts spaces between words: those are wrapped by
    rich, which measures cells and never splits a character from its marks."""
    if text.isascii():
        return textwrap.wrap(text, width=width)
    from rich.console import Console
    from rich.text import Text

    return [line.plain.rstrip() for line in Text(text).wrap(Console(width=width), width)]


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
                wrapped = _wrap(printable(question.prompt), width - 9)
                lines.extend(
                    ("       • " if n == 0 else "         ") + line for n, line in enumerate(wrapped)
                )
                lines.append(f"         [{question.id}]")
        lines.append("")
    if bank.presets:
        lines.append(_("Presets (walkthrough new NAME --preset ID):"))
        names = bank.team_names()
        for preset in bank.presets:
            skipped = ", ".join(names[team] for team in preset.excluded_teams) or _("nothing")
            lines.append(
                "   "
                + _("{id}: {name} — skips {teams}").format(
                    id=preset.id, name=printable(preset.name), teams=printable(skipped)
                )
            )
    return "\n".join(lines)
