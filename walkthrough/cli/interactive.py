"""The commands that open the TUI: home, `new`, `resume`.

Sessions are resolved and locked before the TUI starts, so an unknown, ambiguous
or already-open session is a one-line error rather than a broken screen.
"""

from __future__ import annotations

import argparse

from walkthrough.context import Context, ListingInBackground
from walkthrough.i18n import N_
from walkthrough.report.errors import UserError


def run_home(context: Context, args: argparse.Namespace) -> int:
    _check_custom_bank(context)
    listing = ListingInBackground(context)  # before the TUI's imports, to be done by its first frame
    from walkthrough.tui.app import run_app

    return run_app(context, listing=listing)


def run_new(context: Context, args: argparse.Namespace) -> int:
    _check_custom_bank(context)
    from walkthrough.tui.app import run_app

    if not args.name:
        return run_app(context, new_name="", new_launch=args.launch)
    from walkthrough.cli.naming import check_name

    name = check_name(context.store, args.name)
    bank = context.bank
    excluded: tuple[str, ...] = ()
    if args.preset:
        presets = {preset.id: preset for preset in bank.presets}
        if args.preset not in presets:
            if not presets:
                raise UserError(N_("unknown preset '{preset}' (this bank has none)"), preset=args.preset)
            raise UserError(
                N_("unknown preset '{preset}' (this bank has: {known})"),
                preset=args.preset,
                known=", ".join(presets),
            )
        excluded = presets[args.preset].excluded_teams
    session = context.store.create(
        name, bank_id=bank.id, bank_version=bank.version, excluded_teams=excluded, launch=args.launch
    )
    return run_app(context, open_session=context.store.open(session.id))


def run_resume(context: Context, args: argparse.Namespace) -> int:
    _check_custom_bank(context)
    from walkthrough.tui.app import run_app

    store = context.store
    entry = store.resolve(args.session) if args.session else store.most_recent()
    if entry is None:
        raise UserError(N_('no sessions to resume yet; start one with: walkthrough new "Product name"'))
    from sessions.errors import SessionLocked

    try:
        session = store.open(entry.id, read_only=args.read_only)
    except SessionLocked as exc:
        # "…or open it read-only": the command that does, ready to copy.
        raise UserError(
            N_("{problem} (walkthrough resume {session} --read-only)"), problem=exc, session=entry.id
        ) from None
    return run_app(context, open_session=session)


def _check_custom_bank(context: Context) -> None:
    """A user's own bank is validated before the screen takes over the terminal, so a
    mistake in it is a one-line error; the built-in bank loads lazily after first paint."""
    if context.bank_file is not None:
        context.bank  # noqa: B018 - loading is the check
