"""The lessons domain: lesson files, courses, exercises and which folders may run checks.

A lesson is a markdown file with YAML front matter, chapter headings that start with a video
time (`## 00:19:09 The Value object`) and `::: exercise` containers. The format is described in
docs/lesson-format.md. The parts live in model.py, parser.py, front_matter.py, exercise_parser.py,
courses.py and checks.py; what a lesson needs in the kernel in requirements.py and installing it in
install.py; exercises, their files and folder trust beside them (the learner's results are the
study domain's).
This package is the domain's public face: other packages import from here only.

Headless on purpose: no Textual import here, so the outline, the checker and the tests can
use it without a screen.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from studytui.core.lessons.courses import (
    COURSE_FILE,
    changed_since_loaded,
    load_libraries,
    load_library,
    load_study_library,
)
from studytui.core.lessons.exercise_files import exercise_file_path, exercise_of_file, write_exercise_file
from studytui.core.lessons.exercises import CheckResult, CheckStatus, Exercise, run_check, run_file_then_check
from studytui.core.lessons.install import (
    TORCH_CPU_INDEX,
    InstallPlan,
    install_call,
    install_definition,
    install_plan,
    plain_requirement,
)
from studytui.core.lessons.lookup import LessonMatch, match_lesson, rank_lessons, searchable
from studytui.core.lessons.model import (
    BrokenLesson,
    Chapter,
    Course,
    Lesson,
    LessonError,
    LessonLibrary,
    LessonProblem,
)
from studytui.core.lessons.parse_cache import BUNDLED_INDEX, bundled_index_text
from studytui.core.lessons.prose import reflow
from studytui.core.lessons.requirements import (
    PROBE_MIME,
    Missing,
    Requirement,
    missing_from_report,
    pip_names,
    probe_code,
)
from studytui.core.lessons.slugs import is_safe_id
from studytui.core.lessons.titles import distinct_titles, fit_title
from studytui.core.lessons.trust import TRUST_FILE, TrustStore

if TYPE_CHECKING:
    from studytui.core.lessons.checks import check_lessons, library_problems
    from studytui.core.lessons.front_matter import KNOWN_KEYS, REQUIRED_KEYS
    from studytui.core.lessons.parser import parse_lesson, parse_lesson_text

# The parser and the checks load on first use: a launch reads its lessons from the parse cache and
# need not import YAML and markdown-it (20-40 ms) unless a file changed.
_LAZY = {
    "KNOWN_KEYS": "front_matter", "REQUIRED_KEYS": "front_matter",
    "parse_lesson": "parser", "parse_lesson_text": "parser",
    "check_lessons": "checks", "library_problems": "checks",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        module = importlib.import_module(f"studytui.core.lessons.{_LAZY[name]}")
        return getattr(module, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

__all__ = [
    "BUNDLED_INDEX",
    "COURSE_FILE",
    "KNOWN_KEYS",
    "PROBE_MIME",
    "REQUIRED_KEYS",
    "TORCH_CPU_INDEX",
    "TRUST_FILE",
    "BrokenLesson",
    "Chapter",
    "CheckResult",
    "CheckStatus",
    "Course",
    "Exercise",
    "InstallPlan",
    "Lesson",
    "LessonError",
    "LessonLibrary",
    "LessonMatch",
    "LessonProblem",
    "Missing",
    "Requirement",
    "TrustStore",
    "bundled_index_text",
    "changed_since_loaded",
    "check_lessons",
    "distinct_titles",
    "exercise_file_path",
    "exercise_of_file",
    "fit_title",
    "install_call",
    "install_definition",
    "install_plan",
    "is_safe_id",
    "library_problems",
    "load_libraries",
    "load_library",
    "load_study_library",
    "match_lesson",
    "missing_from_report",
    "parse_lesson",
    "parse_lesson_text",
    "pip_names",
    "plain_requirement",
    "probe_code",
    "rank_lessons",
    "reflow",
    "run_check",
    "run_file_then_check",
    "searchable",
    "write_exercise_file",
]
