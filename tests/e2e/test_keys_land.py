"""No key is lost and none lands where the learner did not look, in a real terminal.

Each trap as a learner meets it, 20 times in one run: a palette command, its dialog or its notice,
then at once (in one tmux write, as a fast typist or SSH sends it) f4 and a cell. The cell must
run (its output on the screen, its source whole in the notebook) and nothing typed may reach the
notes on disk.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.e2e.terminal import STUDYTUI, Terminal
from tests.e2e.test_install_terminal import LESSON as NEEDY_LESSON  # requires: [tinypkg]
from tests.waiting import until_sync

pytestmark = [
    pytest.mark.timeout(420),
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
]

ROUNDS = 20


def launched(terminal: Terminal) -> None:
    terminal.start([str(STUDYTUI), "--pass", "2"])
    terminal.wait_for("kernel: idle", timeout=60)


def from_palette(terminal: Terminal, typed: str, listed: str) -> None:
    """ctrl+p, part of a command's name, and the command listed (Enter is the caller's)."""
    terminal.keys("C-p")
    terminal.wait_for("Search for commands")
    terminal.type(typed)
    terminal.wait_for(listed)


def cell(tag: str, number: int) -> tuple[str, str]:
    """A cell and the line it prints (which its echo does not contain)."""
    return f"print('{tag}', 7 * {number})", f"{tag} {7 * number}"


def code_cells(notes: Path) -> list[tuple[str, str]]:
    """Every code cell kept in the notebooks: its source and its outputs as one string."""
    cells = []
    for path in notes.glob("*.ipynb"):
        try:
            kept = json.loads(path.read_text(encoding="utf-8"))["cells"]
        except (OSError, ValueError, KeyError):
            return []  # being replaced right now: look again
        cells += [("".join(c["source"]), json.dumps(c.get("outputs", []))) for c in kept if c["cell_type"] == "code"]
    return cells


def notes_on_disk(notes: Path) -> str:
    return "".join(path.read_text(encoding="utf-8") for path in notes.glob("*.md"))


def ran(terminal: Terminal, notes: Path, sources: list[str]) -> None:
    """Exactly these cells ran, in this order, each kept whole in the notebook."""
    until_sync(lambda: [source for source, _ in code_cells(notes)] == sources, timeout=30,
               what=f"the cells in the notebook: {[source for source, _ in code_cells(notes)]}")


def test_f4_in_the_cell_stays_in_the_cell(terminal, tmp_path):
    notes = tmp_path / "notes"
    launched(terminal)
    sources = []
    for number in range(ROUNDS):
        code, printed = cell("landed", number)
        terminal.keys("F4", code, "Enter")  # f4 pressed in the cell too, to be sure
        terminal.wait_for(printed)
        sources.append(code)
    ran(terminal, notes, sources)
    assert "landed" not in notes_on_disk(notes)


def test_keys_after_a_palette_command_that_cannot_run_land_where_the_focus_was(terminal, tmp_path):
    """No transcript anywhere: the search across lessons says so, and the cell typed next runs."""
    notes = tmp_path / "notes"
    launched(terminal)
    terminal.keys("F4")
    for _ in range(5):  # the transcripts are indexed once the screen is up: before, the search opens
        from_palette(terminal, "Search the transcripts of every", "Search the transcripts of every lesson (")
        terminal.keys("Enter")
        until_sync(lambda: "No lesson has a transcript yet" in terminal.screen() or "Escape" in terminal.screen(),
                   what="the notice or the search")
        if "No lesson has a transcript yet" in terminal.screen():
            break
        terminal.keys("Escape")
    sources = []
    for number in range(ROUNDS):
        code, printed = cell("searched", number)
        from_palette(terminal, "Search the transcripts of every", "Search the transcripts of every lesson (")
        terminal.keys("Enter", code, "Enter")
        terminal.wait_for(printed)
        sources.append(code)
    ran(terminal, notes, sources)
    assert "searched" not in notes_on_disk(notes), "the keys typed after the notice are not the notes'"


def test_after_the_restart_question_f4_and_a_cell_run(terminal, tmp_path):
    notes = tmp_path / "notes"
    launched(terminal)
    sources = []
    for number in range(ROUNDS):
        code, printed = cell("restarted", number)
        from_palette(terminal, "Restart the kernel", "Restart the kernel (asks first")
        terminal.keys("Enter")
        terminal.wait_for("Restart the kernel? Its variables")
        terminal.keys("y", "F4", code, "Enter")
        terminal.wait_for(printed, timeout=60)
        sources.append(code)
    ran(terminal, notes, sources)
    assert "restarted" not in notes_on_disk(notes)


def test_after_the_install_question_a_loop_typed_at_once_is_interrupted(terminal, tmp_path):
    notes = tmp_path / "notes"
    lessons = terminal.cwd / "lessons"
    lessons.mkdir()
    (lessons / "needy.md").write_text(NEEDY_LESSON, encoding="utf-8")
    launched(terminal)
    sources = []
    for number in range(ROUNDS):
        imported = f"import signal, time; print('declined', 7 * {number})"
        loop = f"print('looping', 7 * {number}) or [time.sleep(0.05) for _ in iter(int, 1)]"
        from_palette(terminal, "Install what this lesson needs", "Install what this lesson needs into the kernel")
        terminal.keys("Enter")
        terminal.wait_for("Install these packages into the kernel?")
        terminal.keys("n", "F4", imported, "Enter", loop, "Enter")
        terminal.wait_for(f"declined {7 * number}")
        terminal.wait_for(f"looping {7 * number}")
        terminal.keys("C-c")
        sources += [imported, loop]
        until_sync(lambda: any(source == loop and "KeyboardInterrupt" in outputs  # noqa: B023 (waited on here)
                               for source, outputs in code_cells(notes)),
                   what=f"the loop of round {number} interrupted")
    ran(terminal, notes, sources)
    assert "declined" not in notes_on_disk(notes) and "looping" not in notes_on_disk(notes)


def test_ctrl_c_in_the_same_burst_as_enter_interrupts_the_cell(terminal, tmp_path):
    """Enter and ctrl+c in one write: the cell is interrupted (before, ctrl+c came before the
    kernel's busy state and cleared the empty cell instead), and the next cell runs."""
    notes = tmp_path / "notes"
    launched(terminal)
    sources = []
    for number in range(5):
        stuck = f"import time; print('sleeping', 7 * {number}); time.sleep(120)"
        code, printed = cell("after", number)
        terminal.keys("F4", stuck, "Enter", "C-c")
        terminal.keys(code, "Enter")
        terminal.wait_for(printed, timeout=30)
        sources += [stuck, code]
        until_sync(lambda: any(source == stuck and "KeyboardInterrupt" in outputs  # noqa: B023 (waited on here)
                               for source, outputs in code_cells(notes)),
                   what=f"the sleep of round {number} interrupted")
    ran(terminal, notes, sources)
