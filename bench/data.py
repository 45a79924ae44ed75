"""Data directories for the benchmarks, written in the store's own format and listed once by the
real store (so index.json is built as any earlier run of the app would have built it).

- `full_session`: every one of the bank's 84 questions answered, with long texts (several
  paragraphs, Markdown punctuation, a decision, owner, due date and both ratings): the
  session `resume`, `export` and the memory figure use.
- `build_store`: `count` sessions, the full one most recent; the others answer a varying
  share of the questions, as a PM's sessions would. Files are written without fsync (this is
  setup, not measurement) from a few templates whose name and times are changed per session,
  so 10,000 sessions take seconds, not minutes.
"""

from __future__ import annotations

import os
import sys
import sysconfig
import venv
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from questions.loader import default_bank
from questions.models import Bank
from sessions import codec
from sessions.files import FILE_MODE, encode_json
from sessions.models import Answer, Readiness, Session
from walkthrough.context import Context

FULL_NAME = "Acme Cloud 2.0"
FULL_ID = "acme00000000"
START = datetime(2025, 1, 1, 9, 0, tzinfo=UTC)

PARAGRAPH = (
    "Sales engineers run the proof of concept with the pilot customer and report weekly to the "
    "launch team; support gets the runbook *two weeks* before general availability, and billing "
    "is tested end to end (trial -> paid -> invoice) with finance_ops. Open items: the <partner> "
    "price list | the EMEA tax rules | #launch-readiness owners; see [the plan] for dates. "
)


def python(env: dict[str, str], work: Path) -> tuple[list[str], list[str], dict[str, str]]:
    """How the benchmarks start Python and walkthrough: (python, walkthrough, environment).

    As from an ordinary install: a virtual environment made in `work` whose site-packages holds
    one .pth file naming this checkout and the packages it needs, a `walkthrough` script like
    the one pip writes (`from walkthrough.cli import run`), and compiled modules. Not this checkout's own
    environment: its editable install's import hook costs every start, `python -c pass`
    included, 20-30 ms that no installed walkthrough pays, padding the baseline of every ratio.
    """
    target = work / "venv"
    if not target.exists():
        venv.create(target, with_pip=False, symlinks=True)
        purelib = sysconfig.get_paths()["purelib"]
        platlib = sysconfig.get_paths()["platlib"]
        site_packages = Path(
            sysconfig.get_path("purelib", vars={"base": str(target), "platbase": str(target)})
        )
        (site_packages / "walkthrough-bench.pth").write_text(
            "\n".join(dict.fromkeys([str(REPO), purelib, platlib])) + "\n", encoding="utf-8"
        )
        script = target / "bin" / "walkthrough"
        script.write_text(
            f"#!{target / 'bin' / 'python'}\nimport sys\nfrom walkthrough.cli import run\nsys.exit(run())\n",
            encoding="utf-8",
        )
        script.chmod(0o755)
    interpreter = str(target / "bin" / "python")
    env = {
        key: value
        for key, value in env.items()
        if key not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONDONTWRITEBYTECODE")
    }
    # An install has its modules compiled (pip writes the .pyc files). Here they are compiled by
    # the first, uncounted run, into a cache of this environment's own, not the checkout.
    env["PYTHONPYCACHEPREFIX"] = str(target / "pycache")
    return [interpreter], [interpreter, str(target / "bin" / "walkthrough")], env


def long_text(number: int, paragraphs: int = 4) -> str:
    return "\n\n".join(f"{n + 1}. ({number}) {PARAGRAPH * 2}" for n in range(paragraphs))


def full_session(bank: Bank, *, position: int = 41) -> Session:
    """Every question answered at length; resumes at the question with index `position`."""
    refs = bank.walk()
    readiness = [Readiness.READY, Readiness.PARTIAL, Readiness.GAP, Readiness.NOT_APPLICABLE]
    answers = {}
    for n, ref in enumerate(refs):
        ready = readiness[n % 4]
        answers[ref.id] = Answer(
            text=long_text(n),
            readiness=ready,
            na_reason="No factory: the product is delivered as a service."
            if ready == "not_applicable"
            else "",
            decision=f"Decision {n}: fund the {ref.team.name} work now and review it at the launch gate.",
            owner=("Ana Souza", "Bao Tran", "Chidi Okafor", "Dana Weiss")[n % 4],
            due=date(2025, 3, 1) + timedelta(days=n),
            risk=1 + n % 5,
            reward=1 + (n * 3) % 5,
            updated=START,
        )
    return Session(
        id=FULL_ID,
        name=FULL_NAME,
        answers=answers,
        position=refs[position].id,
        created=START,
        updated=START,
        bank_id=bank.id,
        bank_version=bank.version,
    )


def _write(path: Path, tables: dict) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
    with os.fdopen(fd, "wb") as handle:
        handle.write(encode_json(tables))


def build_store(data_dir: Path, count: int) -> Session:
    """`count` sessions in `data_dir` (the full one included, and most recent); returns the full one."""
    context = Context(data_dir_option=data_dir)
    store = context.store  # prepares the layout
    bank = context.bank
    refs = bank.walk()
    sessions_dir = data_dir / "sessions"
    full = full_session(bank)
    _write(sessions_dir / f"{full.id}.json", codec.tables_for(full))
    templates = []
    for variant in range(12):
        answered = refs[: variant * 7]
        template = Session(
            id="template",
            name="Template",
            answers={
                ref.id: Answer(
                    text=f"Answer {n}: the team has a plan and an owner.",
                    readiness=(Readiness.READY, Readiness.PARTIAL, Readiness.GAP)[n % 3],
                    updated=START,
                )
                for n, ref in enumerate(answered)
            },
            created=START,
            updated=START,
            bank_id=bank.id,
            bank_version=bank.version,
        )
        templates.append(codec.tables_for(template))
    for number in range(1, count):
        tables = templates[number % len(templates)]
        updated = START - timedelta(minutes=number)
        tables["meta"]["1"].update(
            id=f"s{number:011d}",
            name=f"Launch {number:05d}",
            created=(updated - timedelta(days=3)).isoformat(),
            updated=updated.isoformat(),
        )
        _write(sessions_dir / f"s{number:011d}.json", tables)
    os.sync()
    listing = store.listing()
    assert len(listing.entries) == count, (len(listing.entries), listing.problems)
    return full


def main() -> None:
    """`python bench/data.py DIR COUNT`: build a data dir to try the app on by hand."""
    target, count = Path(sys.argv[1]), int(sys.argv[2])
    target.mkdir(parents=True, exist_ok=False)
    build_store(target, count)
    print(f"{count:,} sessions in {target}; the most recent is {FULL_NAME!r}, fully answered")


if __name__ == "__main__":
    default_bank()  # fail early on a broken bank, before writing anything
    main()
