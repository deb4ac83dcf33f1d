"""A lesson's prose as a reader sees it: paragraphs kept, the source's hard line breaks gone.

A lesson file wraps its text at some column; markdown joins those lines into one paragraph, and so
does the code pane, which wraps it again at its own width. Lists, quotes, headings, indented or
fenced code and a line ending with two spaces (markdown's own line break) keep their lines.
"""

from __future__ import annotations

import re

_OWN_LINE = re.compile(r"^\s*(?:[-*+]\s|\d+[.)]\s|>|#|\|)")
_FENCE = re.compile(r"^\s*(```|~~~)")


def reflow(text: str) -> str:
    """`text` with each paragraph's lines joined by a space, blank lines between paragraphs kept."""
    out: list[str] = []
    joinable = False  # the last line out is prose that the next prose line continues
    fenced = False
    for line in text.split("\n"):
        if _FENCE.match(line):
            fenced = not fenced
            out.append(line)
            joinable = False
            continue
        if fenced or not line.strip() or line.startswith(("    ", "\t")):
            out.append(line)
            joinable = False
            continue
        if joinable and not _OWN_LINE.match(line):
            out[-1] = f"{out[-1].rstrip()} {line.strip()}"
        else:
            out.append(line)
        joinable = not line.endswith("  ")
    return "\n".join(out)
