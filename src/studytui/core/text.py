"""Text that did not come from the learner (lessons, transcripts, kernels, servers, mpv, file names) made
safe to show and to write.

One rule for the whole app: such text is data. `clean_text` is applied where it enters (the lesson
parser, the transcript reader, the command line's output) and takes out:

- terminal strings (OSC, DCS, SOS, PM, APC: titles, clipboard writes, hyperlinks), whole with their
  payload, and escape sequences (CSI and the others), whole with their parameters;
- every other control character but newline and tab (C0, DEL, C1) and lone surrogates (a pair, as
  YAML reads JSON's `\\ud83d\\udc4d`, becomes the character it stands for);
- the bidi controls, every character with Unicode's Bidi_Control property: the embeddings,
  overrides and isolates (U+202A-U+202E, U+2066-U+2069) and the marks (U+200E, U+200F, U+061C).
  They are invisible and exist only to reorder what is around them; a terminal that applies bidi
  would show a reordered line;
- the characters that join or restyle emoji and that terminals draw at different widths: the zero
  width joiner (a family emoji is 2 cells in Rich and tmux, 6 where each character is measured on
  its own, as glibc's wcwidth does), the variation selectors 15 and 16 (`☀️` is 2 cells in Rich, 1
  in tmux), the skin-tone modifiers (2 cells in tmux, none in Rich), the tag characters of
  subdivision flags, and the Hangul fillers. What is left is measured
  the same by Rich and by the terminal, so a title with emoji keeps the borders around it straight.
  The emoji themselves stay: a family becomes its three people, a thumb loses its skin tone.

What is left is shown as Rich `Text`, never parsed as markup (ui/widgets/safe_text.py), and written
into files as it is. The learner's own notes are not cleaned: the editor shows their control
characters as visible symbols (`show_controls`) and saves them unchanged.
"""

from __future__ import annotations

import re

# ESC ] ... (OSC), ESC P ... (DCS), ESC X (SOS), ESC ^ (PM), ESC _ (APC), and their one-byte C1
# forms, up to BEL, ST (ESC \ or 0x9c) or the end of the line: a terminal would swallow all of it.
_TERMINAL_STRING = r"(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x9c\n]*?(?:\x07|\x1b\\|\x9c|(?=\n)|\Z)"
_CSI = r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]"  # ECMA-48: parameters, intermediates, a final byte
_ESCAPE = r"\x1b[ -/]*[0-~]"  # the other escape sequences: ESC, intermediates, a final byte
_CONTROLS = r"\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff"
_BIDI = r"\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
# Drawn at a width Rich and terminals disagree on (measured against tmux: docs/lesson-format.md).
_WIDTH_TROUBLE = r"\u200d\ufe0e\ufe0f\u3164\uffa0\U0001f3fb-\U0001f3ff\U000e0000-\U000e007f"
_UNSAFE_CHARACTER = re.compile(f"[{_CONTROLS}{_BIDI}{_WIDTH_TROUBLE}]")
_DROPPED = re.compile(f"{_TERMINAL_STRING}|{_CSI}|{_ESCAPE}|[{_CONTROLS}{_BIDI}{_WIDTH_TROUBLE}]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_CONTROL_OR_BIDI = re.compile(f"[{_CONTROLS}{_BIDI}]")
_SGR = re.compile(r"\x1b\[[0-9;:]*m")  # colours and styles: the only sequences Rich's ANSI decoder keeps

_KEPT = frozenset("\n\t")
_SHOWN_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean_text(text: object) -> str:
    """`text` as a string safe to draw and to write: see the module's docstring for what goes."""
    value = text if isinstance(text, str) else str(text)
    if _UNSAFE_CHARACTER.search(value) is None:
        return value
    return _DROPPED.sub("", _paired(value))


def clean_ansi(text: str) -> str:
    """As `clean_text`, but colour and style sequences (SGR) stay, for Rich's ANSI decoder."""
    if _UNSAFE_CHARACTER.search(text) is None:
        return text
    return _DROPPED.sub(lambda match: match[0] if _SGR.fullmatch(match[0]) else "", text)


def _paired(text: str) -> str:
    """Surrogate pairs joined into the characters they stand for (YAML reads JSON's `\\ud83d\\udc4d` as
    two halves); a lone half stays, for the caller to drop."""
    if _SURROGATE.search(text) is None:
        return text
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "surrogatepass")


def one_line(text: str) -> str:
    """`text` on one line: every run of whitespace (newlines included) one space."""
    return " ".join(text.split())


def is_clean(text: str) -> bool:
    """True when `clean_text` would leave `text` as it is."""
    return _UNSAFE_CHARACTER.search(text) is None


def holds_controls(text: str) -> bool:
    """True when `text` holds a control or bidi character: what makes outside text worth a warning
    (an emoji joiner is only taken out; a file may hold it in good faith)."""
    return _CONTROL_OR_BIDI.search(text) is not None


def _visible_symbols() -> dict[int, str]:
    table = {code: chr(0x2400 + code) for code in range(0x20) if chr(code) not in _KEPT}  # ␀ ␁ ... ␛ ...
    table[0x7F] = "\u2421"  # ␡
    table.update(dict.fromkeys(range(128, 160), "�"))  # C1 controls have no symbols
    return table


_VISIBLE = _visible_symbols()


def show_controls(text: str) -> str:
    """For the learner's own text in an editor: each control character but newline and tab replaced,
    one for one, by a visible symbol (the document keeps the character; only the drawing changes)."""
    if _SHOWN_CONTROLS.search(text) is None:
        return text
    return text.translate(_VISIBLE)


def has_controls(text: str) -> bool:
    """True when `text` holds a control character other than newline and tab."""
    return _SHOWN_CONTROLS.search(text) is not None
