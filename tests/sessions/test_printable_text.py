"""sessions.text.printable: the one rule for what of a file's or a user's text reaches a terminal."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sessions.text import BIDI_CONTROLS, dotted_path, printable, shows_nothing

ACTIVE = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{BIDI_CONTROLS}\ud800-\udfff]")


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("\x1b]0;pwned\x07\x1b[2Jplain", "plain"),  # retitle, clear
        ("a\x1b]52;c;ZXZpbA==\x07b", "ab"),  # clipboard write
        ("a\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\b", "alinkb"),  # hyperlink, ST-terminated
        ("a\x1bP1$r0m\x1b\\b", "ab"),  # DCS
        ("a\x1b_app\x1b\\b", "ab"),  # APC
        ("a\x9b2Jb\x9d0;t\x9cc", "abc"),  # 8-bit CSI and OSC
        ("a\x1b(Bb\x1bcc", "abc"),  # charset, full reset
        ("\u202eevil\u2066 name\u200f\u061c", "evil name"),
        ("bell\x07 nul\x00 del\x7f", "bell nul del"),
        ("one\ntwo\r\nthree\u2028four\tfive", "one two three four five"),
        ("paste\ud800", "paste"),
        ("名前 ภาษาไทย emoji 👩‍💻", "名前 ภาษาไทย emoji 👩‍💻"),  # the zero-width joiner stays
    ],
)
def test_printable(raw: str, shown: str) -> None:
    assert printable(raw) == shown


def test_printable_keeps_newlines_when_asked() -> None:
    assert printable("a\r\nb\x85c\x1b[2J", keep_newlines=True) == "a\nb\nc"


@settings(max_examples=300)
@given(st.text(st.characters(codec=None, exclude_categories=()), max_size=40))
def test_nothing_printable_leaves_can_act_on_a_terminal(text: str) -> None:
    shown = printable(text)
    assert ACTIVE.search(shown) is None
    assert "\n" not in shown
    assert printable(shown) == shown


@settings(max_examples=300)
@given(st.text(st.characters(codec=None, exclude_categories=()), max_size=40))
def test_text_python_calls_printable_passes_unchanged_the_long_way_too(text: str) -> None:
    # The short cut (str.isprintable) must agree with the substitutions: a tab sends the
    # same text through them.
    if text.isprintable():
        assert printable(text) == text
        assert printable(text + "\t") == text + " "


@pytest.mark.parametrize(
    ("text", "nothing"),
    [
        ("\u202e", True),
        ("\u200b \u2060", True),
        ("\u3164", True),
        ("\x1b[31m", True),
        ("", True),
        ("a\u202e", False),
        ("-", False),
    ],
)
def test_shows_nothing(text: str, nothing: bool) -> None:
    assert shows_nothing(text) is nothing


def test_dotted_path_quotes_what_is_not_a_plain_key() -> None:
    assert dotted_path(("answers", "find.marketing.value", "risk")) == "answers.find.marketing.value.risk"
    assert dotted_path(("stages", 0, "\x1b]0;x\x07", 2)) == "stages[0]['\\x1b]0;x\\x07'][2]"
    assert dotted_path(("\u202eq",)) == "['\\u202eq']"
