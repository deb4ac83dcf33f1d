"""The installed `studytui` in a real terminal (tmux): launch, run code, take a note, quit."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from tests.waiting import until_sync

pytestmark = [
    pytest.mark.timeout(90),
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
]

STUDYTUI = Path(sys.executable).with_name("studytui")


class Terminal:
    """One tmux server of our own, with one window running a command."""

    def __init__(self, cwd: Path, env: dict[str, str], width: int = 160, height: int = 45) -> None:
        self.socket = f"studytui-test-{uuid.uuid4().hex[:8]}"
        self.cwd, self.env, self.size = cwd, env, (width, height)

    def tmux(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["tmux", "-L", self.socket, *args], capture_output=True, text=True, check=check, env=self.env
        )

    def start(self, command: list[str]) -> None:
        width, height = self.size
        self.tmux(
            "-f", "/dev/null", "new-session", "-d", "-s", "main", "-x", str(width), "-y", str(height),
            "-c", str(self.cwd), *command,
        )
        self.tmux("set-option", "-t", "main", "remain-on-exit", "on")

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", "main").stdout

    def wait_for(self, text: str, timeout: float = 20) -> None:
        try:
            until_sync(lambda: text in self.screen(), timeout=timeout, what=repr(text))
        except AssertionError:
            raise AssertionError(f"{text!r} never appeared; the screen was:\n{self.screen()}") from None

    def keys(self, *keys: str) -> None:
        self.tmux("send-keys", "-t", "main", *keys)

    def type(self, text: str) -> None:
        self.tmux("send-keys", "-t", "main", "-l", text)

    def exited(self) -> bool:
        result = self.tmux("list-panes", "-t", "main", "-F", "#{pane_dead}", check=False)
        return result.returncode != 0 or result.stdout.strip() == "1"

    def close(self) -> None:
        self.tmux("kill-server", check=False)


@pytest.fixture
def terminal(tmp_path, isolated_home):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TMUX", "PYTEST"))}
    env.update(HOME=str(isolated_home), TERM="xterm-256color", STUDYTUI_NOTES=str(tmp_path / "notes"))
    workdir = tmp_path / "elsewhere"  # no ./lessons here: the bundled curriculum must open
    workdir.mkdir()
    term = Terminal(workdir, env)
    yield term
    term.close()


def test_launch_run_code_take_a_note_and_quit(terminal, tmp_path):
    assert STUDYTUI.exists(), f"studytui is not installed beside {sys.executable}"
    terminal.start([str(STUDYTUI)])
    terminal.wait_for("micrograd overview")
    terminal.wait_for("kernel: idle", timeout=30)

    terminal.keys("F4")
    terminal.type("print(6*7)")
    terminal.keys("Enter")
    terminal.wait_for("42")

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
    assert "- [00:00](https://www.youtube.com/watch?v=" in notes_file.read_text()


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
