"""Waiting on conditions (never on fixed sleeps)."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable

# A wait synchronises; it never times anything. On a busy 2-core machine a step that takes
# milliseconds here can take seconds, so no wait gives up sooner than this, whatever it asks for.
LEAST_WAIT = 10.0


async def until(
    condition: Callable[[], bool],
    timeout: float = 10.0,
    what: str = "condition",
    seen: Callable[[], object] | None = None,
) -> None:
    """Poll `condition` on the event loop until it holds; fail after `timeout` seconds (at least LEAST_WAIT),
    saying what `seen` gives then (what the screen showed instead)."""
    timeout = max(timeout, LEAST_WAIT)
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            instead = f"; instead: {seen()!r}" if seen is not None else ""
            raise AssertionError(f"timed out after {timeout} s waiting for {what}{instead}")
        await asyncio.sleep(0.02)


def until_sync(condition: Callable[[], bool], timeout: float = 10.0, what: str = "condition") -> None:
    timeout = max(timeout, LEAST_WAIT)
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what}")
        time.sleep(0.05)
