"""`studytui check-lessons`: every problem in a lessons folder, as `file:line: message`."""

from __future__ import annotations

from pathlib import Path

from studytui.core.lessons.courses import load_library
from studytui.core.lessons.model import Lesson, LessonLibrary, LessonProblem, relative_key
from studytui.core.transcripts import TranscriptSource, named_transcript, read_transcript


def library_problems(library: LessonLibrary) -> list[LessonProblem]:
    """Fatal problems, warnings and cross-file problems of a loaded library, sorted by (path, line)."""
    problems: list[LessonProblem] = list(library.problems)
    lesson_ids = {lesson.id for lesson in library.lessons}
    course_ids = {course.id for course in library.courses() if course.id}
    for lesson in library.lessons:
        problems.extend(lesson.warnings)
        for prerequisite in lesson.prerequisites:
            if prerequisite not in lesson_ids and prerequisite not in course_ids:
                problems.append(
                    LessonProblem(lesson.path, 1, f"prerequisite {prerequisite!r} is no lesson or course id here")
                )
        problems.extend(transcript_problems(lesson))
    for broken in library.broken:
        problems.extend(broken.problems)
    return sorted(problems, key=lambda problem: (relative_key(problem.path, library.root), problem.line))


def check_lessons(root: Path) -> list[LessonProblem]:
    """Every fatal problem and warning of every lesson and course file under root, sorted by (path, line)."""
    return library_problems(load_library(root))


def transcript_problems(lesson: Lesson) -> list[LessonProblem]:
    """The transcript named by `transcript:`: unreadable, empty or with bad cues (a warning each)."""
    path = named_transcript(TranscriptSource(lesson.id, lesson.path, lesson.transcript))
    if path is None or not path.is_file():  # a missing file is the parser's warning, at its key
        return []
    reading = read_transcript(path)
    return list(reading.problems)  # the same located problem type
