"""Chapters while watching (alt+c): a heading at the video time, written into the open lesson's file.

The heading `## <video time> ` goes into the lesson file at once, at its place in time order, so the
outline shows the new chapter while the learner types its title in a line at the bottom of the
screen; Enter writes the title after the time, Escape takes the heading out again (a key pressed by
mistake leaves no trace), and Enter on an empty line keeps the heading with its time only. This is
how a lecture with no chapters gets its outline on the first pass: it works in both passes, and the
clock keeps running (the title is a few words).

Only files the learner may change are written: their own courses (`studytui add` made them) and
lessons folders they trusted. The bundled curriculum is studytui's (an upgrade replaces it) and a
folder not trusted is someone else's: alt+c says so and writes nothing. A widget with nothing to
show; the lesson files are read again through the exercises feature, which reloads the library.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

from textual.widget import Widget

from studytui.config import Settings, is_bundled_lessons_dir
from studytui.core.courses import (
    ChapterGone,
    ChapterPlace,
    heading_time,
    insert_chapter,
    remove_chapter,
    retitle_chapter,
)
from studytui.core.lessons import Lesson
from studytui.ui.chapters.title_line import ChapterTitleLine
from studytui.ui.exercises import Exercises
from studytui.ui.session import StudySession


class Chapters(Widget):
    """The chapters feature: alt+c and the title line."""

    DEFAULT_CSS = "Chapters { display: none; }"

    def __init__(self, settings: Settings, session: StudySession, exercises: Exercises) -> None:
        super().__init__()
        self.settings = settings
        self.session = session
        self.exercises = exercises  # whose trust says which folders the learner's own, and who reloads the lessons

    def add_chapter(self) -> None:
        """alt+c: the heading at the clock's time, then the title line."""
        lesson = self.session.lesson
        if lesson is None:
            self.notify("Open a lesson first: pick one in the outline (f2).", severity="warning")
            return
        why = self.why_not_written(lesson)
        if why is not None:
            self.notify(why, title="No chapter added", severity="warning", timeout=15)
            return
        seconds = max(0.0, self.session.clock.position - self.settings.stamp_offset)
        try:
            place = insert_chapter(lesson.path, seconds)
        except (OSError, UnicodeDecodeError) as error:
            self.notify(f"Could not add the chapter to {lesson.path}: {error}", severity="error", timeout=15)
            return
        # Pushed before the next key is read: the keys typed right after alt+c are its title.
        self.app.push_screen(ChapterTitleLine(heading_time(seconds), lesson.path.name),
                             partial(self.title_typed, lesson.path, place))
        self.lesson_file_written(lesson.path)

    def why_not_written(self, lesson: Lesson) -> str | None:
        """Why alt+c writes nothing into this lesson's file, or None when it may."""
        if not lesson.has_video:
            return (f"'{lesson.title}' has no video: a chapter starts at a video time. Its headings are "
                    "written without one, in its file.")
        folder = self.exercises.trust_folder_of(lesson)
        if is_bundled_lessons_dir(folder):
            return ("The bundled curriculum's lessons are studytui's own files (an upgrade replaces them) and "
                    "have their chapters already. Chapters go into your own courses (studytui add, or the "
                    "palette's 'Add a course') and lessons folders you trust.")
        if not self.exercises.trusts(lesson):
            return (f"{folder} is a lessons folder you have not trusted, so studytui writes nothing into it. "
                    "'Trust this lessons folder' in the palette (ctrl+p) lets it add chapters there, and run "
                    "its exercise checks.")
        return None

    def title_typed(self, path: Path, place: ChapterPlace, title: str | None) -> None:
        """The title line closed: the title written after the time, or the heading taken out."""
        time = place.heading[3:].strip() if place.heading.startswith("## ") else place.heading
        try:
            if title is None:
                remove_chapter(path, place)
                self.notify(f"The chapter at {time} is taken out again.")
            elif title.strip():
                retitle_chapter(path, place, title)
            else:
                self.notify(f"The chapter at {time} has its time only: give it a title in {path.name}.")
        except ChapterGone:
            self.notify(f"The chapter at {time} was changed in {path.name} meanwhile: it is left as it is there.",
                        severity="warning", timeout=10)
            return
        except (OSError, UnicodeDecodeError) as error:
            self.notify(f"Could not write the chapter's title into {path}: {error}", severity="error", timeout=15)
            return
        self.lesson_file_written(path)

    def lesson_file_written(self, path: Path) -> None:
        """The outline follows at once (the file watcher would too, a moment later; this folder may
        not be watched yet, a course added since the start)."""
        self.exercises.reload_lessons(frozenset({path}))

