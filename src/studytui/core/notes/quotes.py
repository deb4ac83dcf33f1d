"""The lecture's own words in the notes: `> [12:34] "what was said"`, a quotation, never a note.

A quote is a markdown blockquote that starts with a stamp. It is not a stamped bullet, so it has no
note kind, is not counted as a note and is never checked for copied words: it says plainly that
the words are the lecturer's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from studytui.core.timecode import format_time, parse_time

_TIME = r"\d+(?::\d{2}){1,2}"
QUOTE = re.compile(rf"^\s*>\s*\[(?P<time>{_TIME})\](?:\((?P<link>[^)\s]*)\))?[ \t]?(?P<text>.*)$")


@dataclass(frozen=True)
class Quote:
    line: int  # 0-based
    seconds: float
    text: str  # the quoted words, without the quotation marks


def format_quote(seconds: float, words: str) -> str:
    words = " ".join(words.split()).replace('"', "'")
    return f'> [{format_time(seconds)}] "{words}"'


def read_quote(line: str, row: int = 0) -> Quote | None:
    """The quote on one line of notes, or None when the line is not a stamped quotation."""
    match = QUOTE.match(line)
    if match is None:
        return None
    try:
        seconds = parse_time(match["time"])
    except ValueError:
        return None
    return Quote(row, seconds, match["text"].strip().strip('"'))
