"""Timing helpers shared by the bench scripts (run as `python bench/NAME.py`)."""

from __future__ import annotations

import asyncio
import statistics
import time
from collections.abc import Callable


def median_ms(fn: Callable[[], object], runs: int = 20) -> float:
    """Median wall time of `fn` over `runs` calls, in milliseconds."""
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples) * 1000


async def until(condition: Callable[[], bool], timeout: float) -> float | None:
    """Seconds until `condition` held, polled every 5 ms on the event loop; None after `timeout`."""
    started = time.perf_counter()
    while not condition():
        if time.perf_counter() - started > timeout:
            return None
        await asyncio.sleep(0.005)
    return time.perf_counter() - started
