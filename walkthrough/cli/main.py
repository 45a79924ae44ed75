"""Command-line entry point: `walkthrough [options] [command]`.

argparse keeps start-up light; each command's module is imported only when that
command runs. Every failure the user can fix ends as one `error:` line and exit 1;
usage mistakes exit 2 (argparse's convention).
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
from collections.abc import Callable, Sequence
from contextlib import suppress
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, TextIO, cast

from walkthrough import __version__, i18n
from walkthrough.cli.argparse_text import translate_argparse
from walkthrough.cli.output import tell, write_to
from walkthrough.context import DATA_DIR_ENV, Context
from walkthrough.i18n import _
from walkthrough.report.errors import UserError

if TYPE_CHECKING:
    from _typeshed import SupportsWrite

DEBUG_ENV = "WALKTHROUGH_DEBUG"
# The global options that take a value: the language scan must step over their values.
_VALUED = ("--data-dir", "--bank", "--lang")


def _global_options(parser: argparse.ArgumentParser, *, top_level: bool) -> None:
    # Sub-commands accept the global options too (`walkthrough list --data-dir X`);
    # SUPPRESS keeps a sub-command's unset default from hiding the top-level value.
    default = None if top_level else argparse.SUPPRESS
    parser.add_argument(
        "--data-dir",
        type=Path,
        metavar="DIR",
        default=default,
        help=_("where sessions live (default: ${variable} or the platform's user data directory)").format(
            variable=DATA_DIR_ENV
        ),
    )
    parser.add_argument(
        "--bank",
        type=Path,
        metavar="FILE",
        default=default,
        help=_("use your own question bank (YAML or JSON)"),
    )


def _lang_option(parser: argparse.ArgumentParser, *, top_level: bool) -> None:
    parser.add_argument(
        "--lang",
        metavar="CODE",
        default=None if top_level else argparse.SUPPRESS,
        help=_(
            "the interface's language: {codes} (default: ${variable}, else the locale, else English)"
        ).format(codes=", ".join(i18n.LANGUAGES), variable=i18n.ENV_VAR),
    )


class _HelpFormatter(argparse.HelpFormatter):
    """argparse's formatter, told the terminal's width: argparse would ask shutil, whose
    import (with bz2, lzma and fnmatch) is ~2 ms of every command, help or not."""

    def __init__(self, prog: str) -> None:
        super().__init__(prog, width=_help_width())


def _help_width() -> int:
    # What shutil.get_terminal_size gives argparse: $COLUMNS, else the terminal's, else 80.
    try:
        columns = int(os.environ.get("COLUMNS", ""))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
    return (columns or 80) - 2


class _Parser(argparse.ArgumentParser):
    """argparse's parser, whose help, version and usage errors are written like everything else
    the CLI says: argparse drops a failed write (`--help > /dev/full` would exit 0, having
    written nothing), where this raises the one-line error main reports."""

    def _print_message(self, message: str, file: SupportsWrite[str] | None = None) -> None:
        if message:
            # argparse hands over sys.stdout (help, version) or sys.stderr (usage errors).
            write_to(cast(TextIO, file or sys.stderr), message)

    def error(self, message: str) -> NoReturn:
        # One line, as every other error says what is wrong and where (the command), and
        # made printable: an argument quoted back may hold an escape sequence. argparse would
        # print the whole usage first; `-h` still does.
        _error(f"{self.prog}: {message}")
        sys.exit(2)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="walkthrough",
        formatter_class=_HelpFormatter,
        description=_(
            "Walk every customer-journey touchpoint of a launch, one 'how' question at a time. "
            "Without a command, opens the home screen."
        ),
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"walkthrough {__version__}",
        help=_("show the version number and exit"),
    )
    _global_options(parser, top_level=True)
    _lang_option(parser, top_level=True)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(name: str, help_text: str, *, lang: bool = True) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text, formatter_class=_HelpFormatter)
        _global_options(sub, top_level=False)
        if lang:
            _lang_option(sub, top_level=False)
        return sub

    session_help = _("id or name (or a unique prefix)")
    json_help = _("machine-readable output")
    force_help = _("overwrite an existing file")

    new = command("new", _("start a new session and go straight into the walkthrough"))
    new.add_argument("name", nargs="?", help=_("session name; without it, the new-session screen asks"))
    new.add_argument(
        "--preset", metavar="ID", help=_("product type that pre-selects teams (see `questions`)")
    )
    new.add_argument(
        "--launch",
        type=_launch_date,
        metavar="YYYY-MM-DD",
        help=_("the launch date, for the countdown and due dates"),
    )

    resume = command("resume", _("reopen a session at the question where you left off"))
    resume.add_argument(
        "session", nargs="?", help=_("id or name (or a unique prefix); default: the most recent")
    )
    resume.add_argument("--read-only", action="store_true", help=_("look without changing anything"))

    listing = command("list", _("list saved sessions"))
    listing.add_argument("--json", action="store_true", help=json_help)

    rename = command("rename", _("give a session a new name"))
    rename.add_argument("session", help=session_help)
    rename.add_argument("new_name", metavar="NEW_NAME", help=_("the new name; no other session may have it"))

    delete = command("delete", _("delete a session"))
    delete.add_argument("session", help=session_help)
    delete.add_argument("-y", "--yes", action="store_true", help=_("do not ask for confirmation"))

    # After `export`, --lang is the report's language, not the interface's.
    export = command(
        "export",
        _(
            "export a session's report (Markdown), its open items as a backlog (CSV) or the whole session (JSON)"
        ),
        lang=False,
    )
    export.add_argument("session", help=session_help)
    export.add_argument("--format", choices=["markdown", "csv", "json"], default="markdown")
    export.add_argument(
        "-o",
        "--output",
        metavar="PATH",
        help=_(
            "file or directory to write to, or - for stdout (default: <session name>.md, .csv or .json here)"
        ),
    )
    export.add_argument("--force", action="store_true", help=force_help)
    export.add_argument(
        "--lang",
        dest="report_lang",
        metavar="CODE",
        help=_("the report's language: {codes} (default: the interface's)").format(
            codes=", ".join(i18n.LANGUAGES)
        ),
    )
    part = export.add_argument_group(
        _("parts"), _("write just one part: each option may be given more than once, and they combine")
    )
    part.add_argument("--team", action="append", default=[], metavar="TEAM", help=_("a team, by id or name"))
    part.add_argument(
        "--owner",
        action="append",
        default=[],
        metavar="NAME",
        help=_('an owner as typed ("" for no owner yet)'),
    )
    part.add_argument("--stage", action="append", default=[], metavar="N", help=_("a stage, by number or id"))
    part.add_argument(
        "--split",
        metavar="DIR",
        help=_("write one Markdown file per team into DIR, with index.md linking them"),
    )

    importing = command("import", _("import a session exported with `export --format json`"))
    importing.add_argument("file", type=Path, help=_("a JSON export, or - to read it from stdin"))

    milestone = command(
        "milestone", _("save a milestone: the session as it is now, named for a launch review")
    )
    milestone.add_argument("session", help=session_help)
    milestone.add_argument("name", help=_("the milestone's name, e.g. 'Beta review' (unique in the session)"))
    milestone.add_argument(
        "--delete", action="store_true", help=_("delete the milestone of exactly this name instead")
    )

    milestones = command("milestones", _("list a session's milestones: date, readiness, open items"))
    milestones.add_argument("session", help=session_help)
    milestones.add_argument("--json", action="store_true", help=json_help)

    comparing = command(
        "compare", _("what changed between two milestones, or since the latest one (Markdown on stdout)")
    )
    comparing.add_argument("session", help=session_help)
    comparing.add_argument(
        "--from",
        dest="since",
        metavar="MILESTONE",
        help=_("the earlier side (default: the latest milestone)"),
    )
    comparing.add_argument("--to", metavar="MILESTONE", help=_("the later side (default: the session now)"))
    comparing.add_argument("--format", choices=["markdown", "json"], default="markdown")
    comparing.add_argument(
        "-o", "--output", metavar="PATH", help=_("file or directory to write to (default: - for stdout)")
    )
    comparing.add_argument("--force", action="store_true", help=force_help)

    questions = command("questions", _("show, check or describe a question bank"))
    mode = questions.add_mutually_exclusive_group()
    mode.add_argument("--json", action="store_true", help=_("print the bank as JSON"))
    mode.add_argument(
        "--check",
        type=Path,
        metavar="FILE",
        help=_("validate a bank file or a translation of a bank and report what is wrong"),
    )
    mode.add_argument(
        "--schema", action="store_true", help=_("print the JSON Schema of the bank format (= `schema bank`)")
    )

    schema = command("schema", _("print the JSON Schema of a bank file or of a session exported as JSON"))
    schema.add_argument("kind", choices=["bank", "session"], help=_("which file format"))
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


def run() -> int:
    """The `walkthrough` command (and `python -m walkthrough`): `main`, then a quick exit."""
    status = main()
    # Everything is written, flushed and closed by now. On its way out Python would run its
    # cyclic collector over every object the command made, several times (~4 ms of
    # `walkthrough list`, a tenth of it); frozen, they are freed without being walked. Not in
    # `main`, which tests call in-process many times.
    gc.freeze()
    return status


def main(argv: Sequence[str] | None = None) -> int:
    # pydantic looks for plugins in every installed package's metadata when it builds its first
    # model (a few milliseconds of every command that reads a session or the bank); walkthrough
    # uses none. Set, the variable is the user's to keep.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    arguments = sys.argv[1:] if argv is None else list(argv)
    # The language is chosen before anything is said, argparse's own usage errors included.
    translate_argparse()
    try:
        asked = _scan_languages(arguments)
        i18n.set_language(i18n.choose(asked.interface))
        if asked.report is not None:
            i18n.choose(asked.report)
    except i18n.UnknownLanguage as exc:
        _fall_back_language()
        _error(str(i18n.UnknownLanguage(exc.code, exc.where)))  # said again, in that language
        return 2
    try:
        args = build_parser().parse_args(arguments)
    except BrokenPipeError:
        return _quiet_broken_pipe()
    except UserError as exc:  # help or a usage error that could not be written
        _error(i18n.translate_error(exc))
        return 1
    language = getattr(args, "lang", None)
    context = Context(
        data_dir_option=_expand(args.data_dir), bank_file=_expand(args.bank), language_option=language
    )
    try:
        if language != asked.interface:  # an abbreviation the scan does not know (`--la fr`)
            i18n.set_language(i18n.choose(language))
        return _handler(args.command)(context, args)
    except KeyboardInterrupt:
        # ctrl+c at a prompt ("Delete 'Acme'? [y/N] ^C"): end the line, so the shell's prompt
        # does not follow the ^C on it.
        with suppress(OSError, ValueError, AttributeError):
            sys.stderr.write("\n")
            sys.stderr.flush()
        return 130
    except BrokenPipeError:
        return _quiet_broken_pipe()
    except Exception as exc:
        if os.environ.get(DEBUG_ENV):
            raise
        _error(_describe(exc, args.command, context))
        return 1


def _quiet_broken_pipe() -> int:
    # `walkthrough questions | head` closed the pipe: not an error worth a word. What is left
    # in stdout's buffer goes nowhere, so Python's flush on the way out cannot fail on it.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    return 0


def _fall_back_language() -> None:
    """The language the user would have had without the bad code: WALKTHROUGH_LANG or the
    locale (a French desktop gets the error about `--lang xx` in French)."""
    without_variable = {name: value for name, value in os.environ.items() if name != i18n.ENV_VAR}
    for environ in (os.environ, without_variable):
        try:
            i18n.set_language(i18n.choose(None, environ))
            return
        except i18n.UnknownLanguage:
            continue


class _Languages:
    """The --lang values in a command line: the interface's, and `export --lang`'s."""

    def __init__(self) -> None:
        self.interface: str | None = None
        self.report: str | None = None


def _scan_languages(arguments: Sequence[str]) -> _Languages:
    """--lang CODE / --lang=CODE wherever argparse would read it: before the command or after
    it, except that after `export` it is the report's language. Values of the other global
    options are stepped over (`--bank --lang` names a file called --lang)."""
    found = _Languages()
    command: str | None = None
    tokens = iter(arguments)
    for token in tokens:
        if token == "--":
            break
        name, equals, value = token.partition("=")
        if name == "--lang":
            code = value if equals else next(tokens, None)
            if code is None:
                break  # argparse says "expected one argument"
            if command == "export":
                found.report = code
            else:
                found.interface = code
        elif name in _VALUED and not equals:
            next(tokens, None)
        elif command is None and not token.startswith("-"):
            command = token
    return found


def _error(message: str) -> None:
    # The message may quote a bank's field, a session's name or a path: `tell` makes it
    # one printable line, so no escape sequence from a file reaches the terminal.
    try:
        tell(f"error: {message}")
    except (OSError, UserError):
        pass  # stderr itself is gone (closed, a full disk): the exit code still says it


def _describe(exc: Exception, command: str | None, context: Context) -> str:
    from questions.loader import BankError
    from sessions.errors import StoreError

    if isinstance(exc, (BankError, StoreError, UserError, i18n.UnknownLanguage)):
        return i18n.translate_error(exc)
    if isinstance(exc, OSError):
        what = (exc.strerror or str(exc) or type(exc).__name__).lower()
        if exc.filename:
            return _one_line(f"{exc.filename}: {what}")
        # The CLI's own writes name their file (output.py, report/export.py, the store);
        # one that names none still says what was being done and where.
        doing = f"walkthrough {command}" if command else "walkthrough"
        return _one_line(
            _("{reason} (during `{command}`, data directory {path})").format(
                reason=what, command=doing, path=context.data_dir
            )
        )
    return _one_line(
        _("unexpected {kind}: {message} (set {variable}=1 for details)").format(
            kind=type(exc).__name__, message=exc, variable=DEBUG_ENV
        )
    )


def _one_line(message: str) -> str:
    return " ".join(message.split())


def _launch_date(text: str) -> date:
    from walkthrough.report.dates import DateProblem, parse_date
    from walkthrough.report.launch import today

    try:
        return parse_date(text, today())
    except DateProblem as exc:
        raise argparse.ArgumentTypeError(i18n.translate_error(exc)) from None


def _expand(path: Path | None) -> Path | None:
    return path.expanduser() if path is not None else None
