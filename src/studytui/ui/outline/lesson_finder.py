"""Find a lesson by title, course or id: in the command palette (ctrl+p) and in the lesson picker (f10)."""

from __future__ import annotations

from functools import partial

from rich.text import Text
from textual.command import DiscoveryHit, Hit, Hits, Provider

from studytui.core.lessons import Lesson
from studytui.ui.messages import LessonPicked


class LessonFinder(Provider):
    """Every lesson of the library as a command that opens it; reads the app's `library`."""

    def _lessons(self) -> tuple[Lesson, ...]:
        library = getattr(self.app, "library", None)
        if library is None:
            return ()
        return tuple(lesson for course in library.courses() for lesson in course.lessons)

    def _open(self, lesson_id: str) -> None:
        self.app.post_message(LessonPicked(lesson_id))

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
        lessons = [(lesson, self._searched(lesson)) for lesson in self._lessons()]
        worded = [(lesson, searched) for lesson, searched in lessons if words and all(w in searched.lower() for w in words)]
        for lesson, searched in worded or lessons:
            score = matcher.match(searched)
            if score > 0 or worded:
                yield Hit(score + (1.0 if worded else 0.0), matcher.highlight(searched), partial(self._open, lesson.id),
                          text=searched, help="Open this lesson")
