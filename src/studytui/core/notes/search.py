"""Searching the notes: one lesson's (alt+f), or every lesson's (the palette), as vim's `/` would.

A line matches when it holds every word typed, in any case and order. A hit carries the time to
move the clock to: its note's stamp, or for a line that is no note, the chapter heading above it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from studytui.core.files import read_regular_text
from studytui.core.notes.document import TIMED_HEADING, read_stamp, stamp_at_line
from studytui.core.notes.file import LARGEST_NOTES
from studytui.core.timecode import format_time, parse_time

HITS_KEPT = 200


@dataclass(frozen=True)
class NoteHit:
    lesson_id: str
    row: int  # the line in the notes, from 0
    seconds: float | None  # the note's stamp (or its chapter's start); None before any
    text: str  # the line's words, without its stamp's link


def search_notes(document: str, query: str, lesson_id: str = "", limit: int = HITS_KEPT) -> list[NoteHit]:
    """The lines of `document` holding every word of `query`, in order (the title line left out)."""
    words = query.lower().split()
    if not words:
        return []
    hits: list[NoteHit] = []
    lines = document.split("\n")
    heading_time: float | None = None
    for row, line in enumerate(lines):
        heading = TIMED_HEADING.match(line)
        if heading is not None:
            heading_time = _seconds(heading["time"])
        if row == 0 and line.startswith("# "):
            continue
        lowered = line.lower()
        if not all(word in lowered for word in words):
            continue
        stamp = stamp_at_line(document, row)
        own = read_stamp(line, row)
        text = f"[{format_time(own.seconds)}] {own.text}" if own is not None else line.strip()
        hits.append(NoteHit(lesson_id, row, stamp.seconds if stamp is not None else heading_time, text))
        if len(hits) >= limit:
            break
    return hits


def search_notes_files(notes: Iterable[tuple[str, str]], query: str, limit: int = HITS_KEPT) -> list[NoteHit]:
    """Hits in each (lesson id, notes text), in the order given (the outline's)."""
    hits: list[NoteHit] = []
    for lesson_id, document in notes:
        hits += search_notes(document, query, lesson_id, limit - len(hits))
        if len(hits) >= limit:
            break
    return hits


def read_notes_text(path: Path) -> str | None:
    """A notes file's text to search; None when it is missing, not a plain file, too large or not UTF-8."""
    try:
        return read_regular_text(path, limit=LARGEST_NOTES)
    except (OSError, UnicodeDecodeError):
        return None


def _seconds(time: str) -> float | None:
    try:
        return parse_time(time)
    except ValueError:
        return None
