"""Nothing typed is lost: kill -9 mid-sentence, pastes refused in a real terminal, two instances."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess

import pytest

from tests.e2e.terminal import STUDYTUI
from tests.processes import alive
from tests.waiting import until_sync

pytestmark = [
    pytest.mark.timeout(90),
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
]


def pane_pid(terminal) -> int:
    return int(terminal.tmux("display-message", "-p", "-t", "main", "#{pane_pid}").stdout.strip())


def kernel_pids_of(parent: int) -> list[int]:
    result = subprocess.run(["pgrep", "-P", str(parent)], capture_output=True, text=True)
    return [int(pid) for pid in result.stdout.split()]


def test_kill_9_mid_sentence_loses_nothing(terminal, tmp_path):
    notes = tmp_path / "notes"
    terminal.start([str(STUDYTUI), "--pass", "2"])
    terminal.wait_for("kernel: idle", timeout=30)
    pid = pane_pid(terminal)
    children = kernel_pids_of(pid)
    terminal.keys("C-n")
    terminal.type("farewell")
    terminal.wait_for("farewell")
    os.kill(pid, signal.SIGKILL)
    until_sync(terminal.exited, timeout=10, what="studytui to die")
    # SIGKILL cannot be caught, but the kernel watches its parent and goes too: no orphan.
    assert children, "the kernel runs as a child of studytui"
    until_sync(lambda: not any(alive(child) for child in children), timeout=10, what="the kernel to exit")
    # Relaunch: the journal brings back what was typed after the last autosave, and saves it.
    terminal.tmux("respawn-pane", "-k", "-t", "main", str(STUDYTUI))
    terminal.wait_for("kernel: idle", timeout=30)
    until_sync(
        lambda: any("farewell" in p.read_text() for p in notes.glob("*.md")),
        timeout=5,
        what="the recovered note on disk",
    )
    terminal.keys("C-q")
    until_sync(terminal.exited, timeout=15, what="studytui to quit")
    assert not list((notes / ".studytui" / "unsaved").iterdir()), "journal cleared after saving"


def test_bracketed_paste_is_refused_in_the_code_cell(terminal):
    terminal.start([str(STUDYTUI), "--pass", "2"])
    terminal.wait_for("kernel: idle", timeout=30)
    terminal.keys("F4")
    terminal.tmux("set-buffer", "print('pasted, not typed')")
    terminal.tmux("paste-buffer", "-p", "-t", "main")
    terminal.wait_for("Type it yourself")
    assert "pasted, not typed" not in terminal.screen()
    terminal.type("print('typed')")
    terminal.keys("Enter")
    terminal.wait_for("typed", timeout=10)
    terminal.keys("C-q")
    until_sync(terminal.exited, timeout=15, what="studytui to quit")


def test_a_second_studytui_on_the_same_notes_says_so(terminal, tmp_path):
    terminal.start([str(STUDYTUI), "--pass", "2"])
    terminal.wait_for("kernel: idle", timeout=30)
    second = subprocess.run(
        [str(STUDYTUI)], capture_output=True, text=True, env=terminal.env, timeout=30, stdin=subprocess.DEVNULL
    )
    assert second.returncode == 1
    assert "another studytui" in second.stderr and "--notes" in second.stderr
    terminal.keys("C-q")
    until_sync(terminal.exited, timeout=15, what="studytui to quit")
    # The lock goes with the process: now a second one may start (and --help never needs it).
    assert subprocess.run([str(STUDYTUI), "--help"], capture_output=True, env=terminal.env).returncode == 0
