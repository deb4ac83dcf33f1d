"""A kernel on a real Jupyter Server on loopback, through the same interface as a local one."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest

from studytui.core.kernel import (
    DisplayData,
    ExecutionStatus,
    InputRequest,
    KernelState,
    Output,
    RemoteKernelMemory,
    RemoteKernelSession,
    parse_server_url,
)
from tests.outputs import text_of
from tests.remote.servers import RunningServer
from tests.waiting import until

pytestmark = pytest.mark.timeout(120)


@pytest.fixture
async def remote(jupyter: RunningServer, tmp_path) -> AsyncIterator[RemoteKernelSession]:
    states: list[KernelState] = []
    session = RemoteKernelSession(
        parse_server_url(jupyter.url_with_token), on_state=states.append, log_path=tmp_path / "kernel.log"
    )
    session.states = states  # type: ignore[attr-defined]
    await session.start()
    yield session
    await session.shutdown()


async def test_runs_code_in_a_kernel_the_server_lists(remote: RemoteKernelSession, jupyter: RunningServer) -> None:
    outputs: list[Output] = []
    result = await remote.execute("print(6*7)", outputs.append)
    assert result.status is ExecutionStatus.OK
    assert text_of(outputs) == "42\n"
    assert remote.kernel_id in jupyter.kernel_ids()
    assert remote.where == "127.0.0.1"


async def test_quit_shuts_down_the_kernel_it_started(jupyter: RunningServer, tmp_path) -> None:
    session = RemoteKernelSession(parse_server_url(jupyter.url, token=jupyter.token))
    await session.start()
    kernel_id = session.kernel_id
    assert kernel_id in jupyter.kernel_ids()
    await session.shutdown()
    assert kernel_id not in jupyter.kernel_ids()
    assert session.state is KernelState.STOPPED


async def test_interrupt_stops_an_endless_loop_through_the_server(remote: RemoteKernelSession) -> None:
    outputs: list[Output] = []
    run = asyncio.ensure_future(remote.execute("print('looping', flush=True)\nwhile True: pass", outputs.append))
    await until(lambda: "looping" in text_of(outputs), 30, "the loop to start")
    await remote.interrupt()
    result = await asyncio.wait_for(run, 30)
    assert result.status is ExecutionStatus.ERROR
    assert any(getattr(o, "ename", "") == "KeyboardInterrupt" for o in outputs)
    after: list[Output] = []
    assert (await remote.execute("print('still here')", after.append)).status is ExecutionStatus.OK
    assert text_of(after) == "still here\n"


async def test_input_and_password_are_answered(remote: RemoteKernelSession) -> None:
    outputs: list[Output] = []
    asked: list[InputRequest] = []

    def answer(request: InputRequest) -> None:
        asked.append(request)
        remote.answer_input("ada" if not request.password else "s3cret")

    code = "import getpass\nname = input('name? ')\npw = getpass.getpass('pw? ')\nprint(name, len(pw))"
    result = await remote.execute(code, outputs.append, answer)
    assert result.status is ExecutionStatus.OK
    assert [(r.prompt, r.password) for r in asked] == [("name? ", False), ("pw? ", True)]
    assert text_of(outputs).endswith("ada 6\n")


async def test_streams_with_carriage_returns_and_an_image_arrive(remote: RemoteKernelSession) -> None:
    outputs: list[Output] = []
    code = (
        "import sys, base64\n"
        "for i in range(3): sys.stdout.write(f'\\rstep {i}'); sys.stdout.flush()\n"
        "from IPython.display import Image, display\n"
        "png = base64.b64decode('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQ'\n"
        "                        'AAAABJRU5ErkJggg==')\n"
        "display(Image(data=png))"
    )
    result = await remote.execute(code, outputs.append)
    assert result.status is ExecutionStatus.OK
    assert "\rstep 2" in text_of(outputs)
    images = [o for o in outputs if isinstance(o, DisplayData) and "image/png" in o.data]
    assert len(images) == 1


async def test_completion_and_inspection_answer(remote: RemoteKernelSession) -> None:
    await remote.execute("import math", lambda _: None)
    completion = await remote.complete("math.sq", 7, timeout=20)
    assert completion is not None and "sqrt" in completion["matches"]
    docs = await remote.inspect("math.sqrt", 9, timeout=20)
    assert docs is not None and docs["found"]


async def test_restart_forgets_variables_and_keeps_the_kernel_id(remote: RemoteKernelSession) -> None:
    await remote.execute("x = 1", lambda _: None)
    kernel_id = remote.kernel_id
    await remote.restart()
    assert remote.state is KernelState.IDLE
    assert remote.kernel_id == kernel_id
    outputs: list[Output] = []
    result = await remote.execute("print('x' in dir())", outputs.append)
    assert result.status is ExecutionStatus.OK
    assert text_of(outputs) == "False\n"


async def test_attaching_by_id_leaves_the_kernel_running(jupyter: RunningServer) -> None:
    started = jupyter.api("api/kernels", method="POST")
    assert isinstance(started, dict)
    kernel_id = str(started["id"])
    try:
        session = RemoteKernelSession(parse_server_url(jupyter.url_with_token), kernel_id=kernel_id)
        await session.start()
        outputs: list[Output] = []
        await session.execute("print('attached')", outputs.append)
        assert text_of(outputs) == "attached\n"
        await session.shutdown()
        assert kernel_id in jupyter.kernel_ids()
    finally:
        jupyter.api(f"api/kernels/{kernel_id}", method="DELETE")


async def test_a_kept_kernel_is_found_again_by_the_next_launch(jupyter: RunningServer, tmp_path) -> None:
    memory = RemoteKernelMemory(tmp_path / "remote-kernels.json")
    address = parse_server_url(jupyter.url_with_token)
    first = RemoteKernelSession(address, keep_running=True, memory=memory)
    await first.start()
    await first.execute("kept = 'still here'", lambda _: None)
    await first.shutdown()
    kernel_id = memory.recall(address.base_url)
    assert kernel_id in jupyter.kernel_ids()
    second = RemoteKernelSession(address, keep_running=True, memory=memory)
    try:
        await second.start()
        assert second.kernel_id == kernel_id
        outputs: list[Output] = []
        await second.execute("print(kept)", outputs.append)
        assert text_of(outputs) == "still here\n"
    finally:
        second.keep_running = False
        await second.shutdown()
    assert kernel_id not in jupyter.kernel_ids()
    assert jupyter.token not in (tmp_path / "remote-kernels.json").read_text()


async def test_a_kernel_that_dies_on_the_server_resolves_its_cell_and_comes_back(remote: RemoteKernelSession) -> None:
    await remote.execute("x = 1", lambda _: None)
    result = await asyncio.wait_for(remote.execute("import os; os._exit(1)", lambda _: None), 60)
    assert result.status is ExecutionStatus.DIED
    outputs: list[Output] = []  # jupyter_server's restarter brings up a fresh kernel under the same id
    result = await asyncio.wait_for(remote.execute("print('x' in dir())", outputs.append), 60)
    assert result.status is ExecutionStatus.OK and text_of(outputs) == "False\n"
    assert remote.state is KernelState.IDLE


async def test_kill_now_asks_the_server_to_shut_the_kernel_down(jupyter: RunningServer) -> None:
    session = RemoteKernelSession(parse_server_url(jupyter.url_with_token))
    await session.start()
    kernel_id = session.kernel_id
    session.kill_now()  # what a crash handler or atexit calls, with no event loop to rely on
    assert kernel_id not in jupyter.kernel_ids()
    await session.shutdown()


async def test_the_kernel_it_starts_is_noted_until_quit_and_a_note_of_a_gone_one_is_dropped(
    jupyter: RunningServer, tmp_path
) -> None:
    memory = RemoteKernelMemory(tmp_path / "remote-kernels.json")
    address = parse_server_url(jupyter.url_with_token)
    memory.note_started(address.base_url, "a-kernel-the-server-restarted-away")
    session = RemoteKernelSession(address, memory=memory)
    await session.start()
    try:
        assert session.start_notice is None, "nothing was shut down: nothing to say"
        assert memory.started(address.base_url) == session.kernel_id
        assert memory.recall(address.base_url) is None, "not kept: the next launch starts afresh"
    finally:
        await session.shutdown()
    assert memory.started(address.base_url) is None
    assert jupyter.token not in (tmp_path / "remote-kernels.json").read_text()


async def test_attaching_to_the_noted_kernel_by_id_leaves_it_running(jupyter: RunningServer, tmp_path) -> None:
    memory = RemoteKernelMemory(tmp_path / "remote-kernels.json")
    address = parse_server_url(jupyter.url_with_token)
    first = RemoteKernelSession(address, memory=memory)
    await first.start()
    kernel_id = first.kernel_id
    assert kernel_id is not None
    first.keep_running = True  # as if this studytui had been killed: its kernel stays, noted
    await first.shutdown()
    attached = RemoteKernelSession(address, kernel_id=kernel_id, memory=memory)
    await attached.start()
    try:
        assert attached.kernel_id == kernel_id and attached.start_notice is None
        assert kernel_id in jupyter.kernel_ids()
    finally:
        await attached.shutdown()
    assert kernel_id in jupyter.kernel_ids(), "attached by id: left running on quit"
    jupyter.api(f"api/kernels/{kernel_id}", method="DELETE")
