"""The study log's figures, from a scripted sequence of events on a fake calendar."""

import datetime as dt
import sqlite3

from studytui.core.study import CELLS, NOTES, PASTES_REFUSED, StudyLog, StudyState


class Calendar:
    def __init__(self) -> None:
        self.now = dt.datetime(2026, 11, 20, 9, 0).timestamp()

    def __call__(self) -> float:
        return self.now

    def next_day(self) -> None:
        self.now += 86400


def test_time_counts_and_stats(tmp_path):
    calendar = Calendar()
    log = StudyLog(tmp_path / "log.sqlite", now=calendar)
    log.start_session()
    log.add_time("l1", 1, playing=600, paused=0)
    log.add_time("l1", 2, playing=300, paused=900)
    log.add_time("l1", 2, playing=100, paused=100)
    log.set_count("l1", NOTES, 3)
    log.set_count("l1", NOTES, 5)
    log.bump("l1", CELLS)
    log.bump("l1", CELLS)
    log.bump("l1", PASTES_REFUSED)
    log.record_exercise("l1", "e1", passed=False)
    log.record_exercise("l1", "e1", passed=True)
    log.record_exercise("l1", "e2", passed=False)
    log.mark_pass_done("l1", 1)
    log.mark_pass_done("l1", 1)
    stats = log.lesson_stats("l1")
    assert (stats.watch_seconds, stats.study_seconds, stats.study_paused_seconds) == (600, 1400, 1000)
    assert (stats.notes, stats.cells, stats.pastes_refused) == (5, 2, 1)
    assert (stats.exercises_passed, stats.exercises_tried) == (1, 2)
    assert stats.passes_done == {1}
    assert stats.study_ratio(700) == 2.0
    assert stats.notes_per_minute(600) == 0.5
    log.close()
    # WAL mode, and the figures survive a reopen.
    assert sqlite3.connect(tmp_path / "log.sqlite").execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert StudyLog(tmp_path / "log.sqlite").lesson_stats("l1").cells == 2


def test_days_in_a_row(tmp_path):
    calendar = Calendar()
    log = StudyLog(tmp_path / "log.sqlite", now=calendar)
    assert log.days_in_a_row() == 0
    log.add_time("l1", 2, 10, 0)
    calendar.next_day()
    log.add_time("l1", 2, 10, 0)
    assert log.days_in_a_row() == 2
    calendar.next_day()
    assert log.days_in_a_row() == 2, "today not studied yet: the streak still stands"
    calendar.next_day()
    assert log.days_in_a_row() == 0


def test_pass_of_each_lesson_is_remembered(tmp_path):
    log = StudyLog(tmp_path / "log.sqlite")
    state = StudyState.load(log)
    assert state.pass_of("l1") == 1, "a lesson never opened is in pass 1"
    state.set_pass("l1", 2)
    state.save()
    log.close()
    assert StudyState.load(StudyLog(tmp_path / "log.sqlite")).pass_of("l1") == 2
