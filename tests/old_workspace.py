"""A workspace as the studytui before the one store wrote it: state.json, exercises.json and a
study log with no schema version, each written as that studytui's writers wrote them
(`progress.py`, `exercise_progress.py`, `study_log.py` and `review_records.py` before the store):
the same JSON layout, indentation and key order, the same SQLite tables."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3

from fsrs import Card as Schedule
from fsrs import Rating, Scheduler

from studytui.config import Settings

T0 = dt.datetime(2026, 11, 20, 9, 0, 0, tzinfo=dt.UTC).timestamp()

# The study log's tables before the store, as study_log.py and review_records.py created them.
OLD_SCHEMA = """
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
CREATE TABLE IF NOT EXISTS review_cards (
    card TEXT PRIMARY KEY, lesson TEXT NOT NULL, due REAL NOT NULL, schedule TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS review_log (
    id INTEGER PRIMARY KEY, card TEXT NOT NULL, lesson TEXT NOT NULL, rating INTEGER NOT NULL,
    at REAL NOT NULL, was_due_review INTEGER NOT NULL, previous TEXT
);
CREATE INDEX IF NOT EXISTS review_log_at ON review_log (at);
"""

STATE = {
    "last_lesson": "zth-02-makemore",
    "positions": {"zth-01-micrograd": 1234.5, "zth-02-makemore": 61.0, "3b1b-01": 0.0, "ünïcode-lesson": 7.3},
    "passes": {"zth-01-micrograd": 2, "zth-02-makemore": 1, "3b1b-01": 1},
}


def iso(seconds_after_t0: float) -> str:
    """A time as exercise_progress.py stamped it: UTC, to the second."""
    return dt.datetime.fromtimestamp(T0 + seconds_after_t0, dt.UTC).isoformat(timespec="seconds")


# Each exercise: its record in exercises.json, and the checks the study log has for it (seconds
# after T0, passed). The app wrote both at each check, the log a few milliseconds after the JSON.
EXERCISES: dict[str, tuple[dict, list[tuple[float, bool]]]] = {
    "zth-01-micrograd/derivative": (
        {"status": "passed", "message": "passed", "attempts": 3, "hints_opened": 1,
         "first_passed": iso(300), "last_checked": iso(300)},
        [(100.004, False), (200.003, False), (300.002, True)],
    ),
    "zth-01-micrograd/backward": (  # passed, then broken again: the last status is failing
        {"status": "failing", "message": "expected 4.0, got -4.0", "attempts": 3, "hints_opened": 0,
         "first_passed": iso(400), "last_checked": iso(500)},
        [(400.001, True), (450.5, False), (500.999, False)],
    ),
    "zth-01-micrograd/crossing": (  # the log's time fell in the next second
        {"status": "passed", "message": "passed", "attempts": 1, "hints_opened": 0,
         "first_passed": iso(600), "last_checked": iso(600)},
        [(601.002, True)],
    ),
    "zth-02-makemore/bigram-counts": (  # hints only: never checked
        {"status": "not tried", "message": "", "attempts": 0, "hints_opened": 2,
         "first_passed": None, "last_checked": None},
        [],
    ),
    "zth-02-makemore/softmax": (  # the log was damaged and started again after two checks
        {"status": "passed", "message": "passed", "attempts": 3, "hints_opened": 0,
         "first_passed": iso(900), "last_checked": iso(900)},
        [(900.01, True)],
    ),
}
LOG_ONLY = ("3b1b-01", "lonely", [(50.0, False)])  # a check in the log whose exercises.json entry is gone


def schedule_json(days: int) -> tuple[float, str]:
    card = Schedule()
    card, _ = Scheduler(enable_fuzzing=False).review_card(card, Rating.Good, dt.datetime.fromtimestamp(T0, dt.UTC))
    card.due = dt.datetime.fromtimestamp(T0 + days * 86400, dt.UTC)
    return card.due.timestamp(), card.to_json()


def write_old_workspace(
    settings: Settings,
    state: dict | None = None,
    exercises: dict[str, tuple[dict, list[tuple[float, bool]]]] | None = None,
) -> None:
    """state.json, exercises.json and the study log exactly as that studytui wrote them."""
    state = STATE if state is None else state
    exercises = EXERCISES if exercises is None else exercises
    folder = settings.workspace_dir
    folder.mkdir(parents=True)
    # progress.py: json.dumps(data, indent=2, sort_keys=True) + "\n"
    settings.state_path.write_text(json.dumps(state, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    # exercise_progress.py: {"version": 1, "exercises": {key: asdict(record)} sorted}, indent=2
    records = {key: record for key, (record, _) in sorted(exercises.items())}
    settings.exercise_progress_path.write_text(
        json.dumps({"version": 1, "exercises": records}, indent=2) + "\n", encoding="utf-8"
    )
    db = sqlite3.connect(settings.study_log_path, isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    db.executescript(OLD_SCHEMA)
    db.execute("INSERT INTO sessions (started, ended) VALUES (?, ?)", (T0, T0 + 3600))
    db.execute("INSERT INTO sessions (started) VALUES (?)", (T0 + 7200,))  # killed: never ended
    for lesson, study_pass, day, playing, paused in (
        ("zth-01-micrograd", 1, "2026-11-19", 600.0, 30.5), ("zth-01-micrograd", 2, "2026-11-20", 900.0, 1800.25),
        ("zth-02-makemore", 1, "2026-11-20", 120.0, 0.0),
    ):
        db.execute("INSERT INTO lesson_time VALUES (?, ?, ?, ?, ?)", (lesson, study_pass, day, playing, paused))
    for lesson, name, value in (("zth-01-micrograd", "notes", 14), ("zth-01-micrograd", "cells", 31),
                                ("zth-01-micrograd", "pastes_refused", 2), ("zth-01-micrograd", "notes_flagged", 1)):
        db.execute("INSERT INTO counters VALUES (?, ?, ?)", (lesson, name, value))
    for key, (_, checks) in exercises.items():
        lesson, exercise = key.split("/")
        for after, passed in checks:
            db.execute("INSERT INTO exercise_results VALUES (?, ?, ?, ?)", (lesson, exercise, int(passed), T0 + after))
    lesson, exercise, checks = LOG_ONLY
    for after, passed in checks:
        db.execute("INSERT INTO exercise_results VALUES (?, ?, ?, ?)", (lesson, exercise, int(passed), T0 + after))
    db.execute("INSERT INTO passes_done VALUES (?, ?, ?)", ("zth-01-micrograd", 1, T0 + 700))
    for card, days, rating in (("c1a2b3", 3, 3), ("d4e5f6", 10, 4)):
        due, schedule = schedule_json(days)
        db.execute("INSERT INTO review_cards VALUES (?, ?, ?, ?)", (card, "zth-01-micrograd", due, schedule))
        db.execute(
            "INSERT INTO review_log (card, lesson, rating, at, was_due_review, previous) VALUES (?, ?, ?, ?, ?, ?)",
            (card, "zth-01-micrograd", rating, T0 + 1000, 0, None),
        )
    db.close()
