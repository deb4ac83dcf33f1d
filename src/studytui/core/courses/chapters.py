"""A chapter heading added to a lesson file while watching: `## <video time> <title>` at its place in time order.

The app writes the heading with its time first (the outline shows it at once), then its title once
the learner has typed it (`retitle_chapter`), or takes it out again (`remove_chapter`). Both find
the heading by the exact line written, so a file edited meanwhile elsewhere is never written over:
a heading no longer there as written is left alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import studytui.core.lessons as lessons  # its parser loads with the first chapter added, not at launch
from studytui.core.courses.lesson_text import heading_time
from studytui.core.courses.slugs import one_line
from studytui.core.files import read_regular_text, write_text_atomic
from studytui.core.lessons import LessonError


@dataclass(frozen=True)
class ChapterPlace:
    """Where the new heading is: its 1-based line in the file, and the 0-based column where its title starts."""

    line: int
    column: int
    heading: str = ""  # the line as written
    blank_before: bool = False  # a blank line was put before it
    blank_after: bool = False  # and after it


class ChapterGone(Exception):
    """The heading is no longer in the file as it was written (edited or removed meanwhile)."""


def insert_chapter(path: Path, seconds: float, title: str = "") -> ChapterPlace:
    """Write `## <time> <title>` into the lesson file at `path`, before the first chapter that starts
    later (so chapters stay in time order), or at the end; a blank line either side. The file is
    replaced atomically. Returns where the title is, for the cursor. Raises OSError (RefusedFile for a
    link or anything but a regular file) and UnicodeDecodeError as reading and writing do.
    """
    text, newline = _read(path)
    lines = text.splitlines()
    prefix = f"## {heading_time(seconds)} "
    heading = prefix + one_line(title)
    at = len(lines)  # 0-based index the heading goes to
    try:
        later = [chapter.line for chapter in lessons.parse_lesson_text(text, path).chapters if chapter.start > seconds]
        if later:
            at = min(later) - 1
    except LessonError:
        pass  # a broken file: the heading goes at the end, where it breaks nothing more
    before = [""] if at > 0 and lines[at - 1].strip() else []
    after = [""] if at < len(lines) else []
    lines[at:at] = [*before, heading, *after]
    write_text_atomic(path, newline.join(lines) + newline)
    return ChapterPlace(at + len(before) + 1, len(prefix), heading, bool(before), bool(after))


def retitle_chapter(path: Path, place: ChapterPlace, title: str) -> ChapterPlace:
    """The heading written at `place` with `title` after its time. Raises ChapterGone, and as
    `insert_chapter` does."""
    text, newline = _read(path)
    lines = text.splitlines()
    index = _find(lines, place)
    heading = place.heading[: place.column] + one_line(title)
    if heading != place.heading:
        lines[index] = heading
        write_text_atomic(path, newline.join(lines) + newline)
    return ChapterPlace(index + 1, place.column, heading, place.blank_before, place.blank_after)


def remove_chapter(path: Path, place: ChapterPlace) -> None:
    """Take the heading written at `place` out again, with the blank lines put beside it. Raises
    ChapterGone, and as `insert_chapter` does."""
    text, newline = _read(path)
    lines = text.splitlines()
    index = _find(lines, place)
    del lines[index]
    if place.blank_after and index < len(lines) and not lines[index].strip():
        del lines[index]
    if place.blank_before and index > 0 and not lines[index - 1].strip():
        del lines[index - 1]
    write_text_atomic(path, newline.join(lines) + newline if lines else "")


def _read(path: Path) -> tuple[str, str]:
    """The file's text and its newline; never read through a link (the write would replace it)."""
    text = read_regular_text(path, follow_links=False)
    return text, "\r\n" if "\r\n" in text else "\n"


def _find(lines: list[str], place: ChapterPlace) -> int:
    """The 0-based index of the heading as written: at its line, else the nearest line that is it."""
    if 0 < place.line <= len(lines) and lines[place.line - 1] == place.heading:
        return place.line - 1
    found = [index for index, line in enumerate(lines) if line == place.heading]
    if not place.heading or not found:
        raise ChapterGone(f"the heading {place.heading.strip()!r} is no longer in the file as it was written")
    return min(found, key=lambda index: abs(index - (place.line - 1)))
