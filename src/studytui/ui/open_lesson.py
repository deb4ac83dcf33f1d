"""The lesson on screen, its clock and the library it comes from: the state every feature reads.

One small object instead of attributes on the App: the lesson feature opens lessons and swaps the
clock (a stopwatch, or mpv once it has loaded), the exercises feature replaces the library when
lesson files change on disk; the others only read it. Each controller gets it passed in.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Generic, TypeVar, overload

from studytui.core.lessons import Lesson, LessonLibrary
from studytui.core.player import Player


@dataclass
class OpenLesson:
    library: LessonLibrary
    clock: Player
    lesson: Lesson | None = None


T = TypeVar("T")


class OpenLessonField(Generic[T]):
    """An attribute of a controller (or the App) kept in its `current` OpenLesson.

    `lesson = OpenLessonField[Lesson | None]()` lets code read `self.lesson` where the open lesson
    lives; only the features that change it declare the field `writable`.
    """

    def __init__(self, writable: bool = False) -> None:
        self.writable = writable
        self.name = ""

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, holder: None, owner: type) -> OpenLessonField[T]: ...

    @overload
    def __get__(self, holder: object, owner: type) -> T: ...

    def __get__(self, holder: object, owner: type) -> Any:
        if holder is None:
            return self
        return getattr(holder.current, self.name)  # type: ignore[attr-defined]

    def __set__(self, holder: object, value: T) -> None:
        if not self.writable:
            raise AttributeError(f"{type(holder).__name__} only reads the open lesson's {self.name}")
        setattr(holder.current, self.name, value)  # type: ignore[attr-defined]
