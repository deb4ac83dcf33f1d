"""The open lesson and its clock: picking lessons and chapters, pausing, stamping notes."""

from __future__ import annotations

from textual import on

from studytui.core.lessons import Lesson
from studytui.core.player import Stopwatch
from studytui.ui.base import StudyAppBase
from studytui.ui.messages import ChapterPicked, LessonPicked

CLOCK_TICK = 0.25  # seconds between header clock updates


class LessonControl(StudyAppBase):
    _state_save_failed = False

    def open_lesson(self, lesson: Lesson) -> None:
        self._remember_position()
        self.lesson = lesson
        self.clock = Stopwatch(self.study_state.position_of(lesson.id), lesson.duration)
        self._remember_position()
        self.notes.open_notes(self.settings.notes_path(lesson.id), lesson)
        self.header.title = lesson.title
        self.header.duration = int(lesson.duration)
        self.outline.show_lesson(lesson.id)
        self._tick()

    def _tick(self) -> None:
        position = self.clock.position
        if self.lesson is not None and self.clock.playing and position >= self.lesson.duration:
            self.clock.pause()
            self._remember_position()
        self.header.position = int(position)
        self.header.playing = self.clock.playing
        if self.lesson is not None:
            self.outline.mark_current_chapter(self.lesson.id, self.lesson.chapter_index_at(position))

    def _remember_position(self) -> None:
        if self.lesson is None:
            return
        self.study_state.remember(self.lesson.id, self.clock.position)
        try:
            self.study_state.save()
        except OSError as error:
            if not self._state_save_failed:
                self._state_save_failed = True
                self.notify(f"Could not save the lesson position: {error}", severity="warning")

    @on(LessonPicked)
    def _lesson_picked(self, message: LessonPicked) -> None:
        lesson = self.library.find(message.lesson_id)
        if lesson is not None and lesson is not self.lesson:
            self.open_lesson(lesson)

    @on(ChapterPicked)
    def _chapter_picked(self, message: ChapterPicked) -> None:
        lesson = self.library.find(message.lesson_id)
        if lesson is None:
            return
        if lesson is not self.lesson:
            self.open_lesson(lesson)
        self.clock.seek(lesson.chapters[message.chapter_index].start)
        self._remember_position()
        self._tick()

    def action_toggle_clock(self) -> None:
        self.clock.toggle()
        self._remember_position()
        self._tick()

    def action_new_note(self) -> None:
        if self.lesson is None:
            self.notify("Open a lesson first: pick one in the outline (f2).", severity="warning")
            return
        self.clock.pause()
        self._remember_position()
        self._tick()
        self.notes.add_stamped_note(self.lesson, self.clock.position)

    def action_save_notes(self) -> None:
        if self.notes.save_now():
            self.notify("Notes saved.")

