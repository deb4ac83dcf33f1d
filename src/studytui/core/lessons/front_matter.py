"""A lesson's front matter: the YAML between its '---' lines, read into checked metadata; headless.

The required keys, the known ones, the duration within its bounds, the id (it names files: a safe
slug) and every text cleaned of control characters. Each problem carries its file line: fatal ones
(the lesson cannot be loaded) and warnings. The format is described in docs/lesson-format.md.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from markdown_it.token import Token

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
LONGEST = format_time(MAX_DURATION)
_TIME_FORMATS = '(use "h:mm:ss", "mm:ss" or seconds, "~" first if unverified)'


@dataclass
class FrontMatter:
    meta: dict[str, Any] | None  # the checked values; None when none could be read (missing, not a YAML mapping)
    body_start: int  # the 0-based row where the body starts
    fatal: list[tuple[int, str]]  # (1-based line, message)
    warnings: list[tuple[int, str]]


def read_front_matter(tokens: list[Token], lines: list[str], path: Path) -> FrontMatter:
    """The front matter of a lesson parsed into ``tokens`` (its ``lines`` and ``path`` for messages)."""
    reader = _FrontMatterReader(lines, path)
    meta, body_start = reader.read(tokens)
    return FrontMatter(meta, body_start, reader.fatal, reader.warnings)


class _FrontMatterReader:
    def __init__(self, lines: list[str], path: Path) -> None:
        self.lines = lines
        self.path = path  # the id defaults to the file's name
        self.fatal: list[tuple[int, str]] = []
        self.warnings: list[tuple[int, str]] = []

    def problem(self, line: int, message: str) -> None:
        self.fatal.append((line, message))

    def warn(self, line: int, message: str) -> None:
        self.warnings.append((line, message))

    def read(self, tokens: list[Token]) -> tuple[dict[str, Any] | None, int]:
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
            self.problem(line, f"duration {quoted_short(value)} is not a time {_TIME_FORMATS}")
            return None
        if seconds <= 0:
            self.problem(line, "duration must be more than zero")
            return None
        if not math.isfinite(seconds) or seconds > MAX_DURATION:
            self.problem(line, f"duration {quoted_short(value)} is longer than {LONGEST}: no video is that long")
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


def quoted_short(value: object, limit: int = 40) -> str:
    """A value quoted for a message, cut short: a problem line must stay one readable line."""
    shown = repr(value)
    return shown if len(shown) <= limit else shown[: limit - 3] + "..."


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())
