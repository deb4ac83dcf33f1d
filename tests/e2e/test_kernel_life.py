"""The installed `studytui` leaves no kernel process behind: quit, SIGTERM, or a kernel death."""

from __future__ import annotations

import os
import shutil
import signal

import psutil
import pytest

from tests.e2e.terminal import STUDYTUI
from tests.waiting import until_sync

pytestmark = [
    pytest.mark.timeout(90),
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
]


def started_with_kernel(terminal, *args: str, timeout: float = 30) -> tuple[psutil.Process, list[psutil.Process]]:
    terminal.start([str(STUDYTUI), *args])
    terminal.wait_for("kernel: idle", timeout=timeout)
    pid = int(terminal.tmux("display-message", "-p", "-t", "main", "#{pane_pid}").stdout)
    app = psutil.Process(pid)
    kernels = [p for p in app.children(recursive=True) if "ipykernel" in " ".join(p.cmdline())]
    assert kernels, "the kernel runs as a child of studytui"
    return app, kernels


def gone(processes: list[psutil.Process]) -> bool:
    return not any(p.is_running() and p.status() != psutil.STATUS_ZOMBIE for p in processes)


@pytest.mark.parametrize("how", ["quit", "sigterm"])
def test_no_kernel_is_left_behind(terminal, how):
    app, kernels = started_with_kernel(terminal, "--pass", "2")
    if how == "quit":
        terminal.keys("C-q")
    else:
        os.kill(app.pid, signal.SIGTERM)
    until_sync(terminal.exited, timeout=15, what="studytui to exit")
    until_sync(lambda: gone(kernels), timeout=5, what="the kernel process to be gone")


def coloured_screen(terminal) -> str:
    return terminal.tmux("capture-pane", "-p", "-e", "-t", "main").stdout


def test_kernel_death_is_shown_and_f9_restarts(terminal):
    started_with_kernel(terminal, "--pass", "2")
    before = coloured_screen(terminal)
    terminal.keys("F4")
    # Focus moves after the key is handled: wait for the code pane's border to light up.
    until_sync(lambda: coloured_screen(terminal) != before, timeout=5, what="the code pane focused")
    terminal.type("import os; os._exit(1)")
    terminal.keys("Enter")
    terminal.wait_for("kernel: dead", timeout=5)
    terminal.wait_for("killed: the kernel died")
    terminal.keys("F9")
    terminal.wait_for("Restart the kernel?")
    terminal.keys("y")
    terminal.wait_for("kernel restarted", timeout=30)
    terminal.wait_for("kernel: idle", timeout=30)
    terminal.keys("C-q")
    until_sync(terminal.exited, timeout=15, what="studytui to exit")
