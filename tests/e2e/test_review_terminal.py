"""`studytui review` in a real terminal (tmux): grade the cards of a notes folder, quit, schedules kept."""

from __future__ import annotations

import re
import shutil
import sqlite3

import pytest

from tests.e2e.terminal import STUDYTUI
from tests.ui.test_review import write_cards
from tests.waiting import until_sync

pytestmark = [
    pytest.mark.timeout(90),
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
]


def test_studytui_review_grades_the_notes_cards_in_bursts_of_keys(terminal, lessons_dir, tmp_path):
    notes = tmp_path / "notes"
    write_cards(notes)
    terminal.start([str(STUDYTUI), "review", str(lessons_dir)])
    terminal.wait_for("3 left in this sitting", timeout=30)
    terminal.wait_for("What does backward() accumulate?")
    terminal.keys("Space", "3", "Space", "4")  # one burst: reveal, grade, reveal, grade
    terminal.wait_for("How big is the bigram table?")
    terminal.wait_for("1 left in this sitting")
    terminal.keys("Space", "1", "Space", "3")  # again: it comes back once in this sitting
    terminal.wait_for("Nothing due")
    assert "How big is the bigram table?" not in terminal.screen()

    micrograd = (notes / "sample-micrograd.md").read_text(encoding="utf-8")
    bigrams = (notes / "sample-bigrams.md").read_text(encoding="utf-8")
    assert micrograd.count(" ^") == 2 and bigrams.count(" ^") == 1
    # unanswered: no card id (the stamp gets its video link on save, as every stamp does)
    assert re.search(r"- \[08:40\](\([^)]*\))? \? no answer yet, so no card\n", micrograd)

    terminal.keys("C-q")
    until_sync(terminal.exited, timeout=15, what="studytui to quit")
    db = sqlite3.connect(notes / ".studytui" / "study-log.sqlite")
    try:
        ratings = [row[0] for row in db.execute("SELECT rating FROM review_log ORDER BY id")]
        scheduled = db.execute("SELECT COUNT(*) FROM review_cards").fetchone()[0]
    finally:
        db.close()
    assert ratings == [3, 4, 1, 3] and scheduled == 3
