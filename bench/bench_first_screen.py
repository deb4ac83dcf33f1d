"""What the first screen costs: its widgets (Pilot, 160x45, pass 2 and pass 1) and the CPU time the
installed `studytui --pass 2` has used when the first screen is drawn (tmux, 160x45).

    .venv/bin/python bench/bench_first_screen.py [runs]

The CPU time is `time.process_time()` read in `StudyScreen.first_screen_drawn`, in a process started
by this venv's python (the entry point `studytui.cli:main`, as the installed script runs it, with that
one method wrapped). Measure a non-editable install: an editable one adds its import hooks to the
start-up. Prints numbers; asserts nothing.
"""

from __future__ import annotations

import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

from bench_startup import quit_studytui  # this folder: the script's own

LAUNCH = """
import sys, time
from studytui.ui.study_screen import StudyScreen
drawn = StudyScreen.first_screen_drawn
def first_screen_drawn(self):
    cpu = time.process_time()
    with open({out!r}, "w") as out:
        out.write(repr(cpu))
    drawn(self)
StudyScreen.first_screen_drawn = first_screen_drawn
from studytui.cli import main
sys.argv = ["studytui", "--pass", "{study_pass}"]
sys.exit(main())
"""


def cpu_at_first_screen(study_pass: int) -> float:
    socket = f"studytui-bench-{uuid.uuid4().hex[:8]}"
    with tempfile.TemporaryDirectory() as home:
        out = Path(home) / "cpu"
        env = {**os.environ, "HOME": home, "STUDYTUI_NOTES": f"{home}/notes", "TERM": "xterm-256color"}
        env.pop("TMUX", None)

        def tmux(*args: str) -> str:
            return subprocess.run(["tmux", "-L", socket, *args], capture_output=True, text=True, env=env).stdout

        script = LAUNCH.format(out=str(out), study_pass=study_pass)
        tmux("-f", "/dev/null", "new-session", "-d", "-s", "b", "-x", "160", "-y", "45", "-c", home,
             sys.executable, "-c", script)
        try:
            deadline = time.perf_counter() + 30
            while not (out.exists() and out.read_text()) and time.perf_counter() < deadline:
                time.sleep(0.01)
            cpu = float(out.read_text()) if out.exists() else float("nan")
            quit_studytui(tmux)
        finally:
            tmux("kill-server")
    return cpu


async def widgets_on_first_screen(study_pass: int) -> int:
    from studytui.config import Settings, bundled_lessons_dir
    from studytui.ui.app import StudyApp

    with tempfile.TemporaryDirectory() as home:
        os.environ["HOME"] = home
        app = StudyApp(Settings(lessons_dir=bundled_lessons_dir(), notes_dir=Path(home) / "notes",
                                start_pass=study_pass))
        async with app.run_test(size=(160, 45)) as pilot:
            await pilot.pause()
            count = len(list(app.screen.walk_children(with_self=True)))
            await app.action_quit()
    return count


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    for study_pass in (2, 1):
        print(f"pass {study_pass}: widgets on the first screen (Pilot, 160x45): "
              f"{asyncio.run(widgets_on_first_screen(study_pass))}")
    cpu = [cpu_at_first_screen(2) for _ in range(runs)]
    print(f"pass 2: CPU time at the first screen, median of {runs} (tmux 160x45): "
          f"{statistics.median(cpu) * 1000:.0f} ms  (runs: {', '.join(f'{c * 1000:.0f}' for c in cpu)})")


if __name__ == "__main__":
    main()
