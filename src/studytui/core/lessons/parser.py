"""Reading one lesson file: its front matter (front_matter.py), chapter headings and exercise
containers (exercise_parser.py), put together into a Lesson.

The format is described in docs/lesson-format.md. Every problem carries its file line; a file
that cannot be loaded raises LessonError (and nothing else), listing every fatal problem.
"""

from __future__ import annotations

import re
from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.container import container_plugin
from mdit_py_plugins.front_matter import front_matter_plugin

from studytui.core.lessons.exercise_parser import scan_exercises
from studytui.core.lessons.front_matter import LONGEST, MAX_DURATION, quoted_short, read_front_matter
from studytui.core.lessons.model import Chapter, Lesson, LessonError, LessonProblem
from studytui.core.text import clean_text
from studytui.core.timecode import format_time, parse_time

# Something that tries to be a video time at the start of a heading: digits separated by
# colons, followed by the end, whitespace or a separator. `1:2:3` and `00:61:00` match here
# and are then rejected by parse_time, so a typo is reported instead of silently ignored.
_HEADING_TIME = re.compile(r"^(?P<time>\d+(?::\d+)+)(?=$|[\s\-\u2013\u2014|])")
_INLINE_MARKUP = re.compile(r"[*_`\[\]\\!<>&~]")
_TITLE_SEPARATORS = " \t-\u2013\u2014|:"

# Block structure only: inline markup is parsed just for headings (by _INLINE), which halves
# the time a long lesson takes to load.
_MARKDOWN = (
    MarkdownIt("commonmark").use(front_matter_plugin).use(container_plugin, "exercise").disable("inline")
)
_INLINE = MarkdownIt("commonmark")


def parse_lesson(path: Path) -> Lesson:
    """Read and parse one lesson file. Raises LessonError (only) when it cannot be loaded."""
    try:
        text = path.read_bytes().decode("utf-8")
    except OSError as error:
        raise LessonError([LessonProblem(path, 1, f"cannot read file: {error.strerror or error}")]) from None
    except UnicodeDecodeError as error:
        raise LessonError(
            [LessonProblem(path, 1, f"not UTF-8 text (bad byte at offset {error.start})")]
        ) from None
    return parse_lesson_text(text, path)


def parse_lesson_text(text: str, path: Path) -> Lesson:
    """Parse lesson markdown. Raises LessonError, listing every fatal problem, and nothing else."""
    try:
        return _LessonParser(text, path).parse()
    except LessonError:
        raise
    except Exception as error:  # a parser bug must not take the outline down with it
        raise LessonError([LessonProblem(path, 1, f"cannot parse lesson: {error}")]) from None


class _LessonParser:
    def __init__(self, text: str, path: Path) -> None:
        self.path = path
        # A NUL is no text (Python refuses it in code too), and markdown-it would turn it into a
        # visible U+FFFD that the outside-text rule leaves alone: it goes before parsing.
        self.text = text.removeprefix("\ufeff").replace("\x00", "")
        # Split exactly where markdown-it does (str.splitlines also breaks on form feeds and
        # U+2028, which would shift every line number after them).
        self.lines = self.text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        self.fatal: list[LessonProblem] = []
        self.warnings: list[LessonProblem] = []

    def problem(self, line: int, message: str) -> None:
        self.fatal.append(LessonProblem(self.path, line, message))

    def warn(self, line: int, message: str) -> None:
        self.warnings.append(LessonProblem(self.path, line, message))

    def _take(self, fatal: list[tuple[int, str]], warnings: list[tuple[int, str]]) -> None:
        """Problems found by a part of the parse, as (1-based line, message)."""
        for line, message in fatal:
            self.problem(line, message)
        for line, message in warnings:
            self.warn(line, message)

    def parse(self) -> Lesson:
        tokens = _MARKDOWN.parse(self.text)
        front = read_front_matter(tokens, self.lines, self.path)
        self._take(front.fatal, front.warnings)
        meta, body_start = front.meta, front.body_start
        chapters_raw = self._chapter_headings(tokens)
        scan = scan_exercises(tokens, self.lines, [row for row, _, _ in chapters_raw])
        self._take(scan.fatal, scan.warnings)
        if self.fatal:
            raise LessonError(sorted(self.fatal, key=lambda p: p.line))
        assert meta is not None

        # Exercise containers are not part of the outline text: their checks are hidden.
        visible = [line for row, line in enumerate(self.lines) if row not in scan.hidden_rows]
        shift = [0] * (len(self.lines) + 1)
        for row in range(len(self.lines)):
            shift[row + 1] = shift[row] + (row in scan.hidden_rows)
        chapters = self._chapters(chapters_raw, visible, shift)
        first_chapter_row = chapters_raw[0][0] if chapters_raw else len(self.lines)
        intro = "\n".join(visible[body_start - shift[body_start] : first_chapter_row - shift[first_chapter_row]])
        self._check_chapter_times(chapters, meta["duration"])
        return Lesson(
            path=self.path,
            id=meta["id"],
            title=meta["title"],
            course=meta["course"],
            duration=meta["duration"],
            video=meta["video"],
            order=meta["order"],
            chapters=chapters,
            intro=clean_text(intro.strip()),
            warnings=tuple(sorted(self.warnings, key=lambda p: p.line)),
            exercises=tuple(scan.exercises),
            duration_approximate=meta["duration_approximate"],
            prerequisites=meta["prerequisites"],
            resources=meta["resources"],
            requires=meta["requires"],
            transcript=meta["transcript"],
        )

    # -- chapters

    def _chapter_headings(self, tokens: list[Token]) -> list[tuple[int, float, str]]:
        """(0-based row, start seconds, title) of every top-level chapter heading, in file order."""
        found: list[tuple[int, float, str]] = []
        for index, token in enumerate(tokens):
            if token.type != "heading_open" or token.level != 0 or token.map is None:
                continue
            text = _plain_text(tokens[index + 1].content)
            match = _HEADING_TIME.match(text)
            if match is None:
                continue
            row = token.map[0]
            line = row + 1
            if token.tag == "h1":
                self.warn(line, "a '#' heading is not a chapter: use '##' for chapter headings")
                continue
            try:
                start = float(parse_time(match["time"]))
            except ValueError as error:
                self.problem(line, f"bad chapter time {quoted_short(match['time'])}: {quoted_short(str(error), 100)}")
                continue
            if start > MAX_DURATION:
                self.problem(
                    line, f"chapter time {quoted_short(match['time'])} is after {LONGEST}: no video is that long"
                )
                continue
            title = clean_text(text[match.end():].lstrip(_TITLE_SEPARATORS)).strip()
            if not title:
                self.warn(line, f"chapter at {format_time(start)} has no title")
            found.append((row, start, title))
        return found

    def _chapters(
        self, headings: list[tuple[int, float, str]], visible: list[str], shift: list[int]
    ) -> tuple[Chapter, ...]:
        chapters = []
        for position, (row, start, title) in enumerate(headings):
            end = headings[position + 1][0] if position + 1 < len(headings) else len(self.lines)
            summary = "\n".join(visible[row + 1 - shift[row + 1] : end - shift[end]]).strip()
            chapters.append(Chapter(start=start, title=title, line=row + 1, summary=clean_text(summary)))
        return tuple(chapters)

    def _check_chapter_times(self, chapters: tuple[Chapter, ...], duration: float) -> None:
        if duration == 0 and chapters:
            self.warn(chapters[0].line, "chapter times in a lesson without a video and duration: give it both, "
                      "or write its headings without a time")
            return
        previous: Chapter | None = None
        for chapter in chapters:
            if previous is not None:
                if chapter.start == previous.start:
                    self.warn(
                        chapter.line,
                        f"chapter time {format_time(chapter.start)} repeats the chapter on line {previous.line}",
                    )
                elif chapter.start < previous.start:
                    self.warn(
                        chapter.line,
                        f"chapter time {format_time(chapter.start)} is before the previous chapter "
                        f"({format_time(previous.start)}, line {previous.line})",
                    )
            if chapter.start >= duration:
                self.warn(
                    chapter.line,
                    f"chapter starts at {format_time(chapter.start)}, at or after the end of the video "
                    f"({format_time(duration)})",
                )
            previous = chapter


def _plain_text(markdown: str) -> str:
    """Heading text without markdown markup (`**00:10** The *Value*` -> `00:10 The Value`)."""
    markdown = markdown.strip()
    if not _INLINE_MARKUP.search(markdown):
        return markdown  # the common case; inline parsing is the slow part of a long lesson
    parts: list[str] = []
    for inline in _INLINE.parseInline(markdown):
        parts.extend(_child_texts(inline))
    return "".join(parts).strip()


def _child_texts(inline: Token) -> list[str]:
    parts: list[str] = []
    for child in inline.children or ():
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type == "image":
            parts.append(child.content)
    return parts
