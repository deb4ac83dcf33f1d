"""Time to the first screen and to a ready kernel, for the installed `studytui` in a real terminal.

Starts studytui in a private tmux server (160x45) with a throwaway home and notes folder, and polls the
screen every 5 ms. Prints numbers; asserts nothing.

    .venv/bin/python bench/bench_startup.py [runs]
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path

STUDYTUI = Path(sys.executable).with_name("studytui")


def quit_studytui(tmux: Callable[..., str]) -> None:
    """ctrl+q in the session "b", then up to 10 s for it to end."""
    tmux("send-keys", "-t", "b", "C-q")
    deadline = time.perf_counter() + 10
    while tmux("list-sessions") and time.perf_counter() < deadline:
        time.sleep(0.02)


def one_run() -> tuple[float, float]:
    socket = f"studytui-bench-{uuid.uuid4().hex[:8]}"
    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "HOME": home, "STUDYTUI_NOTES": f"{home}/notes", "TERM": "xterm-256color"}
        env.pop("TMUX", None)

        def tmux(*args: str) -> str:
            return subprocess.run(["tmux", "-L", socket, *args], capture_output=True, text=True, env=env).stdout

        started = time.perf_counter()
        tmux("-f", "/dev/null", "new-session", "-d", "-s", "b", "-x", "160", "-y", "45", "-c", home, str(STUDYTUI))
        first_screen = kernel_ready = None
        try:
            while time.perf_counter() - started < 30:
                screen = tmux("capture-pane", "-p", "-t", "b")
                now = time.perf_counter() - started
                if first_screen is None and "outline  f2" in screen and "kernel:" in screen:
                    first_screen = now
                if "kernel: idle" in screen:
                    kernel_ready = now
                    break
                time.sleep(0.005)
            quit_studytui(tmux)
        finally:
            tmux("kill-server")
    return first_screen or float("nan"), kernel_ready or float("nan")


def main() -> None:
    if not STUDYTUI.exists() or shutil.which("tmux") is None:
        sys.exit("needs the installed studytui beside this python and tmux")
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    results = [one_run() for _ in range(runs)]
    firsts = [r[0] for r in results]
    readies = [r[1] for r in results]
    print(f"studytui start-up over {runs} runs (tmux 160x45, bundled lessons)")
    print(f"  first screen (outline + header drawn): median {statistics.median(firsts) * 1000:7.0f} ms"
          f"   max {max(firsts) * 1000:7.0f} ms")
    print(f"  kernel ready ('kernel: idle' shown):   median {statistics.median(readies) * 1000:7.0f} ms"
          f"   max {max(readies) * 1000:7.0f} ms")


if __name__ == "__main__":
    main()
