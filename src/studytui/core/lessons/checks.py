"""`studytui check-lessons`: every problem in a lessons folder, as `file:line: message`."""

from __future__ import annotations

import re
from pathlib import Path

from studytui.core.lessons.courses import load_library
from studytui.core.lessons.model import Lesson, LessonLibrary, LessonProblem, relative_key
from studytui.core.transcripts import TranscriptRefused, TranscriptSource, named_transcript, read_transcript

_TRANSCRIPT_KEY = re.compile(r"^transcript\s*:", re.MULTILINE)


def library_problems(library: LessonLibrary) -> list[LessonProblem]:
    """Fatal problems, warnings and cross-file problems of a loaded library, sorted by (path, line)."""
    problems: list[LessonProblem] = list(library.problems)
    lesson_ids = {lesson.id for lesson in library.lessons}
    course_ids = {course.id for course in library.courses() if course.id}
    for lesson in library.lessons:
        problems.extend(lesson.warnings)
        for prerequisite in lesson.prerequisites:
            if prerequisite not in lesson_ids and prerequisite not in course_ids:
                message = f"prerequisite {prerequisite!r} is no lesson or course id here"
                problems.append(LessonProblem(lesson.path, 1, message))
        problems.extend(transcript_problems(lesson, library.root))
    for broken in library.broken:
        problems.extend(broken.problems)
    return sorted(problems, key=lambda problem: (relative_key(problem.path, library.root), problem.line))


def check_lessons(root: Path) -> list[LessonProblem]:
    """Every fatal problem and warning of every lesson and course file under root, sorted by (path, line)."""
    return library_problems(load_library(root))


def transcript_problems(lesson: Lesson, root: Path) -> list[LessonProblem]:
    """The transcript named by `transcript:`: outside the lessons folder, not a regular file, unreadable,
    empty, or not read cleanly (bad cues, text outside cues, control characters): a warning each."""
    try:
        path = named_transcript(TranscriptSource(lesson.id, lesson.path, lesson.transcript, pack_root=root))
    except TranscriptRefused as refusal:
        return [LessonProblem(lesson.path, _key_line(lesson.path), str(refusal))]
    if path is None or not path.exists():  # a missing file is the parser's warning, at its key
        return []
    return list(read_transcript(path).problems)  # the same located problem type


def _key_line(path: Path) -> int:
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return 1
    match = _TRANSCRIPT_KEY.search(text)
    return text.count("\n", 0, match.start()) + 1 if match else 1
