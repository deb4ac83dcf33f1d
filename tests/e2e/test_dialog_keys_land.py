"""The dialogs that close on Enter lose no key typed right after it, in a real terminal.

Each dialog as a learner meets it, several times in one run: f10, alt+f or the transcript search,
a few words, Enter, and at once (in one tmux write, as a fast typist or SSH sends it) f4 and a cell.
The cell must run (its output on the screen, its source whole in the notebook), the choice must be
made (the lesson open, the clock at the moment) and nothing typed may reach the notes on disk.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import SAMPLE_LESSON, SECOND_LESSON
from tests.e2e.terminal import STUDYTUI, Terminal
from tests.e2e.test_keys_land import cell, code_cells, from_palette
from tests.e2e.test_method_terminal import wait_header
from tests.subtitles import write_vtt
from tests.waiting import until_sync

pytestmark = [
    pytest.mark.timeout(300),
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
]

ROUNDS = 8
NOTES = "# Sample micrograd\n\n## 19:09 the Value object\n\n- [21:40] grad starts at zero\n"


def launched(terminal: Terminal, notes: Path) -> None:
    """Two small lessons, micrograd's notes written before, the launch in micrograd at pass 2."""
    lessons = terminal.cwd / "lessons"
    lessons.mkdir()
    (lessons / "micrograd.md").write_text(SAMPLE_LESSON, encoding="utf-8")
    (lessons / "bigrams.md").write_text(SECOND_LESSON, encoding="utf-8")
    notes.mkdir(parents=True, exist_ok=True)
    (notes / "sample-micrograd.md").write_text(NOTES, encoding="utf-8")
    terminal.start([str(STUDYTUI), "--pass", "2"])
    terminal.wait_for("kernel: idle", timeout=60)
    wait_header(terminal, "Sample micrograd", "pass 2")


def ran_whole(notes: Path, sources: list[str]) -> None:
    """Each of these cells ran once, kept whole in a notebook (every lesson has its own)."""
    until_sync(lambda: sorted(source for source, _ in code_cells(notes)) == sorted(sources), timeout=30,
               what=f"the cells in the notebooks: {[source for source, _ in code_cells(notes)]}")


def notes_on_disk(notes: Path) -> dict[str, str]:
    return {path.name: path.read_text(encoding="utf-8") for path in notes.glob("*.md")}


def test_f10_a_title_enter_then_a_cell_in_one_burst(terminal, tmp_path):
    notes = tmp_path / "notes"
    launched(terminal, notes)
    for title in ("Sample bigrams", "Sample micrograd"):  # each kept in pass 2 from now on
        terminal.keys("F10")
        terminal.wait_for("Find a lesson")
        terminal.keys(title, "Enter")
        wait_header(terminal, title, "pass 1")  # never opened, or opened only in the launch's pass
        terminal.keys("C-o")
        wait_header(terminal, title, "pass 2")
    before = notes_on_disk(notes)
    sources = []
    for number in range(ROUNDS):
        typed, title = ("bigrams", "Sample bigrams") if number % 2 else ("microg", "Sample micrograd")
        code, printed = cell("picked", number)
        terminal.keys("F10", typed, "Enter", "F4", code, "Enter")
        terminal.wait_for(printed)
        wait_header(terminal, title, "pass 2")
        sources.append(code)
    ran_whole(notes, sources)
    assert notes_on_disk(notes) == before, "no key typed after Enter reached the notes"


def searched(terminal: Terminal) -> None:
    """alt+f alone: in the same read as the keys after it, a terminal's ESC f is escape and f."""
    terminal.keys("M-f")
    terminal.wait_for("words in your notes")


def test_alt_f_a_hit_or_none_then_a_cell_in_one_burst(terminal, tmp_path):
    """A hit: the clock at its stamp and the cell runs. No hit: the search says so and stays open,
    the keys typed after Enter in its line (never in the notes); Escape, and the cell runs."""
    notes = tmp_path / "notes"
    launched(terminal, notes)
    sources = []
    for number in range(ROUNDS):
        code, printed = cell("found", number)
        if number % 2:
            searched(terminal)
            terminal.keys("grad starts", "Enter", "F4", code, "Enter")
            wait_header(terminal, "0:21:40 /")
        else:
            searched(terminal)
            terminal.keys("nowhere", "Enter", "F4", code, "Enter")
            terminal.wait_for("No note has “nowhere")
            terminal.wait_for(f"nowhere{code}")  # typed on in the search, as it says
            terminal.keys("Escape")
            until_sync(lambda: "No note has" not in terminal.screen(), what="the search closed")
            terminal.keys("F4", code, "Enter")
        terminal.wait_for(printed)
        sources.append(code)
    ran_whole(notes, sources)
    assert notes_on_disk(notes) == {"sample-micrograd.md": NOTES}


def test_transcript_search_enter_then_a_cell_in_one_burst(terminal, tmp_path):
    notes = tmp_path / "notes"
    (notes / "transcripts").mkdir(parents=True)
    write_vtt(notes / "transcripts" / "sample-micrograd.vtt")
    launched(terminal, notes)
    before = notes_on_disk(notes)
    sources = []
    for number in range(ROUNDS):
        words, moment = ("tensor stretch", "0:00:27 /") if number % 2 else ("autograd engine", "0:00:04 /")
        code, printed = cell("moment", number)
        from_palette(terminal, "Search the transcripts of every", "Search the transcripts of every lesson (")
        terminal.keys("Enter")
        terminal.wait_for("lesson with a transcript")
        terminal.keys(words, "Enter", "F4", code, "Enter")
        terminal.wait_for(printed)
        wait_header(terminal, moment)
        sources.append(code)
    ran_whole(notes, sources)
    assert notes_on_disk(notes) == before
