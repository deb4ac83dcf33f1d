"""The method in the app: two passes, bookmarks, the revisit list, seeking to stamps, the study log."""

from __future__ import annotations

import time
from collections.abc import Callable

from textual.app import App

from studytui.config import Settings
from studytui.core.lessons import Lesson, LessonLibrary
from studytui.core.notes import parse_stamps, stamp_at_line, write_digest
from studytui.core.player import Player, played_through_end
from studytui.core.review import unanswered_questions
from studytui.core.study import CELLS, NOTES, PASTES_REFUSED, StudyLog, StudyState
from studytui.core.timecode import format_time
from studytui.ui.controller import Controller
from studytui.ui.notes import NotesPane, NotesSaved, RevisitScreen, SeekRequested
from studytui.ui.open_lesson import OpenLesson, OpenLessonField
from studytui.ui.outline import Outline
from studytui.ui.screens.confirm import ConfirmScreen
from studytui.ui.study.stats import StatsScreen
from studytui.ui.study.watch_view import WatchView
from studytui.ui.widgets.header import LessonHeader

STUDY_TICK = 0.25
LOG_FLUSH_EVERY = 10.0  # seconds of study time kept in memory before writing to the log


class StudyControl(Controller):
    """The study feature: what the method asks of each pass, and what the study log counts."""

    # Kept in `current`, the open lesson every feature shares.
    lesson = OpenLessonField[Lesson | None]()
    clock = OpenLessonField[Player]()
    library = OpenLessonField[LessonLibrary]()

    def __init__(
        self,
        app: App[None],
        settings: Settings,
        current: OpenLesson,
        study_state: StudyState,
        study_log: StudyLog,
        header: LessonHeader,
        outline: Outline,
        notes: NotesPane,
        watch_view: WatchView,
        known_duration: Callable[[], float | None],
        remember_position: Callable[[], None],
        show_clock: Callable[[], None],
    ) -> None:
        super().__init__(app)
        self.settings = settings
        self.current = current
        self.study_state = study_state
        self.study_log = study_log
        self.header = header
        self.outline = outline
        self.notes = notes
        self.watch_view = watch_view
        self.known_duration = known_duration  # the lesson feature knows the video's length
        self._remember_position = remember_position
        self._tick = show_clock

    def start_study(self) -> None:
        """Called once on mount."""
        self._time_bucket: dict[tuple[str, int, bool], float] = {}
        self._last_study_tick = time.monotonic()
        self._last_flush = self._last_study_tick
        self._finished_here: set[tuple[str, int]] = set()
        self._last_look: tuple[str, float, bool] = ("", 0.0, False)  # lesson, position, playing
        self.study_log.start_session()
        for lesson in self.library.lessons:
            done = self.study_log.passes_done(lesson.id)
            if done:
                self.outline.show_passes_done(lesson.id, done)
        self.set_interval(STUDY_TICK, self._study_tick)

    # ----- passes ----------------------------------------------------------------------------

    def _lesson_opened(self) -> None:
        self.show_pass()

    def study_pass_of(self, lesson: Lesson) -> int:
        return self.study_state.pass_of(lesson.id)

    def current_pass(self) -> int:
        return self.study_pass_of(self.lesson) if self.lesson else 2

    def show_pass(self) -> None:
        """Pass 1 shows the outline and the clock large; pass 2 the notes and the code."""
        study_pass = self.current_pass()
        self.screen.set_class(study_pass == 1, "pass-1")
        self.app.refresh_bindings()  # the footer shows this pass's keys
        self.header.study_pass = study_pass
        self.watch_view.show(self.lesson, self.clock.position, self.clock.playing)
        if self.lesson is not None:
            self.outline.show_passes_done(self.lesson.id, self.study_log.passes_done(self.lesson.id))

    def set_pass(self, study_pass: int, announce: bool = True) -> None:
        if self.lesson is None:
            return
        self.study_state.set_pass(self.lesson.id, study_pass)
        self._remember_position()
        self.show_pass()
        self.screen.set_focus(self.notes.editor if study_pass == 2 else self.outline)
        if not announce:
            return
        if study_pass == 2:
            self.notify("Pass 2: pause often, write in your own words, type every line of code.")
        else:
            self.notify("Pass 1: just watch. Bookmark anything to revisit with ctrl+n.")

    def action_switch_pass(self) -> None:
        self.set_pass(3 - self.current_pass())

    def action_finish_pass(self) -> None:
        if self.lesson is not None:
            self._finish_pass(self.lesson.id, self.current_pass())

    def _finish_pass(self, lesson_id: str, study_pass: int) -> None:
        self.study_log.mark_pass_done(lesson_id, study_pass)
        self._finished_here.add((lesson_id, study_pass))
        self.outline.show_passes_done(lesson_id, self.study_log.passes_done(lesson_id))
        if study_pass == 1:
            question = "Pass 1 done. Start pass 2 now: pause often, notes in your own words, type the code?"

            def answer(start_two: bool | None) -> None:
                if start_two:
                    self.clock.pause()  # pass 2 starts when the learner is ready (ctrl+t)
                    self.clock.seek(0)
                    self.set_pass(2)

            self.push_screen(ConfirmScreen(question, yes="Start pass 2"), answer)
        else:
            self.notify("Pass 2 done. Export a digest of your notes from the palette (ctrl+p).")

    def drop_bookmark(self, seconds: float) -> None:
        assert self.lesson is not None
        self.notes.add_stamped_note(self.lesson, seconds, bookmark=True)
        self.notify(
            f"Bookmarked {format_time(seconds)} to revisit. Pass 1 is for watching: notes come in pass 2.",
            title="Bookmark",
        )

    # ----- the clock and the log --------------------------------------------------------------

    def _study_tick(self) -> None:
        now = time.monotonic()
        elapsed, self._last_study_tick = now - self._last_study_tick, now
        lesson = self.lesson
        if lesson is None:
            return
        study_pass = self.current_pass()
        key = (lesson.id, study_pass, self.clock.playing)
        self._time_bucket[key] = self._time_bucket.get(key, 0.0) + elapsed
        if now - self._last_flush >= LOG_FLUSH_EVERY:
            self.flush_study_time()
        position = self.clock.position
        if study_pass == 1:
            self.watch_view.show(lesson, position, self.clock.playing)
        end = self.known_duration()
        before = self._last_look if self._last_look[0] == lesson.id else None
        self._last_look = (lesson.id, position, self.clock.playing)
        # Only playing through the end finishes a pass: not a resume or a jump past it.
        if (end is not None and before is not None and (lesson.id, study_pass) not in self._finished_here
                and played_through_end(before[1], position, elapsed, before[2] or self.clock.playing, end)):
            self._finish_pass(lesson.id, study_pass)

    def flush_study_time(self) -> None:
        self._last_flush = time.monotonic()
        bucket, self._time_bucket = self._time_bucket, {}
        for (lesson_id, study_pass, playing), seconds in bucket.items():
            self.study_log.add_time(
                lesson_id, study_pass, seconds if playing else 0.0, 0.0 if playing else seconds
            )

    def close_study(self) -> None:
        self.flush_study_time()
        self.study_log.close()

    def _count_cell(self) -> None:
        if self.lesson is not None:
            self.study_log.bump(self.lesson.id, CELLS)

    def _count_paste(self) -> None:
        if self.lesson is not None:
            self.study_log.bump(self.lesson.id, PASTES_REFUSED)

    def _count_notes(self, message: NotesSaved) -> None:
        if self.lesson is not None and message.path == self.settings.notes_dir / f"{self.lesson.id}.md":
            self.study_log.set_count(self.lesson.id, NOTES, message.note_count)

    # ----- moving to a stamp ------------------------------------------------------------------

    def seek_to(self, seconds: float) -> None:
        self.clock.seek(seconds)
        self._remember_position()
        self._tick()
        self.notify(f"Moved to {format_time(seconds)}")

    def _seek_requested(self, message: SeekRequested) -> None:
        self.seek_to(message.seconds)

    def action_goto_stamp(self) -> None:
        editor = self.notes.editor
        stamp = stamp_at_line(editor.text, editor.cursor_location[0])
        if stamp is None:
            self.notify("No stamped note under the cursor.", severity="warning")
            return
        self.seek_to(stamp.seconds)

    def action_revisit(self) -> None:
        def chosen(seconds: float | None) -> None:
            if seconds is not None:
                self.seek_to(seconds)

        text = self.notes.editor.text
        open_questions = set(unanswered_questions(text))  # an answered question is a review card now
        stamps = [s for s in parse_stamps(text) if s.kind != "question" or s.line in open_questions]
        self.push_screen(RevisitScreen(stamps), chosen)

    def action_toggle_preview(self) -> None:
        self.notes.toggle_preview()

    # ----- statistics and the digest ----------------------------------------------------------

    def action_study_stats(self) -> None:
        self.flush_study_time()
        self.push_screen(StatsScreen(self.library, self.study_log, self.lesson.id if self.lesson else None))

    def action_export_digest(self) -> None:
        if self.lesson is None:
            return
        self.notes.save_now()
        try:
            path = write_digest(self.settings, self.lesson, self.study_log, open_questions=unanswered_questions)
        except OSError as error:  # OutsideWorkspace included
            self.notify(f"Could not write the digest: {error}", severity="error")
            return
        self.notify(f"Digest written to {path}", title="Export", timeout=10)
