"""Command-line entry point: `walkthrough [options] [command]`.

argparse keeps start-up light; each command's module is imported only when that
command runs. Every failure the user can fix ends as one `error:` line and exit 1;
usage mistakes exit 2 (argparse's convention).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

from walkthrough import __version__
from walkthrough.cli.output import tell
from walkthrough.context import DATA_DIR_ENV, Context
from walkthrough.report.errors import UserError

DEBUG_ENV = "WALKTHROUGH_DEBUG"


def _global_options(parser: argparse.ArgumentParser, *, top_level: bool) -> None:
    # Sub-commands accept the global options too (`walkthrough list --data-dir X`);
    # SUPPRESS keeps a sub-command's unset default from hiding the top-level value.
    default = None if top_level else argparse.SUPPRESS
    parser.add_argument(
        "--data-dir",
        type=Path,
        metavar="DIR",
        default=default,
        help=f"where sessions live (default: ${DATA_DIR_ENV} or the platform's user data directory)",
    )
    parser.add_argument(
        "--bank", type=Path, metavar="FILE", default=default, help="use your own question bank (YAML or JSON)"
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="walkthrough",
        description="Walk every customer-journey touchpoint of a launch, one 'how' question at a time. "
        "Without a command, opens the home screen.",
    )
    parser.add_argument("--version", action="version", version=f"walkthrough {__version__}")
    _global_options(parser, top_level=True)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text)
        _global_options(sub, top_level=False)
        return sub

    new = command("new", "start a new session and go straight into the walkthrough")
    new.add_argument("name", nargs="?", help="session name; without it, the new-session screen asks")
    new.add_argument("--preset", metavar="ID", help="product type that pre-selects teams (see `questions`)")
    new.add_argument(
        "--launch",
        type=_launch_date,
        metavar="YYYY-MM-DD",
        help="the launch date, for the countdown and due dates",
    )

    resume = command("resume", "reopen a session at the question where you left off")
    resume.add_argument(
        "session", nargs="?", help="id or name (or a unique prefix); default: the most recent"
    )
    resume.add_argument("--read-only", action="store_true", help="look without changing anything")

    listing = command("list", "list saved sessions")
    listing.add_argument("--json", action="store_true", help="machine-readable output")

    rename = command("rename", "give a session a new name")
    rename.add_argument("session", help="id or name (or a unique prefix)")
    rename.add_argument("new_name", metavar="NEW_NAME", help="the new name; no other session may have it")

    delete = command("delete", "delete a session")
    delete.add_argument("session", help="id or name (or a unique prefix)")
    delete.add_argument("-y", "--yes", action="store_true", help="do not ask for confirmation")

    export = command(
        "export",
        "export a session's report (Markdown), its open items as a backlog (CSV) or the whole session (JSON)",
    )
    export.add_argument("session", help="id or name (or a unique prefix)")
    export.add_argument("--format", choices=["markdown", "csv", "json"], default="markdown")
    export.add_argument(
        "-o",
        "--output",
        metavar="PATH",
        help="file or directory to write to, or - for stdout (default: <session name>.md, .csv or .json here)",
    )
    export.add_argument("--force", action="store_true", help="overwrite an existing file")
    part = export.add_argument_group(
        "parts", "write just one part: each option may be given more than once, and they combine"
    )
    part.add_argument("--team", action="append", default=[], metavar="TEAM", help="a team, by id or name")
    part.add_argument(
        "--owner", action="append", default=[], metavar="NAME", help='an owner as typed ("" for no owner yet)'
    )
    part.add_argument("--stage", action="append", default=[], metavar="N", help="a stage, by number or id")
    part.add_argument(
        "--split",
        metavar="DIR",
        help="write one Markdown file per team into DIR, with index.md linking them",
    )

    importing = command("import", "import a session exported with `export --format json`")
    importing.add_argument("file", type=Path, help="a JSON export, or - to read it from stdin")

    milestone = command("milestone", "save a milestone: the session as it is now, named for a launch review")
    milestone.add_argument("session", help="id or name (or a unique prefix)")
    milestone.add_argument("name", help="the milestone's name, e.g. 'Beta review' (unique in the session)")
    milestone.add_argument(
        "--delete", action="store_true", help="delete the milestone of exactly this name instead"
    )

    milestones = command("milestones", "list a session's milestones: date, readiness, open items")
    milestones.add_argument("session", help="id or name (or a unique prefix)")
    milestones.add_argument("--json", action="store_true", help="machine-readable output")

    comparing = command(
        "compare", "what changed between two milestones, or since the latest one (Markdown on stdout)"
    )
    comparing.add_argument("session", help="id or name (or a unique prefix)")
    comparing.add_argument(
        "--from", dest="since", metavar="MILESTONE", help="the earlier side (default: the latest milestone)"
    )
    comparing.add_argument("--to", metavar="MILESTONE", help="the later side (default: the session now)")
    comparing.add_argument("--format", choices=["markdown", "json"], default="markdown")
    comparing.add_argument(
        "-o", "--output", metavar="PATH", help="file or directory to write to (default: - for stdout)"
    )
    comparing.add_argument("--force", action="store_true", help="overwrite an existing file")

    questions = command("questions", "show, check or describe a question bank")
    mode = questions.add_mutually_exclusive_group()
    mode.add_argument("--json", action="store_true", help="print the bank as JSON")
    mode.add_argument(
        "--check", type=Path, metavar="FILE", help="validate a bank file and report the first problem"
    )
    mode.add_argument(
        "--schema", action="store_true", help="print the JSON Schema of the bank format (= `schema bank`)"
    )

    schema = command("schema", "print the JSON Schema of a bank file or of a session exported as JSON")
    schema.add_argument("kind", choices=["bank", "session"], help="which file format")
    return parser


def _handler(command: str | None) -> Callable[[Context, argparse.Namespace], int]:
    if command == "questions":
        from walkthrough.cli.bank import run_questions

        return run_questions
    if command == "schema":
        from walkthrough.cli.schema import run_schema

        return run_schema
    if command in ("list", "delete", "rename"):
        from walkthrough.cli import listing

        return {"list": listing.run_list, "delete": listing.run_delete, "rename": listing.run_rename}[command]
    if command in ("milestone", "milestones", "compare"):
        from walkthrough.cli import milestones

        return {
            "milestone": milestones.run_milestone,
            "milestones": milestones.run_milestones,
            "compare": milestones.run_compare,
        }[command]
    if command in ("export", "import"):
        from walkthrough.cli import transfer

        return transfer.run_export if command == "export" else transfer.run_import
    from walkthrough.cli import interactive

    return {None: interactive.run_home, "new": interactive.run_new, "resume": interactive.run_resume}[command]


def main(argv: Sequence[str] | None = None) -> int:
    # pydantic looks for plugins in every installed package's metadata when it builds its first
    # model (a few milliseconds of every command that reads a session or the bank); walkthrough
    # uses none. Set, the variable is the user's to keep.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    args = build_parser().parse_args(argv)
    context = Context(data_dir_option=_expand(args.data_dir), bank_file=_expand(args.bank))
    try:
        return _handler(args.command)(context, args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `walkthrough questions | head` closed the pipe: not an error worth a word.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except Exception as exc:
        if os.environ.get(DEBUG_ENV):
            raise
        # The message may quote a bank's field, a session's name or a path: `tell` makes it
        # one printable line, so no escape sequence from a file reaches the terminal.
        try:
            tell(f"error: {_describe(exc, args.command, context)}")
        except (OSError, UserError):
            pass  # stderr itself is gone (closed, a full disk): the exit code still says it
        return 1


def _describe(exc: Exception, command: str | None, context: Context) -> str:
    from questions.loader import BankError
    from sessions.errors import StoreError

    if isinstance(exc, (BankError, StoreError, UserError)):
        return _one_line(str(exc))
    if isinstance(exc, OSError):
        what = (exc.strerror or str(exc) or type(exc).__name__).lower()
        if exc.filename:
            return _one_line(f"{exc.filename}: {what}")
        # The CLI's own writes name their file (output.py, report/export.py, the store);
        # one that names none still says what was being done and where.
        doing = f"walkthrough {command}" if command else "walkthrough"
        return _one_line(f"{what} (during `{doing}`, data directory {context.data_dir})")
    return _one_line(f"unexpected {type(exc).__name__}: {exc} (set {DEBUG_ENV}=1 for details)")


def _one_line(message: str) -> str:
    return " ".join(message.split())


def _launch_date(text: str) -> date:
    from walkthrough.report.dates import DateProblem, parse_date
    from walkthrough.report.launch import today

    try:
        return parse_date(text, today())
    except DateProblem as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _expand(path: Path | None) -> Path | None:
    return path.expanduser() if path is not None else None
