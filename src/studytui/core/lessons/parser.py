"""Reading one lesson file: front matter, chapter headings and exercise containers.

The format is described in docs/lesson-format.md. Every problem carries its file line; a file
that cannot be loaded raises LessonError (and nothing else), listing every fatal problem.
"""

from __future__ import annotations

import math
import re
from pathlib import Path
from typing import Any

import yaml
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.container import container_plugin
from mdit_py_plugins.front_matter import front_matter_plugin

from studytui.core.lessons.exercise_parser import scan_exercises
from studytui.core.lessons.model import Chapter, Lesson, LessonError, LessonProblem
from studytui.core.lessons.requirements import parse_requires
from studytui.core.lessons.safe_yaml import compose_yaml
from studytui.core.lessons.slugs import id_problem
from studytui.core.text import clean_text
from studytui.core.timecode import format_time, parse_time
from studytui.core.transcripts import transcript_named_in

REQUIRED_KEYS: tuple[str, ...] = ("title", "course", "duration")
KNOWN_KEYS: frozenset[str] = frozenset(
    {"id", "title", "course", "order", "video", "duration", "prerequisites", "resources", "requires", "transcript"}
)
APPROXIMATE = "~"  # a duration written "~1:15:00" is approximate or unverified
MAX_DURATION = 24 * 3600.0  # seconds; longer is a typo (or a file that wants to break the clock)
_LONGEST = format_time(MAX_DURATION)
_TIME_FORMATS = '(use "h:mm:ss", "mm:ss" or seconds, "~" first if unverified)'

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

    def parse(self) -> Lesson:
        tokens = _MARKDOWN.parse(self.text)
        meta, body_start = self._front_matter(tokens)
        chapters_raw = self._chapter_headings(tokens)
        scan = scan_exercises(tokens, self.lines, [row for row, _, _ in chapters_raw])
        for line, message in scan.fatal:
            self.problem(line, message)
        for line, message in scan.warnings:
            self.warn(line, message)
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

    # -- front matter

    def _front_matter(self, tokens: list[Token]) -> tuple[dict[str, Any] | None, int]:
        """Validated metadata and the 0-based row where the body starts."""
        token = tokens[0] if tokens else None
        if token is None or token.type != "front_matter" or token.map is None:
            first = self.lines[0].strip() if self.lines else ""
            if first.startswith("---"):
                self.problem(1, "front matter is not closed: add a '---' line after the keys")
            else:
                self.problem(1, "missing front matter: the file must start with a '---' line")
            return None, 0
        start_row, end_row = token.map  # rows of the opening '---' and one past the closing one
        first_content_line = start_row + 2  # 1-based file line of the first YAML line
        last_content_line = max(first_content_line, end_row - 1)

        try:
            node, data = compose_yaml(token.content)
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
            if key == "duration" and _blank(data.get("video")) and _blank(data.get("duration")):
                continue  # a lesson without a video (exercises only) has no length
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
                meta[key] = clean_text(value).strip()  # shown everywhere: no control characters

        duration = data.get("duration")
        meta["duration_approximate"] = isinstance(duration, str) and duration.strip().startswith(APPROXIMATE)
        if _blank(duration):
            meta["duration"] = 0.0  # no video: no clock (see Lesson.has_video)
        else:
            if meta["duration_approximate"]:
                duration = (duration or "").strip()[len(APPROXIMATE):].strip()
            meta["duration"] = self._duration(duration, line_of("duration"))
        for key in ("prerequisites", "resources"):
            meta[key] = self._text_list(data.get(key), key, line_of(key))
        meta["requires"], requires_problems = parse_requires(data.get("requires"))
        for message in requires_problems:
            self.warn(line_of("requires"), message)

        lesson_id = data.get("id")
        if lesson_id is None or (isinstance(lesson_id, str) and not lesson_id.strip()):
            # The id names the notes file, notebook and exercise folder: it must be a safe slug.
            if problem := id_problem(self.path.stem):
                self.problem(start_row + 1, f"the file name is no usable id ({problem}): add an 'id' key")
            else:
                meta["id"] = self.path.stem
        elif isinstance(lesson_id, (dict, list)):
            self.problem(line_of("id"), "'id' must be text")
        elif problem := id_problem(str(lesson_id).strip()):
            self.problem(line_of("id"), problem)
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
            meta["video"] = self._clean_value(video, "video", line_of("video"))
        else:
            self.problem(line_of("video"), "'video' must be a URL or a file path")

        transcript = data.get("transcript")
        meta["transcript"] = None
        if isinstance(transcript, str) and transcript.strip():
            meta["transcript"] = self._clean_value(transcript, "transcript", line_of("transcript"))
            if not transcript_named_in(self.path, meta["transcript"]).is_file():
                self.warn(line_of("transcript"), f"transcript file {meta['transcript']!r} does not exist")
        elif transcript is not None:
            self.warn(line_of("transcript"), "'transcript' must be a subtitle file path (.vtt or .srt)")

        return meta, end_row

    def _clean_value(self, value: str, key: str, line: int) -> str:
        """A URL or path: printed, written into digests and handed to mpv, so it must be clean too."""
        cleaned = clean_text(value).strip()
        if cleaned != value.strip():
            self.warn(line, f"{key!r} holds control, bidi or joining characters: they are left out")
        return cleaned

    def _text_list(self, value: object, key: str, line: int) -> tuple[str, ...]:
        """A list of texts (a single text is a list of one); anything else is a warning."""
        if value is None:
            return ()
        if isinstance(value, (str, int, float)) and not isinstance(value, bool):
            return (clean_text(value).strip(),)
        if isinstance(value, list) and all(isinstance(item, (str, int, float)) for item in value):
            return tuple(clean_text(item).strip() for item in value)
        if key == "resources" and isinstance(value, list) and all(isinstance(item, dict) for item in value):
            return tuple(clean_text(" ".join(str(v) for v in item.values())) for item in value)
        self.warn(line, f"{key!r} must be a list of texts")
        return ()

    def _duration(self, value: object, line: int) -> float | None:
        seconds: float | None = None
        if isinstance(value, bool):
            seconds = None
        elif isinstance(value, (int, float)):
            # YAML 1.1 reads an unquoted 1:55:24 as the base-60 integer 6924: already seconds.
            try:
                seconds = float(value)
            except OverflowError:  # an integer with hundreds of digits
                seconds = math.inf
        elif isinstance(value, str):
            try:
                seconds = parse_time(value)
            except ValueError:
                seconds = None
        if seconds is None or seconds != seconds:  # NaN check
            self.problem(line, f"duration {_short(value)} is not a time {_TIME_FORMATS}")
            return None
        if seconds <= 0:
            self.problem(line, "duration must be more than zero")
            return None
        if not math.isfinite(seconds) or seconds > MAX_DURATION:
            self.problem(line, f"duration {_short(value)} is longer than {_LONGEST}: no video is that long")
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
                self.problem(line, f"bad chapter time {_short(match['time'])}: {_short(str(error), 100)}")
                continue
            if start > MAX_DURATION:
                self.problem(line, f"chapter time {_short(match['time'])} is after {_LONGEST}: no video is that long")
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


def _short(value: object, limit: int = 40) -> str:
    """A value quoted for a message, cut short: a problem line must stay one readable line."""
    shown = repr(value)
    return shown if len(shown) <= limit else shown[: limit - 3] + "..."


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())
