"""How long the installed `studytui` takes to exit when its terminal is closed (tmux kill-pane: SIGHUP
and the terminal gone) or it gets SIGTERM, in a real terminal. Prints numbers, asserts nothing.

Anchor, in the same run: `sleep 1000` in the same kind of pane, ended the same way (the cost of tmux
and of noticing a process is gone). A studytui that has not exited after GIVE_UP seconds counts as
hung and is killed. Run it with PYTHONPATH pointing at another checkout's `src` to compare versions.

Run from the repository root: .venv/bin/python bench/bench_endings.py
"""

from __future__ import annotations

import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import psutil

STUDYTUI = Path(sys.executable).with_name("studytui")
GIVE_UP = 10.0
RUNS = 3


def gone(process: psutil.Process) -> bool:
    try:
        return not process.is_running() or process.status() == psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return True


def one_ending(command: list[str], how: str, ready: str | None) -> float | None:
    socket = f"bench-endings-{uuid.uuid4().hex[:8]}"
    home = tempfile.mkdtemp(prefix="bench-endings-")
    env = {k: v for k, v in os.environ.items() if not k.startswith("TMUX")}
    env.update(HOME=home, TERM="xterm-256color", STUDYTUI_NOTES=str(Path(home) / "notes"))

    def tmux(*args: str) -> str:
        return subprocess.run(["tmux", "-L", socket, *args], capture_output=True, text=True, env=env).stdout

    tmux("-f", "/dev/null", "new-session", "-d", "-s", "main", "-x", "160", "-y", "45", *command)
    try:
        deadline = time.monotonic() + 60
        while ready and ready not in tmux("capture-pane", "-p", "-t", "main"):
            if time.monotonic() > deadline:
                return None
            time.sleep(0.1)
        process = psutil.Process(int(tmux("display-message", "-p", "-t", "main", "#{pane_pid}")))
        started = time.monotonic()
        if how == "sighup":
            tmux("kill-pane", "-t", "main")
        else:
            process.send_signal(signal.SIGTERM)
        while not gone(process):
            if time.monotonic() - started > GIVE_UP:
                process.kill()
                return None
            time.sleep(0.01)
        return time.monotonic() - started
    finally:
        tmux("kill-server")


def report(name: str, samples: list[float | None], anchor: float | None = None) -> None:
    done = [s for s in samples if s is not None]
    hung = len(samples) - len(done)
    median = statistics.median(done) if done else None
    text = f"{name:<34} " + (f"{median * 1000:6.0f} ms" if median is not None else "     -   ")
    if anchor and median is not None:
        text += f"  ({median / anchor:4.1f}x the anchor)"
    if hung:
        text += f"  {hung} of {len(samples)} hung (> {GIVE_UP:.0f} s)"
    print(text)


def main() -> None:
    print(f"studytui: {STUDYTUI}, PYTHONPATH={os.environ.get('PYTHONPATH', '')}")
    for how in ("sighup", "sigterm"):
        anchor = [one_ending(["sleep", "1000"], how, None) for _ in range(RUNS)]
        ours = [one_ending([str(STUDYTUI), "--pass", "2"], how, "kernel: idle") for _ in range(RUNS)]
        anchor_median = statistics.median([a for a in anchor if a is not None] or [0.0]) or None
        report(f"{how}: sleep (anchor)", anchor)
        report(f"{how}: studytui", ours, anchor_median)


if __name__ == "__main__":
    main()
