"""The code pane end to end (headless app, real ipykernel) versus raw jupyter-client in the same
run. Prints numbers, asserts nothing.

A round trip runs from the cell sent (as Enter does) to the end of the first screen update that
shows its result. Between cells the bench waits a little, as a learner does between typing and
Enter: Textual draws at most 60 frames a second, so a cell sent right after a frame would
otherwise wait up to one frame interval for the next one.

Run from the repository root: .venv/bin/python bench/bench_code_pane.py
"""

from __future__ import annotations

import asyncio
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil
from jupyter_client.manager import start_new_async_kernel

from studytui.config import Settings, default_lessons_dir
from studytui.ui.app import StudyApp

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_kernel import FLOOD, raw_execute

WARMUP = 10
RUNS = 100
FRAME = 1 / 60  # seconds: Textual's frame interval (TEXTUAL_FPS)


class PeakRss(threading.Thread):
    """Samples this process's resident memory every 10 ms."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.process = psutil.Process()
        self.peak = self.process.memory_info().rss
        self.running = True

    def run(self) -> None:
        while self.running:
            self.peak = max(self.peak, self.process.memory_info().rss)
            time.sleep(0.01)


async def bench_raw() -> tuple[list[float], float]:
    km, kc = await start_new_async_kernel(
        kernel_name="python3", stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        for _ in range(WARMUP):
            await raw_execute(kc, "1+1", lambda _t: None)
        trips = []
        for _ in range(RUNS):
            begun = time.perf_counter()
            await raw_execute(kc, "1+1", lambda _t: None)
            trips.append(time.perf_counter() - begun)
        begun = time.perf_counter()
        await raw_execute(kc, FLOOD, lambda _t: None)
        flood = time.perf_counter() - begun
    finally:
        kc.stop_channels()
        await km.shutdown_kernel(now=True)
    return trips, flood


async def bench_app() -> dict[str, float | list[float]]:
    notes = Path(tempfile.mkdtemp(prefix="studytui-bench-"))
    app = StudyApp(Settings(lessons_dir=default_lessons_dir(), notes_dir=notes, refuse_paste_code=False))
    sent: list[float] = []
    committed: list[float] = []
    drawn: asyncio.Queue[float] = asyncio.Queue()
    results: dict[str, float | list[float]] = {}
    async with app.run_test(size=(160, 45)) as pilot:
        while str(app.kernel.state) != "idle":
            await asyncio.sleep(0.01)
        commit = app.code.commit_cell

        def timed_commit(cell, result) -> None:  # the finished cell written to the log
            commit(cell, result)
            committed.append(time.perf_counter())
            app.call_after_refresh(lambda: drawn.put_nowait(time.perf_counter()))

        app.code.commit_cell = timed_commit  # type: ignore[method-assign]
        code_input = app.code.input_widget
        await pilot.press("f4")

        async def run(code: str) -> float:
            """Seconds from the cell sent to its result drawn (the commit time is kept too)."""
            code_input.show_text(code)
            await pilot.pause()  # the typed cell is drawn
            await asyncio.sleep(2 * FRAME)  # the pause before Enter: pacing, not synchronisation
            sent.append(time.perf_counter())
            app.action_run_cell()
            return await drawn.get() - sent[-1]

        for _ in range(WARMUP):
            await run("1+1")
        sent.clear()
        committed.clear()
        results["trip"] = [await run("1+1") for _ in range(RUNS)]
        results["commit"] = [done - begun for begun, done in zip(sent, committed)]
        sampler = PeakRss()
        results["rss_before"] = sampler.peak
        sampler.start()
        results["flood"] = await run(FLOOD)
        sampler.running = False
        sampler.join()
        results["rss_peak"] = sampler.peak
        await app.action_quit()
    return results


async def bench_interrupt() -> list[float]:
    notes = Path(tempfile.mkdtemp(prefix="studytui-bench-"))
    app = StudyApp(Settings(lessons_dir=default_lessons_dir(), notes_dir=notes))
    samples = []
    async with app.run_test(size=(160, 45)):
        while str(app.kernel.state) != "idle":
            await asyncio.sleep(0.01)
        for _ in range(5):
            app.code.input_widget.show_text("print('go', flush=True)\nwhile True: pass")
            app.action_run_cell()
            while str(app.kernel.state) != "busy" or not app.kernel_control._runs:
                await asyncio.sleep(0.005)
            await asyncio.sleep(0.2)  # let the loop get going; not a synchronisation
            begun = time.perf_counter()
            app.action_interrupt()
            while app.kernel_control._runs:
                await asyncio.sleep(0.001)
            samples.append(time.perf_counter() - begun)
        await app.action_quit()
    return samples


async def main() -> None:
    raw_trips, raw_flood = await bench_raw()
    pane = await bench_app()
    interrupts = await bench_interrupt()
    ms, mb = 1000.0, 1 / 2**20
    trips = pane["trip"]
    assert isinstance(trips, list)
    print(f"{'measure':<52}{'raw jupyter_client':>20}{'code pane':>12}")
    commits = pane["commit"]
    assert isinstance(commits, list)
    print(f"{f'1+1 sent to result drawn, median of {RUNS} (ms)':<52}{statistics.median(raw_trips) * ms:>20.1f}"
          f"{statistics.median(trips) * ms:>12.1f}")
    print(f"{'  of which: sent to result written to the log (ms)':<52}{'':>20}{statistics.median(commits) * ms:>12.1f}")
    print(f"{'200,000-line flood: run to cell drawn (ms)':<52}{raw_flood * ms:>20.1f}{pane['flood'] * ms:>12.1f}")
    print(f"{'interrupt to cell finished, median of 5 (ms)':<52}{'':>20}{statistics.median(interrupts) * ms:>12.1f}")
    print(f"{'studytui RSS before / peak during the flood (MB)':<52}{'':>20}"
          f"{pane['rss_before'] * mb:>6.0f} / {pane['rss_peak'] * mb:.0f}")


if __name__ == "__main__":
    asyncio.run(main())
