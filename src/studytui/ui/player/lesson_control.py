"""The open lesson and its clock: picking lessons and chapters, pausing, stamping notes.

The clock is a `Stopwatch`, or the video player (mpv) when it is set up; the player's part
(starting, attaching, falling back when it stops) is in `PlayerControl`.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable

from textual.app import App

from studytui.config import OutsideWorkspace, Settings
from studytui.core.lessons import Lesson, LessonLibrary
from studytui.core.player import MpvPlayer, Player, Stopwatch, next_speed, resume_position
from studytui.core.study import StudyState
from studytui.core.timecode import format_clock
from studytui.ui.controller import Controller
from studytui.ui.messages import ChapterPicked, LessonOpened, LessonPicked
from studytui.ui.notes import NotesPane
from studytui.ui.open_lesson import OpenLesson, OpenLessonField
from studytui.ui.outline import Outline
from studytui.ui.player.player_control import PlayerControl
from studytui.ui.widgets.header import LessonHeader

CLOCK_TICK = 0.25  # seconds between header clock updates
SEEK_STEP = 5.0  # seconds for the seek keys


class LessonControl(Controller):
    """The lesson feature: opens lessons (into the open lesson, notes and outline) and drives the clock."""

    _state_save_failed = False
    _resume_checked: MpvPlayer | None = None  # the player whose start was checked against its length

    # Kept in `current`, the open lesson every feature shares.
    lesson = OpenLessonField[Lesson | None](writable=True)
    clock = OpenLessonField[Player](writable=True)
    library = OpenLessonField[LessonLibrary]()

    def __init__(
        self,
        app: App[None],
        settings: Settings,
        current: OpenLesson,
        study_state: StudyState,
        header: LessonHeader,
        outline: Outline,
        notes: NotesPane,
        player: PlayerControl,
        study_pass_of: Callable[[Lesson], int],
        drop_bookmark: Callable[[float], None],
    ) -> None:
        super().__init__(app)
        self.settings = settings
        self.current = current
        self.study_state = study_state
        self.header = header
        self.outline = outline
        self.notes = notes
        self.player = player
        self.study_pass_of = study_pass_of  # the study feature knows the passes
        self.drop_bookmark = drop_bookmark  # pass 1: a bookmark instead of a note (the study feature)

    def open_lesson(self, lesson: Lesson) -> None:
        try:
            notes_path = self.settings.notes_path(lesson.id)
        except OutsideWorkspace as refused:
            self.notify(f"{lesson.title} is not opened: {refused}", severity="error", timeout=15)
            return
        if self.lesson is not None and (position := self._reached_position()) is not None:
            self.study_state.remember(self.lesson.id, position)  # saved with the new lesson's below
        self.lesson = lesson
        if not self.player.keep_player_across_lessons():
            self.player.close_player()
            # An unverified duration is only a bound: the clock is not stopped at it.
            limit = None if lesson.duration_approximate or not lesson.has_video else lesson.duration
            self.clock = Stopwatch(self.study_state.position_of(lesson.id), limit)
            if self.player.wants_player():
                self.player.start_player(lesson)
        self._remember_position()
        self.notes.open_notes(notes_path, lesson)
        self.header.title = lesson.title
        self.header.duration = int(lesson.duration)
        self.header.no_video = not lesson.has_video
        self.outline.show_lesson(lesson.id)
        self._tick()
        self.post_message(LessonOpened(lesson.id))

    def _tick(self) -> None:
        clock, lesson = self.clock, self.lesson
        position = clock.position
        video = isinstance(clock, MpvPlayer)
        end = self.known_duration()
        if not video and end is not None and clock.playing and position >= end:
            clock.pause()
            self._remember_position()
        self.header.position = int(position)
        self.header.playing = clock.playing
        self.header.speed = clock.speed
        self.header.video = video
        if lesson is None:
            return
        self.header.duration = int(end or lesson.duration)
        self.header.duration_approximate = end is None
        if isinstance(clock, MpvPlayer) and clock.chapters and not lesson.chapters:
            self.outline.show_video_chapters(lesson.id, clock.chapters)
        if isinstance(clock, MpvPlayer) and clock.duration and clock is not self._resume_checked:
            self._resume_checked = clock
            self._resume_within_video(lesson, clock)
        self.outline.mark_current_chapter(lesson.id, self._chapter_index_at(lesson, position))

    def _resume_within_video(self, lesson: Lesson, player: MpvPlayer) -> None:
        """A remembered position past this video's end resumes at its last chapter instead."""
        starts = [start for start, _ in self.outline.chapter_list(lesson)]
        position = player.position
        start = resume_position(position, player.duration, starts)
        if start != position:
            player.seek(start)
            self._remember_position()
            self.notify(f"The remembered position {format_clock(position)} is past this video's end: "
                        f"resuming at {format_clock(start)}.", title="Video player")

    def known_duration(self) -> float | None:
        """The video's length when it is known: from the player, or a lesson duration that is not approximate."""
        lesson = self.lesson
        if lesson is None:
            return None
        if isinstance(self.clock, MpvPlayer) and self.clock.duration:
            return self.clock.duration
        return None if lesson.duration_approximate or not lesson.has_video else lesson.duration

    def _chapter_index_at(self, lesson: Lesson, seconds: float) -> int | None:
        if lesson.chapters:
            return lesson.chapter_index_at(seconds)
        starts = [start for start, _ in self.outline.chapter_list(lesson)]  # the video's, in order
        index = bisect.bisect_right(starts, seconds)
        return index - 1 if index else None

    def _after_clock_change(self) -> None:
        self._remember_position()
        self._tick()

    def _reached_position(self) -> float | None:
        """The clock's position, unless it is an attached mpv's that the learner was not seen to reach."""
        clock = self.clock
        if isinstance(clock, MpvPlayer) and not clock.position_reached:
            return None
        return clock.position

    def _remember_position(self) -> None:
        position = self._reached_position()
        if self.lesson is None or position is None:
            return
        self.study_state.remember(self.lesson.id, position)
        try:
            self.study_state.save()
        except OSError as error:
            if not self._state_save_failed:
                self._state_save_failed = True
                self.notify(f"Could not save the lesson position: {error}", severity="warning")

    def _lesson_picked(self, message: LessonPicked) -> None:
        lesson = self.library.find(message.lesson_id)
        if lesson is not None and lesson is not self.lesson:
            self.open_lesson(lesson)

    def _chapter_picked(self, message: ChapterPicked) -> None:
        lesson = self.library.find(message.lesson_id)
        if lesson is None:
            return
        if lesson is not self.lesson:
            self.open_lesson(lesson)
        chapters = self.outline.chapter_list(lesson)
        if message.chapter_index >= len(chapters):
            return
        self.clock.seek(chapters[message.chapter_index][0])
        self._remember_position()
        self._tick()

    def action_toggle_clock(self) -> None:
        self.clock.toggle()
        self._remember_position()
        self._tick()

    def action_seek_back(self) -> None:
        self.clock.seek_by(-SEEK_STEP)
        self._tick()

    def action_seek_forward(self) -> None:
        self.clock.seek_by(SEEK_STEP)
        self._tick()

    def action_slower(self) -> None:
        self.clock.set_speed(next_speed(self.clock.speed, faster=False))
        self._tick()

    def action_faster(self) -> None:
        self.clock.set_speed(next_speed(self.clock.speed, faster=True))
        self._tick()

    def action_new_note(self) -> None:
        if self.lesson is None:
            self.notify("Open a lesson first: pick one in the outline (f2).", severity="warning")
            return
        seconds = max(0.0, self.clock.position - self.settings.stamp_offset)
        if self.study_pass_of(self.lesson) == 1:
            self.drop_bookmark(seconds)
            return
        if self.settings.pause_on_note:
            self.clock.pause()
            self._remember_position()
            self._tick()
        self.notes.add_stamped_note(self.lesson, seconds)

    def action_save_notes(self) -> None:
        if self.notes.save_now():
            self.notify("Notes saved.")

