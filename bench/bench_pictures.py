"""A cell that draws 8 matplotlib figures, per drawing method (half-blocks, Kitty graphics, Sixel),
in a headless app over a real kernel. Prints numbers, asserts nothing.

For each method: the time from running the cell to the 8 pictures written in the output log, the
longest the event loop was held while they arrived (a 5 ms timer's largest gap: no frame can be
drawn during it; gaps over 50 ms are listed on stderr with when they ended), the median gap, and
the output log's writes (the pictures' own cost on the event loop: the longest one and all). The
Kitty pictures are sent to stdout, which points at /dev/null while the app runs.

Run from the repository root: .venv/bin/python bench/bench_pictures.py
"""

from __future__ import annotations

import asyncio
import os
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from studytui.config import Settings, default_lessons_dir
from studytui.ui.app import StudyApp

sys.path.insert(0, str(Path(__file__).resolve().parent))
from timing import until  # beside this script

FIGURES = 8
CELL = f"""\
import matplotlib.pyplot as plt
for i in range({FIGURES}):
    plt.figure()
    plt.plot([x * x * (i + 1) for x in range(100)])
    plt.title(f"loss {{i}}")
    plt.show()
"""
TICK = 0.005


def log_text(app: StudyApp) -> str:
    return "".join("".join(segment.text for segment in strip) for strip in app.study_screen.code.log_widget.lines)


async def one_method(method: str) -> tuple[float | None, float, float, float, float]:
    with tempfile.TemporaryDirectory() as notes:
        settings = Settings(lessons_dir=default_lessons_dir(), notes_dir=Path(notes), start_pass=2)
        if hasattr(settings, "images"):  # older versions draw half-blocks only
            settings = replace(settings, images=method)
        app = StudyApp(settings, None)
        async with app.run_test(size=(160, 45)) as pilot:
            await until(lambda: app.kernel.state.name == "IDLE", 60)
            gaps: list[float] = []
            last = [time.perf_counter()]

            def tick() -> None:
                now = time.perf_counter()
                gaps.append(now - last[0])
                if now - last[0] > 0.05:
                    print(f"  {method}: {(now - last[0]) * 1000:.0f} ms gap ending {now - started:.2f} s after the run",
                          file=sys.stderr)
                last[0] = now

            log = app.study_screen.code.log_widget
            write = log.write
            writes: list[float] = []

            def timed_write(*args, **kwargs):  # type: ignore[no-untyped-def]
                began = time.perf_counter()
                try:
                    return write(*args, **kwargs)
                finally:
                    writes.append(time.perf_counter() - began)

            log.write = timed_write  # type: ignore[method-assign]
            app.study_screen.code.input_widget.load_text(CELL)
            started = time.perf_counter()
            last[0] = started
            timer = app.set_interval(TICK, tick)
            await pilot.press("ctrl+r")
            waited = await until(lambda: log_text(app).count("[image saved:") >= FIGURES, 120)
            timer.stop()
            await app.action_quit()
    return waited, max(gaps), statistics.median(gaps), max(writes), sum(writes)


async def main() -> None:
    sys.setswitchinterval(0.001)  # as the launch sets it
    results = {}
    saved = os.dup(1)
    quiet = os.open(os.devnull, os.O_WRONLY)
    os.dup2(quiet, 1)  # the Kitty pictures go to stdout
    try:
        for method in ("halfblocks", "kitty", "sixel"):
            results[method] = await one_method(method)
    finally:
        sys.stdout.flush()
        os.dup2(saved, 1)
    print(f"{FIGURES} matplotlib figures in one cell, 160x45, headless, real kernel")
    print(f"{'method':<12}{'run to pictures':>16}{'longest loop gap':>18}{'median gap':>12}"
          f"{'longest log write':>19}{'all log writes':>16}")
    for method, (waited, longest, median, write, writes) in results.items():
        shown = "> 120 s" if waited is None else f"{waited:.2f} s"
        print(f"{method:<12}{shown:>16}{longest * 1000:>15.0f} ms{median * 1000:>9.1f} ms"
              f"{write * 1000:>16.1f} ms{writes * 1000:>13.1f} ms")


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
