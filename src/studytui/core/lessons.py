"""Lesson files: the model, the markdown parser and the validator.

A lesson is a markdown file with YAML front matter and chapter headings that start with
a video time (`## 00:19:09 The Value object`). The format is described in docs/lesson-format.md.

Headless on purpose: no Textual import here, so the outline, the checker and the tests can
use it without a screen.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse

import yaml
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.front_matter import front_matter_plugin

from studytui.core.timecode import format_time, parse_time

__all__ = [
    "KNOWN_KEYS",
    "REQUIRED_KEYS",
    "BrokenLesson",
    "Chapter",
    "Course",
    "Lesson",
    "LessonError",
    "LessonLibrary",
    "LessonProblem",
    "check_lessons",
    "load_library",
    "parse_lesson",
    "parse_lesson_text",
]

REQUIRED_KEYS: tuple[str, ...] = ("title", "course", "duration")
KNOWN_KEYS: frozenset[str] = frozenset(
    {"id", "title", "course", "order", "video", "duration", "prerequisites", "resources"}
)
# Files in a lesson folder that describe the folder rather than being lessons.
_NOT_LESSONS = frozenset({"readme.md", "course.md"})

# Something that tries to be a video time at the start of a heading: digits separated by
# colons, followed by the end, whitespace or a separator. `1:2:3` and `00:61:00` match here
# and are then rejected by parse_time, so a typo is reported instead of silently ignored.
_HEADING_TIME = re.compile(r"^(?P<time>\d+(?::\d+)+)(?=$|[\s\-\u2013\u2014|])")
_INLINE_MARKUP = re.compile(r"[*_`\[\]\\!<>&~]")
_TITLE_SEPARATORS = " \t-\u2013\u2014|:"
_YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")
_YOUTUBE_HOSTS = frozenset(
    {"youtube.com", "www.youtube.com", "m.youtube.com", "music.youtube.com", "youtube-nocookie.com",
     "www.youtube-nocookie.com"}
)
_YOUTUBE_PATH_PREFIXES = ("/embed/", "/shorts/", "/live/", "/v/")


@dataclass(frozen=True)
class Chapter:
    start: float  # seconds from the video start
    title: str  # heading text after the time
    line: int  # 1-based line of the heading in the file
    summary: str  # markdown under the heading, up to the next chapter heading, stripped


@dataclass(frozen=True)
class LessonProblem:
    path: Path
    line: int  # 1-based
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


@dataclass(frozen=True)
class Lesson:
    path: Path
    id: str
    title: str
    course: str
    duration: float  # seconds
    video: str | None
    order: int
    chapters: tuple[Chapter, ...]
    intro: str
    warnings: tuple[LessonProblem, ...] = ()

    @cached_property
    def _chapter_order(self) -> tuple[list[float], list[int]]:
        """Chapter starts sorted ascending (ties keep file order), and their chapter indexes.

        Sorting makes chapter_at correct even for a file whose times go backwards (a warning).
        """
        ranked = sorted(range(len(self.chapters)), key=lambda i: (self.chapters[i].start, i))
        return [self.chapters[i].start for i in ranked], ranked

    def chapter_index_at(self, seconds: float) -> int | None:
        """Index of the chapter playing at `seconds`; None before the first chapter."""
        starts, indexes = self._chapter_order
        position = bisect.bisect_right(starts, seconds)
        if position == 0:
            return None
        return indexes[position - 1]

    def chapter_at(self, seconds: float) -> Chapter | None:
        """The chapter playing at `seconds` (the last one starting at or before it)."""
        index = self.chapter_index_at(seconds)
        return None if index is None else self.chapters[index]

    @property
    def youtube_id(self) -> str | None:
        """The YouTube video id when `video` is a YouTube URL, else None."""
        if not self.video:
            return None
        return _youtube_id(self.video)

    def video_link(self, seconds: float) -> str | None:
        """A link that opens the video at `seconds`, when the video is on YouTube."""
        video_id = self.youtube_id
        if video_id is None:
            return None
        return f"https://www.youtube.com/watch?v={video_id}&t={max(0, int(seconds))}s"


@dataclass(frozen=True)
class BrokenLesson:
    path: Path
    problems: tuple[LessonProblem, ...]  # at least one

    @property
    def title(self) -> str:
        return self.path.name


class LessonError(Exception):
    """A lesson file that cannot be loaded; `problems` lists every fatal problem found."""

    def __init__(self, problems: tuple[LessonProblem, ...] | list[LessonProblem]) -> None:
        self.problems: tuple[LessonProblem, ...] = tuple(problems)
        super().__init__("\n".join(str(problem) for problem in self.problems))


@dataclass(frozen=True)
class Course:
    title: str
    lessons: tuple[Lesson, ...]  # sorted by (order, path)


@dataclass(frozen=True)
class LessonLibrary:
    root: Path
    lessons: tuple[Lesson, ...]
    broken: tuple[BrokenLesson, ...]
    _by_id: dict[str, Lesson] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_id: dict[str, Lesson] = {}
        for lesson in self.lessons:
            by_id.setdefault(lesson.id, lesson)  # first one wins, as in the outline
        object.__setattr__(self, "_by_id", by_id)

    def courses(self) -> tuple[Course, ...]:
        """Lessons grouped by course; courses ordered by the path of their first lesson file."""
        groups: dict[str, list[Lesson]] = {}
        for lesson in self.lessons:
            groups.setdefault(lesson.course, []).append(lesson)

        def first_path(lessons: list[Lesson]) -> str:
            return min(_relative_key(lesson.path, self.root) for lesson in lessons)

        ordered = sorted(groups.items(), key=lambda item: (first_path(item[1]), item[0]))
        return tuple(
            Course(
                title=title,
                lessons=tuple(
                    sorted(lessons, key=lambda lesson: (lesson.order, _relative_key(lesson.path, self.root)))
                ),
            )
            for title, lessons in ordered
        )

    def find(self, lesson_id: str) -> Lesson | None:
        return self._by_id.get(lesson_id)


# --------------------------------------------------------------------------- parsing

# Block structure only: inline markup is parsed just for headings (by _INLINE), which halves
# the time a long lesson takes to load.
_MARKDOWN = MarkdownIt("commonmark").use(front_matter_plugin).disable("inline")
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
        self.text = text.removeprefix("\ufeff")
        # Split exactly where markdown-it does (str.splitlines also breaks on form feeds and
        # U+2028, which would shift every line number after them).
        self.lines = self.text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        self.fatal: list[LessonProblem] = []
        self.warnings: list[LessonProblem] = []

    def problem(self, line: int, message: str) -> None:
        self.fatal.append(LessonProblem(self.path, line, message))

    def warn(self, line: int, message: str) -> None:
        self.warnings.append(LessonProblem(self.path, line, message))

    def parse(self) -> Lesson:
        tokens = _MARKDOWN.parse(self.text)
        meta, body_start = self._front_matter(tokens)
        chapters_raw = self._chapter_headings(tokens)
        if self.fatal:
            raise LessonError(sorted(self.fatal, key=lambda p: p.line))
        assert meta is not None

        chapters = self._chapters(chapters_raw)
        first_chapter_row = chapters_raw[0][0] if chapters_raw else len(self.lines)
        intro = "\n".join(self.lines[body_start:first_chapter_row]).strip()
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
            intro=intro,
            warnings=tuple(sorted(self.warnings, key=lambda p: p.line)),
        )

    # -- front matter

    def _front_matter(self, tokens: list[Token]) -> tuple[dict[str, Any] | None, int]:
        """Validated metadata and the 0-based row where the body starts."""
        if not tokens or tokens[0].type != "front_matter" or tokens[0].map is None:
            first = self.lines[0].strip() if self.lines else ""
            if first.startswith("---"):
                self.problem(1, "front matter is not closed: add a '---' line after the keys")
            else:
                self.problem(1, "missing front matter: the file must start with a '---' line")
            return None, 0
        token = tokens[0]
        start_row, end_row = token.map  # rows of the opening '---' and one past the closing one
        first_content_line = start_row + 2  # 1-based file line of the first YAML line
        last_content_line = max(first_content_line, end_row - 1)

        try:
            loader = yaml.SafeLoader(token.content)
            try:
                node = loader.get_single_node()
                data = loader.construct_document(node) if node is not None else None
            finally:
                loader.dispose()
        except yaml.YAMLError as error:
            line = self._yaml_error_line(error, token.content, first_content_line, last_content_line)
            message = str(getattr(error, "problem", None) or error).strip()
            self.problem(line, f"front matter is not valid YAML: {message}")
            return None, end_row

        if data is None:
            self.problem(start_row + 1, "front matter is empty: title, course and duration are required")
            return None, end_row
        if not isinstance(data, dict):
            self.problem(first_content_line, "front matter must be a mapping of keys (key: value lines)")
            return None, end_row

        key_lines: dict[str, int] = {}
        if isinstance(node, yaml.MappingNode):
            for key_node, _ in node.value:
                key_lines.setdefault(str(key_node.value), first_content_line + key_node.start_mark.line)

        def line_of(key: str) -> int:
            return key_lines.get(key, start_row + 1)

        for key in data:
            if str(key) not in KNOWN_KEYS:
                self.warn(line_of(str(key)), f"unknown key {str(key)!r}")

        for key in REQUIRED_KEYS:
            if data.get(key) is None or (isinstance(data.get(key), str) and not data[key].strip()):
                self.problem(line_of(key) if key in data else start_row + 1, f"missing required key {key!r}")

        meta: dict[str, Any] = {}
        for key in ("title", "course"):
            value = data.get(key)
            if value is None:
                continue
            if isinstance(value, (dict, list)):
                self.problem(line_of(key), f"{key!r} must be text")
            else:
                meta[key] = str(value).strip()

        duration = data.get("duration")
        if duration is not None:
            meta["duration"] = self._duration(duration, line_of("duration"))

        lesson_id = data.get("id")
        if lesson_id is None or (isinstance(lesson_id, str) and not lesson_id.strip()):
            meta["id"] = self.path.stem
        elif isinstance(lesson_id, (dict, list)):
            self.problem(line_of("id"), "'id' must be text")
        else:
            meta["id"] = str(lesson_id).strip()

        order = data.get("order", 0)
        if order is None:
            order = 0
        if isinstance(order, bool) or not isinstance(order, int):
            self.problem(line_of("order"), f"'order' must be a whole number, not {order!r}")
        else:
            meta["order"] = order

        video = data.get("video")
        if video is None or (isinstance(video, str) and not video.strip()):
            meta["video"] = None
        elif isinstance(video, str):
            meta["video"] = video.strip()
        else:
            self.problem(line_of("video"), "'video' must be a URL or a file path")

        return meta, end_row

    def _duration(self, value: object, line: int) -> float | None:
        seconds: float | None = None
        if isinstance(value, bool):
            seconds = None
        elif isinstance(value, (int, float)):
            # YAML 1.1 reads an unquoted 1:55:24 as the base-60 integer 6924: already seconds.
            seconds = float(value)
        elif isinstance(value, str):
            try:
                seconds = parse_time(value)
            except ValueError:
                seconds = None
        if seconds is None or seconds != seconds:  # NaN check
            self.problem(line, f"duration {value!r} is not a time (use \"h:mm:ss\", \"mm:ss\" or seconds)")
            return None
        if seconds <= 0:
            self.problem(line, "duration must be more than zero")
            return None
        return float(seconds)

    @staticmethod
    def _yaml_error_line(error: yaml.YAMLError, content: str, first: int, last: int) -> int:
        problem_mark = getattr(error, "problem_mark", None)
        context_mark = getattr(error, "context_mark", None)
        mark = problem_mark
        # "unexpected end of stream" points at the end of the front matter; where the open
        # construct (a quote, a bracket) started is what the author needs to look at.
        at_end = mark is not None and mark.index >= len(content.rstrip())
        if at_end and context_mark is not None:
            mark = context_mark
        if mark is None:
            return first
        return min(max(first + mark.line, first), last)

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
                self.problem(line, f"bad chapter time {match['time']!r}: {error}")
                continue
            title = text[match.end():].lstrip(_TITLE_SEPARATORS).strip()
            if not title:
                self.warn(line, f"chapter at {format_time(start)} has no title")
            found.append((row, start, title))
        return found

    def _chapters(self, headings: list[tuple[int, float, str]]) -> tuple[Chapter, ...]:
        chapters = []
        for position, (row, start, title) in enumerate(headings):
            end = headings[position + 1][0] if position + 1 < len(headings) else len(self.lines)
            summary = "\n".join(self.lines[row + 1 : end]).strip()
            chapters.append(Chapter(start=start, title=title, line=row + 1, summary=summary))
        return tuple(chapters)

    def _check_chapter_times(self, chapters: tuple[Chapter, ...], duration: float) -> None:
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


def _youtube_id(video: str) -> str | None:
    try:
        url = urlparse(video.strip())
    except ValueError:
        return None
    host = (url.hostname or "").lower()
    candidate: str | None = None
    if host in ("youtu.be", "www.youtu.be"):
        candidate = url.path.lstrip("/").split("/")[0]
    elif host in _YOUTUBE_HOSTS:
        if url.path == "/watch":
            candidate = (parse_qs(url.query).get("v") or [None])[0]
        else:
            for prefix in _YOUTUBE_PATH_PREFIXES:
                if url.path.startswith(prefix):
                    candidate = url.path[len(prefix):].split("/")[0]
                    break
    if candidate and _YOUTUBE_ID.match(candidate):
        return candidate
    return None


# --------------------------------------------------------------------------- folders


def _relative_key(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def _lesson_files(root: Path) -> list[Path]:
    """Every lesson markdown file under root, sorted; hidden folders (.git, checkpoints) skipped."""
    if not root.is_dir():
        return []
    files = []
    for path in root.rglob("*.md"):
        relative = path.relative_to(root)
        if any(part.startswith(".") for part in relative.parts):
            continue
        if path.name.lower() in _NOT_LESSONS or not path.is_file():
            continue
        files.append(path)
    return sorted(files, key=lambda path: _relative_key(path, root))


def load_library(root: Path) -> LessonLibrary:
    """Load every lesson under root. A bad file becomes a BrokenLesson; this never raises for one."""
    lessons: list[Lesson] = []
    broken: list[BrokenLesson] = []
    first_with_id: dict[str, Lesson] = {}
    for path in _lesson_files(root):
        try:
            lesson = parse_lesson(path)
        except LessonError as error:
            broken.append(BrokenLesson(path, error.problems))
            continue
        earlier = first_with_id.setdefault(lesson.id, lesson)
        if earlier is not lesson:
            duplicate = LessonProblem(
                path, 1, f"lesson id {lesson.id!r} is already used by {_relative_key(earlier.path, root)}"
            )
            lesson = replace(lesson, warnings=(*lesson.warnings, duplicate))
        lessons.append(lesson)
    return LessonLibrary(root=root, lessons=tuple(lessons), broken=tuple(broken))


def check_lessons(root: Path) -> list[LessonProblem]:
    """Every fatal problem and warning of every lesson file under root, sorted by (path, line)."""
    library = load_library(root)
    problems: list[LessonProblem] = []
    for lesson in library.lessons:
        problems.extend(lesson.warnings)
    for broken in library.broken:
        problems.extend(broken.problems)
    return sorted(problems, key=lambda problem: (_relative_key(problem.path, root), problem.line))
