"""Ids and file names made from titles a stranger wrote: safe slugs, bounded, unique."""

from __future__ import annotations

import re
import unicodedata

from studytui.core.text import clean_text

COURSE_SLUG_LENGTH = 40
LESSON_SLUG_LENGTH = 40
TITLE_LENGTH = 200  # characters of a title kept in a lesson file
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
_SPACES = re.compile(r"\s+")
_NUMBER_PARTS = re.compile(r"(\d+)")


def slug(text: str, limit: int, fallback: str) -> str:
    """Lowercase ASCII letters and digits joined by '-', at most `limit` characters; `fallback`
    when nothing is left (a title in another script, or only punctuation)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    words = _NOT_SLUG.sub("-", ascii_text.lower()).strip("-")
    cut = words[:limit].rstrip("-")
    return cut or fallback


def one_line(text: object, limit: int = TITLE_LENGTH) -> str:
    """A title as one line of safe text: terminal strings dropped, controls visible, whitespace
    runs made one space, cut at `limit` characters with an ellipsis."""
    line = _SPACES.sub(" ", clean_text(text)).strip()
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


def natural_key(text: str) -> tuple[tuple[int, int | str], ...]:
    """Sort key that puts `2 - x` before `10 - y`: digit runs compare as numbers."""
    parts = (part for part in _NUMBER_PARTS.split(text) if part)
    return tuple((0, int(part)) if part.isdigit() else (1, part.casefold()) for part in parts)
