"""Stamps as the editor shows them (`[19:11]`) and as the file keeps them (`[19:11](video link)`).

The stamps of notes (`- [19:11] ...`) and of quotes of the lecture (`> [19:11] "..."`) alike.

In a 60-column pane a 45-character link before every note leaves no room for the note. The editor
holds the short form; the file keeps the link, so it opens the video at that second anywhere.
Only links to the lesson's own video at the stamp's second are shortened (any other link stays as
written), and a short stamp gets that link back when the notes are saved. One regex pass over the
text, on load and on save (about once a second), never per key.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from studytui.core.timecode import parse_time

LinkFor = Callable[[float], "str | None"]  # the video link for a second, or None (no online video)

_TIME = r"\d+(?::\d{2}){1,2}"
# The start of a stamped bullet (document.STAMP's) or a quote of the lecture (quotes.QUOTE's), with
# its link or without one: one pass of the regex engine over the whole text, not a Python loop
# over its lines.
_START = rf"[ \t]*(?:[-*+][ \t]+|>[ \t]*)\[(?P<time>{_TIME})\]"
_LINKED = re.compile(rf"^(?P<head>{_START})\((?P<link>[^)\s]*)\)", re.MULTILINE)
_SHORT = re.compile(rf"^(?P<head>{_START})(?!\()", re.MULTILINE)


def compact_stamps(document: str, link_for: LinkFor) -> str:
    """`[19:11](link)` -> `[19:11]` where the link is the lesson's own for that second."""
    if "](" not in document:
        return document

    def shorten(match: re.Match[str]) -> str:
        own = match["link"] == _link(match["time"], link_for)
        return match["head"] if own else match[0]

    return _LINKED.sub(shorten, document)


def expand_stamps(document: str, link_for: LinkFor) -> str:
    """`[19:11]` -> `[19:11](link)`: what the file keeps."""

    def lengthen(match: re.Match[str]) -> str:
        link = _link(match["time"], link_for)
        return f"{match['head']}({link})" if link else match[0]

    return _SHORT.sub(lengthen, document)


def _link(time: str, link_for: LinkFor) -> str | None:
    """The video link for a stamp's time; None for a time that is none (`[00:75]`: left as typed)."""
    try:
        return link_for(parse_time(time))
    except ValueError:
        return None
