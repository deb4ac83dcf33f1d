"""Outside text as Rich Text: whatever the input, no control character is drawn and no markup parsed."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from rich.console import Console

from studytui.ui.widgets.safe_text import ansi_text, data_text
from tests.hostile import CLICK, HOSTILE, MARKERS, unsafe_characters

_ANY = st.text(st.characters(codec="utf-8"), max_size=200)
_TERMINAL_ISH = st.lists(
    st.sampled_from(["\x1b", "]", "[", "0;", "52;c;", "\x07", "\x1b\\", "2J", "31m", "\x9b", "\x9d", "\n", "\r", "x",
                     "[/]", "[b]", "\x00", "\t", "\u202e", "\u2067"]),
    max_size=40,
).map("".join)


def drawn(text) -> str:
    """What Rich would write to a terminal for `text`, without styles."""
    console = Console(width=80, color_system=None, force_terminal=False, legacy_windows=False)
    with console.capture() as capture:
        console.print(text)
    return capture.get()


@given(st.one_of(_ANY, _TERMINAL_ISH))
def test_data_text_never_draws_a_control_character(value):
    text = data_text(value)
    assert not unsafe_characters(text.plain)
    assert not unsafe_characters(drawn(text))
    assert text.spans == [] or all(span.style == "" for span in text.spans), "no markup was parsed"


@given(st.one_of(_ANY, _TERMINAL_ISH))
def test_ansi_text_never_draws_a_control_character(value):
    assert not unsafe_characters(ansi_text(value).plain)


def test_markup_stays_literal_and_osc_payloads_go():
    assert data_text(CLICK).plain == CLICK
    shown = ansi_text(HOSTILE).plain
    assert CLICK in shown and not any(marker in shown for marker in MARKERS)
    coloured = ansi_text("\x1b[31mred\x1b[0m \x00 plain\u202e")
    assert coloured.plain == "red  plain" and coloured.spans[0].end == 3, "colours kept where they were"
