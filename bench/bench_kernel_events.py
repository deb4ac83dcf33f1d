"""How soon the kernel's bad moments are over: an interrupt ending a busy loop, a kernel that dies
found dead, and the code pane saying so. These timings used to be asserts in the tests (under two
seconds, under one second); the tests now wait for the outcome and this prints the time.

Prints medians of a few runs; asserts nothing. Run from the repository root:

    .venv/bin/python bench/bench_kernel_events.py [--runs N]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from pathlib import Path

from studytui.config import Settings
from studytui.core.kernel import KernelSession, KernelState, Output
from studytui.ui.app import StudyApp


async def interrupt_latency() -> float:
    """From interrupt() to the busy loop's cell resolved."""
    session = KernelSession()
    await session.start()
    begun = asyncio.Event()

    def on_output(_output: Output) -> None:
        begun.set()

    running = asyncio.create_task(session.execute("print('go', flush=True)\nwhile True: pass", on_output))
    await begun.wait()
    start = time.perf_counter()
    await session.interrupt()
    await running
    took = time.perf_counter() - start
    await session.shutdown()
    return took


async def death_latency() -> float:
    """From running `os._exit(1)` to the cell resolved as DIED and the session DEAD."""
    session = KernelSession()
    await session.start()
    start = time.perf_counter()
    await session.execute("import os; os._exit(1)", lambda _output: None)
    took = time.perf_counter() - start
    assert session.state is KernelState.DEAD
    await session.shutdown()
    return took


async def pane_death_notice() -> float:
    """In the app: from the cell that kills the kernel to "kernel: dead" in the header."""
    folder = Path(tempfile.mkdtemp())
    app = StudyApp(Settings(lessons_dir=folder / "lessons", notes_dir=folder / "notes"))
    async with app.run_test(size=(160, 48)) as pilot:
        while app.kernel.state is not KernelState.IDLE:
            await pilot.pause(0.05)
        app.study_screen.code.input_widget.load_text("import os; os._exit(1)")
        start = time.perf_counter()
        await pilot.press("ctrl+r")
        while app.study_screen.header.kernel_state != "dead":
            await pilot.pause(0.01)
        took = time.perf_counter() - start
        await app.action_quit()
    return took


async def main(runs: int) -> None:
    for name, measure in (("interrupt a busy loop", interrupt_latency), ("a dead kernel found", death_latency),
                          ("the header says dead", pane_death_notice)):
        times = [await measure() for _ in range(runs)]
        print(f"{name:<24} median {statistics.median(times) * 1000:7.0f} ms   max {max(times) * 1000:7.0f} ms")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    asyncio.run(main(parser.parse_args().runs))
