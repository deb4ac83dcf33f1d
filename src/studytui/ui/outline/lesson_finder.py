"""Every lesson in the command palette (ctrl+p), found by course, title or id (f10 has its own picker)."""

from __future__ import annotations

from functools import partial

from rich.text import Text
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher

from studytui.core.lessons import Lesson, LessonLibrary, searchable
from studytui.ui.messages import LessonPicked


class LessonFinder(Provider):
    """Every lesson of the library as a command that opens it (the study screen's `library`)."""

    def _lessons(self) -> tuple[Lesson, ...]:
        library: LessonLibrary | None = getattr(self.screen, "library", None)
        if library is None:
            return ()
        return tuple(lesson for course in library.courses() for lesson in course.lessons)

    def _open(self, lesson_id: str) -> None:
        self.screen.post_message(LessonPicked(lesson_id))  # the study screen opens it

    @staticmethod
    def _searched(lesson: Lesson) -> str:
        return f"{lesson.course} · {lesson.title} · {lesson.id}"

    async def discover(self) -> Hits:
        for lesson in self._lessons():
            yield DiscoveryHit(Text(self._searched(lesson)), partial(self._open, lesson.id),
                               text=self._searched(lesson), help="Open this lesson")

    async def search(self, query: str) -> Hits:
        """Lessons that contain every typed word; only when none does, fuzzy matches (letters in order,
        which over long titles match nearly everything)."""
        matcher = self.matcher(query)
        words = query.lower().split()
        lessons = self._lessons()
        worded = [lesson for lesson in lessons if words and all(word in searchable(lesson) for word in words)]
        for lesson in worded or lessons:
            searched = self._searched(lesson)
            score = matcher.match(searched)
            if score > 0 or worded:
                yield Hit(score + (1.0 if worded else 0.0), _highlighted(matcher, searched),
                          partial(self._open, lesson.id), text=searched, help="Open this lesson")


def _highlighted(matcher: Matcher, candidate: str) -> Content:
    """`Matcher.highlight` without reading the candidate as markup: a title's `[@click=...]` is words."""
    content = Content(candidate)
    _, offsets = matcher.fuzzy_search.match(matcher.query, candidate)
    for offset in offsets:
        if not candidate[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content
