"""The installed `studytui --server URL` in a real terminal runs code on a Jupyter Server's kernel."""

from __future__ import annotations

import os
import shutil
import signal
from collections.abc import Iterator

import psutil
import pytest

from tests.e2e.terminal import STUDYTUI
from tests.remote.servers import RunningServer, running, start_jupyter_server
from tests.waiting import until_sync

pytestmark = [
    pytest.mark.timeout(150),
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
]


@pytest.fixture
def server(tmp_path) -> Iterator[RunningServer]:
    with running(start_jupyter_server(tmp_path / "server-root")) as started:
        yield started


def output_lines(screen: str) -> list[str]:
    """The words drawn on the screen, split at spaces and box lines."""
    return screen.replace("│", " ").replace("┃", " ").split()


def test_print_runs_on_the_server_and_quit_shuts_its_kernel_down(terminal, server: RunningServer) -> None:
    terminal.env["JUPYTER_TOKEN"] = server.token
    terminal.start([str(STUDYTUI), "--pass", "2", "--server", server.url])
    terminal.wait_for("python3 @ 127.0.0.1 idle", timeout=60)
    [kernel_id] = server.kernel_ids()
    terminal.keys("F4", "print(6*7)", "Enter")  # one burst, as typed over SSH
    until_sync(lambda: "In [1]" in terminal.screen() and "42" in output_lines(terminal.screen()), 30, "42 printed")
    screen = terminal.screen()
    assert server.token not in screen
    pid = int(terminal.tmux("display-message", "-p", "-t", "main", "#{pane_pid}").stdout)
    children = psutil.Process(pid).children(recursive=True)
    assert not any("ipykernel" in " ".join(child.cmdline()) for child in children), "no local kernel"
    assert not any(server.token in " ".join(child.cmdline()) for child in children)
    terminal.keys("C-q")
    until_sync(terminal.exited, timeout=20, what="studytui to exit")
    until_sync(lambda: kernel_id not in server.kernel_ids(), timeout=20, what="the server's kernel to be shut down")


def test_a_kernel_left_by_a_killed_studytui_is_shut_down_by_the_next_launch(terminal, server: RunningServer) -> None:
    terminal.env["JUPYTER_TOKEN"] = server.token
    command = [str(STUDYTUI), "--pass", "2", "--server", server.url]
    terminal.start(command)
    terminal.wait_for("python3 @ 127.0.0.1 idle", timeout=60)
    [left] = server.kernel_ids()
    pid = int(terminal.tmux("display-message", "-p", "-t", "main", "#{pane_pid}").stdout)
    os.kill(pid, signal.SIGKILL)  # no atexit, no signal handler: the kernel stays on the server
    until_sync(terminal.exited, timeout=20, what="studytui to die")
    assert server.kernel_ids() == [left]

    terminal.tmux("respawn-pane", "-k", "-t", "main", *command)
    terminal.wait_for("python3 @ 127.0.0.1 idle", timeout=60)
    terminal.wait_for(f"Shut down kernel {left[:8]}", timeout=10)
    [now] = server.kernel_ids()
    assert now != left
    terminal.keys("C-q")
    until_sync(terminal.exited, timeout=20, what="studytui to exit")
    until_sync(lambda: server.kernel_ids() == [], timeout=20, what="its own kernel shut down on quit")
