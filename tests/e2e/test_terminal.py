"""The installed `studytui` in a real terminal (tmux): launch, run code, take a note, quit."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from tests.e2e.terminal import STUDYTUI
from tests.waiting import until_sync

pytestmark = [
    pytest.mark.timeout(90),
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
]


def test_launch_run_code_take_a_note_and_quit(terminal, tmp_path):
    assert STUDYTUI.exists(), f"studytui is not installed beside {sys.executable}"
    terminal.start([str(STUDYTUI), "--pass", "2"])
    terminal.wait_for("outline  f2")
    terminal.wait_for("kernel: idle", timeout=30)

    terminal.keys("F4")
    terminal.type("print(6*7)")
    terminal.keys("Enter")
    until_sync(
        lambda: "42" in terminal.screen().partition("In [1]: print(6*7)")[2],
        timeout=20,
        what="42 printed under the cell",
    )

    terminal.keys("C-n")
    terminal.type("typed in a real terminal")
    notes = tmp_path / "notes"
    until_sync(
        lambda: any("typed in a real terminal" in p.read_text() for p in notes.glob("*.md")),
        timeout=5,
        what="the note on disk",
    )

    terminal.keys("C-q")
    until_sync(terminal.exited, timeout=15, what="studytui to quit")
    (notes_file,) = [p for p in notes.glob("*.md") if "typed in a real terminal" in p.read_text()]
    assert "- [00:00](https://youtu.be/" in notes_file.read_text()


def test_check_lessons_reports_file_and_line(tmp_path):
    folder = tmp_path / "lessons"
    folder.mkdir()
    (folder / "bad.md").write_text("---\ntitle: x\ncourse: c\nduration: '10:00'\n---\n## 00:61:00 bad\n")
    result = subprocess.run([str(STUDYTUI), "check-lessons", str(folder)], capture_output=True, text=True)
    assert result.returncode == 1
    assert f"{folder / 'bad.md'}:6:" in result.stdout


def test_bundled_curriculum_passes_check_lessons():
    result = subprocess.run([str(STUDYTUI), "check-lessons"], capture_output=True, text=True, cwd="/")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken, 0 problems" in result.stderr


def test_help_names_the_notes_folder(tmp_path, isolated_home):
    env = {**os.environ, "HOME": str(isolated_home), "STUDYTUI_NOTES": str(tmp_path / "my notes")}
    result = subprocess.run([str(STUDYTUI), "--help"], capture_output=True, text=True, env=env)
    assert result.returncode == 0
    assert "my notes" in " ".join(result.stdout.split())
