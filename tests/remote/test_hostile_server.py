"""A server that sends what no Jupyter server sends: each malformed frame is logged and skipped, the
reader stays alive, the cell it came with still finishes, and a cell whose reply never comes is
ended by an interrupt with a status that says so. A fake server of our own on 127.0.0.1.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from studytui.core.kernel import (
    DisplayData,
    ExecutionStatus,
    KernelState,
    Output,
    RemoteKernelSession,
    ServerAddress,
)
from tests.outputs import text_of
from tests.remote.fake_kernel_server import FakeKernelServer, Frame, message
from tests.waiting import until

pytestmark = pytest.mark.timeout(60)
WAIT = 20.0


@pytest.fixture
async def session(fake: FakeKernelServer, tmp_path: Path) -> AsyncIterator[RemoteKernelSession]:
    remote = RemoteKernelSession(ServerAddress(fake.url, "secret"), log_path=tmp_path / "kernel.log")
    await asyncio.wait_for(remote.start(), WAIT)
    yield remote
    await remote.shutdown()


def log_of(tmp_path: Path) -> str:
    return (tmp_path / "kernel.log").read_text()


def deep(levels: int) -> str:
    return "[" * levels + "]" * levels


def nested(levels: int) -> list[Any]:
    value: list[Any] = []
    for _ in range(levels - 1):
        value = [value]
    return value


def bad_frames(request: dict[str, Any]) -> dict[str, list[Frame]]:
    """Each kind of broken frame, answering ``request``."""
    stream = message(request, "iopub", "stream", {"name": "stdout", "text": "never shown\n"})
    return {
        "deep JSON (the decoder's recursion)": [deep(100_000)],
        "deep JSON (within the decoder's reach)": [
            {**stream, "content": {"name": "stdout", "text": "never shown\n", "nested": nested(150)}}
        ],
        "a list as channel": [{**stream, "channel": ["iopub"]}],
        "a list as content": [{**stream, "content": ["name", "stdout"]}],
        "a string as parent_header": [{**stream, "parent_header": "not an object"}],
        "an integer as data": [message(request, "iopub", "display_data", {"data": 5, "metadata": {}})],
        "a list as header": [{**stream, "header": ["stream"]}],
        "not JSON": ["{'channel': 'iopub'"],
        "a string as the frame": ['"just a string"'],
        "a string as the traceback": [
            message(request, "iopub", "error", {"ename": "E", "evalue": "", "traceback": "x"})
        ],
    }


KINDS = list(bad_frames({"header": {}}))


@pytest.mark.parametrize("kind", KINDS)
async def test_a_malformed_frame_is_skipped_and_the_cell_still_finishes(
    kind: str, fake: FakeKernelServer, session: RemoteKernelSession, tmp_path: Path
) -> None:
    fake.scripts.append(lambda server, request: [*bad_frames(request)[kind], *server.normal_answer(request)])
    outputs: list[Output] = []
    result = await asyncio.wait_for(session.execute("print(6*7)", outputs.append), WAIT)
    assert result.status is ExecutionStatus.OK
    assert text_of(outputs) == "42\n"
    assert not [output for output in outputs if isinstance(output, DisplayData)]
    assert "skipped" in log_of(tmp_path)
    again: list[Output] = []  # the reader is alive
    assert (await asyncio.wait_for(session.execute("print(6*7)", again.append), WAIT)).status is ExecutionStatus.OK
    assert text_of(again) == "42\n" and session.state is KernelState.IDLE


async def test_a_string_as_the_reply_ends_the_cell_as_reply_lost(
    fake: FakeKernelServer, session: RemoteKernelSession, tmp_path: Path
) -> None:
    def broken_reply(server: FakeKernelServer, request: dict[str, Any]) -> list[Frame]:
        frames = server.normal_answer(request)
        frames[3] = message(request, "shell", "execute_reply", "ok")
        return frames

    fake.scripts.append(broken_reply)
    result = await asyncio.wait_for(session.execute("print(6*7)", lambda _o: None), WAIT)
    assert result.status is ExecutionStatus.REPLY_LOST
    assert "execute_reply whose content is not an object" in log_of(tmp_path)
    assert (await asyncio.wait_for(session.execute("1", lambda _o: None), WAIT)).status is ExecutionStatus.OK


async def test_a_reply_that_never_comes_is_ended_by_an_interrupt(
    fake: FakeKernelServer, session: RemoteKernelSession
) -> None:
    def no_reply(server: FakeKernelServer, request: dict[str, Any]) -> list[Frame]:
        busy, started, output, reply, idle = server.normal_answer(request)
        assert isinstance(reply, dict) and isinstance(idle, dict)
        # The reply and the idle status name no request we know: nothing ends the cell by itself.
        return [busy, started, output, {**reply, "parent_header": "lost"}, {**idle, "parent_header": "lost"}]

    fake.scripts.append(no_reply)
    outputs: list[Output] = []
    running = asyncio.ensure_future(session.execute("print(6*7)", outputs.append))
    await until(lambda: text_of(outputs) == "42\n", WAIT, "the cell's output")
    assert not running.done() and session.state is KernelState.BUSY
    await session.interrupt()  # ctrl+c
    result = await asyncio.wait_for(running, WAIT)
    assert result.status is ExecutionStatus.REPLY_LOST
    assert fake.interrupts == 1
    await until(lambda: session.state is KernelState.IDLE, WAIT, "idle again")
    assert (await asyncio.wait_for(session.execute("1", lambda _o: None), WAIT)).status is ExecutionStatus.OK


async def test_a_kernel_idle_without_its_reply_ends_the_cell_and_the_channels_are_reopened(
    fake: FakeKernelServer, session: RemoteKernelSession, tmp_path: Path
) -> None:
    def reply_dropped(server: FakeKernelServer, request: dict[str, Any]) -> list[Frame]:
        frames = server.normal_answer(request)
        del frames[3]  # the kernel went idle; its reply went nowhere
        return frames

    fake.scripts.append(reply_dropped)
    outputs: list[Output] = []
    result = await asyncio.wait_for(session.execute("print(6*7)", outputs.append), WAIT)
    assert result.status is ExecutionStatus.OK and result.execution_count == 1, "as IOPub showed it"
    assert text_of(outputs) == "42\n"
    await until(lambda: fake.connections == 2, WAIT, "a new websocket")
    assert (await asyncio.wait_for(session.execute("1", lambda _o: None), WAIT)).status is ExecutionStatus.OK
    assert session.execution_count == fake.count == 2, "the same kernel: its count goes on"
    assert "its reply never came" in log_of(tmp_path)


async def test_execution_counts_of_the_wrong_type_are_no_number(
    fake: FakeKernelServer, session: RemoteKernelSession
) -> None:
    def string_counts(server: FakeKernelServer, request: dict[str, Any]) -> list[Frame]:
        frames = server.normal_answer(request)
        for index in (1, 3):
            assert isinstance(frames[index], dict)
            frames[index]["content"]["execution_count"] = "7"  # type: ignore[index]
        return frames

    fake.scripts.append(string_counts)
    result = await asyncio.wait_for(session.execute("1", lambda _o: None), WAIT)
    assert result.status is ExecutionStatus.OK and result.execution_count is None
    result = await asyncio.wait_for(session.execute("1", lambda _o: None), WAIT)
    assert result.execution_count == fake.count == 2 and session.execution_count == 2


async def test_a_completion_reply_of_the_wrong_shape_is_checked(
    fake: FakeKernelServer, session: RemoteKernelSession
) -> None:
    original = fake.answer

    def answer(request: dict[str, Any]) -> list[Frame]:
        if request["header"]["msg_type"] == "complete_request":
            return [message(request, "shell", "complete_reply",
                            {"status": "ok", "matches": ["sqrt", 5, None], "cursor_start": "0", "cursor_end": 99})]
        return original(request)

    fake.answer = answer  # type: ignore[method-assign]
    reply = await session.complete("math.sq", 7, timeout=WAIT)
    assert reply is not None
    assert reply["matches"] == ["sqrt"] and reply["cursor_start"] == 7 and reply["cursor_end"] == 7
