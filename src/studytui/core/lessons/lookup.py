"""Finding a lesson from what a person types: its id, a unique prefix of it, or words of its title."""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from studytui.core.lessons.model import Lesson, LessonLibrary

SUGGESTIONS = 5


@dataclass(frozen=True)
class LessonMatch:
    lesson: Lesson | None  # the one lesson meant, when there is exactly one
    candidates: tuple[Lesson, ...] = ()  # otherwise: a short "did you mean" list (may be empty)


def match_lesson(library: LessonLibrary, query: str) -> LessonMatch:
    """The exact id; else the only id with this prefix; else the only lesson whose course, title or id
    holds every word; else up to five to suggest (a typo: the closest titles and ids)."""
    query = query.strip()
    exact = library.find(query)
    if exact is not None:
        return LessonMatch(exact)
    lessons = library.lessons
    lowered = query.lower()
    prefixed = [lesson for lesson in lessons if lesson.id.lower().startswith(lowered)]
    if len(prefixed) == 1:
        return LessonMatch(prefixed[0])
    words = lowered.split()
    holding = [lesson for lesson in lessons if words and all(word in searchable(lesson) for word in words)]
    if not prefixed and len(holding) == 1:
        return LessonMatch(holding[0])
    candidates = prefixed or holding or rank_lessons(lessons, query)  # the last: close titles and ids
    return LessonMatch(None, tuple(candidates[:SUGGESTIONS]))


def rank_lessons(lessons: tuple[Lesson, ...] | list[Lesson], query: str) -> list[Lesson]:
    """Lessons for what was typed: those whose course, title or id hold every word, in study order;
    when none does, the closest titles and ids (a typo)."""
    words = query.lower().split()
    if not words:
        return list(lessons)
    holding = [lesson for lesson in lessons if all(word in searchable(lesson) for word in words)]
    if holding:
        return holding
    by_key = {lesson.id.lower(): lesson for lesson in lessons} | {lesson.title.lower(): lesson for lesson in lessons}
    close = difflib.get_close_matches(query.lower(), list(by_key), n=SUGGESTIONS, cutoff=0.4)
    return list(dict.fromkeys(by_key[key] for key in close))


def searchable(lesson: Lesson) -> str:
    return f"{lesson.course} · {lesson.title} · {lesson.id}".lower()
