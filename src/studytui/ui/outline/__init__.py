"""The outline feature: courses, lessons, chapters and exercises in one tree, with progress marks;
finding a lesson by title, course or id (the palette's lessons and the f10 picker)."""

from studytui.ui.outline.lesson_finder import LessonFinder
from studytui.ui.outline.lesson_picker import LessonPicker
from studytui.ui.outline.outline import Outline

__all__ = ["LessonFinder", "LessonPicker", "Outline"]
