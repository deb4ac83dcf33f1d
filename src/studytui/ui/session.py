"""The study session: the library, the open lesson and its clock, in one place.

Every way of opening a lesson (the outline, the palette, f10, an exercise, a transcript search, a
rewatch from the review, the first lesson at launch, a reload of the lesson files) goes through
`open_lesson`. Features do not call each other when a lesson opens or the clock changes: they
subscribe to the session's signals (Textual `Signal`s, called as the change happens) and change
their own widgets.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.app import App
from textual.signal import Signal

from studytui.config import OutsideWorkspace, Settings
from studytui.core.lessons import Lesson, LessonLibrary
from studytui.core.player import MpvPlayer, Player, Stopwatch
from studytui.core.study import ActiveTime, StudyState
from studytui.core.timecode import format_time


class StudySession:
    """The library, the open lesson and its clock; the position of each lesson kept in `StudyState`.

    Signals (subscribers are called at once, in the order they subscribed):
    - `lesson_opened(lesson)`: another lesson is open (its notes, outline mark, transcript...);
    - `lesson_refreshed(lesson)`: the open lesson opened again (picked again, or its file read again);
    - `clock_changed(clock)`: another clock (mpv took over, or a stopwatch after it);
    - `clock_moved(position)`: the clock was paused, resumed, moved or sped up (redraw, save).
    """

    def __init__(self, owner: App[Any], settings: Settings, library: LessonLibrary, study_state: StudyState) -> None:
        self.owner = owner  # the app: notices, and the signals' owner
        self.settings = settings
        self.study_state = study_state
        self._library = library
        self._lesson: Lesson | None = None
        self._clock: Player = Stopwatch()
        self._save_failed = False
        # Keys and clicks seen (the app reports them); the study log counts only active time.
        self.activity = ActiveTime(settings.idle_minutes * 60)
        self.lesson_opened: Signal[Lesson] = Signal(owner, "lesson-opened")
        self.lesson_refreshed: Signal[Lesson] = Signal(owner, "lesson-refreshed")
        self.clock_changed: Signal[Player] = Signal(owner, "clock-changed")
        self.clock_moved: Signal[float] = Signal(owner, "clock-moved")

    @property
    def library(self) -> LessonLibrary:
        return self._library

    @property
    def lesson(self) -> Lesson | None:
        return self._lesson

    @property
    def clock(self) -> Player:
        return self._clock

    # ----- opening ----------------------------------------------------------------------------

    def find(self, lesson_id: str) -> Lesson | None:
        return self._library.find(lesson_id)

    def first_lesson(self) -> Lesson | None:
        """The lesson to open at launch: the one studied last, else the first of the first course."""
        last = self._library.find(self.study_state.last_lesson or "")
        if last is not None:
            return last
        courses = self._library.courses()
        return courses[0].lessons[0] if courses and courses[0].lessons else None

    def open_lesson(self, lesson: Lesson) -> bool:
        """Open `lesson` (its remembered position on the clock); False when it cannot be opened.

        The open lesson opened again (picked again, or read again from its file) is not reopened:
        its new version replaces it and `lesson_refreshed` says so.
        """
        if self._lesson is not None and lesson.id == self._lesson.id:
            self._lesson = lesson
            self.lesson_refreshed.publish(lesson)
            return True
        try:
            self.settings.notes_path(lesson.id)
        except OutsideWorkspace as refused:
            self.owner.notify(f"{lesson.title} is not opened: {refused}", severity="error", timeout=15)
            return False
        if self._lesson is not None and (position := self.reached_position()) is not None:
            self.study_state.remember(self._lesson.id, position)  # saved with the new lesson's below
        self._lesson = lesson
        self.study_state.opened(lesson.id)  # the lesson the next launch opens, saved below
        if not kept_across_lessons(self._clock):
            # An unverified duration is only a bound: the clock is not stopped at it.
            limit = None if lesson.duration_approximate or not lesson.has_video else lesson.duration
            self._clock = Stopwatch(self.study_state.position_of(lesson.id), limit)
        self.remember_position()
        self.lesson_opened.publish(lesson)
        return True

    def open_at(self, lesson_id: str, seconds: float, say: bool = False) -> bool:
        """The lesson `lesson_id` opened with its clock at `seconds` (a rewatch, a transcript moment)."""
        lesson = self.find(lesson_id)
        if lesson is None or not self.open_lesson(lesson):
            return False
        self.seek(seconds, say=say)
        return True

    def replace_library(self, library: LessonLibrary) -> None:
        """The lesson files were read again: the open lesson is replaced by its new version."""
        self._library = library
        fresh = library.find(self._lesson.id) if self._lesson is not None else None
        if fresh is not None:
            self.open_lesson(fresh)

    def video_source(self, lesson: Lesson) -> str | None:
        """The learner's local file for the lesson if configured, else the lesson's `video`."""
        source = self.settings.video_overrides.get(lesson.id) or lesson.video
        if not source or "://" in source:
            return source or None
        path = Path(source).expanduser()
        if not path.is_absolute():
            path = lesson.path.parent / path
        return str(path)

    # ----- the clock --------------------------------------------------------------------------

    def set_clock(self, clock: Player) -> None:
        """Another clock for the open lesson (mpv once it has loaded, a stopwatch once it is gone)."""
        self._clock = clock
        self.remember_position()
        self.clock_changed.publish(clock)

    def clock_moved_here(self, save: bool = True) -> None:
        """The clock was changed in place (paused, moved, sped up): saved and shown."""
        if save:
            self.remember_position()
        self.clock_moved.publish(self._clock.position)

    def seek(self, seconds: float, say: bool = False) -> None:
        self._clock.seek(seconds)
        self.clock_moved_here()
        if say:
            self.owner.notify(f"Moved to {format_time(seconds)}")

    def toggle(self) -> None:
        lesson = self._lesson
        if lesson is not None and not lesson.has_video and not self._clock.playing:
            self.owner.notify(f"'{lesson.title}' has no video: there is no clock to start.")
            return
        self._clock.toggle()
        self.clock_moved_here()

    def pause(self) -> None:
        self._clock.pause()
        self.clock_moved_here()

    def known_duration(self) -> float | None:
        """The video's length when it is known: from the player, or a lesson duration that is not approximate."""
        lesson = self._lesson
        if lesson is None:
            return None
        if isinstance(self._clock, MpvPlayer) and self._clock.duration:
            return self._clock.duration
        return None if lesson.duration_approximate or not lesson.has_video else lesson.duration

    def reached_position(self) -> float | None:
        """The clock's position, unless it is an attached mpv's that the learner was not seen to reach."""
        clock = self._clock
        if isinstance(clock, MpvPlayer) and not clock.position_reached:
            return None
        return clock.position

    def hold_clock(self) -> None:
        """On quit: the clock stopped where it is, but an mpv the learner started left playing or paused."""
        clock = self._clock
        if not (isinstance(clock, MpvPlayer) and not clock.started_by_us):
            clock.pause()

    def remember_position(self) -> None:
        """The clock's position kept for the open lesson (when it is one the learner reached), and
        the study state saved (the lesson open last with it)."""
        if self._lesson is None:
            return
        position = self.reached_position()
        if position is not None:
            self.study_state.remember(self._lesson.id, position)
        try:
            self.study_state.save()
        except OSError as error:
            if not self._save_failed:
                self._save_failed = True
                self.owner.notify(f"Could not save the lesson position: {error}", severity="warning")


def kept_across_lessons(clock: Player) -> bool:
    """An mpv the learner started (attached) stays the clock whatever lesson is open."""
    return isinstance(clock, MpvPlayer) and not clock.started_by_us and clock.connected
