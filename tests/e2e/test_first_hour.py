"""The first hour, from the README, with the installed `studytui` in a real terminal (tmux), run
from the repository root: bundled exercises check with no trust step, numpy and matplotlib import,
missing requirements are shown, 80x24 is usable, lessons are found from the palette and reopened."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from studytui.core.lessons import TrustStore
from tests.e2e.terminal import STUDYTUI, Terminal
from tests.waiting import until_sync

pytestmark = [
    pytest.mark.timeout(180),
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
]

REPO_ROOT = Path(__file__).resolve().parents[2]
MICROGRAD = "building micrograd"
BIGRAMS = "language modeling: building makemore"


@pytest.fixture
def env(tmp_path, isolated_home) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TMUX", "PYTEST"))}
    env.update(HOME=str(isolated_home), TERM="xterm-256color", STUDYTUI_NOTES=str(tmp_path / "notes"))
    return env


@pytest.fixture
def terminals():
    opened: list[Terminal] = []
    yield opened
    for terminal in opened:
        terminal.close()


def first_hit(terminal: Terminal) -> str:
    """The first lesson the palette lists under its search line."""
    lines = terminal.screen().splitlines()
    search = next((i for i, line in enumerate(lines) if "🔎" in line), None)
    return next((line for line in lines[search + 1:] if " · " in line), "") if search is not None else ""


def pick(terminal: Terminal, opener: str, query: str, lesson_id: str) -> None:
    """Open the palette (or the picker), type, wait for the lesson to top the list, enter."""
    terminal.keys(opener)
    terminal.wait_for("🔎")
    terminal.type(query)
    until_sync(lambda: lesson_id in first_hit(terminal), timeout=30, what=f"{lesson_id} first for {query!r}")
    terminal.keys("Enter")


def launch(terminals: list[Terminal], cwd: Path, env: dict[str, str], *args: str, width: int = 160,
           height: int = 45) -> Terminal:
    assert (REPO_ROOT / "lessons").is_dir() and STUDYTUI.exists()
    terminal = Terminal(cwd, env, width, height)
    terminals.append(terminal)
    terminal.start([str(STUDYTUI), "--pass", "2", *args])  # a learner at work in pass 2
    terminal.wait_for("kernel: idle", timeout=60)
    return terminal


def test_from_the_repo_root_a_bundled_exercise_checks_with_no_trust_step(terminals, env):
    terminal = launch(terminals, REPO_ROOT, env)
    terminal.wait_for(MICROGRAD)  # the very first run opens Zero to Hero's lesson 1
    # The outline cursor is on the lesson: down to the chapter with the first exercise, open it, pick it.
    terminal.keys("F2", "Down", "Down", "Down", "Enter")
    terminal.wait_for("Estimate a slope")  # the chapter opened: its exercise is one row down
    terminal.keys("Down", "Enter")
    terminal.wait_for("f5 checks it in the kernel", timeout=30)
    terminal.keys("F5")
    until_sync(lambda: "Estimate a slope" in terminal.screen() and ("✗" in terminal.screen() or "✓" in terminal.screen()),
               timeout=60, what="the check's result")
    assert "Trust code" not in terminal.screen() and "not trusted" not in terminal.screen()
    terminal.keys("C-q")
    until_sync(terminal.exited, timeout=30, what="studytui to quit")


def test_a_lesson_that_needs_a_missing_package_says_so(terminals, env, tmp_path):
    lessons = tmp_path / "lessons"
    lessons.mkdir()
    (lessons / "needs.md").write_text(
        "---\nid: needs\ntitle: Needs a package\ncourse: Practice\nduration: \"10:00\"\n"
        "requires: [numpy, definitely_missing_pkg]\n---\n## 00:00 Start\n"
    )
    TrustStore().trust(lessons)  # only a trusted folder's lessons are checked in the kernel
    terminal = launch(terminals, tmp_path, env, str(lessons))
    terminal.wait_for("This lesson needs definitely_missing_pkg", timeout=60)
    # The line on how to install it (wrapped at the code log's 80 columns).
    assert "installs definitely_missing_pkg, after asking" in " ".join(terminal.screen().split())
    terminal.keys("C-q")
    until_sync(terminal.exited, timeout=30, what="studytui to quit")


def test_at_80x24_the_code_cell_is_wide_after_f11_and_numpy_and_matplotlib_import(terminals, env):
    terminal = launch(terminals, REPO_ROOT, env, width=80, height=24)
    terminal.keys("F4", "F11")

    def cell_width() -> int:
        runs = [len(run) for run in re.findall("▔+", terminal.screen())]
        return max(runs, default=0) + 2  # the cell's top border, and its two corners

    until_sync(lambda: cell_width() >= 60, timeout=20, what="a code cell at least 60 columns wide")
    terminal.type("import numpy, matplotlib; print('versions', numpy.__version__ >= '1', matplotlib.__version__ >= '3')")
    terminal.keys("Enter")
    terminal.wait_for("versions True True", timeout=60)
    terminal.keys("C-q")
    until_sync(terminal.exited, timeout=30, what="studytui to quit")


def test_the_palette_finds_micrograd_and_a_relaunch_reopens_the_last_lesson(terminals, env, tmp_path):
    workdir = tmp_path / "anywhere"
    workdir.mkdir()
    terminal = launch(terminals, workdir, env)
    terminal.wait_for(MICROGRAD)
    pick(terminal, "C-p", "language modeling", "zth-02-makemore-bigrams")
    until_sync(lambda: BIGRAMS in terminal.screen().splitlines()[0], timeout=30, what="bigrams in the header")
    pick(terminal, "C-p", "micrograd", "zth-01-micrograd")
    until_sync(lambda: MICROGRAD in terminal.screen().splitlines()[0], timeout=30, what="micrograd in the header")
    # The picker in one burst, as typed over SSH: f10, words of the course and the id, enter.
    terminal.tmux("send-keys", "-t", "main", "F10", "zero to hero bigrams", "Enter")
    until_sync(lambda: BIGRAMS in terminal.screen().splitlines()[0], timeout=30, what="bigrams in the header")
    terminal.keys("C-q")
    until_sync(terminal.exited, timeout=30, what="studytui to quit")
    terminal.close()

    again = launch(terminals, workdir, env)
    until_sync(lambda: BIGRAMS in again.screen().splitlines()[0], timeout=30, what="the last lesson reopened")
    again.keys("C-q")
    until_sync(again.exited, timeout=30, what="studytui to quit")
