"""A lessons folder: lesson files, `course.md` files and the library built from them.

A folder with a `course.md` is a course: its front matter gives the course `title`, `id`, `order`
among courses, `prerequisites` (course ids) and the `lessons` list (lesson ids, in study order);
its body is the description. Lessons in folders without one are grouped by their `course` key.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from studytui.config import Settings, is_bundled_lessons_dir
from studytui.core.lessons.model import (
    BrokenLesson,
    Course,
    CourseFile,
    CourseParse,
    Lesson,
    LessonError,
    LessonLibrary,
    LessonProblem,
    relative_key,
)
from studytui.core.lessons.parse_cache import read_bundled_index, read_parse_cache, write_parse_cache

COURSE_FILE = "course.md"
# Files in a lesson folder that describe the folder rather than being lessons.
NOT_LESSONS = frozenset({"readme.md", COURSE_FILE})

Stamp = tuple[int, int]  # (mtime_ns, size): a file is parsed again only when this changes


def _markdown_files(root: Path) -> list[Path]:
    """Every markdown file under root, sorted; hidden folders (.git, checkpoints) skipped."""
    if not root.is_dir():
        return []
    files = []
    for path in root.rglob("*.md"):
        relative = path.relative_to(root)
        if any(part.startswith(".") for part in relative.parts) or not path.is_file():
            continue
        files.append(path)
    return sorted(files, key=lambda path: relative_key(path, root))


def load_library(root: Path, previous: LessonLibrary | None = None, *, cache_file: Path | None = None) -> LessonLibrary:
    """Load every lesson under root. A bad file becomes a BrokenLesson; this never raises for one.

    With `previous`, files whose modification time and size are unchanged are not parsed again.
    With `cache_file`, the files parsed at the last launch are that `previous` (see parse_cache).
    """
    if previous is None and cache_file is not None:
        previous = read_parse_cache(cache_file, root)
        if previous is None and is_bundled_lessons_dir(root):  # a pack's index is never read
            previous = read_bundled_index(root)
    cache = previous.stamps if previous is not None and previous.root == root else {}
    cached: dict[Path, Lesson | BrokenLesson] = {}
    cached_courses: dict[Path, CourseParse] = {}
    if previous is not None:
        for lesson in previous.lessons:
            cached[lesson.path] = lesson
        for unread in previous.broken:
            cached[unread.path] = unread
        cached_courses = previous.course_parses
    markdown_files = _markdown_files(root)
    stamps: dict[Path, Stamp] = {}
    parsed: list[Lesson | BrokenLesson] = []
    course_parses: dict[Path, CourseParse] = {}
    for path in markdown_files:
        name = path.name.lower()
        if name in NOT_LESSONS and name != COURSE_FILE:
            continue
        stamp = _stamp(path)
        stamps[path] = stamp
        unchanged = cache.get(path) == stamp
        if name == COURSE_FILE:
            earlier_course = cached_courses.get(path)
            course_parses[path] = earlier_course if earlier_course is not None and unchanged else _read_course(path)
            continue
        earlier = cached.get(path)
        if earlier is not None and unchanged:
            if isinstance(earlier, Lesson) and any(w.message.startswith(_DUPLICATE) for w in earlier.warnings):
                kept = tuple(w for w in earlier.warnings if not w.message.startswith(_DUPLICATE))
                earlier = replace(earlier, warnings=kept)
            parsed.append(earlier)
            continue
        try:
            parsed.append(_parse_lesson(path))
        except LessonError as error:
            parsed.append(BrokenLesson(path, error.problems))

    lessons: list[Lesson] = []
    broken = [item for item in parsed if isinstance(item, BrokenLesson)]
    first_with_id: dict[str, Lesson] = {}
    for lesson in (item for item in parsed if isinstance(item, Lesson)):
        earlier_lesson = first_with_id.setdefault(lesson.id, lesson)
        if earlier_lesson is not lesson:
            duplicate = LessonProblem(
                lesson.path,
                1,
                f"{_DUPLICATE} {lesson.id!r} is already used by {relative_key(earlier_lesson.path, root)}",
            )
            lesson = replace(lesson, warnings=(*lesson.warnings, duplicate))
        lessons.append(lesson)

    problems: list[LessonProblem] = []
    courses = _courses(root, course_parses, lessons, problems)
    library = LessonLibrary(
        root=root, lessons=tuple(lessons), broken=tuple(broken), course_list=courses,
        problems=tuple(problems), stamps=stamps, course_parses=course_parses,
    )
    if cache_file is not None and (previous is None or stamps != previous.stamps):
        write_parse_cache(cache_file, library)
    return library


_DUPLICATE = "lesson id"


def load_libraries(
    roots: Sequence[Path],
    previous: LessonLibrary | None = None,
    *,
    cache_files: Sequence[Path | None] = (),
    collections: Sequence[Path] = (),
) -> LessonLibrary:
    """One library of several folders (the lessons folder, then the learner's courses folder), each
    loaded as `load_library` does (with `previous` and a cache file of its own); a lesson id used in
    an earlier folder is a warning, and the earlier lesson wins. `collections` are the folders whose
    course folders are each trusted on their own (see `LessonLibrary.trust_folder`)."""
    earlier = {part.root: part for part in ((previous.parts or (previous,)) if previous is not None else ())}
    parts = []
    for index, root in enumerate(roots):
        cache_file = cache_files[index] if index < len(cache_files) else None
        part = load_library(root, earlier.get(root), cache_file=cache_file)
        parts.append(replace(part, course_collection=root in collections))
    if len(parts) == 1 and not parts[0].course_collection:
        return parts[0]
    return _joined(tuple(parts))


def _joined(parts: tuple[LessonLibrary, ...]) -> LessonLibrary:
    lessons: list[Lesson] = []
    seen: dict[str, tuple[int, Lesson]] = {}
    for index, part in enumerate(parts):
        for lesson in part.lessons:
            first_part, first = seen.setdefault(lesson.id, (index, lesson))
            if first_part != index and not _warned_duplicate(lesson):  # within a folder, load_library warned
                lesson = replace(lesson, warnings=(*lesson.warnings, LessonProblem(
                    lesson.path, 1, f"{_DUPLICATE} {lesson.id!r} is already used by {first.path}")))
            lessons.append(lesson)
    return LessonLibrary(
        root=parts[0].root,
        lessons=tuple(lessons),
        broken=tuple(item for part in parts for item in part.broken),
        course_list=tuple(course for part in parts for course in part.course_list),
        problems=tuple(problem for part in parts for problem in part.problems),
        stamps={path: stamp for part in parts for path, stamp in part.stamps.items()},
        course_parses={path: read for part in parts for path, read in part.course_parses.items()},
        parts=parts,
    )


def load_study_library(
    settings: Settings, previous: LessonLibrary | None = None, *, cached: bool = False
) -> LessonLibrary:
    """What the app studies: the lessons folder and the learner's courses folder (Settings.lesson_roots),
    each with its parse cache when `cached` (at launch)."""
    roots = settings.lesson_roots
    caches = tuple(settings.lessons_cache_for(root) for root in roots) if cached else ()
    collections = (settings.courses_dir,) if settings.courses_dir is not None else ()
    return load_libraries(roots, previous, cache_files=caches, collections=collections)


def changed_since_loaded(library: LessonLibrary) -> set[Path]:
    """The lesson files added, removed or changed (time or size) since `library` was read: what a
    watcher started after the reading could not see."""
    changed: set[Path] = set()
    for part in library.parts or (library,):
        files = {path: _stamp(path) for path in _markdown_files(part.root)
                 if path.name.lower() not in NOT_LESSONS or path.name.lower() == COURSE_FILE}
        loaded = part.stamps
        changed |= {path for path in files.keys() | loaded.keys() if files.get(path) != loaded.get(path)}
    return changed


def _warned_duplicate(lesson: Lesson) -> bool:
    return any(warning.message.startswith(_DUPLICATE) for warning in lesson.warnings)


# The parsers (YAML, markdown-it: 20-40 ms to import) load when a file must be parsed, not before.
def _parse_lesson(path: Path) -> Lesson:
    from studytui.core.lessons.parser import parse_lesson

    return parse_lesson(path)


def _read_course(path: Path) -> CourseParse:
    from studytui.core.lessons.course_file import read_course_file

    return read_course_file(path)


def _stamp(path: Path) -> Stamp:
    try:
        status = os.stat(path)
    except OSError:
        return (0, -1)
    return (status.st_mtime_ns, status.st_size)


def _courses(
    root: Path, course_parses: dict[Path, CourseParse], lessons: list[Lesson], problems: list[LessonProblem]
) -> tuple[Course, ...]:
    course_files: dict[Path, CourseFile] = {}
    for path, read in course_parses.items():
        problems.extend(read.problems)
        if read.course is not None:
            course_files[path.parent] = read.course

    members: dict[Path, list[Lesson]] = {folder: [] for folder in course_files}
    loose: dict[str, list[Lesson]] = {}
    for lesson in lessons:
        folder = next((parent for parent in lesson.path.parents if parent in course_files), None)
        if folder is None:
            loose.setdefault(lesson.course, []).append(lesson)
            continue
        members[folder].append(lesson)
        info = course_files[folder]
        if lesson.course not in (info.title, info.id):
            problems.append(LessonProblem(
                lesson.path, 1, f"course {lesson.course!r} does not match {relative_key(info.path, root)} "
                f"({info.title!r}, id {info.id!r})"))

    def by_order(lesson: Lesson) -> tuple[int, str]:
        return (lesson.order, relative_key(lesson.path, root))

    ranked: list[tuple[tuple[int, str], Course]] = []
    known_courses = {info.id for info in course_files.values()}
    for folder, info in course_files.items():
        listed = {lesson.id: lesson for lesson in members[folder]}
        ordered = [listed[lesson_id] for lesson_id in info.lesson_ids if lesson_id in listed]
        for lesson_id in info.lesson_ids:
            if lesson_id not in listed:
                why = f"lesson {lesson_id!r} is not in this folder"
                problems.append(LessonProblem(info.path, info.lessons_line, why))
        if info.lesson_ids:
            for lesson in sorted(members[folder], key=by_order):
                if lesson.id not in info.lesson_ids:
                    why = f"lesson {lesson.id!r} is missing from 'lessons'"
                    problems.append(LessonProblem(info.path, info.lessons_line, why))
        ordered += [lesson for lesson in sorted(members[folder], key=by_order) if lesson not in ordered]
        for prerequisite in info.prerequisites:
            if prerequisite not in known_courses:
                why = f"prerequisite course {prerequisite!r} is not in this folder"
                problems.append(LessonProblem(info.path, 1, why))
        course = Course(info.title, tuple(ordered), info.id, info.description, info.prerequisites, info.path)
        ranked.append(((info.order, relative_key(info.path, root)), course))
    for title, group in loose.items():
        first = min(relative_key(lesson.path, root) for lesson in group)
        ranked.append(((0, first), Course(title, tuple(sorted(group, key=by_order)))))
    ranked.sort(key=lambda item: item[0])
    return tuple(course for _, course in ranked if course.lessons or course.path is not None)
