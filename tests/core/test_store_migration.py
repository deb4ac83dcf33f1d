"""A workspace written by the studytui before the one store (tests/old_workspace.py) opens with
every value intact: its state.json (positions, passes, the last lesson), exercises.json (every
exercise's record) and study log (time, counts, exercise results, passes done, review schedules
and the review log) end up in the study log, and a second start has nothing left to migrate.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path

import pytest

from studytui.config import Settings
from studytui.core.lessons import CheckResult, CheckStatus
from studytui.core.review import ReviewRecords
from studytui.core.study import (
    SCHEMA_VERSION,
    ExerciseProgress,
    ExerciseRecord,
    JsonFiles,
    StudyLog,
    StudyState,
    open_study_log,
)
from tests.old_workspace import EXERCISES, LOG_ONLY, STATE, T0, iso, write_old_workspace


def old_figures(path: Path) -> dict[str, object]:
    """What the old log says, read with the old schema's queries."""
    db = sqlite3.connect(path)
    figures = {
        "time": db.execute("SELECT * FROM lesson_time ORDER BY lesson, pass, day").fetchall(),
        "counters": db.execute("SELECT * FROM counters ORDER BY lesson, name").fetchall(),
        "sessions": db.execute("SELECT * FROM sessions ORDER BY id").fetchall(),
        "passes_done": db.execute("SELECT * FROM passes_done").fetchall(),
        "review_cards": db.execute("SELECT * FROM review_cards ORDER BY card").fetchall(),
        "review_log": db.execute("SELECT * FROM review_log ORDER BY id").fetchall(),
        "exercises": db.execute(
            "SELECT lesson, COUNT(DISTINCT CASE WHEN passed THEN exercise END), COUNT(DISTINCT exercise) "
            "FROM exercise_results GROUP BY lesson ORDER BY lesson"
        ).fetchall(),
    }
    db.close()
    return figures


def new_figures(log: StudyLog) -> dict[str, object]:
    rows = log.store.rows
    return {
        "time": rows("SELECT * FROM lesson_time ORDER BY lesson, pass, day"),
        "counters": rows("SELECT * FROM counters ORDER BY lesson, name"),
        "sessions": rows("SELECT * FROM sessions ORDER BY id"),
        "passes_done": rows("SELECT * FROM passes_done"),
        "review_cards": rows("SELECT * FROM review_cards ORDER BY card"),
        "review_log": rows("SELECT * FROM review_log ORDER BY id"),
        "exercises": [
            (lesson, stats.exercises_passed, stats.exercises_tried)
            for lesson in ("3b1b-01", "zth-01-micrograd", "zth-02-makemore")
            if (stats := log.lesson_stats(lesson)).exercises_tried
        ],
    }


def everything_in(log: StudyLog) -> list[str]:
    return list(log.store.connection.iterdump())


@pytest.fixture
def settings(tmp_path) -> Settings:
    return Settings(lessons_dir=tmp_path / "lessons", notes_dir=tmp_path / "notes")


def test_a_workspace_of_the_json_files_migrates_with_every_value_and_only_once(settings):
    write_old_workspace(settings)
    state_bytes = settings.state_path.read_bytes()
    exercises_bytes = settings.exercise_progress_path.read_bytes()
    before = old_figures(settings.study_log_path)

    opened = open_study_log(settings.study_log_path, JsonFiles.of(settings))
    assert opened.notice is None, "nothing was left out"
    log = opened.log
    assert log.store.rows("PRAGMA user_version") == [(SCHEMA_VERSION,)]

    state = StudyState.load(log)
    assert state.last_lesson == STATE["last_lesson"]
    assert state.positions == STATE["positions"]
    # ünïcode-lesson has a position and no pass: an older studytui left it in pass 2, its default then
    assert state.passes == {**STATE["passes"], "ünïcode-lesson": 2}
    assert state.pass_of("ünïcode-lesson") == 2, "a lesson with no pass chosen is in pass 2"

    progress = ExerciseProgress.load(log)
    for key, (record, _) in EXERCISES.items():
        assert progress.records[key] == ExerciseRecord(**record), key
    lesson, exercise, _ = LOG_ONLY
    assert progress.records[f"{lesson}/{exercise}"] == ExerciseRecord(
        status="failing", attempts=1, last_checked=iso(50)
    ), "a check only the log held is kept"

    assert new_figures(log) == before, "the log's own figures, the review schedules and the review log"
    assert {card: stored.due for card, stored in ReviewRecords(log).schedules().items()} == {
        card: due for card, _, due, _ in before["review_cards"]  # type: ignore[union-attr]
    }
    assert not settings.state_path.exists() and not settings.exercise_progress_path.exists()
    assert (settings.workspace_dir / "state.json.migrated").read_bytes() == state_bytes
    assert (settings.workspace_dir / "exercises.json.migrated").read_bytes() == exercises_bytes
    migrated = everything_in(log)
    log.close()

    again = open_study_log(settings.study_log_path, JsonFiles.of(settings))
    assert again.notice is None
    assert everything_in(again.log) == migrated, "a second start changes nothing"
    again.log.close()
    assert sorted(path.name for path in settings.workspace_dir.iterdir() if "json" in path.name) == [
        "exercises.json.migrated", "state.json.migrated",
    ]


def test_what_the_app_writes_after_the_migration_reads_back(settings):
    write_old_workspace(settings)
    log = open_study_log(settings.study_log_path, JsonFiles.of(settings)).log
    state = StudyState.load(log)
    state.opened("zth-01-micrograd")
    state.remember("zth-01-micrograd", 1300.04)
    state.set_pass("3b1b-01", 2)
    state.save()
    progress = ExerciseProgress.load(log)
    progress.record("zth-01-micrograd", "backward", CheckResult(CheckStatus.PASSED, "passed"),
                    now=dt.datetime.fromtimestamp(T0 + 5000, dt.UTC))
    progress.hint_opened("zth-01-micrograd", "backward", 1)
    progress.save()
    log.close()

    log = StudyLog(settings.study_log_path)
    state = StudyState.load(log)
    assert state.last_lesson == "zth-01-micrograd" and state.position_of("zth-01-micrograd") == 1300.0
    assert state.pass_of("3b1b-01") == 2 and state.passes["zth-02-makemore"] == 1
    record = ExerciseProgress.load(log).records["zth-01-micrograd/backward"]
    assert record == ExerciseRecord("passed", "passed", 4, 1, iso(400), iso(5000))
    stats = log.lesson_stats("zth-01-micrograd")
    assert (stats.exercises_passed, stats.exercises_tried) == (3, 3)


def test_damaged_json_files_migrate_what_they_can_and_say_what_they_could_not(settings):
    folder = settings.workspace_dir
    folder.mkdir(parents=True)
    settings.state_path.write_text(json.dumps({
        "last_lesson": ["not", "a", "lesson"],
        "positions": {"good": 12.5, "text": "12:00", "nan": float("nan")},
        "passes": {"good": 1, "three": 3},
    }), encoding="utf-8")
    settings.exercise_progress_path.write_text(json.dumps({"version": 1, "exercises": {
        "lesson/fine": {"status": "passed", "message": "passed", "attempts": 1, "hints_opened": 0,
                        "first_passed": iso(10), "last_checked": iso(10)},
        "no-slash": {"status": "passed"},
        "lesson/odd": {"status": "failing", "message": "boom", "attempts": "two", "last_checked": "yesterday"},
    }}), encoding="utf-8")
    opened = open_study_log(settings.study_log_path, JsonFiles.of(settings))
    notice = opened.notice or ""
    assert "state.json: could not migrate last_lesson ['not', 'a', 'lesson']" in notice
    assert "the position of 'text' ('12:00')" in notice and "the position of 'nan' (nan)" in notice
    assert "the pass of 'three' (3)" in notice
    assert "exercises.json: could not migrate the entry 'no-slash'" in notice
    assert "attempts of 'lesson/odd' ('two')" in notice and "last_checked of 'lesson/odd' ('yesterday')" in notice
    state = StudyState.load(opened.log)
    assert state.positions == {"good": 12.5} and state.passes == {"good": 1} and state.last_lesson is None
    records = ExerciseProgress.load(opened.log).records
    assert records["lesson/fine"] == ExerciseRecord("passed", "passed", 1, 0, iso(10), iso(10))
    assert "lesson/odd" not in records, "no check can be read back from it"
    opened.log.close()


def test_a_json_file_that_is_not_json_is_left_alone_with_a_message(settings):
    settings.workspace_dir.mkdir(parents=True)
    settings.state_path.write_text('{"last_lesson": "zth-01', encoding="utf-8")  # cut off by a full disk
    opened = open_study_log(settings.study_log_path, JsonFiles.of(settings))
    assert "state.json could not be read" in (opened.notice or "")
    assert "nothing was taken from it; it is left as it is" in (opened.notice or "")
    assert settings.state_path.read_text(encoding="utf-8") == '{"last_lesson": "zth-01'
    opened.log.close()


def test_a_log_from_a_newer_studytui_is_left_as_it_is(settings):
    settings.workspace_dir.mkdir(parents=True)
    with sqlite3.connect(settings.study_log_path) as db:
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    before = settings.study_log_path.read_bytes()
    with pytest.raises(sqlite3.OperationalError, match="newer studytui"):
        open_study_log(settings.study_log_path, JsonFiles.of(settings))
    assert settings.study_log_path.read_bytes() == before
