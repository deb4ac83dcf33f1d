"""Outside text as Rich `Text`: never parsed as markup, no control character reaches the terminal.

Every widget that shows text from lessons, notes, kernels, checks, mpv or file names builds it
here (see core/text.py for the rule).
"""

from __future__ import annotations

from rich.style import StyleType
from rich.text import Text

from studytui.core.text import clean_ansi, clean_text


def data_text(value: object, style: StyleType = "") -> Text:
    """`value` shown literally: `[b]` stays `[b]`, control and bidi characters are taken out."""
    return Text(clean_text(value), style=style)


def ansi_text(value: str, style: StyleType = "") -> Text:
    """Kernel output with its ANSI colours; every other sequence and control character taken out."""
    return Text.from_ansi(clean_ansi(value), style=style)
