"""Lessons: the model, the markdown parser, courses and the validator, under one name.

A lesson is a markdown file with YAML front matter, chapter headings that start with a video
time (`## 00:19:09 The Value object`) and `::: exercise` containers. The format is described in
docs/lesson-format.md. The parts live in lesson_model.py, lesson_parser.py, exercise_parser.py,
courses.py and lesson_checks.py; this module keeps the names importable from one place.

Headless on purpose: no Textual import here, so the outline, the checker and the tests can
use it without a screen.
"""

from __future__ import annotations

from studytui.core.courses import COURSE_FILE, load_library
from studytui.core.exercises import Exercise
from studytui.core.lesson_checks import check_lessons, library_problems
from studytui.core.lesson_model import (
    BrokenLesson,
    Chapter,
    Course,
    Lesson,
    LessonError,
    LessonLibrary,
    LessonProblem,
)
from studytui.core.lesson_parser import KNOWN_KEYS, REQUIRED_KEYS, parse_lesson, parse_lesson_text

__all__ = [
    "COURSE_FILE",
    "KNOWN_KEYS",
    "REQUIRED_KEYS",
    "BrokenLesson",
    "Chapter",
    "Course",
    "Exercise",
    "Lesson",
    "LessonError",
    "LessonLibrary",
    "LessonProblem",
    "check_lessons",
    "library_problems",
    "load_library",
    "parse_lesson",
    "parse_lesson_text",
]
