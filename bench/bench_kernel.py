"""Kernel session timings: KernelSession versus raw jupyter-client. Prints numbers, asserts nothing.

Run from the repository root: .venv/bin/python bench/bench_kernel.py
"""

from __future__ import annotations

import asyncio
import statistics
import subprocess
import time
from collections.abc import Awaitable, Callable

from jupyter_client.asynchronous.client import AsyncKernelClient
from jupyter_client.manager import start_new_async_kernel

from studytui.core.kernel import KernelSession, Output, StreamText

STARTS = 3
WARMUP = 20
RUNS = 200
FLOOD = "for i in range(200_000): print(i)"
FLOOD_CHARS = sum(len(f"{i}\n") for i in range(200_000))


async def raw_execute(kc: AsyncKernelClient, code: str, on_text: Callable[[str], None]) -> None:
    """Execute, read IOPub until this request's idle, then its shell reply."""
    msg_id = kc.execute(code, allow_stdin=False)
    while True:
        msg = await kc.get_iopub_msg()
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        if msg["msg_type"] == "stream":
            on_text(msg["content"]["text"])
        elif msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            break
    while (await kc.get_shell_msg())["parent_header"].get("msg_id") != msg_id:
        pass


async def timed(action: Callable[[], Awaitable[object]]) -> float:
    begun = time.perf_counter()
    await action()
    return time.perf_counter() - begun


def summary(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[int(0.9 * (len(ordered) - 1))]


async def bench_raw() -> dict[str, list[float]]:
    starts: list[float] = []
    for _ in range(STARTS):
        begun = time.perf_counter()
        km, kc = await start_new_async_kernel(
            kernel_name="python3", stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        starts.append(time.perf_counter() - begun)
        kc.stop_channels()
        await km.shutdown_kernel(now=True)
    km, kc = await start_new_async_kernel(
        kernel_name="python3", stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        for _ in range(WARMUP):
            await raw_execute(kc, "1+1", lambda _t: None)
        trips = [await timed(lambda: raw_execute(kc, "1+1", lambda _t: None)) for _ in range(RUNS)]
        received: list[int] = []
        flood = await timed(lambda: raw_execute(kc, FLOOD, lambda t: received.append(len(t))))
        check_complete(sum(received), "raw")
    finally:
        kc.stop_channels()
        await km.shutdown_kernel(now=True)
    return {"start": starts, "trip": trips, "flood": [flood]}


async def bench_session() -> dict[str, list[float]]:
    starts: list[float] = []
    for _ in range(STARTS):
        session = KernelSession()
        starts.append(await timed(session.start))
        await session.shutdown()
    session = KernelSession()
    await session.start()
    try:
        for _ in range(WARMUP):
            await session.execute("1+1", lambda _o: None)
        trips = [await timed(lambda: session.execute("1+1", lambda _o: None)) for _ in range(RUNS)]
        received: list[int] = []

        def count(output: Output) -> None:
            if isinstance(output, StreamText):
                received.append(len(output.text))

        flood = await timed(lambda: session.execute(FLOOD, count))
        check_complete(sum(received), "session")
    finally:
        await session.shutdown()
    return {"start": starts, "trip": trips, "flood": [flood]}


def check_complete(chars: int, who: str) -> None:
    """Not a test: just say so if output went missing, since the timing would then be wrong."""
    if chars != FLOOD_CHARS:
        print(f"warning: {who} received {chars} of {FLOOD_CHARS} characters")


async def main() -> None:
    raw = await bench_raw()
    session = await bench_session()
    ms = 1000.0
    print(f"{'measure':<40}{'raw jupyter_client':>20}{'KernelSession':>16}")
    raw_trip, session_trip = summary(raw["trip"]), summary(session["trip"])
    rows = [
        (
            f"start to ready, median of {STARTS} (ms)",
            statistics.median(raw["start"]),
            statistics.median(session["start"]),
        ),
        (f"execute 1+1 median, {RUNS} runs (ms)", raw_trip[0], session_trip[0]),
        (f"execute 1+1 p90, {RUNS} runs (ms)", raw_trip[1], session_trip[1]),
        ("drain 200,000 printed lines (ms)", raw["flood"][0], session["flood"][0]),
    ]
    for label, raw_value, session_value in rows:
        print(f"{label:<40}{raw_value * ms:>20.1f}{session_value * ms:>16.1f}")


if __name__ == "__main__":
    asyncio.run(main())
