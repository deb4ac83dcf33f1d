"""Adding a course from the app: the palette's "Add a course from a URL or folder", with its progress."""

from studytui.ui.courses.course_adder import CourseAdder

__all__ = ["CourseAdder"]
