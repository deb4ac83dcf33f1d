"""The method in a real terminal (tmux), keys in bursts: a new lesson in pass 1, the review's
intervals, notes search (this lesson, every lesson), note this cell, input() and the replay, a
transcript dropped in while running, idle time not counted (a clock the test moves), the last
lesson reopened and `--pass 1` leaving the stored passes alone. One workspace, three launches."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from tests.conftest import SAMPLE_LESSON, SECOND_LESSON
from tests.e2e.terminal import STUDYTUI, Terminal
from tests.subtitles import write_vtt
from tests.ui.test_method_ui import stored_passes
from tests.waiting import until_sync

pytestmark = [
    pytest.mark.timeout(300),
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
]

NOTES = ("# Sample micrograd\n\n## 19:09 the Value object\n\n- [19:14] a Value remembers its children\n"
         "- [21:40] grad starts at zero\n- [22:00] backprop :: the chain rule, node by node\n")
BIGRAM_NOTES = "# Sample bigrams\n\n## 12:45 counting in a tensor\n\n- [13:20] the tensor of counts is 27 by 27\n"
IDLE_MINUTES = 2

# The study time's clock, read from a file the test writes: the app's `ActiveTime` is the real one,
# only its time source is this (planted before studytui starts, as a learner's sitecustomize would be).
TEST_CLOCK = '''
import os
import sys

if os.path.basename(sys.argv[0]) == "studytui":  # not in the kernel it starts
    import studytui.core.study.active_time as active_time

    def test_clock():
        with open(os.environ["STUDYTUI_TEST_CLOCK"], encoding="utf-8") as file:
            return float(file.read())

    idle_after, _monotonic = active_time.ActiveTime.__init__.__defaults__
    active_time.ActiveTime.__init__.__defaults__ = (idle_after, test_clock)
'''


def header(terminal: Terminal) -> str:
    return terminal.screen().splitlines()[0]


def wait_header(terminal: Terminal, *words: str, timeout: float = 30) -> None:
    try:
        until_sync(lambda: all(word in header(terminal) for word in words), timeout=timeout, what=f"{words}")
    except AssertionError:
        raise AssertionError(f"{words} never in the header; the screen was:\n{terminal.screen()}") from None


def flat(terminal: Terminal) -> str:
    """The screen as one line: wrapped text is found whole."""
    return " ".join(terminal.screen().split())


def palette(terminal: Terminal, command: str, then: str) -> None:
    """A palette command by the start of its name; waits for `then` on the screen."""
    terminal.keys("C-p", command)

    def listed() -> bool:  # the palette searches in a worker of its own: Enter once it lists the command
        lines = terminal.screen().splitlines()
        search = next((i for i, line in enumerate(lines) if "🔎" in line), len(lines))
        return any(command in line for line in lines[search + 1:])

    until_sync(listed, timeout=20, what=f"{command!r} in the palette")
    terminal.keys("Enter")
    terminal.wait_for(then)


def quit_app(terminal: Terminal) -> None:
    terminal.keys("C-q")
    until_sync(terminal.exited, timeout=30, what="studytui to quit")
    terminal.close()


@pytest.fixture
def workspace(tmp_path, isolated_home) -> tuple[Path, dict[str, str]]:
    """A lessons folder, notes written before (a card among them), the test's clock and a config."""
    lessons = tmp_path / "lessons"
    lessons.mkdir()
    (lessons / "01-micrograd.md").write_text(SAMPLE_LESSON, encoding="utf-8")
    (lessons / "02-bigrams.md").write_text(SECOND_LESSON, encoding="utf-8")
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "sample-micrograd.md").write_text(NOTES, encoding="utf-8")
    (notes / "sample-bigrams.md").write_text(BIGRAM_NOTES, encoding="utf-8")
    planted = tmp_path / "planted"
    planted.mkdir()
    (planted / "sitecustomize.py").write_text(TEST_CLOCK, encoding="utf-8")
    clock = tmp_path / "clock"
    clock.write_text("5000", encoding="utf-8")
    config = tmp_path / "config.toml"
    config.write_text(f"idle_minutes = {IDLE_MINUTES}\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TMUX", "PYTEST"))}
    env.update(HOME=str(isolated_home), TERM="xterm-256color", STUDYTUI_NOTES=str(notes), PYTHONPATH=str(planted),
               STUDYTUI_TEST_CLOCK=str(clock), STUDYTUI_CONFIG=str(config))
    return lessons, env


def launch(tmp_path: Path, env: dict[str, str], *args: str) -> Terminal:
    terminal = Terminal(tmp_path, env)
    terminal.start([str(STUDYTUI), *args, str(tmp_path / "lessons")])
    terminal.wait_for("kernel: idle", timeout=60)
    return terminal


def test_a_first_session_then_the_reopen_and_pass_at_launch(workspace, tmp_path):
    _lessons, env = workspace
    notes = tmp_path / "notes"
    terminal = launch(tmp_path, env)
    try:
        first_session(terminal, tmp_path)
    finally:
        terminal.close()
    assert stored_passes(notes) == {"sample-micrograd": 2, "sample-bigrams": 1}
    saved = (notes / "sample-micrograd.md").read_text(encoding="utf-8")
    assert re.search(r"- \[21:40\]\([^)]*\) the answer\n  ```python\n  print\(6 \* 7\)\n  ```\n  ```text\n  42\n  ```",
                     saved), saved

    terminal = launch(tmp_path, env)  # opened last, nothing done in it: bigrams is reopened
    try:
        wait_header(terminal, "Sample bigrams", "pass 1")
        replay_with_input(terminal)
        quit_app(terminal)
    finally:
        terminal.close()

    terminal = launch(tmp_path, env, "--pass", "1")  # micrograd, opened last, shown in pass 1 ...
    try:
        wait_header(terminal, "Sample micrograd", "pass 1")
        terminal.keys("F10", "sample bigrams", "Enter")
        wait_header(terminal, "Sample bigrams", "pass 1")
        terminal.keys("F10", "sample micrograd", "Enter")
        wait_header(terminal, "Sample micrograd", "pass 2")  # ... and back to it: the pass it was left in
        quit_app(terminal)
    finally:
        terminal.close()
    assert stored_passes(notes) == {"sample-micrograd": 2, "sample-bigrams": 1}, "--pass stored nothing"


def first_session(terminal: Terminal, tmp_path: Path) -> None:
    notes = tmp_path / "notes"
    wait_header(terminal, "pass 1: watch", "Sample micrograd")  # never opened: pass 1
    terminal.wait_for("↻1 Sample micrograd")  # the due card marked before the title

    terminal.keys("F12", "Space")  # the review: the answer, then the grade keys with their intervals
    terminal.wait_for("the chain rule, node by node")
    until_sync(lambda: all(hint in flat(terminal) for hint in ("1 again <1m", "3 good <10m", "4 easy 8d")),
               timeout=20, what="the grade keys' intervals")
    terminal.keys("Escape")  # alone: escape and the next key in one read are an alt key to any terminal app
    wait_header(terminal, "pass 1: watch")

    terminal.keys("C-o", "M-f", "grad starts", "Enter")  # pass 2, then search this lesson's notes: one burst
    wait_header(terminal, "pass 2", "0:21:40 /")  # the clock at the note's stamp
    terminal.keys("F4", "print(6 * 7)", "Enter")
    terminal.wait_for("42")
    terminal.keys("M-n", "the answer")  # note this cell, and the words that follow are the note's
    saved = notes / "sample-micrograd.md"
    until_sync(lambda: "the answer" in saved.read_text(encoding="utf-8"), timeout=20,
               what=f"the noted cell saved; the screen was:\n{terminal.screen()}")

    terminal.keys("F4", "name = input('who? ')", "Enter")
    terminal.wait_for("who?")
    terminal.keys("Ada", "Enter", "print('hi', name)", "Enter", "x = 6 * 7", "Enter")
    terminal.wait_for("hi Ada")

    folder = notes / "transcripts"  # dropped into the folder while the app runs
    folder.mkdir(exist_ok=True)
    write_vtt(folder / "sample-micrograd.vtt")
    terminal.keys("F8")
    terminal.wait_for("welcome to this lecture", timeout=30)
    terminal.keys("F8")
    palette(terminal, "Search the transcripts of every", "lesson with a transcript")
    terminal.keys("autograd")
    terminal.wait_for("1 match in 1 lesson")
    terminal.keys("Escape")
    until_sync(lambda: "lesson with a transcript" not in terminal.screen(), timeout=20, what="the search closed")

    palette(terminal, "Search the notes of every", "words in your notes")
    terminal.keys("27 by 27")
    terminal.wait_for("13:20")
    terminal.keys("Enter")
    wait_header(terminal, "Sample bigrams", "pass 1", "0:13:20 /")  # never opened: pass 1, at the note

    # Every key so far came at 5000 on the study clock. An hour later, nobody at the keys and the
    # lesson paused: only the idle minutes after the last key count.
    (tmp_path / "clock").write_text("8600", encoding="utf-8")
    palette(terminal, "Study statistics", "idle time is not counted")
    terminal.wait_for("idle time is not counted")

    def bigrams_row() -> str:
        return next((line for line in terminal.screen().splitlines()[1:] if "Sample bigrams" in line
                     and "1:57:45" in line), "")

    until_sync(lambda: bool(bigrams_row()), timeout=20, what="the statistics' row of bigrams")
    row = bigrams_row()
    assert f"0:0{IDLE_MINUTES}:00" in row.split("1:57:45", 1)[1].split()[:1], row
    terminal.keys("Escape")
    quit_app(terminal)


def replay_with_input(terminal: Terminal) -> None:
    """Micrograd again: its earlier cells with their outputs; the replay leaves out input() and the
    cell that reads its answer, says why, and runs the rest."""
    terminal.keys("F10", "sample micrograd", "Enter")
    wait_header(terminal, "Sample micrograd", "pass 2")
    terminal.keys("F3", "F4")  # the code cell
    terminal.wait_for("Earlier in this lesson")
    terminal.wait_for("2 of 4 cells may")
    shown = terminal.screen()
    assert "In [3]: print('hi', name)" in shown and "hi Ada" in shown, "the earlier cells with their outputs"
    assert "(asks for input)" in shown and "(reads `name`, set by cell 2 which" in shown, shown
    palette(terminal, "Replay this lesson", "Rebuild the kernel's state")
    rows = [line for line in terminal.screen().splitlines() if re.search(r"\[[x ]\] +\d ", line)]
    marks = [re.findall(r"\[([x ])\] +(\d) ", row)[0] for row in rows]
    assert marks == [("x", "1"), (" ", "2"), (" ", "3"), ("x", "4")], rows
    assert "(reads `name`, set by cell 2 which" in rows[2] and "will not run)" in flat(terminal), "and why"
    terminal.keys("Enter")
    terminal.wait_for("Replay done")
    terminal.keys("print(x + 1)", "Enter")  # the focus back in the code cell
    terminal.wait_for("43")
