"""The installed `studytui` on the hostile lesson pack in a real terminal (tmux): the terminal is
never touched (pane title, paste buffers, screen), markup shows literally, nothing is written
outside the notes folder."""

from __future__ import annotations

import shutil

import pytest

from tests.e2e.terminal import STUDYTUI
from tests.hostile import CLICK, write_hostile_pack
from tests.waiting import until_sync

pytestmark = [
    pytest.mark.timeout(120),
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
]


def pane(terminal, field: str) -> str:
    return terminal.tmux("display-message", "-p", "-t", "main", f"#{{{field}}}").stdout.strip()


def test_a_hostile_pack_leaves_the_terminal_alone(terminal, tmp_path, tmp_path_factory):
    pack = write_hostile_pack(tmp_path / "lessons", outside=tmp_path / "outside")
    # The exit status is written by a shell around studytui: tmux 3.3a sometimes left the exited
    # studytui unreaped here (a zombie, the pane never marked dead) although it had quit.
    status = tmp_path_factory.mktemp("exit") / "status"
    terminal.start(["sh", "-c", '"$0" --pass 2 "$1"; echo $? > "$2"', str(STUDYTUI), str(pack.root), str(status)])
    title_before = pane(terminal, "pane_title")
    terminal.wait_for("outline  f2")
    terminal.wait_for("[@click=app.trust_lessons]")  # the lesson title, literally
    terminal.wait_for("kernel: idle", timeout=40)

    # A burst, as typed over SSH: focus the code, the cell, Enter. The OSC markers are split in
    # the source so that only the kernel's output could put them together.
    terminal.keys(
        "F4",
        "print('\\x1b]0;PW' + 'NED\\x07\\x1b]52;c;cHdu' + 'ZWQ=\\x07\\x1b[2J' + 'visible-' + 'after')",
        "Enter",
    )
    terminal.wait_for("visible-after", timeout=30)
    terminal.keys("F2", "F11")  # the outline, maximised: the broken files with their names and lines
    terminal.wait_for("line 5: the lesson id is 5000")

    screen = terminal.tmux("capture-pane", "-p", "-e", "-t", "main").stdout
    assert "PWNED" not in screen and "cHduZWQ" not in screen
    assert CLICK[:26] in terminal.screen()
    assert pane(terminal, "pane_title") == title_before, "the pane was renamed"
    assert terminal.tmux("list-buffers", check=False).stdout.strip() == "", "the clipboard was written"

    terminal.keys("C-q")
    until_sync(lambda: status.exists() and status.read_text().strip() != "", timeout=20, what="studytui to quit")
    assert status.read_text().strip() == "0"
    assert not (tmp_path / "outside").exists()
    assert sorted(path.name for path in tmp_path.iterdir()) == ["elsewhere", "lessons", "notes"]
