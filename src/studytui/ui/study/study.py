"""The method in the app: two passes, bookmarks, the revisit list, seeking to stamps, the study log.

A widget with nothing to show of its own: it drives the watch view, the header's pass and the
outline's marks, and its timer and screens end with the study screen."""

from __future__ import annotations

import time
from pathlib import Path

from textual.widget import Widget

from studytui.config import Settings
from studytui.core.lessons import Lesson
from studytui.core.notes import parse_stamps, stamp_at_line, write_digest
from studytui.core.player import played_through_end
from studytui.core.review import unanswered_questions
from studytui.core.study import CELLS, NOTES, PASTES_REFUSED, StudyLog, StudyState
from studytui.core.timecode import format_time
from studytui.ui.notes import NotesPane, RevisitScreen
from studytui.ui.outline import Outline
from studytui.ui.screens.confirm import ConfirmScreen
from studytui.ui.session import StudySession
from studytui.ui.study.stats import StatsScreen
from studytui.ui.study.watch_view import WatchView
from studytui.ui.widgets.header import LessonHeader

STUDY_TICK = 0.25
LOG_FLUSH_EVERY = 10.0  # seconds of study time kept in memory before writing to the log


PASS_TWO_PANES = "#notes, #code"  # the panes pass 1 hides


class Study(Widget):
    """The study feature: what the method asks of each pass, and what the study log counts."""

    DEFAULT_CSS = "Study { display: none; }"

    def __init__(
        self,
        settings: Settings,
        session: StudySession,
        study_state: StudyState,
        study_log: StudyLog,
        header: LessonHeader,
        outline: Outline,
        notes: NotesPane,
        watch_view: WatchView,
    ) -> None:
        super().__init__()
        self.settings = settings
        self.session = session
        self.study_state = study_state
        self.study_log = study_log
        self.header = header
        self.outline = outline
        self.notes = notes
        self.watch_view = watch_view
        self._launch_pass: tuple[str, int] | None = None  # `--pass`: (lesson opened at launch, its pass)

    def on_mount(self) -> None:
        self._time_bucket: dict[tuple[str, int, bool], float] = {}
        self._last_study_tick = time.monotonic()
        self._last_flush = self._last_study_tick
        self._finished_here: set[tuple[str, int]] = set()
        self._last_look: tuple[str, float, bool] = ("", 0.0, False)  # lesson, position, playing
        self.study_log.start_session()
        for lesson in self.session.library.lessons:
            done = self.study_log.passes_done(lesson.id)
            if done:
                self.outline.show_passes_done(lesson.id, done)
        self.set_interval(STUDY_TICK, self.study_tick)
        self.session.lesson_opened.subscribe(self, self.lesson_opened, immediate=True)
        self.session.clock_moved.subscribe(self, lambda _position: self.show_watch(), immediate=True)

    # ----- passes ----------------------------------------------------------------------------

    def pass_at_launch(self, lesson_id: str, study_pass: int) -> None:
        """`--pass`: the lesson opened at launch shows in `study_pass` until another lesson opens;
        the pass it is kept in changes only by ctrl+o (or starting pass 2 when pass 1 ends)."""
        self._launch_pass = (lesson_id, study_pass)

    def lesson_opened(self, lesson: Lesson) -> None:
        if self._launch_pass is not None and self._launch_pass[0] != lesson.id:
            self._launch_pass = None  # it applied to the lesson opened at launch only
        self.show_pass()

    def study_pass_of(self, lesson: Lesson) -> int:
        if not lesson.has_video:
            return 2  # nothing to watch: exercises only
        if self._launch_pass is not None and self._launch_pass[0] == lesson.id:
            return self._launch_pass[1]
        return self.study_state.pass_of(lesson.id)

    def current_pass(self) -> int:
        lesson = self.session.lesson
        return self.study_pass_of(lesson) if lesson else 2

    def show_pass(self) -> None:
        """Pass 1 shows the outline and the clock large; pass 2 the notes and the code."""
        study_pass = self.current_pass()
        lesson, clock = self.session.lesson, self.session.clock
        self.screen.set_class(study_pass == 1, "pass-1")
        self.screen.refresh_bindings()  # the footer shows this pass's keys
        self.header.study_pass = study_pass
        if study_pass == 1:
            self.watch_view.build()  # composed the first time pass 1 shows it
            if any(pane.has_focus_within for pane in self.screen.query(PASS_TWO_PANES)):
                self.screen.set_focus(self.outline)  # hidden now: keys typed next must not go there
        self.watch_view.show(lesson, clock.position, clock.playing)
        if lesson is not None:
            self.outline.show_passes_done(lesson.id, self.study_log.passes_done(lesson.id))

    def show_watch(self) -> None:
        """Pass 1's view follows the clock."""
        if self.current_pass() == 1:
            clock = self.session.clock
            self.watch_view.show(self.session.lesson, clock.position, clock.playing)

    def set_pass(self, study_pass: int, announce: bool = True) -> None:
        lesson = self.session.lesson
        if lesson is None or not lesson.has_video:  # no passes: nothing to set
            return
        self._launch_pass = None
        self.study_state.set_pass(lesson.id, study_pass)
        self.session.remember_position()
        self.show_pass()
        self.screen.set_focus(self.notes.editor if study_pass == 2 else self.outline)
        if not announce:
            return
        if study_pass == 2:
            self.notify("Pass 2: pause often, write in your own words, type every line of code.")
        else:
            self.notify("Pass 1: just watch. Bookmark anything to revisit with ctrl+n.")

    def switch_pass(self) -> None:
        if self.has_passes():
            self.set_pass(3 - self.current_pass())

    def finish_this_pass(self) -> None:
        if self.session.lesson is not None and self.has_passes():
            self.finish_pass(self.session.lesson.id, self.current_pass())

    def has_passes(self) -> bool:
        """False, and the learner told why, for a lesson without a video."""
        lesson = self.session.lesson
        if lesson is None or lesson.has_video:
            return True
        self.notify(f"'{lesson.title}' has no video: no clock and no passes, only its exercises "
                    "(f2 to pick one, f5 checks it, f6 gives a hint).")
        return False

    def finish_pass(self, lesson_id: str, study_pass: int) -> None:
        self.study_log.mark_pass_done(lesson_id, study_pass)
        self._finished_here.add((lesson_id, study_pass))
        self.outline.show_passes_done(lesson_id, self.study_log.passes_done(lesson_id))
        if study_pass == 1:
            question = "Pass 1 done. Start pass 2 now: pause often, notes in your own words, type the code?"

            def answer(start_two: bool | None) -> None:
                if start_two:
                    self.session.clock.pause()  # pass 2 starts when the learner is ready (ctrl+t)
                    self.session.clock.seek(0)
                    self.set_pass(2)

            self.app.push_screen(ConfirmScreen(question, yes="Start pass 2"), answer)
        else:
            self.notify("Pass 2 done. Export a digest of your notes from the palette (ctrl+p).")

    def drop_bookmark(self, lesson: Lesson, seconds: float) -> None:
        self.notes.add_stamped_note(lesson, seconds, bookmark=True)
        self.notify(
            f"Bookmarked {format_time(seconds)} to revisit. Pass 1 is for watching: notes come in pass 2.",
            title="Bookmark",
        )

    # ----- the clock and the log --------------------------------------------------------------

    def study_tick(self) -> None:
        now = time.monotonic()
        elapsed, self._last_study_tick = now - self._last_study_tick, now
        lesson, clock = self.session.lesson, self.session.clock
        spent = self.session.activity.tick(clock.playing)  # idle time (nobody at the keys) is not counted
        if lesson is None:
            return
        study_pass = self.current_pass()
        key = (lesson.id, study_pass, clock.playing)
        self._time_bucket[key] = self._time_bucket.get(key, 0.0) + spent.active
        if now - self._last_flush >= LOG_FLUSH_EVERY:
            self.flush_study_time()
        position = clock.position
        if study_pass == 1:
            self.watch_view.show(lesson, position, clock.playing)
        end = self.session.known_duration()
        before = self._last_look if self._last_look[0] == lesson.id else None
        self._last_look = (lesson.id, position, clock.playing)
        # Only playing through the end finishes a pass: not a resume or a jump past it.
        if (end is not None and before is not None and (lesson.id, study_pass) not in self._finished_here
                and played_through_end(before[1], position, elapsed, before[2] or clock.playing, end)):
            self.finish_pass(lesson.id, study_pass)

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

    def count_cell(self) -> None:
        if self.session.lesson is not None:
            self.study_log.bump(self.session.lesson.id, CELLS)

    def count_paste(self) -> None:
        if self.session.lesson is not None:
            self.study_log.bump(self.session.lesson.id, PASTES_REFUSED)

    def count_notes(self, path: Path, note_count: int) -> None:
        lesson = self.session.lesson
        if lesson is not None and path == self.settings.notes_dir / f"{lesson.id}.md":
            self.study_log.set_count(lesson.id, NOTES, note_count)

    # ----- moving to a stamp ------------------------------------------------------------------

    def goto_stamp(self) -> None:
        stamp = stamp_at_line(self.notes.text, self.notes.cursor_row)
        if stamp is None:
            self.notify("No stamped note under the cursor.", severity="warning")
            return
        self.session.seek(stamp.seconds, say=True)

    def revisit(self) -> None:
        def chosen(seconds: float | None) -> None:
            if seconds is not None:
                self.session.seek(seconds, say=True)

        text = self.notes.text
        open_questions = set(unanswered_questions(text))  # an answered question is a review card now
        stamps = [s for s in parse_stamps(text) if s.kind != "question" or s.line in open_questions]
        self.app.push_screen(RevisitScreen(stamps), chosen)

    # ----- statistics and the digest ----------------------------------------------------------

    def show_stats(self) -> None:
        self.study_tick()  # the time up to now, not only up to the last tick
        self.flush_study_time()
        lesson = self.session.lesson
        self.app.push_screen(StatsScreen(self.session.library, self.study_log, lesson.id if lesson else None,
                                         self.settings.idle_minutes))

    def export_digest(self) -> None:
        lesson = self.session.lesson
        if lesson is None:
            return
        self.notes.save_now()
        try:
            path = write_digest(self.settings, lesson, self.study_log, open_questions=unanswered_questions)
        except OSError as error:  # OutsideWorkspace included
            self.notify(f"Could not write the digest: {error}", severity="error")
            return
        self.notify(f"Digest written to {path}", title="Export", timeout=10)
