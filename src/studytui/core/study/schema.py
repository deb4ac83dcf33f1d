"""The study log's one schema, with its version in SQLite's `user_version`.

Version 0 is a study log written before the schema had a version (or a new file). Version 1 holds
all the learner's state: besides the log (sessions, time, counters, passes done, and the review
domain's tables: schedules, the review log, card ids queued by an export), each
lesson's position and pass and the lesson open last (kept in `state.json` before), and every
exercise check with its status and message (kept in `exercises.json` and, as passed or not, in
the log's `exercise_results` before: two places for one fact).

`upgrade` brings any older file to SCHEMA_VERSION in one transaction, and takes in what today's
JSON files hold (see `json_import`): a second start finds nothing left to do.
"""

from __future__ import annotations

import sqlite3

from studytui.core.study.json_import import JsonFiles, import_json_files
from studytui.core.study.store import Store

SCHEMA_VERSION = 1
INSERT_CHECK = "INSERT INTO exercise_checks (lesson, exercise, status, message, at) VALUES (?, ?, ?, ?, ?)"

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
CREATE TABLE IF NOT EXISTS passes_done (
    lesson TEXT NOT NULL, pass INTEGER NOT NULL, at REAL NOT NULL, PRIMARY KEY (lesson, pass)
);
CREATE TABLE IF NOT EXISTS lesson_state (
    lesson TEXT PRIMARY KEY, position REAL, pass INTEGER
);
CREATE TABLE IF NOT EXISTS app_state (
    name TEXT PRIMARY KEY, value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS exercise_checks (
    lesson TEXT NOT NULL, exercise TEXT NOT NULL, status TEXT NOT NULL, message TEXT NOT NULL DEFAULT '',
    at REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS exercise_checks_exercise ON exercise_checks (lesson, exercise);
CREATE TABLE IF NOT EXISTS exercise_hints (
    lesson TEXT NOT NULL, exercise TEXT NOT NULL, opened INTEGER NOT NULL, PRIMARY KEY (lesson, exercise)
);
CREATE TABLE IF NOT EXISTS review_cards (
    card TEXT PRIMARY KEY, lesson TEXT NOT NULL, due REAL NOT NULL, schedule TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS review_log (
    id INTEGER PRIMARY KEY, card TEXT NOT NULL, lesson TEXT NOT NULL, rating INTEGER NOT NULL,
    at REAL NOT NULL, was_due_review INTEGER NOT NULL, previous TEXT
);
CREATE INDEX IF NOT EXISTS review_log_at ON review_log (at);
CREATE TABLE IF NOT EXISTS card_ids_queued (
    lesson TEXT NOT NULL, block_id TEXT NOT NULL, front TEXT NOT NULL, back TEXT NOT NULL, row INTEGER NOT NULL,
    PRIMARY KEY (lesson, block_id)
);
"""


class NewerStudyLog(sqlite3.OperationalError):
    """The study log was written by a newer studytui: it is left as it is, never downgraded."""


def upgrade(store: Store, json_files: JsonFiles | None = None) -> list[str]:
    """Bring the database to SCHEMA_VERSION and take in today's JSON files; what could not be
    migrated, in words (empty when everything was). Raises sqlite3.Error when the database
    refuses, NewerStudyLog for a file from a newer studytui."""
    db = store.connection
    version = db.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise NewerStudyLog(
            f"the study log {store.path} has schema version {version}, newer than this studytui's "
            f"({SCHEMA_VERSION}): it was written by a newer studytui"
        )
    db.execute("PRAGMA journal_mode=WAL")  # readers never wait for the writer; kept in the file
    db.executescript(SCHEMA)  # every table, created if missing (a new file, or an older one)
    db.execute("BEGIN IMMEDIATE")
    try:
        _fold_exercise_results(db)
        problems, done = import_json_files(db, json_files) if json_files is not None else ([], [])
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        db.execute("COMMIT")
    except BaseException:
        if db.in_transaction:
            db.execute("ROLLBACK")
        raise
    for finish in done:  # once committed: the JSON files are kept aside, never read again
        problem = finish()
        if problem:
            problems.append(problem)
    return problems


def _fold_exercise_results(db: sqlite3.Connection) -> None:
    """Version 0 kept a check as passed or not in `exercise_results`; version 1 keeps it once, in
    `exercise_checks`, with its status and message."""
    found = db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'exercise_results'").fetchone()
    if found is None:
        return
    db.execute(
        "INSERT INTO exercise_checks (lesson, exercise, status, message, at) "
        "SELECT lesson, exercise, CASE WHEN passed THEN 'passed' ELSE 'failing' END, '', at "
        "FROM exercise_results ORDER BY at, rowid"
    )
    db.execute("DROP TABLE exercise_results")
