"""The one rule for outside text (core/text.py): escapes dropped whole, control and bidi characters
stripped, emoji joiners and modifiers taken out so Rich measures what a terminal draws."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

from studytui.core.text import clean_ansi, clean_text, has_controls, is_clean, show_controls
from tests.hostile import BIDI_CONTROLS, CLICK, HOSTILE_LINE, HOSTILE_LINE_SHOWN, MARKERS, unsafe_characters

_ANY = st.text(st.characters(codec="utf-8"), max_size=200)
_TERMINAL_ISH = st.lists(
    st.sampled_from(["\x1b", "]", "[", "0;", "52;c;", "\x07", "\x1b\\", "2J", "31m", "\x9b", "\x9d", "\n", "\r", "x",
                     "[/]", "[b]", "\x00", "\t", "\u202e", "\u2066", "\u200f", "\u200d", "\ufe0f", "👍", "🏽"]),
    max_size=40,
).map("".join)


def test_escapes_go_whole_and_controls_are_stripped_not_shown():
    raw = "a\x1b]0;title\x07b\x1b]52;c;Y2xpcA==\x1b\\c\x1b[2Jd\x00e\x9b1mf\tg\nh\x7f\x1bcij\x1b"
    assert clean_text(raw) == "abcdef\tg\nhij"
    assert clean_text("x\x1b]8;;http://a\x1b\\link\x1b]8;;\x1b\\y") == "xlinky", "a hyperlink keeps its words"
    assert clean_text("unterminated \x1b]0;junk\nnext line") == "unterminated \nnext line"
    assert clean_text("\r\n") == "\n" and clean_text("\ud800x") == "x"
    assert clean_text("\ud83d\udc4d \udc4d") == "👍 ", "a pair is a character, a lone half is dropped"


def test_bidi_controls_are_stripped_and_the_words_kept():
    assert clean_text("user\u202etxt.exe") == "usertxt.exe"
    for char in BIDI_CONTROLS:
        assert clean_text(f"a{char}b") == "ab", unicodedata.name(char)
    assert clean_text("שלום world") == "שלום world", "right-to-left letters are text"


def test_markup_stays_text():
    assert clean_text(CLICK) == CLICK
    assert clean_text(HOSTILE_LINE) == HOSTILE_LINE_SHOWN


def test_ansi_colours_are_kept_for_the_decoder_and_nothing_else():
    assert clean_ansi("\x1b[31mred\x1b[0m \x00\x1b[2J\x1b]0;PWNED\x07 plain\u202e") == "\x1b[31mred\x1b[0m  plain"


@pytest.mark.parametrize(
    ("raw", "cleaned"),
    [
        ("👨\u200d👩\u200d👧", "👨👩👧"),  # a family: its three people, 6 cells everywhere
        ("👍🏽", "👍"),  # no skin tone: Rich measured it 0 cells, terminals 2
        ("☀\ufe0f", "☀"),  # text presentation: Rich measured 2, tmux and glibc 1
        ("1\ufe0f\u20e3", "1\u20e3"),
        ("🏴\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f", "🏴"),  # tag characters
        ("a\u200db", "ab"),  # Rich's joiner rule swallowed the b
        ("🇫🇷 漢字 e\u0301", "🇫🇷 漢字 e\u0301"),  # flags, CJK and combining marks are measured alike
        ("x\u3164y", "xy"),  # a Hangul filler: invisible, 0 cells in Rich, 2 in tmux
    ],
)
def test_characters_measured_differently_by_rich_and_terminals_are_taken_out(raw, cleaned):
    assert clean_text(raw) == cleaned


def test_what_is_left_of_emoji_is_measured_per_character():
    """Once joiners and modifiers are out, a string is as wide as its characters: the sum terminals use."""
    text = clean_text("👨\u200d👩\u200d👧 👍🏽 ☀\ufe0f")
    assert cell_len(text) == sum(cell_len(char) for char in text) == 6 + 1 + 2 + 1 + 1


@given(st.one_of(_ANY, _TERMINAL_ISH))
def test_nothing_unsafe_is_ever_left(value):
    cleaned = clean_text(value)
    assert not unsafe_characters(cleaned)
    assert is_clean(cleaned) and clean_text(cleaned) == cleaned, "cleaning twice changes nothing"
    assert not any(marker in cleaned for marker in MARKERS)


@given(st.one_of(_ANY, _TERMINAL_ISH))
def test_the_ansi_form_leaves_only_colour_sequences(value):
    cleaned = clean_ansi(value).replace("\x1b[", "")
    assert not unsafe_characters(cleaned)


def test_an_editor_shows_the_learners_own_controls_one_symbol_for_one():
    assert show_controls("\x1b[31mred\x00") == "␛[31mred␀"
    assert has_controls("a\x00") and not has_controls("a\tb\n")
