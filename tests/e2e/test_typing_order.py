"""Keys take effect in the order typed, in a real terminal: bursts sent in one tmux write, as keys
arrive over SSH or from a fast typist. Each burst is sent right after the previous one."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.e2e.terminal import STUDYTUI, Terminal
from tests.waiting import until_sync

pytestmark = [
    pytest.mark.timeout(240),
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
]

BURSTS = 20


def launched(terminal: Terminal) -> None:
    terminal.start([str(STUDYTUI), "--pass", "2"])
    terminal.wait_for("outline  f2", timeout=30)
    terminal.wait_for("kernel: idle", timeout=40)


def notebook_sources(notes: Path) -> list[str]:
    sources = []
    for path in notes.glob("*.ipynb"):
        try:
            cells = json.loads(path.read_text())["cells"]
        except (OSError, ValueError, KeyError):
            return []  # being replaced right now: look again
        sources += ["".join(cell["source"]) for cell in cells if cell["cell_type"] == "code"]
    return sources


def notes_lines(notes: Path) -> list[str]:
    return [line.rstrip() for path in notes.glob("*.md") for line in path.read_text().splitlines()]


def test_backspace_in_a_burst_applies_in_order_in_the_code_cell(terminal, tmp_path):
    launched(terminal)
    terminal.keys("F4")
    for number in range(1, BURSTS + 1):
        terminal.keys("a", "b", "BSpace", "c", "Space", "=", "Space", *str(number), "Enter")
    notes = tmp_path / "notes"
    until_sync(lambda: len(notebook_sources(notes)) >= BURSTS, timeout=60, what=f"{BURSTS} cells run")
    assert notebook_sources(notes) == [f"ac = {n}" for n in range(1, BURSTS + 1)]


def test_text_then_ctrl_r_in_one_write_runs_exactly_that_cell(terminal, tmp_path):
    launched(terminal)
    terminal.keys("F4")
    for _ in range(BURSTS):
        terminal.keys("print(1234)", "C-r")
    notes = tmp_path / "notes"
    until_sync(lambda: len(notebook_sources(notes)) >= BURSTS, timeout=60, what=f"{BURSTS} cells run")
    assert notebook_sources(notes) == ["print(1234)"] * BURSTS
    screen = terminal.screen()
    assert f"In [{BURSTS}]: print(1234)" in screen
    assert "Error" not in screen


def test_backspace_in_a_burst_applies_in_order_in_the_notes(terminal, tmp_path):
    launched(terminal)
    terminal.keys("C-n")  # a stamped note, the cursor after its stamp
    for _ in range(BURSTS):
        terminal.keys("a", "b", "BSpace", "c", "Enter")
    notes = tmp_path / "notes"
    until_sync(
        lambda: sum(line.endswith("ac") for line in notes_lines(notes)) >= BURSTS,
        timeout=30,
        what=f"{BURSTS} lines ending in 'ac' on disk",
    )
    lines = notes_lines(notes)
    typed = lines[lines.index(next(line for line in lines if line.endswith(") ac"))):]
    assert typed[1:BURSTS] == ["ac"] * (BURSTS - 1)
    assert not any("ab" in line for line in lines)


def test_a_note_typed_then_ctrl_n_at_once_keeps_its_text_whole(terminal, tmp_path):
    launched(terminal)
    terminal.keys("C-n")
    for number in range(1, 6):
        terminal.keys(f"in my own words {number}", "C-n")
    terminal.keys("the last one")
    notes = tmp_path / "notes"
    until_sync(
        lambda: any(line.endswith(") the last one") for line in notes_lines(notes)),
        timeout=30,
        what="the last note on disk",
    )
    stamped = [line for line in notes_lines(notes) if line.startswith("- [")]
    words = [line.split(") ", 1)[1] for line in stamped]
    assert words == [f"in my own words {n}" for n in range(1, 6)] + ["the last one"]


def test_ctrl_n_from_the_code_cell_takes_the_words_typed_right_after(terminal, tmp_path):
    launched(terminal)
    terminal.keys("F4")
    terminal.keys("x = 1", "C-n", "typed at once after ctrl+n")
    notes = tmp_path / "notes"
    until_sync(
        lambda: any(line.endswith(") typed at once after ctrl+n") for line in notes_lines(notes)),
        timeout=30,
        what="the note on disk",
    )


LAUNCHES = 8


def test_a_cell_typed_while_the_kernel_starts_runs_exactly_once(tmp_path, isolated_home):
    """As soon as the code pane shows: f4, 1+1, Enter. Each launch in a fresh notes folder."""
    import os

    for launch in range(LAUNCHES):
        notes = tmp_path / f"notes-{launch}"
        workdir = tmp_path / f"cwd-{launch}"
        workdir.mkdir()
        env = {k: v for k, v in os.environ.items() if not k.startswith(("TMUX", "PYTEST"))}
        env.update(HOME=str(isolated_home), TERM="xterm-256color", STUDYTUI_NOTES=str(notes))
        terminal = Terminal(workdir, env)
        try:
            terminal.start([str(STUDYTUI), "--pass", "2"])
            terminal.wait_for("code  f4", timeout=30)
            terminal.keys("F4", "1+1", "Enter")
            terminal.wait_for("Out[1]: 2", timeout=40)
            screen = terminal.screen()
            assert "killed" not in screen, screen
            until_sync(lambda: notebook_sources(notes) == ["1+1"], timeout=10, what="the cell in the notebook")
        finally:
            terminal.close()
