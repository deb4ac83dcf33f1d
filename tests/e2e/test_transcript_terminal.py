"""The transcript in a real terminal: f8, search by typing, Enter seeks, a copied note is marked."""

from __future__ import annotations

import shutil

import pytest

from tests.conftest import SAMPLE_LESSON, SECOND_LESSON
from tests.e2e.terminal import STUDYTUI
from tests.subtitles import lesson_with_transcript
from tests.waiting import until_sync

pytestmark = [
    pytest.mark.timeout(120),
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
]


def test_f8_search_enter_seeks_and_a_copied_note_is_marked(terminal, tmp_path):
    lessons = tmp_path / "lessons"
    lessons.mkdir()
    (lessons / "01-micrograd.md").write_text(SAMPLE_LESSON, encoding="utf-8")
    (lessons / "02-bigrams.md").write_text(SECOND_LESSON, encoding="utf-8")
    lesson_with_transcript(lessons)
    terminal.start([str(STUDYTUI), "--pass", "2", str(lessons)])
    terminal.wait_for("outline  f2")
    terminal.wait_for("kernel: idle", timeout=40)

    terminal.keys("M-Right", "M-Right", "M-Right", "F8")  # the clock at 0:15, then the transcript
    terminal.wait_for("▶   00:15  if you nudge the input a")

    terminal.keys("broadc", "Enter")  # typed into the pane: search, then go to the match
    terminal.wait_for("1 match for 'broadc'")
    terminal.wait_for("0:00:27 /")

    terminal.keys("F3", "C-n", "now broadcasting lets a tensor stretch along a dimension")
    terminal.wait_for("⚠ line 5: copied from the")
    assert "your own words" in terminal.screen()  # the notes pane may wrap the line
    assert "⚠  -" in terminal.screen(), "the gutter marks the note"
    notes = tmp_path / "notes" / "sample-micrograd.md"
    until_sync(lambda: notes.exists() and "stretch along a dimension" in notes.read_text(), 10, "the note on disk")

    terminal.keys("C-q")
    until_sync(terminal.exited, timeout=20, what="studytui to quit")


def test_words_typed_in_the_same_burst_as_the_first_f8_land_in_the_search(terminal, tmp_path):
    """The pane's children are mounted by the first f8: the keys read with it still find the search field."""
    lessons = tmp_path / "lessons"
    lessons.mkdir()
    (lessons / "01-micrograd.md").write_text(SAMPLE_LESSON, encoding="utf-8")
    lesson_with_transcript(lessons)
    terminal.start([str(STUDYTUI), "--pass", "2", str(lessons)])
    terminal.wait_for("outline  f2")
    terminal.wait_for("kernel: idle", timeout=40)

    terminal.keys("F8", "stretch along")  # one send-keys: one burst
    terminal.wait_for("1 match for 'stretch along'")
    terminal.wait_for("00:27  now broadcasting lets a")
    search_line = next(line for line in terminal.screen().splitlines() if "stretch along" in line)
    assert "1 match" not in search_line and "00:27" not in search_line, "the words are in the search field"
    notes = tmp_path / "notes" / "sample-micrograd.md"
    terminal.keys("C-q")
    until_sync(terminal.exited, timeout=20, what="studytui to quit")
    assert not notes.exists() or "stretch" not in notes.read_text(encoding="utf-8"), "no key went to the notes"
