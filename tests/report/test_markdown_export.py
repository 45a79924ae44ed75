"""The Markdown report: its structure as the PM sends it (title, status line, executive
summary, action plan by owner, by stage and team, how to read), golden files of the whole
report and of the parts a team and an owner receive, and the hostile-text fixture read raw,
through markdown-it-py and through GitHub's own engine (cmark-gfm).

Regenerate the golden files after an intended change with:
    UPDATE_GOLDEN=1 python -m pytest tests/report/test_markdown_export.py
and read the diff (and the rendered document) before committing it.
"""

from __future__ import annotations

import html
import json
import os
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mermaid_check import check, mermaid_blocks
from test_mdtext import cmark_gfm

from questions.loader import default_bank, load_bank
from sessions.models import Answer, Readiness, Session
from walkthrough.report.filters import ItemFilter, Selection
from walkthrough.report.markdown import render_markdown
from walkthrough.report.mdtext import clean_text
from walkthrough.report.progress import Status

HERE = Path(__file__).resolve().parents[1]
FIXTURES = HERE / "fixtures"
GOLDEN = HERE / "golden"
BANK = load_bank(FIXTURES / "summary" / "bank.yaml")
HOSTILE_BANK = load_bank(FIXTURES / "report" / "hostile_bank.yaml")
GENERATED = date(2026, 4, 1)

MD = MarkdownIt("commonmark").enable(["table", "strikethrough"])


def load(path: Path) -> Session:
    return Session.model_validate(json.loads(path.read_text(encoding="utf-8")))


def full_session() -> Session:
    return load(FIXTURES / "summary" / "full_session.json")


def hostile_session() -> Session:
    return load(FIXTURES / "report" / "hostile_session.json")


def plain(inline: Token) -> str:
    parts = []
    for child in inline.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append("\n")
    return "".join(parts)


def headings(tokens: list[Token]) -> list[tuple[int, str]]:
    return [(int(t.tag[1]), plain(tokens[i + 1])) for i, t in enumerate(tokens) if t.type == "heading_open"]


def section(markdown: str, title: str) -> str:
    """The text of a "## title" section, up to the next "## "."""
    return markdown.split(f"\n## {title}\n", 1)[1].split("\n## ", 1)[0]


# --- golden files ---------------------------------------------------------------------------

PARTS = {
    "full_session.md": None,
    "full_session.team-sales.md": Selection(teams=("sales",)),
    "full_session.owner-dee.md": Selection(owners=("Dee",)),
}


@pytest.mark.parametrize("name", PARTS)
def test_golden(name: str) -> None:
    rendered = render_markdown(BANK, full_session(), generated=GENERATED, item_filter=PARTS[name])
    golden = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(rendered, encoding="utf-8", newline="\n")
    assert golden.exists(), "no golden file: run with UPDATE_GOLDEN=1 once and review it"
    assert rendered == golden.read_text(encoding="utf-8"), "export changed: review, then UPDATE_GOLDEN=1"


def test_render_is_deterministic_and_depends_on_the_date_only_through_the_parameter() -> None:
    first = render_markdown(BANK, full_session(), generated=GENERATED)
    assert render_markdown(BANK, full_session(), generated=GENERATED) == first
    later = render_markdown(BANK, full_session(), generated=date(2026, 5, 20))
    assert "Generated 2026-05-20" in later
    assert "launch 2026-05-01, 30 days to launch" in first
    assert "launch 2026-05-01, launched 19 days ago" in later
    assert "due 2026-05-15 (overdue, after launch)" in later and "2026-05-15 (overdue" not in first


# --- structure ---------------------------------------------------------------------------


def test_the_sections_in_order() -> None:
    markdown = render_markdown(BANK, full_session(), generated=GENERATED)
    found = headings(MD.parse(markdown))
    assert found[:5] == [
        (1, "Gap summary: Launch 2027: Atlas | EU"),
        (2, "Executive summary"),
        (3, "Top 5 actions"),
        (3, "Open items by stage"),
        (3, "Risk and reward of the open items"),
    ]
    assert [h for h in found if h[0] == 2] == [
        (2, "Executive summary"),
        (2, "Action plan by owner"),
        (2, "By stage and team"),
        (2, "How to read this report"),
    ]
    assert found[-1] == (2, "How to read this report")
    plan = found[found.index((2, "Action plan by owner")) + 1 : found.index((2, "By stage and team"))]
    # A section per owner, alphabetically (ignoring case), items with no owner last.
    assert plan == [
        (3, n) for n in ["Ana Souza", "Ben Okafor", "Dee", "Finance ops", "支持团队", "No owner yet"]
    ]
    stages = found[found.index((2, "By stage and team")) + 1 : -1]
    assert [h for h in stages if h[0] < 5] == [
        (3, "Stage 1: Customers can buy it"),
        (4, "Sales"),
        (4, "Finance & operations"),
        (3, "Stage 2: Customers can use it"),
        (4, "Support"),
        (4, "Sales"),
    ]
    # Every question with something recorded is a block of its own; Q5 (N/A) and Q8 (empty) are not.
    assert [h[1].split(" · ")[0] for h in stages if h[0] == 5] == [
        f"Q{n}" for n in (1, 2, 3, 4, 7, 9, 10, 11)
    ]


def test_the_status_line_says_readiness_answered_open_items_and_days_to_launch() -> None:
    markdown = render_markdown(BANK, full_session(), generated=GENERATED)
    line = markdown.split("\n\n")[1]
    assert line == (
        "**Readiness 11%**: 1 of 9 questions ready · 7 answered (78%) · **8 open items** · "
        "launch 2026-05-01, 30 days to launch"
    )
    undated = full_session().model_copy(update={"launch": None})
    assert "no launch date set" in render_markdown(BANK, undated, generated=GENERATED).split("\n\n")[1]


def test_tables_hold_counts_only() -> None:
    tokens = MD.parse(render_markdown(BANK, full_session(), generated=GENERATED))
    tables = [i for i, t in enumerate(tokens) if t.type == "table_open"]
    assert len(tables) == 1
    rows: list[list[str]] = []
    for i in range(tables[0], len(tokens)):
        if tokens[i].type == "table_close":
            break
        if tokens[i].type == "tr_open":
            rows.append([])
        if tokens[i].type in ("td_open", "th_open"):
            rows[-1].append(plain(tokens[i + 1]))
    assert rows[0] == ["Stage", "Open", "Gap", "Partial", "Not assessed", "Unanswered", "Ready", "Readiness"]
    assert [row[0] for row in rows[1:]] == [
        "1. Customers can buy it",
        "2. Customers can use it",
        "All stages",
    ]
    for row in rows[1:]:
        assert all(re.fullmatch(r"\d+%?", value) for value in row[1:]), row


def test_answers_and_decisions_are_paragraphs_that_keep_their_line_breaks() -> None:
    tokens = MD.parse(render_markdown(BANK, full_session(), generated=GENERATED))
    inlines = [t for t in tokens if t.type == "inline"]
    answer = next(t for t in inlines if plain(t).startswith("Answer: Today"))
    assert [c.type for c in answer.children or [] if c.content or c.type != "text"] == [
        "strong_open",
        "text",
        "strong_close",
        "text",
        "hardbreak",
        "text",
    ]
    assert (
        plain(answer) == "Answer: Today every deal goes through legal by email.\nNo SLA on contract review."
    )
    decision = next(t for t in inlines if plain(t).startswith("Decision: Add a launch SPIFF"))
    assert plain(decision) == "Decision: Add a launch SPIFF | 2% bonus on first-year deals"
    assert not [t for t in tokens if t.type in ("html_inline", "html_block")]


def test_top_actions_carry_decision_owner_due_date_and_quadrant() -> None:
    markdown = render_markdown(BANK, full_session(), generated=GENERATED)
    top = section(markdown, "Executive summary").split("### Open items by stage")[0]
    items = re.findall(r"^\d\. .*?(?=^\d\. |\Z)", top, flags=re.MULTILINE | re.DOTALL)
    assert [re.match(r"\d\. \*\*(Q\d+)\*\*", item).group(1) for item in items] == [
        "Q7",
        "Q1",
        "Q4",
        "Q2",
        "Q10",
    ]
    q1 = items[1]
    assert "How will a deal move from first call to signed contract? — Customers can buy it › Sales" in q1
    assert "Decision: Hire a deal-desk lead before launch" in q1
    assert "**Act now**" in q1 and "owner Ana Souza" in q1 and "due 2026-05-15 (after launch)" in q1
    assert "due 2026-03-01 (overdue)" in items[3]


def test_the_action_plan_orders_by_due_date_then_priority_overdue_first() -> None:
    session = full_session()
    answers = dict(session.answers)
    # Give Dee a third item: overdue, lowest priority. It must still come first.
    answers["use.support.nfr"] = Answer(
        text="Ideas go to a shared inbox.", owner=" dee ", due=date(2026, 3, 15)
    )
    markdown = render_markdown(BANK, session.model_copy(update={"answers": answers}), generated=GENERATED)
    dee = section(markdown, "Action plan by owner").split("### Dee\n")[1].split("\n### ")[0].strip()
    assert dee.startswith("3 open items, **1 overdue**.")
    order = re.findall(r"^- .*?\*\*(Q\d+)\*\*", dee, flags=re.MULTILINE)
    assert order == ["Q8", "Q10", "Q9"]  # 2026-03-15 (overdue), 2026-04-30, no date
    assert "- **Due 2026-03-15 (overdue)** · **Q8**" in dee


def test_unanswered_questions_are_one_compact_list_per_team_and_na_items_give_their_reason() -> None:
    markdown = render_markdown(BANK, full_session(), generated=GENERATED)
    support = markdown.split("#### Support\n")[1].split("\n#### ")[0]
    assert "Not answered yet (1):\n\n- Q8 How will feature requests reach the backlog?" in support
    finance = markdown.split("#### Finance & operations\n")[1].split("\n### ")[0]
    assert (
        "Not applicable (1):\n\n- Q5 How will downstream royalties be paid?  \n"
        "  Why: No resellers in year one \\<so no royalties>"
    ) in finance


def test_a_barely_started_session_is_short() -> None:
    session = Session(id="e", name="Empty", bank_id=BANK.id, bank_version=BANK.version)
    markdown = render_markdown(BANK, session, generated=GENERATED)
    assert "No open item has an answer, a decision or a rating yet" in markdown
    assert "No open item has an owner or anything recorded yet." in markdown
    assert "mermaid" not in markdown and "—\n" not in markdown
    assert markdown.count("\n- Q") == 11  # eleven unanswered questions, one line each
    for ref in BANK.walk():
        assert markdown.count(ref.question.prompt) == 1
    full = default_bank()
    empty = Session(id="f", name="Empty", bank_id=full.id, bank_version=full.version)
    # A line for each question and a few for each of the 21 touchpoints: no table of 84 empty rows.
    assert len(render_markdown(full, empty, generated=GENERATED).splitlines()) < 84 + 21 * 8 + 50


def test_the_chart_block_uses_the_layout_and_parses_with_mermaid() -> None:
    markdown = render_markdown(BANK, full_session(), generated=GENERATED)
    (chart,) = mermaid_blocks(markdown)
    points = re.findall(r"^    (Q\d+): \[(0\.\d+), (0\.\d+)\]$", chart, flags=re.MULTILINE)
    assert [p[0] for p in points] == ["Q1", "Q4", "Q2", "Q10", "Q9"]  # open items with risk and reward
    assert "Q3" not in chart  # ready: done, not on the chart of open items
    assert "Not placed (risk or reward not rated yet): Q7, Q11." in markdown
    (result,) = check([chart])
    assert result["ok"], result.get("error")
    assert sorted(p["label"] for p in result["points"]) == sorted(p[0] for p in points)


def test_84_decisions_rated_alike_fill_their_cell_and_the_rest_are_listed() -> None:
    bank = default_bank()
    answers = {
        ref.id: Answer(text="x", readiness=Readiness.GAP, risk=5, reward=5, decision=f"Do {ref.id}")
        for ref in bank.walk()
    }
    session = Session(id="c", name="Crowded", bank_id=bank.id, bank_version=bank.version, answers=answers)
    markdown = render_markdown(bank, session, generated=GENERATED)
    (chart,) = mermaid_blocks(markdown)
    plotted = re.findall(r"^    (Q\d+): ", chart, flags=re.MULTILINE)
    assert plotted == [f"Q{n}" for n in range(1, 13)]  # the cell holds 12; priority ties go by walk order
    listed = re.search(r"Not on the chart, to keep every point readable: (.*?)\. The chart", markdown).group(
        1
    )
    assert listed.split(", ")[:2] == ["Q13 (risk 5", "reward 5)"]
    assert len(re.findall(r"Q\d+ \(risk 5, reward 5\)", listed)) == 84 - 12
    (result,) = check([chart])
    assert result["ok"], result.get("error")


# --- parts -------------------------------------------------------------------------------------


def test_a_team_part_has_its_own_title_and_only_that_team() -> None:
    markdown = render_markdown(
        BANK, full_session(), generated=GENERATED, item_filter=Selection(teams=("sales",))
    )
    found = headings(MD.parse(markdown))
    assert found[0] == (1, "Gap summary: Launch 2027: Atlas | EU — Sales")
    assert "This part holds 6 questions of the session's 10; the full report has the rest." in markdown
    assert {h[1] for h in found if h[0] == 4} == {"Sales"}
    assert "Support" not in markdown and "Finance" not in markdown.split("## How to read")[0]


def test_parts_combine_and_describe_themselves() -> None:
    both = Selection(teams=("sales", "support"), stages=(2,), owners=("dee", ""))
    markdown = render_markdown(BANK, full_session(), generated=GENERATED, item_filter=both)
    title = headings(MD.parse(markdown))[0][1]
    assert title == (
        "Gap summary: Launch 2027: Atlas | EU — Sales or Support, stage 2 Customers can use it, "
        "owner dee or no owner yet"
    )
    questions = [h[1].split(" · ")[0] for h in headings(MD.parse(markdown)) if h[0] == 5]
    assert questions == ["Q9", "Q10", "Q11"]
    screen = render_markdown(
        BANK, full_session(), generated=GENERATED, item_filter=ItemFilter(status=Status.GAP)
    )
    assert headings(MD.parse(screen))[0] == (1, "Gap summary: Launch 2027: Atlas | EU — status gap")


# --- hostile text: raw, markdown-it-py and GitHub's engine ------------------------------------------


def hostile_markdown() -> str:
    return render_markdown(HOSTILE_BANK, hostile_session(), generated=GENERATED)


OUR_STRONG = re.compile(
    r"Q\d+|Answer:|Decision:|Readiness \d+%|\d+ open items?|\d+ overdue|All stages|"
    r"(?:Gap|Partial|Ready|Not assessed|Unanswered|Act now|Protect|Opportunity|Later)|Due \d{4}-\d\d-\d\d.*"
)


def test_hostile_text_raw_has_no_html_entities_tags_bidi_or_control_characters() -> None:
    markdown = hostile_markdown()
    markdown.encode("utf-8")
    assert not re.search(r"(?<!\\)&(?:[A-Za-z][A-Za-z0-9]*|#[0-9]+|#[xX][0-9a-fA-F]+);", markdown)
    assert not re.search(r"(?<!\\)<[A-Za-z/!?]", markdown), "no tag, comment or autolink"
    assert not re.search(
        "[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]", markdown
    )
    assert "\r" not in markdown


def test_hostile_text_never_becomes_markdown_of_its_own() -> None:
    markdown = hostile_markdown()
    tokens = MD.parse(markdown)
    kinds = {t.type for t in tokens} | {c.type for t in tokens for c in t.children or []}
    for forbidden in (
        "html_block",
        "html_inline",
        "link_open",
        "image",
        "code_inline",
        "code_block",
        "blockquote_open",
        "hr",
        "s_open",
    ):
        assert forbidden not in kinds, forbidden
    assert [t.info for t in tokens if t.type == "fence"] == ["mermaid"]
    # Headings: only the report's own — title, sections, the two stages, two teams, owners, questions.
    found = headings(tokens)
    assert found[0] == (1, "Gap summary: # Launch | <b>evil</b> *now*")
    assert [h for h in found if h[0] == 3 and h[1].startswith("Stage")] == [
        (3, "Stage 1: # Stage | one <b>"),
        (3, "Stage 2: Stage ~two~ [x](y)"),
    ]
    assert [h for h in found if h[0] == 4] == [(4, "R&D | <i>Team</i> ##"), (4, "- Ops & QA")]
    # Bold only around the report's own words (the fixed text of "How to read" aside).
    body = MD.parse(markdown.split("\n## How to read this report\n")[0])
    for token in (t for t in body if t.type == "inline"):
        children = token.children or []
        for j, child in enumerate(children):
            if child.type == "strong_open":
                close = next(k for k in range(j, len(children)) if children[k].type == "strong_close")
                words = "".join(c.content for c in children[j + 1 : close])
                assert OUR_STRONG.fullmatch(words), words
            if child.type == "em_open":  # the report's own pointer to a section
                assert children[j + 1].content == "By stage and team", children[j + 1].content
    # One table, its rows intact: the stage counts.
    table = [t for t in tokens if t.type in ("tr_open", "td_open", "th_open")]
    assert sum(1 for t in table if t.type == "tr_open") == 4
    assert sum(1 for t in table if t.type in ("td_open", "th_open")) == 4 * 8
    # Lists: only the report's own — top actions, owners' items, unanswered and N/A lists.
    items = sum(1 for t in tokens if t.type == "list_item_open")
    owners_items = section(markdown, "Action plan by owner").count("\n- ")
    how_to_read = section(markdown, "How to read this report").count("\n- ")
    assert items == 5 + owners_items + 1 + 1 + how_to_read


def test_hostile_answers_read_exactly_as_typed() -> None:
    session = hostile_session()
    tokens = MD.parse(hostile_markdown())
    seen = {plain(t) for t in tokens if t.type == "inline"}
    for answer in session.answers.values():
        if not answer.text.strip():
            continue
        paragraphs = [
            p
            for p in re.split(
                r"\n{2,}", "\n".join(line.strip() for line in clean_text(answer.text).split("\n")).strip()
            )
            if p
        ]
        assert f"Answer: {paragraphs[0]}" in seen, paragraphs[0]
        for more in paragraphs[1:]:
            assert more in seen


def test_github_engine_renders_the_hostile_report_the_same_with_or_without_raw_html() -> None:
    markdown = hostile_markdown()
    safe = cmark_gfm(markdown, unsafe=False)
    assert safe == cmark_gfm(markdown, unsafe=True), "the report has no raw HTML for a renderer to drop"
    tags = set(re.findall(r"<([a-z0-9]+)[ >/]", safe))
    allowed = {
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "p",
        "strong",
        "br",
        "ol",
        "ul",
        "li",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
        "pre",
        "code",
        "em",
        "a",
    }
    assert tags <= allowed, tags - allowed
    assert safe.count("<pre>") == 1 and 'class="language-mermaid"' in safe  # the chart, nothing else
    assert "<em>" in safe and set(re.findall(r"<em>([^<]*)</em>", safe)) <= {
        "By stage and team",
        "overdue",
        "after launch",
    }
    for href, shown in re.findall(r'<a href="([^"]*)">([^<]*)</a>', safe):
        assert html.unescape(href).removeprefix("mailto:") == html.unescape(shown), (href, shown)


def test_github_engine_renders_the_golden_report_the_same_with_or_without_raw_html() -> None:
    markdown = (GOLDEN / "full_session.md").read_text(encoding="utf-8")
    safe = cmark_gfm(markdown, unsafe=False)
    assert safe == cmark_gfm(markdown, unsafe=True)
    assert "<table>" in safe and safe.count("<tr>") == 4
    assert "Today every deal goes through legal by email.<br />\nNo SLA on contract review." in safe


def test_the_hostile_chart_parses_with_mermaid() -> None:
    (chart,) = mermaid_blocks(hostile_markdown())
    (result,) = check([chart])
    assert result["ok"], result.get("error")


def test_no_textual_import() -> None:
    code = (
        "import sys; import walkthrough.report.summary, walkthrough.report.markdown, walkthrough.cli.transfer; "
        "sys.exit('textual' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=HERE.parent, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_a_due_date_typed_that_is_no_date_is_shown_as_typed_and_literal() -> None:
    session = full_session()
    # Q10, "How will renewals be tracked?", Dee's gap due 2026-04-30 in the fixture.
    renewals = next(qid for qid, answer in session.answers.items() if answer.due == date(2026, 4, 30))
    session.answers[renewals] = session.answers[renewals].model_copy(
        update={"due": None, "due_text": "end of *Q3* maybe"}
    )
    markdown = render_markdown(BANK, session, generated=GENERATED)
    assert "- **Due end of \\*Q3\\* maybe (not a date)** · **Q10**" in markdown  # the action plan
    assert "owner Dee · due end of \\*Q3\\* maybe (not a date)" in markdown  # its status line
    assert "2026-04-30" not in markdown
    html = MD.render(markdown)
    assert "<em>Q3</em>" not in html  # the PM's asterisks stay asterisks
