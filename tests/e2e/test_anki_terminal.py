"""`studytui export --anki` from another shell while studytui runs in a real terminal (tmux) on the same notes.

The real Anki (the `anki` package) imports the deck exported while the app held the notes, then the
one exported after the app wrote the ids in, the cards were reviewed and one was edited: no copy.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.anki_judge import AnkiCollection
from tests.core.test_anki_export import next_second
from tests.e2e.terminal import STUDYTUI
from tests.waiting import until_sync

pytestmark = [
    pytest.mark.timeout(120),
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
]

NOTES = """\
# Sample micrograd

## 08:08 derivative of a simple function

- [08:10] What does backward() accumulate? :: the gradient
- [08:20] tanh ::: squashes into (-1, 1)

- [08:30] why does grad start at 0
?
nothing depends on it yet
"""


def export_anki(terminal, lessons_dir: Path, notes: Path, out: Path) -> subprocess.CompletedProcess[str]:
    """The command a learner runs in another shell, with the same home and notes as the app."""
    command = [str(STUDYTUI), "export", "--anki", "-o", str(out), "--lessons", str(lessons_dir), "--notes", str(notes)]
    return subprocess.run(command, capture_output=True, text=True, env=terminal.env, timeout=60, check=False)


def test_an_export_while_studytui_runs_keeps_every_card_one_note_in_anki(terminal, lessons_dir, tmp_path):
    notes = tmp_path / "notes"
    notes.mkdir()
    path = notes / "sample-micrograd.md"
    path.write_text(NOTES, encoding="utf-8")
    terminal.start([str(STUDYTUI), "--pass", "2", str(lessons_dir)])
    terminal.wait_for("What does backward()", timeout=30)  # the note wraps in the notes pane
    terminal.wait_for("kernel: idle", timeout=30)

    first = export_anki(terminal, lessons_dir, notes, tmp_path / "first.apkg")
    assert first.returncode == 0, first.stderr
    assert "4 cards (3 notes) from 1 lesson" in first.stdout
    assert "3 new card ids are kept in the study log" in first.stderr
    assert path.read_text(encoding="utf-8") == NOTES  # the app's file is the app's to write

    # The next save of the notes writes the ids in: a new note typed in one burst.
    terminal.keys("C-n")
    terminal.type("a note typed after the export")
    until_sync(lambda: path.read_text(encoding="utf-8").count(" ^") == 3, timeout=15, what="the ids in the notes")
    # Review every card in the app (space shows the answer, 3 grades it good), keys in bursts.
    terminal.keys("F12")
    terminal.wait_for("4 left in this sitting", timeout=15)
    terminal.keys("Space", "3", "Space", "3")
    terminal.keys("Space", "3", "Space", "3")
    terminal.wait_for("Nothing due", timeout=15)
    terminal.keys("Escape")
    terminal.keys("C-q")
    until_sync(terminal.exited, timeout=20, what="studytui to quit")

    text = path.read_text(encoding="utf-8")
    assert "a note typed after the export" in text and text.count(" ^") == 3
    path.write_text(text.replace("the gradient", "the slope of the output"), encoding="utf-8")  # edited elsewhere
    next_second()
    second = export_anki(terminal, lessons_dir, notes, tmp_path / "second.apkg")
    assert second.returncode == 0, second.stderr
    assert path.read_text(encoding="utf-8").count(" ^") == 3  # nothing new to write

    anki = AnkiCollection(tmp_path / "anki")
    try:
        assert anki.import_deck(tmp_path / "first.apkg").new == 3
        imported = anki.import_deck(tmp_path / "second.apkg")
        assert (imported.new, imported.conflicting) == (0, 0) and imported.updated >= 1
        found = {note.fields["Front"]: note for note in anki.notes()}
        assert len(found) == 3 and anki.card_count() == 4
        assert found["What does backward() accumulate?"].fields["Back"] == "the slope of the output"
        assert found["tanh"].card_templates == ("Front to back", "Back to front")
        assert found["why does grad start at 0"].fields["Back"] == "nothing depends on it yet"
    finally:
        anki.close()
