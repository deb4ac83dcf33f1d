"""A cell that displays 300 small images, in a headless app over a real kernel. Prints numbers,
asserts nothing.

Anchor, in the same run: a key typed in the notes while the kernel is idle. Then the same key typed
while the 300 images arrive, the time from running the cell to the cell written in the log, and the
CPU seconds the studytui process spent on it. Run it with PYTHONPATH pointing at another checkout's
`src` to compare versions (`git archive main src | tar -x -C /tmp/main`).

Run from the repository root: .venv/bin/python bench/bench_images.py
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

import psutil

import studytui
from studytui.config import Settings, default_lessons_dir
from studytui.ui.app import StudyApp

sys.path.insert(0, str(Path(__file__).resolve().parent))
from timing import until  # beside this script

CELL = """\
import io
from IPython.display import Image, display
from PIL import Image as Picture
buffer = io.BytesIO()
Picture.new("RGB", (40, 30), (200, 30, 30)).save(buffer, "PNG")
for i in range(300):
    display(Image(data=buffer.getvalue()))
"""
GIVE_UP = 120.0  # seconds: an older version may keep the UI busy for minutes
KEYS = 10


async def key_echo(app: StudyApp, pilot, letter: str) -> float | None:
    """Seconds from a key pressed in the notes to the editor holding it."""
    before = app.study_screen.notes.editor.text.count(letter)
    started = time.perf_counter()
    await pilot.press(letter)
    waited = await until(lambda: app.study_screen.notes.editor.text.count(letter) > before, GIVE_UP)
    return None if waited is None else time.perf_counter() - started


async def main() -> None:
    with tempfile.TemporaryDirectory() as notes:
        app = StudyApp(Settings(lessons_dir=default_lessons_dir(), notes_dir=Path(notes), start_pass=2))
        async with app.run_test(size=(160, 45)) as pilot:
            await until(lambda: app.kernel.state.name == "IDLE", 60)
            code = app.study_screen.code
            await pilot.press("f3")
            idle = [await key_echo(app, pilot, "x") for _ in range(KEYS)]
            process = psutil.Process()
            cpu_before = sum(process.cpu_times()[:2])
            code.input_widget.load_text(CELL)
            started = time.perf_counter()
            await pilot.press("ctrl+r")
            await pilot.press("f3")
            busy = []
            for _ in range(KEYS):
                busy.append(await key_echo(app, pilot, "y"))
            lines = code.log_widget.lines
            written = await until(lambda: "not shown" in "".join("".join(s.text for s in strip) for strip in lines)
                                  or (app.kernel.state.name == "IDLE" and not app.kernel.busy and len(lines) > 20),
                                  GIVE_UP)
            elapsed = time.perf_counter() - started
            cpu = sum(process.cpu_times()[:2]) - cpu_before
            await app.action_quit()

    def ms(samples: list[float | None]) -> str:
        done = [s for s in samples if s is not None]
        if len(done) < len(samples):
            return f"> {GIVE_UP:.0f} s"
        return f"{statistics.median(done) * 1000:.0f} ms"

    idle_ms = statistics.median([s for s in idle if s is not None]) * 1000
    busy_done = [s for s in busy if s is not None]
    print(f"studytui from {Path(studytui.__file__).parent}")
    print(f"notes key echo, kernel idle (anchor)      {ms(idle)}")
    print(f"notes key echo, 300 images arriving       {ms(busy)}", end="")
    if len(busy_done) == len(busy):
        print(f"   ({statistics.median(busy_done) * 1000 / idle_ms:.1f}x the anchor)")
    else:
        print()
    shown = f"> {GIVE_UP:.0f} s" if written is None else f"{elapsed:.1f} s"
    print(f"run to cell written in the log            {shown}")
    print(f"CPU seconds of the studytui process       {cpu:.1f} s")


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
