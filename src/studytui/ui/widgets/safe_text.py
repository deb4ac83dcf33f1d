"""Outside text as Rich `Text`: never parsed as markup, no control character reaches the terminal.

Every widget that shows text from lessons, notes, kernels, checks, mpv or file names builds it
here (see core/text.py for the rule).
"""

from __future__ import annotations

from rich.style import StyleType
from rich.text import Text

from studytui.core.text import clean_text, drop_terminal_strings, show_controls


def data_text(value: object, style: StyleType = "") -> Text:
    """`value` shown literally: `[b]` stays `[b]`, control characters become visible symbols."""
    return Text(clean_text(value), style=style)


def ansi_text(value: str, style: StyleType = "") -> Text:
    """Kernel output with its ANSI colours; terminal strings (OSC titles, clipboard) dropped whole."""
    text = Text.from_ansi(drop_terminal_strings(value), style=style)
    # Rich drops the escapes it understands; anything left (a lone ESC, NUL...) is made visible.
    # One symbol per character keeps every colour span where it was.
    text.plain = show_controls(text.plain)
    return text
