"""The study log: what the learner did, per lesson and pass, in SQLite (WAL) in the workspace.

Time is counted apart for the clock playing and paused: in pass 2 the pauses are the studying.
Only active time is written (`ActiveTime`): paused, a stretch counts only within the idle time
after a key, so an app left open over lunch adds nothing.
The same database (the `Store`, one schema with a version: see `schema`) holds the rest of the
learner's state: `StudyState` (positions, passes, the lesson open last), `ExerciseProgress` (every
exercise check) and the review schedules (read and written by the review domain, `core.review`).
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from studytui.core.lessons import CheckStatus
from studytui.core.study.json_import import JsonFiles
from studytui.core.study.schema import INSERT_CHECK, upgrade
from studytui.core.study.store import Parameters, Store

# Counter names.
NOTES = "notes"
CELLS = "cells"
PASTES_REFUSED = "pastes_refused"
NOTES_FLAGGED = "notes_flagged"  # notes the own-words check found copied from the lecture


@dataclass(frozen=True)
class LessonStats:
    lesson: str
    watch_seconds: float  # pass 1, clock playing or paused
    study_seconds: float  # pass 2, clock playing or paused
    study_paused_seconds: float
    notes: int
    cells: int
    pastes_refused: int
    exercises_passed: int
    exercises_tried: int
    passes_done: frozenset[int]
    notes_flagged: int = 0

    @property
    def own_words_share(self) -> float | None:
        """The share of notes in the learner's own words (None before the first note)."""
        if not self.notes:
            return None
        return max(0.0, 1 - self.notes_flagged / self.notes)

    def study_ratio(self, video_seconds: float) -> float:
        """Pass-2 time over the video's length: the method expects 2-3x."""
        return self.study_seconds / video_seconds if video_seconds else 0.0

    def notes_per_minute(self, video_seconds: float) -> float:
        return self.notes / (video_seconds / 60) if video_seconds else 0.0


class StudyLog:
    def __init__(self, path: Path, now: Callable[[], float] = time.time, json_files: JsonFiles | None = None) -> None:
        """Open the study log at `path` (":memory:": in memory), upgraded to the current schema,
        with `json_files` taken in. RefusedFile (an OSError) for a link or a FIFO there,
        sqlite3.DatabaseError for a damaged file, sqlite3.OperationalError when it cannot be written."""
        self.path = path
        self._now = now
        self.store = Store(path)
        try:
            self.migration_problems = upgrade(self.store, json_files)
        except BaseException:
            self.store.close()
            raise
        self._session: int | None = None

    @property
    def closed(self) -> bool:
        return self.store.closed

    @property
    def last_error(self) -> str | None:
        return self.store.last_error

    def close(self) -> None:
        """End the session and close the database; later writes are ignored (the app is quitting)."""
        if self.closed:
            return
        self.end_session()
        self.store.close()

    def _write(self, sql: str, parameters: Parameters = ()) -> sqlite3.Cursor | None:
        """Log writes never take the app down: a full disk loses a log entry, not the session."""
        return self.store.write(sql, parameters)

    def _today(self) -> str:
        return dt.date.fromtimestamp(self._now()).isoformat()

    def start_session(self) -> None:
        cursor = self._write("INSERT INTO sessions (started) VALUES (?)", (self._now(),))
        self._session = cursor.lastrowid if cursor else None

    def end_session(self) -> None:
        if self._session is not None:
            self._write("UPDATE sessions SET ended = ? WHERE id = ?", (self._now(), self._session))
            self._session = None

    def add_time(self, lesson: str, study_pass: int, playing: float, paused: float) -> None:
        if playing <= 0 and paused <= 0:
            return
        self._write(
            "INSERT INTO lesson_time (lesson, pass, day, playing, paused) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT (lesson, pass, day) DO UPDATE SET "
            "playing = playing + excluded.playing, paused = paused + excluded.paused",
            (lesson, study_pass, self._today(), playing, paused),
        )

    def bump(self, lesson: str, name: str, by: int = 1) -> None:
        self._write(
            "INSERT INTO counters (lesson, name, value) VALUES (?, ?, ?) "
            "ON CONFLICT (lesson, name) DO UPDATE SET value = value + excluded.value",
            (lesson, name, by),
        )

    def set_count(self, lesson: str, name: str, value: int) -> None:
        self._write(
            "INSERT INTO counters (lesson, name, value) VALUES (?, ?, ?) "
            "ON CONFLICT (lesson, name) DO UPDATE SET value = excluded.value",
            (lesson, name, value),
        )

    def record_exercise(
        self, lesson: str, exercise: str, passed: bool, message: str = "", at: float | None = None
    ) -> None:
        """One check of an exercise (`ExerciseProgress` records the learner's through it)."""
        status = CheckStatus.PASSED if passed else CheckStatus.FAILED
        self._write(INSERT_CHECK, (lesson, exercise, status, message, self._now() if at is None else at))

    def mark_pass_done(self, lesson: str, study_pass: int) -> None:
        self._write(
            "INSERT OR IGNORE INTO passes_done (lesson, pass, at) VALUES (?, ?, ?)",
            (lesson, study_pass, self._now()),
        )

    def passes_done(self, lesson: str) -> frozenset[int]:
        if self.closed:
            return frozenset()
        try:  # read at every lesson opened: a log damaged meanwhile shows no ticks, never a crash
            rows = self.store.rows("SELECT pass FROM passes_done WHERE lesson = ?", (lesson,))
        except sqlite3.Error as error:
            self.store.last_error = str(error)
            return frozenset()
        return frozenset(row[0] for row in rows)

    def lesson_stats(self, lesson: str) -> LessonStats:
        def seconds(study_pass: int, column: str = "playing + paused") -> float:
            (row,) = self.store.rows(
                f"SELECT COALESCE(SUM({column}), 0) FROM lesson_time WHERE lesson = ? AND pass = ?",
                (lesson, study_pass),
            ) or [(0,)]
            return float(row[0])

        counts = dict(self.store.rows("SELECT name, value FROM counters WHERE lesson = ?", (lesson,)))
        ((passed, tried),) = self.store.rows(
            "SELECT COUNT(DISTINCT CASE WHEN status = 'passed' THEN exercise END), COUNT(DISTINCT exercise) "
            "FROM exercise_checks WHERE lesson = ?",
            (lesson,),
        ) or [(0, 0)]
        return LessonStats(
            lesson=lesson,
            watch_seconds=seconds(1),
            study_seconds=seconds(2),
            study_paused_seconds=seconds(2, "paused"),
            notes=counts.get(NOTES, 0),
            cells=counts.get(CELLS, 0),
            pastes_refused=counts.get(PASTES_REFUSED, 0),
            exercises_passed=passed,
            exercises_tried=tried,
            passes_done=self.passes_done(lesson),
            notes_flagged=counts.get(NOTES_FLAGGED, 0),
        )

    def days_in_a_row(self) -> int:
        """Consecutive days with study time, ending today (or yesterday, if today has none yet)."""
        days = {row[0] for row in self.store.rows("SELECT DISTINCT day FROM lesson_time")}
        day = dt.date.fromtimestamp(self._now())
        if day.isoformat() not in days:
            day -= dt.timedelta(days=1)
        streak = 0
        while day.isoformat() in days:
            streak += 1
            day -= dt.timedelta(days=1)
        return streak

