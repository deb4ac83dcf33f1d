"""The kernel process started first thing at launch (before any event loop), and cells asked for
before the first start: they run once the kernel is ready, exactly once."""

from __future__ import annotations

import asyncio

import psutil
import pytest

from studytui.core.kernel import ExecutionStatus, KernelSession, KernelState
from tests.outputs import text_of

pytestmark = pytest.mark.timeout(90)
WAIT = 30.0


def test_launch_now_boots_the_process_that_start_then_connects():
    session = KernelSession()
    session.launch_now()  # no event loop running: as the command line calls it
    assert session.state is KernelState.STOPPED, "launched, not yet connected"

    async def connect_and_run() -> tuple[str, int]:
        await asyncio.wait_for(session.start(), WAIT)
        outputs: list[object] = []
        result = await asyncio.wait_for(session.execute("import os; print(os.getppid())", outputs.append), WAIT)
        assert result.status is ExecutionStatus.OK
        pid = session._process.pid  # type: ignore[attr-defined]  (the local kernel's process)
        await session.shutdown()
        return text_of(outputs), pid

    parent, pid = asyncio.run(connect_and_run())
    assert int(parent) == psutil.Process().pid, "the kernel is our child"
    assert not psutil.pid_exists(pid) or psutil.Process(pid).status() == psutil.STATUS_ZOMBIE


async def test_a_cell_asked_for_before_start_runs_exactly_once_when_ready():
    session = KernelSession()
    outputs: list[object] = []
    early = asyncio.create_task(session.execute("print('early')", outputs.append))
    await asyncio.sleep(0)  # the cell is waiting: nothing has started the kernel yet
    assert not early.done()
    try:
        await asyncio.wait_for(session.start(), WAIT)
        result = await asyncio.wait_for(early, WAIT)
        assert result.status is ExecutionStatus.OK
        assert text_of(outputs) == "early\n"
        again: list[object] = []
        await asyncio.wait_for(session.execute("print('next')", again.append), WAIT)
        assert text_of(outputs) == "early\n" and text_of(again) == "next\n", "ran once"
    finally:
        await session.shutdown()


async def test_a_cell_waiting_for_a_start_that_never_comes_ends_at_shutdown():
    session = KernelSession()
    waiting = asyncio.create_task(session.execute("1", lambda _o: None))
    await asyncio.sleep(0)
    await asyncio.wait_for(session.shutdown(), WAIT)
    assert (await asyncio.wait_for(waiting, WAIT)).status is ExecutionStatus.DIED
