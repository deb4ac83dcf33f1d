"""The lesson notebook in a real terminal (tmux): something that is not a file at its path (a FIFO,
a FIFO at the outputs' place) is refused with a message, and the app still quits within seconds."""

from __future__ import annotations

import os
import shutil

import pytest

from tests.e2e.test_kernel_life import gone, started_with_kernel
from tests.waiting import until_sync

pytestmark = [
    pytest.mark.timeout(120),
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
]

LESSON = "zth-01-micrograd"  # the bundled curriculum's first lesson, opened at a first launch


def test_a_fifo_at_the_notebook_path_is_refused_and_quit_returns(terminal, tmp_path, request):
    notes = tmp_path / "notes"
    notes.mkdir()
    os.mkfifo(notes / f"{LESSON}.ipynb")
    (notes / "outputs").mkdir()
    os.mkfifo(notes / "outputs" / LESSON)  # where the outputs folder would be
    app, kernels = started_with_kernel(terminal, "--pass", "2", timeout=60)
    request.addfinalizer(lambda: app.kill() if app.is_running() else None)  # a hung app is not left behind
    terminal.keys("F4")
    terminal.wait_for("code  f4")
    terminal.type("print('still', 'here')")
    terminal.keys("Enter")
    # Both refusals as notices (they wrap in their boxes, and cover the cell's output for a while):
    # the outputs folder's as the cell starts, the notebook's once it finished.
    until_sync(lambda: terminal.screen().count("FIFO") >= 2, timeout=30, what="the two refusals")

    terminal.keys("C-q")
    until_sync(terminal.exited, timeout=15, what="studytui to quit")
    until_sync(lambda: gone(kernels), timeout=10, what="the kernel to be gone")
    assert (notes / f"{LESSON}.ipynb").is_fifo(), "what was there is left as it was"
