"""What a lesson is once parsed: chapters, exercises, courses and the whole library.

Headless: no Textual import, no file reading (see lesson_parser.py and courses.py).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from urllib.parse import parse_qs, urlparse

from studytui.core.lessons.exercises import Exercise
from studytui.core.lessons.requirements import Requirement, with_check_modules
from studytui.core.problems import LocatedProblem

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
    summary: str  # markdown under the heading, up to the next chapter heading, stripped (no exercises)


LessonProblem = LocatedProblem  # a problem at a line of a file, as everywhere in the core


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
    exercises: tuple[Exercise, ...] = ()
    duration_approximate: bool = False  # written "~1:15:00": from a third-party listing or unverified
    prerequisites: tuple[str, ...] = ()
    resources: tuple[str, ...] = ()
    requires: tuple[Requirement, ...] = ()  # packages and programs the lesson's code needs
    transcript: str | None = None  # subtitle file named in the front matter, relative to the lesson

    @property
    def has_video(self) -> bool:
        """False for a lesson of exercises only (no `video` and no `duration`): no clock, no passes."""
        return self.duration > 0

    @cached_property
    def needs(self) -> tuple[Requirement, ...]:
        """What the lesson's code and its exercise checks need: `requires:`, then the checks' modules."""
        return with_check_modules(self.requires, tuple(m for e in self.exercises for m in e.requires))

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

    def exercise(self, exercise_id: str) -> Exercise | None:
        return next((exercise for exercise in self.exercises if exercise.id == exercise_id), None)

    def exercises_in(self, chapter_index: int | None) -> tuple[Exercise, ...]:
        """The exercises that sit in a chapter (None: before the first chapter)."""
        return tuple(exercise for exercise in self.exercises if exercise.chapter_index == chapter_index)

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
        return f"https://youtu.be/{video_id}?t={max(0, int(seconds))}"


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
    lessons: tuple[Lesson, ...]  # in the order of course.md's `lessons`, else by (order, path)
    id: str = ""
    description: str = ""
    prerequisites: tuple[str, ...] = ()  # ids of courses to take first
    path: Path | None = None  # the course.md, when the folder has one


@dataclass(frozen=True)
class CourseFile:
    """What a folder's course.md says."""

    path: Path
    id: str
    title: str
    order: int
    lesson_ids: tuple[str, ...]
    prerequisites: tuple[str, ...]
    description: str
    lessons_line: int


@dataclass(frozen=True)
class CourseParse:
    """A course.md as read: its course (None when it cannot be used) and the problems found in it."""

    path: Path
    course: CourseFile | None
    problems: tuple[LessonProblem, ...] = ()


@dataclass(frozen=True)
class LessonLibrary:
    root: Path
    lessons: tuple[Lesson, ...]
    broken: tuple[BrokenLesson, ...]
    course_list: tuple[Course, ...] = ()  # every lesson sits in one (load_library groups them)
    problems: tuple[LessonProblem, ...] = ()  # course.md problems and cross-file problems
    stamps: dict[Path, tuple[int, int]] = field(default_factory=dict, compare=False, repr=False)
    course_parses: dict[Path, CourseParse] = field(default_factory=dict, compare=False, repr=False)
    # A library of several folders (the lessons and the learner's courses): one library per folder.
    parts: tuple[LessonLibrary, ...] = field(default=(), compare=False, repr=False)
    # A folder of courses, each trusted on its own (the learner's courses folder), not as a whole.
    course_collection: bool = field(default=False, compare=False)
    _by_id: dict[str, Lesson] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_id: dict[str, Lesson] = {}
        for lesson in self.lessons:
            by_id.setdefault(lesson.id, lesson)  # first one wins, as in the outline
        object.__setattr__(self, "_by_id", by_id)

    def courses(self) -> tuple[Course, ...]:
        """Courses in order, each with its lessons in order."""
        return self.course_list

    @property
    def roots(self) -> tuple[Path, ...]:
        """The folders the library was loaded from, first the lessons folder."""
        return tuple(part.root for part in self.parts) if self.parts else (self.root,)

    def trust_folder(self, path: Path) -> Path:
        """The folder whose trust lets a file's checks run: the lessons folder it sits in, or, in a
        folder of courses, the course folder it sits in."""
        for part in self.parts or (self,):
            try:
                inside = path.relative_to(part.root).parts
            except ValueError:
                continue
            if part.course_collection and len(inside) > 1:
                return part.root / inside[0]
            return part.root
        return path.parent

    def find(self, lesson_id: str) -> Lesson | None:
        return self._by_id.get(lesson_id)

    def find_exercise(self, lesson_id: str, exercise_id: str) -> tuple[Lesson, Exercise] | None:
        """The lesson and its exercise, when both are (still) in the library."""
        lesson = self._by_id.get(lesson_id)
        exercise = lesson.exercise(exercise_id) if lesson is not None else None
        return (lesson, exercise) if lesson is not None and exercise is not None else None


def relative_key(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


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
            candidate = next(iter(parse_qs(url.query).get("v") or []), None)
        else:
            for prefix in _YOUTUBE_PATH_PREFIXES:
                if url.path.startswith(prefix):
                    candidate = url.path[len(prefix):].split("/")[0]
                    break
    if candidate and _YOUTUBE_ID.match(candidate):
        return candidate
    return None
