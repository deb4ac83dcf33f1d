"""Text from outside (lessons, notes, kernels, checks, mpv, file names) made safe to draw.

One rule for the whole app: such text is data. It is never parsed as markup (the UI wraps it in
Rich `Text`, see ui/widgets/safe_text.py), and before it is drawn every control character other
than newline and tab becomes a visible symbol, so no string can move the cursor, clear the screen,
rename the terminal or write the clipboard. Terminal strings (OSC, DCS, APC, PM, SOS: titles,
clipboard writes, hyperlinks) are dropped whole, payload included: their payload is never text
meant for the reader.
"""

from __future__ import annotations

import re

# ESC ] ... (OSC), ESC P ... (DCS), ESC X (SOS), ESC ^ (PM), ESC _ (APC), and their one-byte C1
# forms, up to BEL, ST (ESC \ or 0x9c) or the end of the line: a terminal would swallow all of it.
_TERMINAL_STRING = re.compile(r"(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x9c\n]*?(?:\x07|\x1b\\|\x9c|(?=\n)|\Z)")
_KEPT = frozenset("\n\t")


def _visible_symbols() -> dict[int, str]:
    table = {code: chr(0x2400 + code) for code in range(0x20) if chr(code) not in _KEPT}  # ␀ ␁ ... ␛ ...
    table[0x7F] = "\u2421"  # ␡
    table.update(dict.fromkeys(range(128, 160), "�"))  # C1 controls have no symbols
    return table


_VISIBLE = _visible_symbols()
_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def drop_terminal_strings(text: str) -> str:
    """`text` without OSC/DCS/APC/PM/SOS sequences (ANSI colours and the rest are left alone)."""
    if "\x1b" not in text and not _has_c1_introducer(text):
        return text
    return _TERMINAL_STRING.sub("", text)


def show_controls(text: str) -> str:
    """Every control character except newline and tab replaced one-for-one by a visible symbol.

    One character for one keeps the offsets of styled spans valid, so it can be applied to the
    plain text of an already styled line.
    """
    if _UNSAFE.search(text) is None:
        return text
    return text.translate(_VISIBLE)


def clean_text(text: object) -> str:
    """`text` as a string that is safe to draw: terminal strings dropped, other controls visible."""
    value = text if isinstance(text, str) else str(text)
    return show_controls(drop_terminal_strings(value))


def has_controls(text: str) -> bool:
    """True when `text` holds a control character other than newline and tab."""
    return _UNSAFE.search(text) is not None


def _has_c1_introducer(text: str) -> bool:
    return any(char in text for char in "\x90\x98\x9d\x9e\x9f")
