"""Hostile bank files: each refused through the real CLI with one line naming the file and the
reason, fast, with nothing sent to the terminal and the data directory untouched."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_runner import run_cli
from hostile_support import (
    Case,
    Tried,
    assert_case_refused,
    assert_inert,
    assert_refused,
    run_corpus,
    run_main,
)
from tiny_bank import GOOD

ESC_KEY = "\x1b]0;pwned\x07\x1b[2J"  # retitles the window, then clears the screen
CLIPBOARD_KEY = "\x1b]52;c;ZXZpbA==\x07"  # OSC 52: writes "evil" to the clipboard


def _alias_bomb() -> str:
    """The issue's 44 KB file: 1000 aliased stages x 1000 teams x 1000 questions."""
    return "\n".join(
        [
            "id: bomb",
            "version: '1'",
            "title: Bomb",
            "parts:",
            "  q: &q {id: a, prompt: 'How?', why: 'Because.'}",
            "  qs: &qs [" + ", ".join(["*q"] * 1000) + "]",
            "  t: &t {id: t, name: T, questions: *qs}",
            "  ts: &ts [" + ", ".join(["*t"] * 1000) + "]",
            "  s: &s {id: s, title: S, teams: *ts}",
            "stages: [" + ", ".join(["*s"] * 1000) + "]",
        ]
    )


def _laughs() -> str:
    """The classic: ten levels, each a list of ten aliases of the one before (10^10 leaves)."""
    lines = ["id: lol", "version: '1'", "title: Laughs", "a0: &a0 [lol]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 11)]
    return "\n".join([*lines, "stages: *a10"])


def _merge_bomb() -> str:
    """The same through merge keys (<<), which copy a mapping's entries into another."""
    lines = [
        "id: merge",
        "version: '1'",
        "title: Merge",
        "m0: &m0 {" + ", ".join(f"k{i}: v" for i in range(50)) + "}",
    ]
    lines += [
        f"m{i}: &m{i} [" + ", ".join([f"{{<<: *m{i - 1}}}" if i == 1 else f"*m{i - 1}"] * 50) + "]"
        for i in range(1, 5)
    ]
    return "\n".join([*lines, "stages: *m4"])


def _with_key(key: str) -> str:
    return GOOD.replace("title: Tiny bank\n", f"title: Tiny bank\n{json.dumps(key)}: 1\n")


# name, text (str or bytes), what the one error line must also say besides the file name
CASES: list[Case] = [
    ("alias bomb 1000^3", _alias_bomb, ("more than 100,000 values", "aliases")),
    ("billion laughs", _laughs, ("more than 100,000 values",)),
    ("merge-key bomb", _merge_bomb, ("more than 100,000 values",)),
    ("deep block mapping", lambda: "a:\n" + "".join("  " * i + "b:\n" for i in range(1, 200)), ("nested",)),
    ("deep flow sequences", lambda: "stages: " + "[" * 5000 + "]" * 5000, ("nest",)),
    ("deep JSON", lambda: "[" * 100_000 + "]" * 100_000, ("nest",)),
    ("deep JSON objects", lambda: '{"a":' * 500 + "1" + "}" * 500, ("nested more than 32 levels",)),
    ("over 2 MB", lambda: GOOD + "# padding\n" * 220_000, ("more than 2 MB",)),
    (
        "5000-digit version",
        lambda: GOOD.replace('version: "1"', "version: " + "9" * 5000),
        ("version:", "5000 characters"),
    ),
    (
        "5000-digit float",
        lambda: GOOD.replace('version: "1"', "version: 1." + "9" * 5000),
        ("version:", "number"),
    ),
    (
        "5000-digit format in JSON",
        lambda: json.dumps({"id": "x", "version": "1", "title": "t", "stages": []}).replace(
            '"id"', '"format": ' + "9" * 5000 + ', "id"'
        ),
        ("format:", "5000 characters"),
    ),
    ("escape sequence in a key", lambda: _with_key(ESC_KEY), ("unknown field", "\\x1b]0;pwned\\x07\\x1b[2J")),
    ("clipboard write in a key", lambda: _with_key(CLIPBOARD_KEY), ("unknown field", "\\x1b]52;c;")),
    ("right-to-left override in a key", lambda: _with_key("\u202eevil"), ("unknown field", "\\u202eevil")),
    ("8-bit CSI in a key", lambda: _with_key("\x9b2Jx"), ("unknown field", "\\x9b2Jx")),
    (
        "escape in a nested key",
        lambda: GOOD.replace(
            "    title: Customers find out\n",
            f"    title: Customers find out\n    {json.dumps(ESC_KEY)}: x\n",
        ),
        ("stages[0]['\\x1b]0;pwned\\x07\\x1b[2J']", "unknown field"),
    ),
    ("not UTF-8", lambda: GOOD.encode() + b"\xff\xfe\x1b[2J", ("not UTF-8",)),
    ("NUL bytes", lambda: GOOD + "\x00\x1b[2J", ("syntax error",)),
    (
        "python object tag",
        lambda: GOOD + "evil: !!python/object/apply:os.system ['true']\n",
        ("syntax error",),
    ),
    ("undefined alias", lambda: GOOD.replace('version: "1"', "version: *nowhere"), ("syntax error",)),
    ("two documents", lambda: GOOD + "---\n" + GOOD, ("syntax error",)),
    ("a list", lambda: "- \\e[2J\n", ("must be a mapping",)),
    ("a raw escape byte", lambda: GOOD + "x: \x1b[2J\n", ("syntax error", "#x001b")),
    ("null", lambda: "~\n", ("must be a mapping",)),
    ("empty", lambda: "", ("the file is empty",)),
]


@pytest.fixture(scope="module")
def refused(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Tried]:
    """Every case through `walkthrough --bank FILE list`, side by side."""
    return run_corpus(
        tmp_path_factory.mktemp("hostile-banks"),
        CASES,
        lambda case: "bank.json" if "JSON" in case else "bank.yaml",
        lambda bank: ["--bank", str(bank), "list"],
    )


@pytest.mark.parametrize(
    ("case", "fragments"),
    [(case, fragments) for case, _, fragments in CASES],
    ids=[case for case, _, _ in CASES],
)
def test_a_hostile_bank_is_one_line_and_touches_nothing(
    refused: dict[str, Tried], case: str, fragments: tuple[str, ...]
) -> None:
    line = assert_case_refused(refused[case], case, fragments)
    # `questions --check` says exactly the same.
    assert assert_refused(run_main(["questions", "--check", str(refused[case].source)])) == line


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_a_bank_that_never_ends_is_refused_at_the_size_limit(device: str) -> None:
    assert_refused(run_main(["questions", "--check", device]), device, "more than 2 MB")


def test_a_bank_s_own_texts_are_shown_without_their_escapes(tmp_path: Path) -> None:
    """A valid bank whose title, prompts and names carry escapes, C1 and bidi controls: its
    outline, its check line and its JSON print them harmlessly, and the JSON keeps them."""
    bank = tmp_path / "bank.yaml"
    bank.write_text(
        GOOD.replace("title: Tiny bank", 'title: "Tiny\\e]0;pwned\\a bank\\e[2J"')
        .replace('version: "1"', 'version: "1\\e[31m"')
        .replace("name: Marketing", 'name: "\\u202eMarketing\\x9b2J"')
        .replace("prompt: How will we state", 'prompt: "\\e]52;c;ZXZpbA==\\aHow\\nwill we state'),
        encoding="utf-8",
    )
    bank.write_text(
        bank.read_text(encoding="utf-8").replace("money terms?", 'money terms?"'), encoding="utf-8"
    )
    outline = run_cli("--bank", str(bank), "questions")
    assert_inert(outline)
    assert outline.returncode == 0, outline.stderr
    assert "Tiny bank — bank 'tiny' version 1:" in outline.stdout
    assert "1.1 Marketing" in outline.stdout
    assert "• How will we state the value in money terms?" in outline.stdout
    checked = run_main(["questions", "--check", str(bank)])
    assert_inert(checked)
    assert checked.stdout.startswith(f"ok: {bank}: bank 'tiny' version 1:")
    as_json = run_main(["--bank", str(bank), "questions", "--json"])
    assert_inert(as_json)
    assert json.loads(as_json.stdout)["stages"][0]["teams"][0]["name"] == "\u202eMarketing\x9b2J"
