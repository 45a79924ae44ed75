"""User text in the report reads as typed, raw and rendered: a backslash only where a
character would otherwise be syntax in its place, no HTML entities or tags, line breaks as
CommonMark hard breaks, and never a heading, list, quote, code, table, link, image, HTML,
emphasis or strikethrough of its own — under markdown-it-py (CommonMark) and under GitHub's
engine (cmark-gfm), with raw HTML allowed or not."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token

from walkthrough.report.mdtext import (
    BREAK,
    User,
    cell,
    clean_text,
    heading,
    paragraph,
    paragraphs,
)


def inline(text: str) -> str:
    """User text after the report's own words on a line."""
    return paragraph("x ", User(text)).removeprefix("x ")


def block(text: str, **options: object) -> str:
    """User text that keeps its line breaks, starting a paragraph."""
    return paragraph(User(text, lines=True), **options)  # type: ignore[arg-type]


MD = MarkdownIt("commonmark").enable(["table", "strikethrough"])

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
    "a | b\n--- | ---\nc | d",
    "header\n:--",
    "> quoted\n- item\n1. item\n+ item\n* star",
    "text\n1) paren item",
    "heading underline\n===",
    "heading underline\n---",
    "---",
    "***",
    "_ _ _",
    "[link](javascript:alert(1)) ![img](x.png) <https://example.com> [ref][1]",
    "[1]: https://evil.example\n[^note]: a footnote",
    "*bold* **strong** _em_ ~~strike~~ ~one~ $x^2$ $$y$$",
    "&lt;not a tag&gt; &amp; &#60; &#x3C; &copy;",
    "<!-- comment --> <div>block</div> <b onclick=x> </p> <?php ?> <!DOCTYPE>",
    "trailing backslash \\",
    "back\\slash \\* \\\\ \\n C:\\Users\\me",
    "\x1b[31mred\x1b[0m, \x1b]0;title\x07bell\x07 and nul\x00",
    "windows\r\nline\rends\u2028sep\u2029para",
    "bidi \u202eevil\u202c and \u2066isolate\u2069 \u200fmark",
    "客户无法购买｜我们会失去他们。中文测试",
    "ภาษาไทย: ลูกค้าจะซื้อได้อย่างไร",
    "emoji 🚀 👩‍💻 and العربية and עברית",
    "a broken paste \ud800 leaves a lone surrogate",
    "  padded  \n\n\n  lines  \n",
    "\\\n\\",
    "**",
    "a*b*c a_b_c",
    "1986. A good year\n2. second",
    "*a\n***",
    "~a\n~~~",
    "x``\n```",
]

# Characters whose escaping would be needless in ordinary prose: none of them may gain a backslash.
PROSE = [
    "Engineering & QA",
    "order -> invoice -> keys",
    "about ~60 customers, ~80 at most",
    "5 * 3 = 15, and 2 + 2",
    "see snake_case_names and file_v2_final.txt",
    "costs 5$ or 6$",
    "a < b and b > a; <3",
    "e.g. (this) - that! #1 priority, 100% sure.",
    "[draft] not a link, [x] done",
    "mail ana@example.com or see www.example.com",
    "C:\\Users\\me",
    "Q&A | owners",
]


def plain(inline: Token) -> str:
    """The text a reader sees in an inline token; a line break counts as a newline."""
    parts = []
    for child in inline.children or []:
        if child.type == "text":
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append("\n")
        else:
            parts.append(f"<{child.type}>")  # anything else is a failure, made visible
    return "".join(parts)


def literal_lines(text: str) -> list[str]:
    """What a reader should see: the cleaned text, each line trimmed, blank lines dropped."""
    return [line.strip() for line in clean_text(text).split("\n") if line.strip()]


def literal_paragraphs(text: str) -> list[str]:
    lines = [line.strip() for line in clean_text(text).split("\n")]
    return [p for p in re.split(r"\n{2,}", "\n".join(lines).strip("\n")) if p]


# --- what is escaped -------------------------------------------------------------------------


@pytest.mark.parametrize("text", PROSE)
def test_prose_keeps_every_character_as_typed(text: str) -> None:
    assert inline(text) == text
    assert block(text) == text
    assert cell(User(text)) == text.replace("|", "\\|")


@pytest.mark.parametrize(
    ("raw", "escaped"),
    [
        ("*bold* and _em_", "\\*bold\\* and \\_em\\_"),
        ("~~gone~~", "\\~\\~gone\\~\\~"),
        ("`code`", "\\`code\\`"),
        ("<b>x</b>", "\\<b>x\\</b>"),
        ("&copy; & co", "\\&copy; & co"),
        ("[a](b) ![c](d)", "[a\\](b) ![c\\](d)"),
        ("$x$", "\\$x\\$"),
        ("ends in \\", "ends in \\\\"),
        ("\\*", "\\\\*"),  # the backslash is text; a lone star has no partner
    ],
)
def test_inline_syntax_gets_one_backslash_where_it_stands(raw: str, escaped: str) -> None:
    assert inline(raw) == escaped


def test_pairs_are_judged_over_the_whole_paragraph() -> None:
    # Each piece alone is harmless; side by side in one paragraph they would pair.
    assert paragraph(User("a*b"), " · ", User("c*d")) == "a\\*b · c\\*d"
    assert paragraph(User("it`s"), " · ", User("don`t")) == "it\\`s · don\\`t"  # every backtick
    assert paragraph(User("~60"), " · ", User("~80")) == "~60 · ~80"  # neither can close


def test_block_starts_are_escaped_only_at_the_start_of_a_line() -> None:
    text = "- one\n+ two\n# three\n> four\n1. five\n2. six\n---\n===\n```\n#hashtag\n-5 °C"
    assert block(text) == "  \n".join(
        [
            "\\- one",
            "\\+ two",
            "\\# three",
            "\\> four",
            "1\\. five",
            "2. six",  # inside a paragraph only an item numbered 1 can start a list
            "\\---",
            "\\===",
            "\\`\\`\\`",
            "#hashtag",
            "-5 °C",
        ]
    )
    assert block("2. first") == "2\\. first"  # a paragraph's first line
    assert paragraph("**Q1** ", User("2. first")) == "**Q1** 2. first"  # after the report's words
    assert inline("- # > 1. ---") == "- # > 1. ---"


def test_cells_escape_every_pipe_and_headings_keep_a_closing_hash() -> None:
    assert cell(User("Q&A | owners")) == "Q&A \\| owners"
    assert heading(3, User("Sales ##")) == "### Sales \\##"
    assert heading(3, User("C# team")) == "### C# team"
    assert heading(2, "Owner: ", User("#")) == "## Owner: \\#"


def test_line_breaks_are_hard_breaks_and_blank_lines_new_paragraphs() -> None:
    assert paragraphs("**A:** ", "one\r\ntwo\n\n\n three ") == "**A:** one  \ntwo\n\nthree"
    assert paragraphs("A: ", "one\ntwo\n\nthree", indent="   ") == "A: one  \n   two\n\n   three"
    assert block("one\n\ntwo") == "one  \ntwo"
    assert inline("one\ntwo") == "one two"
    assert paragraph("a", BREAK, User(""), BREAK, "b") == "a  \nb"  # never an empty line


def test_no_html_entities_or_tags_and_no_bidi_or_control_characters() -> None:
    for text in HOSTILE:
        for out in (block(text), cell(User(text)), heading(1, User(text)), paragraphs("A: ", text)):
            assert not re.search(r"&[a-zA-Z#][a-zA-Z0-9]*;", out.replace("\\&", "")), out
            assert "<br" not in out
            assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f]", out)
            out.encode("utf-8")


# --- rendered: markdown-it-py --------------------------------------------------------------------


def document(text: str) -> str:
    """Every place the report puts user text: a heading, after a label, a paragraph of its
    own, a list item, a bullet's first words and a table cell."""
    return "\n".join(
        [
            heading(1, "Title: ", User(text)),
            "",
            paragraphs("**Answer:** ", text),
            "",
            block(text) or "(none)",
            "",
            "1. "
            + paragraph("**Q1** ", User(text), BREAK, "Decision: ", User(text, lines=True), indent="   "),
            "",
            "- " + (paragraph(User(text), indent="  ") or "(none)"),
            "",
            "| Team | Open |",
            "| --- | --: |",
            f"| {cell(User(text))} | 3 |",
            "",
        ]
    )


ALLOWED = {
    "heading_open",
    "heading_close",
    "paragraph_open",
    "paragraph_close",
    "inline",
    "ordered_list_open",
    "bullet_list_open",
    "bullet_list_close",
    "ordered_list_close",
    "list_item_open",
    "list_item_close",
    "table_open",
    "table_close",
    "thead_open",
    "thead_close",
    "tbody_open",
    "tbody_close",
    "tr_open",
    "tr_close",
    "th_open",
    "th_close",
    "td_open",
    "td_close",
}


def assert_literal(text: str) -> None:
    tokens = MD.parse(document(text))
    assert {t.type for t in tokens} <= ALLOWED, {t.type for t in tokens} - ALLOWED
    inlines = [t for t in tokens if t.type == "inline"]
    flat = " ".join(" ".join(literal_lines(text)).split())
    paras = literal_paragraphs(text)
    assert plain(inlines[0]) == f"Title: {flat}".rstrip()
    if not paras:
        return
    n = len(paras)
    # heading, the answer's paragraphs, the paragraph of its own, list item, bullet, table cells
    assert len(inlines) == 1 + n + 1 + 1 + 1 + 4, [plain(t) for t in inlines]
    answer, own, item, bullet = inlines[1 : 1 + n], inlines[1 + n], inlines[2 + n], inlines[3 + n]
    assert [plain(t) for t in answer] == [f"<strong_open>Answer:<strong_close> {paras[0]}", *paras[1:]]
    lines = "\n".join(literal_lines(text))
    assert plain(own) == lines
    assert plain(item) == f"<strong_open>Q1<strong_close> {flat}\nDecision: {lines}"
    assert plain(bullet) == flat
    assert plain(inlines[4 + n + 2]) == flat


@pytest.mark.parametrize("text", HOSTILE + PROSE, ids=range(len(HOSTILE + PROSE)))
def test_hostile_text_reads_literally_in_every_place(text: str) -> None:
    assert_literal(text)


@settings(max_examples=400, deadline=None)
@given(
    st.text(
        alphabet=st.one_of(
            st.sampled_from(list("\\`*_~$[]()!<>&#|-+=.:;0123456789 \n\tabc^@")),
            st.characters(codec=None, exclude_categories=()),
        ),
        max_size=50,
    )
)
def test_any_text_reads_literally_in_every_place(text: str) -> None:
    assert_literal(text)


FRAGMENTS = [
    "*",
    "**",
    "***",
    "_",
    "__",
    "~",
    "~~",
    "~~~",
    "`",
    "``",
    "```",
    "$",
    "a",
    "b c",
    " ",
    "-",
    "---",
    "#",
    "> ",
    "1. ",
    "2) ",
    "[",
    "]",
    "](x)",
    "<b>",
    "&amp;",
    "\\",
    "|",
    ":--",
    "===",
    "!",
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.lists(st.sampled_from(FRAGMENTS), max_size=6).map("".join), max_size=5).map("\n".join))
def test_lines_of_syntax_fragments_read_literally(text: str) -> None:
    assert_literal(text)


# --- rendered: GitHub's engine -------------------------------------------------------------------


def cmark_gfm(markdown: str, *, unsafe: bool) -> str:
    binary = shutil.which("cmark-gfm")
    if binary is None:
        import os

        if os.environ.get("CI"):
            pytest.fail("cmark-gfm is not installed (CI must run the GitHub-engine tests)")
        pytest.skip("cmark-gfm is not installed: apt-get install cmark-gfm")
    args = [binary, "-e", "table", "-e", "strikethrough", "-e", "autolink", "-e", "footnotes"]
    result = subprocess.run(
        args + (["--unsafe"] if unsafe else []), input=markdown, capture_output=True, text=True, check=True
    )
    return result.stdout


def test_github_engine_renders_hostile_text_as_text_with_or_without_raw_html() -> None:
    markdown = "\n".join(document(text) for text in HOSTILE)
    safe = cmark_gfm(markdown, unsafe=False)
    unsafe = cmark_gfm(markdown, unsafe=True)
    assert safe == unsafe, "the report has no raw HTML that a renderer could drop"
    tags = set(re.findall(r"<([a-z0-9]+)[ >/]", safe))
    expected = {"h1", "p", "strong", "br", "ol", "ul", "li", "table", "thead", "tbody", "tr", "th", "td"}
    # A bare web address stays clickable on GitHub, but only ever as itself: the link's text
    # is its target, so no text can hide where a link goes.
    for href, shown in re.findall(r'<a href="([^"]*)">([^<]*)</a>', safe):
        assert html.unescape(href).removeprefix("http://").removeprefix("mailto:") == html.unescape(
            shown
        ).removeprefix("http://"), (href, shown)
    assert tags - {"a"} <= expected, tags - expected
    assert safe.count("<h1>") == len(HOSTILE) and safe.count("<table>") == len(HOSTILE)
    text = html.unescape(re.sub(r"<[^>]+>", "", safe))
    for line in (line for t in HOSTILE for line in literal_lines(t)):
        assert line in text, line


@settings(max_examples=150, deadline=None)
@given(
    st.text(
        alphabet=st.one_of(
            st.sampled_from(list("\\`*_~$[]()!<>&#|-+=.:^@ \n")), st.sampled_from(list("ab1"))
        ),
        max_size=40,
    )
    | st.lists(st.lists(st.sampled_from(FRAGMENTS), max_size=6).map("".join), max_size=5).map("\n".join)
)
def test_github_engine_keeps_any_text_literal(text: str) -> None:
    paras = literal_paragraphs(text)
    rendered = cmark_gfm(document(text), unsafe=False)
    assert rendered == cmark_gfm(document(text), unsafe=True)
    tags = re.findall(r"<([a-z0-9]+)[ >/]", rendered)
    structure = [t for t in tags if t not in ("strong", "br", "a")]
    if paras:
        # h1; the answer's paragraphs; a paragraph of its own; the list item; the bullet; one table
        expected = ["h1", *["p"] * (len(paras) + 1), "ol", "li", "ul", "li"]
        expected += ["table", "thead", "tr", "th", "th", "tbody", "tr", "td", "td"]
        assert structure == expected, rendered
    for href, shown in re.findall(r'<a href="([^"]*)">([^<]*)</a>', rendered):
        assert html.unescape(href).removeprefix("http://").removeprefix("mailto:") == html.unescape(
            shown
        ).removeprefix("http://"), (href, shown)
    visible = html.unescape(re.sub(r"<[^>]+>", "", rendered))
    for line in literal_lines(text):
        assert line in visible, (line, rendered)


# --- speed --------------------------------------------------------------------------------------


def test_a_large_answer_escapes_in_well_under_a_second() -> None:
    # A long answer as people write them: sentences, now and then a symbol that needs care.
    line = "We route every deal through the deal desk (Ana, then legal); target: 2 days — not 5.\n"
    answer = ((line * 9 + "Costs ~60 € | *draft* <b> & co — 中文 ภาษาไทย\n") * 10_000)[:8_500_000]
    start = time.perf_counter()
    paragraphs("**Answer:** ", answer)
    assert time.perf_counter() - start < 2.0  # 0.3 s or so on a quiet machine; headroom for a busy CI


def test_a_definition_whose_label_runs_over_two_lines_stays_text() -> None:
    # Found by the property test above: `[1` / `]:1` is a link reference definition to
    # GitHub when the label's line break is kept, and it turned later `[1 ]` into links.
    text = "[1\n]:1"
    rendered = cmark_gfm(document(text), unsafe=False)
    assert "<a " not in rendered, rendered
    assert "]:1" in html.unescape(re.sub(r"<[^>]+>", "", rendered))
