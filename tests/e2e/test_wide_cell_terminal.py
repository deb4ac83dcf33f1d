"""The installed `studytui` in a 160x45 terminal (tmux): the code pane shows an 80-character line whole."""

from __future__ import annotations

import shutil

import pytest

from tests.e2e.terminal import STUDYTUI
from tests.waiting import until_sync

pytestmark = [
    pytest.mark.timeout(90),
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
]


def test_at_160x45_an_80_character_line_shows_unwrapped(terminal):
    assert terminal.size == (160, 45)
    terminal.start([str(STUDYTUI)])
    terminal.wait_for("outline  f2")
    terminal.keys("C-o")  # pass 2: notes and code
    terminal.wait_for("code  f4")
    terminal.wait_for("kernel: idle", timeout=30)
    terminal.keys("F4")
    terminal.type("print(''.join(str(i % 10) for i in range(80)))")
    terminal.keys("Enter")
    line = "0123456789" * 8
    until_sync(lambda: line in terminal.screen(), timeout=20, what="the 80-character line on one row")
    row = next(row for row in terminal.screen().splitlines() if line in row)
    assert row.index(line) + len(line) < 160, "inside the code pane, beside its border"
    terminal.keys("C-q")
    until_sync(terminal.exited, timeout=15, what="studytui to quit")
