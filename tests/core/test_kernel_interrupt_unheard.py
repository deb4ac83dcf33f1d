"""An interrupt sent as a cell starts goes out again when the cell did not hear it, judged by when
the kernel made what came back, not by when it arrived.

A SIGINT that lands between a cell's `print('ready', flush=True)` and its `time.sleep(60)` is acted
on only when the sleep returns. The print's message then reaches the session after the interrupt
went out, though the kernel made it before: it must not count as the cell having heard the
interrupt. That window is microseconds wide, so the kernel's side is played here by scripted
channels, and what the rule relies on (a real kernel's messages carry the moment it made them, on
this machine's clock) is checked against a real ipykernel.
"""

from __future__ import annotations

import asyncio
import logging
import time
from datetime import UTC, datetime
from typing import Any

import pytest
from jupyter_client.manager import start_new_async_kernel

from studytui.core.kernel import interrupts as interrupts_module
from studytui.core.kernel.connection import KernelLink
from studytui.core.kernel.interrupts import Interrupts
from studytui.core.kernel.messages import KernelState, Output, StreamText
from studytui.core.kernel.routing import PendingExecution, Router
from studytui.core.kernel.wire import checked_message, made_at
from tests.waiting import until

SILENCE = 0.2  # START_SILENCE, shortened so that waiting past it is quick


class ScriptedKernel:
    """The kernel's end of the channels, played by the test: what the session sends is recorded,
    what the kernel would publish is put on IOPub by the test. Signals are counted as sent."""

    where = ""  # a kernel on this machine

    def __init__(self) -> None:
        self.iopub: asyncio.Queue[object] = asyncio.Queue()
        self.shell: asyncio.Queue[object] = asyncio.Queue()
        self.stdin: asyncio.Queue[object] = asyncio.Queue()
        self.signals: list[float] = []  # time.time() of each interrupt sent
        self.requests = 0

    def _request(self) -> str:
        self.requests += 1
        return f"request-{self.requests}"

    def execute(self, code: str, silent: bool, store_history: bool, allow_stdin: bool) -> str:
        return self._request()

    def complete(self, code: str, cursor_pos: int) -> str:
        return self._request()

    def inspect(self, code: str, cursor_pos: int, detail_level: int) -> str:
        return self._request()

    def kernel_info(self) -> str:
        return self._request()

    def input(self, text: str) -> None:
        pass

    async def get_shell_msg(self) -> object:
        return await self.shell.get()

    async def get_iopub_msg(self) -> object:
        return await self.iopub.get()

    async def get_stdin_msg(self) -> object:
        return await self.stdin.get()

    def stop_channels(self) -> None:
        pass

    async def interrupt(self) -> None:
        self.signals.append(time.time())

    def publish(self, parent: str, msg_type: str, content: dict[str, Any], made: float) -> None:
        header = {"msg_type": msg_type, "date": datetime.fromtimestamp(made, UTC)}
        self.iopub.put_nowait({"header": header, "parent_header": {"msg_id": parent}, "content": content})


class Started:
    """A cell sent to the scripted kernel, interrupted at once, then started: the interrupt has gone out."""

    def __init__(self, kernel: ScriptedKernel) -> None:
        self.kernel = kernel
        self.outputs: list[Output] = []
        self.router = Router(
            logging.getLogger("test"), lambda: KernelState.BUSY, lambda state: None, lambda s: None, lambda: None
        )
        self.link = KernelLink(kernel, self.router, logging.getLogger("test"))
        self.interrupts = Interrupts(kernel, self.router, lambda: self.link, lambda: KernelState.BUSY)  # type: ignore[arg-type]

    async def start(self) -> str:
        loop = asyncio.get_running_loop()
        pending = PendingExecution(self.outputs.append, loop.create_future(), last_iopub=loop.time())
        code = "print('ready', flush=True); time.sleep(60)"
        msg_id = self.link.send(lambda channels: channels.execute(code, False, True, False))
        assert msg_id is not None
        self.router.add(msg_id, pending)
        await self.interrupts.interrupt()  # held: the kernel has not started the cell
        assert not self.kernel.signals
        self.kernel.publish(msg_id, "execute_input", {"code": "", "execution_count": 1}, time.time())
        await until(lambda: len(self.kernel.signals) == 1, what="the held interrupt to go out")
        return msg_id

    async def ready_made(self, msg_id: str, made: float) -> None:
        self.kernel.publish(msg_id, "stream", {"name": "stdout", "text": "ready\n"}, made)
        await until(lambda: bool(self.outputs), what="'ready' to reach the cell")

    async def past_the_silence(self) -> None:
        """Wait until the silence after the first interrupt is long over (what would follow, has)."""
        over = self.kernel.signals[0] + 5 * SILENCE
        await until(lambda: time.time() > over, what="the silence to be over")

    async def close(self) -> None:
        await self.link.close()


@pytest.fixture(autouse=True)
def short_silence(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(interrupts_module, "START_SILENCE", SILENCE)


async def test_output_made_before_the_interrupt_does_not_show_the_cell_heard_it() -> None:
    cell = Started(ScriptedKernel())
    msg_id = await cell.start()
    await cell.ready_made(msg_id, made=cell.kernel.signals[0] - 0.001)  # printed just before the signal landed
    await until(lambda: len(cell.kernel.signals) == 2, what="the interrupt to go out again")
    assert [o for o in cell.outputs if isinstance(o, StreamText)] == [StreamText("stdout", "ready\n")]
    await cell.close()


async def test_output_made_after_the_interrupt_shows_the_cell_heard_it() -> None:
    """The cell's own handler caught it and is cleaning up: no second signal into its handler."""
    cell = Started(ScriptedKernel())
    msg_id = await cell.start()
    await cell.ready_made(msg_id, made=cell.kernel.signals[0] + 0.001)
    await cell.past_the_silence()
    assert len(cell.kernel.signals) == 1
    await cell.close()


async def test_a_kernel_on_a_server_may_keep_another_clock_so_any_output_counts() -> None:
    kernel = ScriptedKernel()
    kernel.where = "gpu-box"  # type: ignore[misc]
    cell = Started(kernel)
    msg_id = await cell.start()
    await cell.ready_made(msg_id, made=kernel.signals[0] - 0.001)
    await cell.past_the_silence()
    assert len(kernel.signals) == 1
    await cell.close()


async def test_a_silent_cell_is_sent_the_interrupt_again() -> None:
    cell = Started(ScriptedKernel())
    await cell.start()
    await until(lambda: len(cell.kernel.signals) == 2, what="the interrupt to go out again")
    await cell.close()


def test_a_header_date_is_read_in_the_forms_kernels_and_servers_send() -> None:
    moment = datetime(2026, 12, 5, 20, 0, 0, 123456, tzinfo=UTC)
    assert made_at(moment) == moment.timestamp()
    assert made_at("2026-12-05T20:00:00.123456Z") == moment.timestamp()
    assert made_at("2026-12-05T20:00:00.123456+00:00") == moment.timestamp()
    assert made_at("2026-12-05T20:00:00.123456") == moment.timestamp()  # no zone: UTC, as the protocol says
    assert made_at("yesterday") is None
    assert made_at(12) is None
    assert made_at(None) is None


@pytest.mark.timeout(60)
async def test_a_real_kernels_messages_say_when_it_made_them_on_this_machines_clock() -> None:
    manager, client = await start_new_async_kernel(kernel_name="python3")
    try:
        await client.wait_for_ready(timeout=30)
        before = time.time()
        msg_id = client.execute("print('ready', flush=True)")
        made: list[float | None] = []
        while True:
            raw = await client.get_iopub_msg(timeout=30)
            message = checked_message(raw)
            if message.parent_id != msg_id:
                continue
            made.append(message.made)
            if message.msg_type == "status" and message.content.get("execution_state") == "idle":
                break
        after = time.time()
        assert made and all(m is not None and before <= m <= after for m in made), (before, made, after)
    finally:
        client.stop_channels()
        await manager.shutdown_kernel(now=True)


async def test_an_interrupt_asked_for_while_a_finished_cells_reply_is_late_is_for_the_next_cell() -> None:
    """The kernel finished a cell (its idle status came) but its reply is late; the learner's next
    cell waits behind it, and ctrl+c is pressed: the interrupt is held for that next cell, not sent
    into a kernel with nothing running (where it was lost, and `time.sleep(60)` ran on)."""
    kernel = ScriptedKernel()
    cell = Started(kernel)
    first = await cell.start()
    await cell.ready_made(first, made=time.time())
    kernel.publish(first, "status", {"execution_state": "idle"}, time.time())
    await until(lambda: cell.router.pending[first].idle, what="the first cell to go idle")
    with cell.interrupts.queued(silent=False) as ticket:  # the next cell, waiting behind the first
        await cell.interrupts.interrupt()
        await cell.past_the_silence()
        assert len(kernel.signals) == 1, "nothing is sent into a kernel with nothing running"
        loop = asyncio.get_running_loop()
        pending = PendingExecution(lambda output: None, loop.create_future(), last_iopub=loop.time())
        msg_id = cell.link.send(lambda channels: channels.execute("time.sleep(60)", False, True, False))
        assert msg_id is not None
        cell.router.add(msg_id, pending)
        cell.interrupts.sent(ticket, pending)
        kernel.publish(msg_id, "execute_input", {"code": "", "execution_count": 2}, time.time())
        await until(lambda: len(kernel.signals) == 2, what="the interrupt to go out for the next cell")
    await cell.close()
