"""A chapter heading added to a lesson file while watching: `## <video time> <title>` at its place in time order."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from studytui.core.courses.lesson_text import heading_time
from studytui.core.courses.slugs import one_line
from studytui.core.files import write_text_atomic
from studytui.core.lessons import LessonError, parse_lesson


@dataclass(frozen=True)
class ChapterPlace:
    """Where the new heading is: its 1-based line in the file, and the 0-based column where its title starts."""

    line: int
    column: int


def insert_chapter(path: Path, seconds: float, title: str = "") -> ChapterPlace:
    """Write `## <time> <title>` into the lesson file at `path`, before the first chapter that starts
    later (so chapters stay in time order), or at the end; a blank line either side. The file is
    replaced atomically. Returns where the title is, for the cursor. Raises OSError and
    UnicodeDecodeError as reading and writing do.
    """
    text = path.read_bytes().decode("utf-8")
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = text.splitlines()
    prefix = f"## {heading_time(seconds)} "
    heading = prefix + one_line(title)
    at = len(lines)  # 0-based index the heading goes to
    try:
        later = [chapter.line for chapter in parse_lesson(path).chapters if chapter.start > seconds]
        if later:
            at = min(later) - 1
    except LessonError:
        pass  # a broken file: the heading goes at the end, where it breaks nothing more
    before = [""] if at > 0 and lines[at - 1].strip() else []
    after = [""] if at < len(lines) else []
    lines[at:at] = [*before, heading, *after]
    write_text_atomic(path, newline.join(lines) + newline)
    return ChapterPlace(at + len(before) + 1, len(prefix))
