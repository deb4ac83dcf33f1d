"""A damaged study log is kept aside and a new one started, in the app's core and in `studytui export`."""

from __future__ import annotations

import sqlite3
import subprocess
import sys

import pytest

from studytui.core.study import StudyLog, open_study_log


def a_log_with_history(path):
    log = StudyLog(path)
    log.start_session()
    for n in range(400):  # enough rows for several pages
        log.record_exercise("lesson", f"exercise-{n}", passed=n % 2 == 0)
    log.close()
    sqlite3.connect(path).execute("PRAGMA wal_checkpoint(TRUNCATE)").close()


def damage_pages(path):
    data = bytearray(path.read_bytes())
    assert len(data) > 3 * 4096
    data[4096 * 2 : 4096 * 3] = b"\xa5" * 4096  # a table page turned to noise; the header is intact
    path.write_bytes(bytes(data))


def test_damaged_pages_are_kept_aside_and_a_new_log_started(tmp_path):
    path = tmp_path / "study-log.sqlite"
    a_log_with_history(path)
    damage_pages(path)
    damaged = path.read_bytes()
    opened = open_study_log(path)
    assert opened.notice is not None and "damaged" in opened.notice
    (kept,) = tmp_path.glob("study-log.damaged-*.sqlite")
    assert kept.read_bytes() == damaged, "the damaged file is kept as it was"
    assert kept.name in opened.notice
    opened.log.record_exercise("lesson", "after", passed=True)
    assert opened.log.lesson_stats("lesson").exercises_tried == 1
    opened.log.close()


def test_a_file_that_is_not_a_database_is_kept_aside(tmp_path):
    path = tmp_path / "study-log.sqlite"
    path.write_text("not a database at all, but keep me", encoding="utf-8")
    opened = open_study_log(path)
    assert opened.notice is not None
    (kept,) = tmp_path.glob("study-log.damaged-*.sqlite")
    assert kept.read_text(encoding="utf-8") == "not a database at all, but keep me"
    opened.log.close()


def test_a_healthy_log_opens_without_a_notice(tmp_path):
    path = tmp_path / "study-log.sqlite"
    a_log_with_history(path)
    opened = open_study_log(path)
    assert opened.notice is None
    assert opened.log.lesson_stats("lesson").exercises_tried == 400
    opened.log.close()


@pytest.mark.timeout(60)
def test_export_with_a_damaged_log_says_so_and_writes_the_digest(tmp_path, lessons_dir):
    notes = tmp_path / "notes"
    log_path = notes / ".studytui" / "study-log.sqlite"
    log_path.parent.mkdir(parents=True)
    a_log_with_history(log_path)
    damage_pages(log_path)
    result = subprocess.run(
        [sys.executable, "-m", "studytui.cli", "export", "sample-micrograd", "--lessons", str(lessons_dir),
         "--notes", str(notes)],
        capture_output=True, text=True, timeout=50,
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert "damaged" in result.stderr
    assert list(log_path.parent.glob("study-log.damaged-*.sqlite"))
    digest = result.stdout.strip().splitlines()[-1]
    assert "Sample micrograd" in open(digest, encoding="utf-8").read()
