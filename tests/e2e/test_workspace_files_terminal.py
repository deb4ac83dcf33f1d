"""The installed `studytui` in a real terminal (tmux) over a workspace someone tampered with: links
planted where it writes, a FIFO where it reads, a notes file with a 10 MB line, a config file
nested 100,000 deep. It starts (or says plainly why it cannot), nothing outside the workspace is
written, and the learner can keep working."""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

import pytest

from tests.e2e.terminal import STUDYTUI
from tests.waiting import until_sync

pytestmark = [
    pytest.mark.timeout(120),
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
]

LESSON = "zth-01-micrograd"  # the bundled curriculum's first lesson: the one a new workspace opens
PRECIOUS = "precious: studytui must never write here\n"


def run_in_shell(terminal, tmp_path: Path, *args: str) -> Path:
    """Start studytui through a shell that writes its exit status to a file (returned)."""
    status = tmp_path / "status"
    terminal.start(["sh", "-c", '"$@"; echo $? > "$0"', str(status), str(STUDYTUI), *args])
    return status


def exit_status(status: Path) -> str:
    until_sync(lambda: status.exists() and status.read_text().strip() != "", timeout=30, what="studytui to end")
    return status.read_text().strip()


def outside_file(tmp_path: Path) -> Path:
    target = tmp_path / "outside" / "precious.txt"
    target.parent.mkdir(exist_ok=True)
    target.write_text(PRECIOUS, encoding="utf-8")
    return target


def test_a_ten_megabyte_line_opens_read_only_and_the_rest_keeps_working(terminal, tmp_path):
    notes = tmp_path / "notes"
    notes.mkdir()
    path = notes / f"{LESSON}.md"
    original = "# micrograd\n\n" + "x" * 10_000_000 + "\n"
    path.write_text(original, encoding="utf-8")
    status = run_in_shell(terminal, tmp_path, "--pass", "2")
    terminal.wait_for("notes (read-only)", timeout=40)
    terminal.wait_for("it is 9.5 MB, more")  # the toast says why (its lines wrap where the path's length puts them)
    terminal.keys("F3")
    terminal.type("QQQQQQQ")  # seven keys into the read-only notes: nothing happens, nothing hangs
    terminal.keys("F4")
    terminal.wait_for("kernel: idle", timeout=60)
    terminal.type("print(6 * 7)")
    terminal.keys("Enter")
    terminal.wait_for("42", timeout=30)
    terminal.keys("C-q")
    assert exit_status(status) == "0"
    assert path.read_text(encoding="utf-8") == original


def test_a_fifo_at_the_notes_path_is_refused_on_screen(terminal, tmp_path):
    notes = tmp_path / "notes"
    notes.mkdir()
    os.mkfifo(notes / f"{LESSON}.md")
    status = run_in_shell(terminal, tmp_path, "--pass", "2")
    try:
        terminal.wait_for("notes (read-only)", timeout=40)
        terminal.wait_for("FIFO")
        terminal.wait_for("kernel: idle", timeout=60)
        terminal.keys("C-q")
        assert exit_status(status) == "0"
    finally:
        try:  # a studytui stuck on the FIFO lets go
            os.close(os.open(notes / f"{LESSON}.md", os.O_WRONLY | os.O_NONBLOCK))
        except OSError:
            pass


def test_a_linked_lock_stops_the_start_with_a_message_and_its_target_untouched(terminal, tmp_path):
    target = outside_file(tmp_path)
    workspace = tmp_path / "notes" / ".studytui"
    workspace.mkdir(parents=True)
    (workspace / "lock").symlink_to(target)
    status = run_in_shell(terminal, tmp_path)
    assert exit_status(status) == "1"
    terminal.wait_for("symbolic link")
    assert target.read_text(encoding="utf-8") == PRECIOUS


def test_links_planted_where_studytui_writes_are_never_followed(terminal, tmp_path):
    target = outside_file(tmp_path)
    workspace = tmp_path / "notes" / ".studytui"
    (workspace / "unsaved").mkdir(parents=True)
    (workspace / "kernel.log").symlink_to(target)
    digest = hashlib.sha256(LESSON.encode()).hexdigest()[:24]
    (workspace / "unsaved" / f"{digest}.json.tmp").symlink_to(target)  # the journal's old temp name
    status = run_in_shell(terminal, tmp_path, "--pass", "2")
    terminal.wait_for("kernel: idle", timeout=60)
    terminal.keys("F3")
    terminal.type("typed into the journal")
    terminal.wait_for("typed into the journal")
    terminal.keys("F4")
    terminal.type("import os; os.write(2, b'into the kernel log')")
    terminal.keys("Enter")
    terminal.wait_for("Out[1]", timeout=30)
    terminal.keys("C-q")
    assert exit_status(status) == "0"
    assert "typed into the journal" in (tmp_path / "notes" / f"{LESSON}.md").read_text(encoding="utf-8")
    assert target.read_text(encoding="utf-8") == PRECIOUS
    assert sorted(path.name for path in target.parent.iterdir()) == ["precious.txt"]


def test_a_config_nested_a_hundred_thousand_deep_starts_with_defaults(terminal, tmp_path):
    config = tmp_path / "config.toml"
    config.write_text("x = " + "[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8")
    terminal.env["STUDYTUI_CONFIG"] = str(config)
    status = run_in_shell(terminal, tmp_path, "--pass", "2")
    terminal.wait_for("nested too deeply", timeout=40)
    terminal.wait_for("kernel: idle", timeout=60)
    terminal.keys("C-q")
    assert exit_status(status) == "0"
