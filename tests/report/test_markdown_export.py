"""The Markdown export: a golden file, its structure as markdown-it-py parses it, and
hostile user text that must stay literal inside its cell.

Regenerate the golden file after an intended change with:
    UPDATE_GOLDEN=1 python -m pytest tests/test_markdown_export.py
and read the diff before committing it.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token

from questions.loader import load_bank
from sessions.models import Answer, Readiness, Session
from walkthrough.report.filters import ItemFilter
from walkthrough.report.markdown import clean_text, escape_inline, escape_line, render_markdown
from walkthrough.report.progress import Status

HERE = Path(__file__).resolve().parents[1]
FIXTURES = HERE / "fixtures" / "summary"
GOLDEN = HERE / "golden" / "full_session.md"
BANK = load_bank(FIXTURES / "bank.yaml")
GENERATED = date(2026, 4, 1)

# GitHub-flavoured enough for these checks: CommonMark (HTML on) plus tables and strikethrough.
MD = MarkdownIt("commonmark").enable(["table", "strikethrough"])

SECTIONS = [
    (2, "Executive summary"),
    (3, "Top 5 actions"),
    (2, "Readiness by stage and team"),
    (2, "Open items in priority order"),
    (2, "Risk and reward of the decisions"),
    (2, "Not applicable"),
    (2, "How to read this summary"),
]

HOSTILE = [
    "a | b || c \\| d",
    "line one\nline two\n\nline four",
    "<script>alert('x')</script>",
    "# heading",
    "## heading ##",
    "```\ncode block\n```",
    "`inline` and ``double``",
    "~~~\nfence\n~~~",
    "    indented code",
    "| --- | --- |",
    "> quoted\n- item\n1. item\n+ item",
    "heading underline\n===",
    "---",
    "[link](javascript:alert(1)) ![img](x.png) <https://example.com>",
    "*bold* **strong** _em_ ~~strike~~ $x^2$",
    "&lt;not a tag&gt; &amp; &#60; &copy;",
    "<!-- comment --> <div>block</div> <b onclick=x>",
    "trailing backslash \\",
    "\x1b[31mred\x1b[0m, \x1b]0;title\x07bell\x07 and nul\x00",
    "windows\r\nline\rends",
    "客户无法购买｜我们会失去他们。中文测试",
    "ภาษาไทย: ลูกค้าจะซื้อได้อย่างไร",
    "emoji 🚀 and العربية and עברית",
    "a broken paste \ud800 leaves a lone surrogate",
]


def fixture_session() -> Session:
    return Session.model_validate(json.loads((FIXTURES / "full_session.json").read_text(encoding="utf-8")))


def literal(text: str) -> str:
    """What a reader should see: the text with control characters gone, each line trimmed."""
    lines = [line.strip() for line in clean_text(text).split("\n")]
    return "\n".join(lines).strip("\n")


def headings(tokens: list[Token]) -> list[tuple[int, str]]:
    out = []
    for i, token in enumerate(tokens):
        if token.type == "heading_open":
            out.append((int(token.tag[1]), plain(tokens[i + 1])))
    return out


def plain(inline: Token) -> str:
    """The text a reader sees in an inline token; <br> counts as a newline."""
    parts = []
    for child in inline.children or []:
        if child.type == "text":
            parts.append(child.content)
        elif child.type == "html_inline":
            assert child.content == "<br>", child.content
            parts.append("\n")
        elif child.type in ("softbreak", "hardbreak"):
            parts.append("\n")
        elif child.type == "code_inline":
            parts.append(child.markup + child.content + child.markup)
    return "".join(parts)


def cells(tokens: list[Token]) -> list[Token]:
    """The inline token of every table cell (header and body)."""
    return [tokens[i + 1] for i, t in enumerate(tokens) if t.type in ("td_open", "th_open")]


def table_lines(markdown: str) -> list[list[str]]:
    """Raw table blocks: each a list of the lines that start with '|'."""
    blocks, current = [], []
    for line in markdown.split("\n"):
        if line.startswith("|"):
            current.append(line)
        elif current:
            blocks.append(current)
            current = []
    return blocks + ([current] if current else [])


def unescaped_pipes(line: str) -> int:
    return len(re.findall(r"(?<!\\)(?:\\\\)*\|", line))


def hostile_session(text: str) -> Session:
    ids = [ref.id for ref in BANK.walk()]
    return Session(
        id="hostile",
        # pydantic refuses a lone surrogate in the name (answers may hold one): drop it there.
        name=re.sub("[\ud800-\udfff]", "", text) if text.strip() else "x",
        bank_id=BANK.id,
        bank_version=BANK.version,
        answers={
            ids[0]: Answer(text=text, readiness=Readiness.GAP, decision=text, owner=text, risk=5, reward=5),
            ids[1]: Answer(text=text, decision=text, owner=text),  # not assessed, not rated
            ids[2]: Answer(readiness=Readiness.NOT_APPLICABLE, na_reason=text),
        },
    )


# --- golden ---------------------------------------------------------------------------


def test_golden_full_session() -> None:
    rendered = render_markdown(BANK, fixture_session(), generated=GENERATED)
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.parent.mkdir(parents=True, exist_ok=True)
        GOLDEN.write_text(rendered, encoding="utf-8", newline="\n")
    assert GOLDEN.exists(), "no golden file: run with UPDATE_GOLDEN=1 once and review it"
    expected = GOLDEN.read_text(encoding="utf-8")
    assert rendered == expected, "export changed: review, then regenerate with UPDATE_GOLDEN=1"


def test_render_is_deterministic_and_depends_on_the_date_only_through_the_parameter() -> None:
    session = fixture_session()
    first = render_markdown(BANK, session, generated=GENERATED)
    assert render_markdown(BANK, session, generated=GENERATED) == first
    later = render_markdown(BANK, session, generated=date(2026, 5, 20))
    assert "Generated 2026-05-20" in later
    assert "2026-05-15 (overdue, after launch)" in later and "(overdue" not in first.replace(
        "03-01 (overdue)", ""
    )
    assert "Launch 2026-05-01: 30 days to launch." in first
    assert "Launch 2026-05-01: launched 19 days ago." in later


# --- structure ---------------------------------------------------------------------------


def test_headings_are_exactly_the_sections() -> None:
    tokens = MD.parse(render_markdown(BANK, fixture_session(), generated=GENERATED))
    assert headings(tokens) == [(1, "Gap summary: Launch 2027: Atlas | EU"), *SECTIONS]


def test_empty_session_has_the_same_sections() -> None:
    session = Session(id="e", name="Empty", bank_id=BANK.id, bank_version=BANK.version)
    markdown = render_markdown(BANK, session, generated=GENERATED)
    assert headings(MD.parse(markdown)) == [(1, "Gap summary: Empty"), *SECTIONS]
    assert "No decisions recorded yet." in markdown
    assert "mermaid" not in markdown  # no chart without a rated decision


def test_tables_are_well_formed() -> None:
    markdown = render_markdown(BANK, fixture_session(), generated=GENERATED)
    blocks = table_lines(markdown)
    assert len(blocks) == 6  # stages, stages and teams, teams, open items, decisions, not applicable
    for block in blocks:
        counts = {unescaped_pipes(line) for line in block}
        assert len(counts) == 1, block


def test_mermaid_chart_is_plain_and_places_three_in_high() -> None:
    markdown = render_markdown(BANK, fixture_session(), generated=GENERATED)
    fences = [t for t in MD.parse(markdown) if t.type == "fence"]
    assert [f.info for f in fences] == ["mermaid"]
    chart = fences[0].content.splitlines()
    assert chart[0] == "quadrantChart"
    assert "    quadrant-1 Act now" in chart and "    quadrant-2 Protect" in chart
    assert "    quadrant-3 Later" in chart and "    quadrant-4 Opportunity" in chart
    points = [line for line in chart if ": [" in line]
    for line in points:
        assert re.fullmatch(r"    Q\d+(?: Q\d+)*: \[0\.\d\d, 0\.\d\d\]", line), line
    # Q3 is risk 3, reward 3: just past the middle on both axes (Act now).
    assert "    Q3: [0.55, 0.55]" in points
    assert "    Q1: [0.75, 0.95]" in points  # reward 4 across, risk 5 up
    assert "    Q9 Q10: [0.35, 0.55]" in points  # rated alike: one point
    assert not any(re.search(r"\bQ(7|11)\b", line) for line in points)  # no risk × reward: table only


def test_overdue_only_when_not_ready() -> None:
    markdown = render_markdown(BANK, fixture_session(), generated=date(2026, 7, 1))
    assert "2026-06-01 (overdue" not in markdown  # Q3 is ready
    assert "2026-04-30 (overdue)" in markdown


def test_due_after_launch_is_flagged_in_words_unless_ready() -> None:
    markdown = render_markdown(BANK, fixture_session(), generated=GENERATED)
    assert "2026-05-15 (after launch)" in markdown  # Q1: launch is 2026-05-01
    assert "2026-06-01 (after launch)" not in markdown  # Q3 is ready
    undated = fixture_session().model_copy(update={"launch": None})
    assert "after launch" not in render_markdown(BANK, undated, generated=GENERATED).replace(
        "*after launch* when", ""
    )


def test_a_due_date_typed_that_is_no_date_is_shown_as_typed() -> None:
    session = fixture_session()
    # Q10, "How will renewals be tracked?", a gap due 2026-04-30 in the fixture.
    renewals = next(qid for qid, answer in session.answers.items() if answer.due == date(2026, 4, 30))
    session.answers[renewals] = session.answers[renewals].model_copy(
        update={"due": None, "due_text": "end of Q3 | maybe"}
    )
    markdown = render_markdown(BANK, session, generated=GENERATED)
    assert "due end of Q3 \\| maybe (not a date)" in markdown  # the top actions, literal
    assert "| end of Q3 \\| maybe (not a date) |" in markdown  # the tables
    assert "2026-04-30" not in markdown


def test_a_filtered_export_shows_only_what_the_filter_lets_through() -> None:
    markdown = render_markdown(
        BANK, fixture_session(), generated=GENERATED, item_filter=ItemFilter(team="sales", status=Status.GAP)
    )
    assert headings(MD.parse(markdown)) == [(1, "Gap summary: Launch 2027: Atlas | EU"), *SECTIONS]
    assert "**Filtered:** team Sales · status gap — 2 questions of 10 in this session." in markdown
    assert "**Readiness 0%:** 0 of 2 applicable questions ready" in markdown
    open_rows = [
        line for line in markdown.split("## Open items in priority order")[1].split("##")[0].splitlines()
    ]
    listed = [
        re.search(r"\*\*(Q\d+)\*\*", line).group(1)
        for line in open_rows
        if line.startswith("| ") and "**Q" in line
    ]
    assert listed == ["Q1", "Q10"]
    assert "Support" not in markdown.split("## How to read")[0]


# --- hostile text ---------------------------------------------------------------------------


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_text_stays_literal_inside_its_cell(text: str) -> None:
    markdown = render_markdown(BANK, hostile_session(text), generated=GENERATED)
    tokens = MD.parse(markdown)
    expected = literal(text)

    # Structure untouched: the same headings (the title carries the name on one line).
    assert headings(tokens) == [(1, f"Gap summary: {' '.join(expected.split())}".rstrip()), *SECTIONS]
    assert not [t for t in tokens if t.type in ("html_block", "code_block")]
    assert [t.info for t in tokens if t.type == "fence"] == ["mermaid"]
    assert not [t for t in tokens if t.type in ("blockquote_open", "hr")]
    for block in table_lines(markdown):
        assert len({unescaped_pipes(line) for line in block}) == 1, block

    # The text is whole, literal and alone in its cells: answer, decision, owner, reason.
    all_cells = cells(tokens)
    holding = [c for c in all_cells if plain(c) == expected]
    # gap list: answer, decision, owner for two questions; decisions: decision, owner for two; N/A reason
    assert len(holding) == 11, [plain(c) for c in all_cells]
    for cell in holding:
        kinds = {child.type for child in cell.children or []}
        assert kinds <= {"text", "html_inline"}, kinds
    html = MD.render(markdown)
    assert "<script" not in html and "<div" not in html and "<b " not in html and "<!--" not in html
    assert "\x1b" not in markdown and "\x00" not in markdown and "\r" not in markdown
    markdown.encode("utf-8")  # writable as a file


def test_only_our_own_br_is_html() -> None:
    markdown = render_markdown(
        BANK, hostile_session("<br> <img src=x onerror=alert(1)>\n<br/>"), generated=GENERATED
    )
    tokens = MD.parse(markdown)
    inline_html = {
        child.content
        for t in tokens
        if t.type == "inline"
        for child in t.children or []
        if child.type == "html_inline"
    }
    assert inline_html == {"<br>"}
    assert "<img" not in MD.render(markdown)


# --- the escaping helper ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "escaped"),
    [
        ("plain words, e.g. this - and that.", "plain words, e.g. this - and that."),
        ("a|b", "a\\|b"),
        ("<b>&", "&lt;b&gt;&amp;"),
        ("# h", "\\# h"),
        ("`x` *y* _z_ [l] ~s~ $m$", "\\`x\\` \\*y\\* \\_z\\_ \\[l\\] \\~s\\~ \\$m\\$"),
        ("back\\slash", "back\\\\slash"),
        ("one\ntwo", "one<br>two"),
        ("\n\n  padded  \n\n", "padded"),
        ("tab\there", "tab here"),
        ("\x1b[1;31mbold red\x1b[0m", "bold red"),
        ("bell\x07 del\x7f c1\x85x", "bell del c1<br>x"),
        ("ไทย 中文", "ไทย 中文"),
    ],
)
def test_escape_inline(raw: str, escaped: str) -> None:
    assert escape_inline(raw) == escaped


def test_escape_line_for_headings_stays_on_one_line() -> None:
    assert escape_line(" a\n\nb \t| c\x1b[0m ") == "a b \\| c"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec=None, exclude_categories=()), max_size=60))
def test_any_text_survives_a_table_cell_and_a_heading(text: str) -> None:
    cell = escape_inline(text)
    doc = f"| h |\n| --- |\n| {cell} |\n\n# T: {escape_line(text)}\n"
    tokens = MD.parse(doc)
    body = cells(tokens)
    assert len(body) == 2
    assert plain(body[1]) == literal(text)
    assert {c.type for c in body[1].children or []} <= {"text", "html_inline"}
    heading = headings(tokens)
    assert len(heading) == 1
    assert heading[0][1] == f"T: {' '.join(literal(text).split())}".rstrip()


def test_no_textual_import() -> None:
    code = (
        "import sys; import walkthrough.report.summary, walkthrough.report.markdown, walkthrough.cli.transfer; "
        "sys.exit('textual' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=HERE.parent, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
