"""The lesson on screen, its clock and the library it comes from: the state every feature reads.

One small object instead of attributes on the App: the lesson feature opens lessons and swaps the
clock (a stopwatch, or mpv once it has loaded), the exercises feature replaces the library when
lesson files change on disk; the others only read it. Each controller gets it passed in.
"""

from __future__ import annotations

from dataclasses import dataclass

from studytui.core.lessons import Lesson, LessonLibrary
from studytui.core.player import Player


@dataclass
class OpenLesson:
    library: LessonLibrary
    clock: Player
    lesson: Lesson | None = None
