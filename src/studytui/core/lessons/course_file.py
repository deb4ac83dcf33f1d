"""A folder's course.md: its front matter read into a CourseFile, with the problems found in it.

Imported when a course.md must be parsed (not at each launch: see parse_cache).
"""

from __future__ import annotations

from pathlib import Path

import yaml

from studytui.core.lessons.model import CourseFile, CourseParse, LessonProblem
from studytui.core.lessons.safe_yaml import compose_yaml
from studytui.core.text import clean_text

COURSE_KEYS = frozenset({"id", "title", "order", "lessons", "prerequisites", "description"})


def read_course_file(path: Path) -> CourseParse:
    """A course.md read, with the problems found in it."""
    problems: list[LessonProblem] = []
    course = parse_course_file(path, problems)
    return CourseParse(path, course, tuple(problems))


def parse_course_file(path: Path, problems: list[LessonProblem]) -> CourseFile | None:
    """Read a course.md; problems are appended to `problems`. None when it cannot be used."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        problems.append(LessonProblem(path, 1, f"cannot read course file: {error}"))
        return None
    lines = text.removeprefix("\ufeff").replace("\r\n", "\n").split("\n")
    if not lines or lines[0].strip() != "---":
        problems.append(LessonProblem(path, 1, "missing front matter: course.md must start with a '---' line"))
        return None
    try:
        end = next(row for row in range(1, len(lines)) if lines[row].strip() == "---")
    except StopIteration:
        problems.append(LessonProblem(path, 1, "front matter is not closed: add a '---' line after the keys"))
        return None
    try:
        node, data = compose_yaml("\n".join(lines[1:end]))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = 2 + (mark.line if mark is not None else 0)
        why = getattr(error, "problem", error)
        problems.append(LessonProblem(path, line, f"front matter is not valid YAML: {why}"))
        return None
    if not isinstance(data, dict):
        problems.append(LessonProblem(path, 2, "front matter must be a mapping of keys (key: value lines)"))
        return None
    key_lines = (
        {str(k.value): 2 + k.start_mark.line for k, _ in node.value} if isinstance(node, yaml.MappingNode) else {}
    )
    for key in data:
        if str(key) not in COURSE_KEYS:
            problems.append(LessonProblem(path, key_lines.get(str(key), 1), f"unknown key {str(key)!r}"))
    title = data.get("title")
    if not isinstance(title, str) or not title.strip():
        problems.append(LessonProblem(path, key_lines.get("title", 1), "missing required key 'title'"))
        return None
    order = data.get("order", 0)
    if isinstance(order, bool) or not isinstance(order, int):
        line = key_lines.get("order", 1)
        problems.append(LessonProblem(path, line, f"'order' must be a whole number, not {order!r}"))
        order = 0
    lesson_ids = _texts(data.get("lessons"), "lessons", path, key_lines, problems)
    prerequisites = _texts(data.get("prerequisites"), "prerequisites", path, key_lines, problems)
    description = str(data.get("description") or "").strip() or "\n".join(lines[end + 1 :]).strip()
    return CourseFile(
        path=path,
        id=str(data.get("id") or path.parent.name).strip(),
        title=clean_text(title).strip(),
        order=order,
        lesson_ids=lesson_ids,
        prerequisites=prerequisites,
        description=clean_text(description),
        lessons_line=key_lines.get("lessons", 1),
    )


def _texts(
    value: object, key: str, path: Path, key_lines: dict[str, int], problems: list[LessonProblem]
) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, list) and all(isinstance(item, (str, int)) for item in value):
        return tuple(str(item).strip() for item in value)
    problems.append(LessonProblem(path, key_lines.get(key, 1), f"{key!r} must be a list of ids"))
    return ()
