"""How studytui ends in a real terminal: a closed terminal, SIGTERM, kill -9 during a C loop, a crash.

Each ending must leave the notes on disk, the workspace unlocked, no kernel process and no
connection file behind, and (for a crash) a usable terminal, a crash report and a non-zero status.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import psutil
import pytest

from studytui.core.study import WorkspaceLock
from tests.e2e.terminal import STUDYTUI
from tests.e2e.test_kernel_life import started_with_kernel
from tests.waiting import until_sync

pytestmark = [
    pytest.mark.timeout(120),
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
]


def started(terminal) -> tuple[psutil.Process, list[psutil.Process]]:
    return started_with_kernel(terminal, "--pass", "2", timeout=60)


def connection_file(kernel: psutil.Process) -> Path:
    argv = kernel.cmdline()
    path = Path(argv[argv.index("-f") + 1])
    assert path.exists()
    return path


def gone(processes: list[psutil.Process]) -> bool:
    def running(p: psutil.Process) -> bool:
        try:
            return p.is_running() and p.status() != psutil.STATUS_ZOMBIE
        except psutil.NoSuchProcess:
            return False

    return not any(running(p) for p in processes)


def notes_text(notes: Path) -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in notes.glob("*.md"))


def unlocked(notes: Path) -> bool:
    lock = WorkspaceLock(notes / ".studytui" / "lock")
    lock.acquire()  # raises WorkspaceBusy while a studytui holds it
    lock.release()
    return True


def type_a_note(terminal, words: str) -> None:
    terminal.keys("F3")
    terminal.keys("C-n")
    terminal.type(words)
    terminal.wait_for(words)


@pytest.mark.parametrize("how", ["closing the terminal", "sigterm"])
def test_hang_up_or_sigterm_saves_and_leaves_nothing(terminal, tmp_path, how):
    notes = tmp_path / "notes"
    app, kernels = started(terminal)
    connection = connection_file(kernels[0])
    type_a_note(terminal, "farewell")
    began = time.monotonic()
    if how == "closing the terminal":
        terminal.tmux("kill-pane", "-t", "main")  # SIGHUP, and the terminal is gone
    else:
        os.kill(app.pid, signal.SIGTERM)
    until_sync(lambda: gone([app]), timeout=15, what="studytui to exit (it hung before)")
    print(f"{how}: studytui exited in {time.monotonic() - began:.2f} s")
    assert "farewell" in notes_text(notes)
    assert unlocked(notes), "the next launch may use the notes folder"
    until_sync(lambda: gone(kernels), timeout=10, what="the kernel to stop")
    until_sync(lambda: not connection.exists(), timeout=10, what="the connection file removed")


def test_kill_9_during_a_c_loop_leaves_no_kernel_and_no_connection_file(terminal):
    app, kernels = started(terminal)
    connection = connection_file(kernels[0])
    terminal.keys("F4")
    terminal.type("sum(range(10**13))")
    terminal.keys("Enter")
    terminal.wait_for("kernel: busy", timeout=10)
    until_sync(lambda: kernels[0].cpu_percent(interval=0.2) > 20, timeout=20, what="the kernel spinning in C")
    os.kill(app.pid, signal.SIGKILL)
    until_sync(lambda: gone([app]), timeout=10, what="studytui to die")
    until_sync(lambda: gone(kernels), timeout=10, what="the kernel to die with it")
    until_sync(lambda: not connection.exists(), timeout=10, what="the connection file removed")


CRASHING_NOTES = '''
import studytui.core.notes as notes


def placing_a_note_fails(*args, **kwargs):
    raise RuntimeError("a bug in placing a note")


notes.insert_note = placing_a_note_fails
'''


def test_a_crash_saves_reports_restores_the_terminal_and_exits_non_zero(terminal, tmp_path):
    notes = tmp_path / "notes"
    inject = tmp_path / "inject"  # a real bug, planted: every ctrl+n raises inside the app
    inject.mkdir()
    (inject / "sitecustomize.py").write_text(CRASHING_NOTES, encoding="utf-8")
    terminal.env["PYTHONPATH"] = str(inject)
    terminal.env["PS1"] = "$ "
    terminal.start(["sh"])  # a shell, as the learner has: after the crash it must work again
    terminal.type(f"{STUDYTUI} --pass 2; echo \"stat\"\"us=$?\"; stty -a | tr ' ;' '\\n\\n' | grep -x -e icanon -e echo")
    terminal.keys("Enter")
    terminal.wait_for("kernel: idle", timeout=60)
    shell = psutil.Process(int(terminal.tmux("display-message", "-p", "-t", "main", "#{pane_pid}").stdout))
    (app,) = shell.children()
    kernels = [p for p in app.children(recursive=True) if "ipykernel" in " ".join(p.cmdline())]
    connection = connection_file(kernels[0])
    terminal.keys("F3")
    terminal.type("typed before the crash")
    terminal.wait_for("typed before the crash")
    terminal.keys("C-n")
    terminal.wait_for("status=", timeout=20)
    screen = terminal.screen()
    assert "status=1" in screen, "a crash exits non-zero"
    assert "crash report" in screen
    assert "icanon" in screen.split() and "echo" in screen.split(), "the terminal is back in cooked mode"
    flags = terminal.tmux("display-message", "-p", "-t", "main", "#{alternate_on} #{mouse_any_flag}").stdout
    assert flags.split() == ["0", "0"], "main screen back, mouse reporting off"
    assert "typed before the crash" in notes_text(notes)
    (report,) = (notes / ".studytui").glob("crash-*.txt")
    assert "RuntimeError: a bug in placing a note" in report.read_text(encoding="utf-8")
    assert unlocked(notes)
    until_sync(lambda: gone(kernels), timeout=10, what="the kernel to stop")
    until_sync(lambda: not connection.exists(), timeout=10, what="the connection file removed")


def test_a_second_studytui_on_a_held_notes_folder_says_so_and_leaves_no_kernel(tmp_path, isolated_home):
    """The kernel boots before the notes folder's lock is taken (so it is ready sooner): a launch
    that then finds the folder held must end the kernel it started."""
    notes = tmp_path / "notes"
    (notes / ".studytui").mkdir(parents=True)
    lock = WorkspaceLock(notes / ".studytui" / "lock")
    lock.acquire()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TMUX", "PYTEST"))}
    env.update(HOME=str(isolated_home), STUDYTUI_NOTES=str(notes))
    try:
        result = subprocess.run([str(STUDYTUI), "--pass", "2"], cwd=tmp_path, env=env, capture_output=True,
                                text=True, timeout=60, stdin=subprocess.DEVNULL)
    finally:
        lock.release()
    assert result.returncode == 1
    assert "Close it first" in result.stderr

    def kernels_of_this_home() -> list[psutil.Process]:
        found = []
        for process in psutil.process_iter(["cmdline"]):
            with contextlib.suppress(psutil.Error):
                if any(str(isolated_home) in part for part in process.info["cmdline"] or ()):
                    found.append(process)
        return found

    until_sync(lambda: gone(kernels_of_this_home()), timeout=10, what="the kernel it started ended")
