"""How the code cell indents as the learner types Python: pure rules, tested without a screen."""

from __future__ import annotations

import re

INDENT = 4  # spaces per level, as PEP 8 and IPython
# A line that ends its block: the next line goes one level out (as IPython does).
_BLOCK_ENDS = re.compile(r"^\s*(return|pass|break|continue|raise)\b")


def indent_after_enter(line_before_cursor: str, line: str) -> str:
    """The indent of the line Enter opens below ``line`` (cursor after ``line_before_cursor``)."""
    indent = line[: len(line) - len(line.lstrip())]
    if line_before_cursor.rstrip().endswith(":"):
        return indent + " " * INDENT
    if _BLOCK_ENDS.match(line_before_cursor):
        return indent[:-INDENT] if len(indent) >= INDENT else ""
    return indent


def dedent_width(line_before_cursor: str) -> int:
    """Characters Backspace removes: back to the previous indent stop inside leading spaces,
    else one (0 when the cursor is not in leading spaces)."""
    column = len(line_before_cursor)
    if column == 0 or line_before_cursor.strip(" "):
        return 0
    return (column - 1) % INDENT + 1
