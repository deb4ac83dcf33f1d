"""The study log: what the learner did, per lesson and pass, in SQLite (WAL) in the workspace.

Time is counted apart for the clock playing and paused: in pass 2 the pauses are the studying.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from studytui.core.files import check_regular
from studytui.core.study.review_records import REVIEW_SCHEMA, ReviewRecords

SCHEMA = """
CREATE TABLE IF NOT EXISTS sessions (
    id INTEGER PRIMARY KEY, started REAL NOT NULL, ended REAL
);
CREATE TABLE IF NOT EXISTS lesson_time (
    lesson TEXT NOT NULL, pass INTEGER NOT NULL, day TEXT NOT NULL,
    playing REAL NOT NULL DEFAULT 0, paused REAL NOT NULL DEFAULT 0,
    PRIMARY KEY (lesson, pass, day)
);
CREATE TABLE IF NOT EXISTS counters (
    lesson TEXT NOT NULL, name TEXT NOT NULL, value INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (lesson, name)
);
CREATE TABLE IF NOT EXISTS exercise_results (
    lesson TEXT NOT NULL, exercise TEXT NOT NULL, passed INTEGER NOT NULL, at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS passes_done (
    lesson TEXT NOT NULL, pass INTEGER NOT NULL, at REAL NOT NULL, PRIMARY KEY (lesson, pass)
);
"""

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
    def __init__(self, path: Path, now: Callable[[], float] = time.time) -> None:
        if str(path) != ":memory:":
            path.parent.mkdir(parents=True, exist_ok=True)
            check_database_files(path)
        self.path = path
        self._now = now
        self._db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        try:
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.executescript(SCHEMA)
            self._db.executescript(REVIEW_SCHEMA)
            self._check_pages()
        except sqlite3.Error:
            self._db.close()
            raise
        self.reviews = ReviewRecords(self._db, self._write)
        self._session: int | None = None
        self.closed = False
        self.last_error: str | None = None

    def _check_pages(self) -> None:
        """Damage found now, at start, not by a query in the middle of a session (a small file: milliseconds)."""
        problems = [row[0] for row in self._db.execute("PRAGMA quick_check(5)")]
        if problems != ["ok"]:
            raise sqlite3.DatabaseError("; ".join(problems))

    def close(self) -> None:
        """End the session and close the database; later writes are ignored (the app is quitting)."""
        if self.closed:
            return
        self.end_session()
        try:
            self._db.close()
        except sqlite3.Error:
            pass
        self.closed = True

    def _write(self, sql: str, parameters: tuple = ()) -> sqlite3.Cursor | None:
        """Log writes never take the app down: a full disk loses a log entry, not the session."""
        if self.closed:
            return None
        try:
            return self._db.execute(sql, parameters)
        except sqlite3.Error as error:
            self.last_error = str(error)
            return None

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

    def record_exercise(self, lesson: str, exercise: str, passed: bool) -> None:
        self._write(
            "INSERT INTO exercise_results (lesson, exercise, passed, at) VALUES (?, ?, ?, ?)",
            (lesson, exercise, int(passed), self._now()),
        )

    def mark_pass_done(self, lesson: str, study_pass: int) -> None:
        self._write(
            "INSERT OR IGNORE INTO passes_done (lesson, pass, at) VALUES (?, ?, ?)",
            (lesson, study_pass, self._now()),
        )

    def passes_done(self, lesson: str) -> frozenset[int]:
        if self.closed:
            return frozenset()
        try:  # read at every lesson opened: a log damaged meanwhile shows no ticks, never a crash
            rows = self._db.execute("SELECT pass FROM passes_done WHERE lesson = ?", (lesson,)).fetchall()
        except sqlite3.Error as error:
            self.last_error = str(error)
            return frozenset()
        return frozenset(row[0] for row in rows)

    def lesson_stats(self, lesson: str) -> LessonStats:
        def seconds(study_pass: int, column: str = "playing + paused") -> float:
            row = self._db.execute(
                f"SELECT COALESCE(SUM({column}), 0) FROM lesson_time WHERE lesson = ? AND pass = ?",
                (lesson, study_pass),
            ).fetchone()
            return float(row[0])

        counts = dict(self._db.execute("SELECT name, value FROM counters WHERE lesson = ?", (lesson,)))
        passed, tried = self._db.execute(
            "SELECT COUNT(DISTINCT CASE WHEN passed THEN exercise END), COUNT(DISTINCT exercise) "
            "FROM exercise_results WHERE lesson = ?",
            (lesson,),
        ).fetchone()
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
        days = {row[0] for row in self._db.execute("SELECT DISTINCT day FROM lesson_time")}
        day = dt.date.fromtimestamp(self._now())
        if day.isoformat() not in days:
            day -= dt.timedelta(days=1)
        streak = 0
        while day.isoformat() in days:
            streak += 1
            day -= dt.timedelta(days=1)
        return streak


def check_database_files(path: Path) -> None:
    """RefusedFile (an OSError) when the database or one of SQLite's companion files is a link or
    not a regular file: SQLite follows a link to the database and writes beside its target."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        check_regular(Path(f"{path}{suffix}"), follow_links=False)
