"""The kernel's numbers and reply payloads through a real Jupyter Server, as with a local kernel."""

from __future__ import annotations

import asyncio

import pytest

from studytui.core.kernel import ExecutionStatus, RemoteKernelSession, parse_server_url
from tests.remote.servers import RunningServer
from tests.waiting import until

pytestmark = pytest.mark.timeout(120)
WAIT = 30.0


async def left_running_after_two_cells(jupyter: RunningServer) -> str:
    """A kernel on the server that ran `a = 1` and `b = 2`, left running as a studytui that quit
    leaves it (the next one attaches); its id. The caller deletes it."""
    first = RemoteKernelSession(parse_server_url(jupyter.url_with_token))
    await asyncio.wait_for(first.start(), WAIT)
    kernel_id = first.kernel_id
    assert kernel_id is not None
    try:
        for code in ("a = 1", "b = 2"):
            await asyncio.wait_for(first.execute(code, lambda _o: None), WAIT)
        first.keep_running = True
        await first.shutdown()
    except BaseException:
        jupyter.api(f"api/kernels/{kernel_id}", method="DELETE")
        raise
    return kernel_id


async def test_attaching_again_shows_the_kernels_count(jupyter: RunningServer) -> None:
    address = parse_server_url(jupyter.url_with_token)
    kernel_id = await left_running_after_two_cells(jupyter)
    try:
        again = RemoteKernelSession(address, kernel_id=kernel_id)
        await asyncio.wait_for(again.start(), WAIT)
        await until(lambda: again.execution_count == 2, WAIT, "the kernel's count")
        result = await asyncio.wait_for(again.execute("a + b", lambda _o: None), WAIT)
        assert result.execution_count == 3
        await again.shutdown()
    finally:
        jupyter.api(f"api/kernels/{kernel_id}", method="DELETE")


async def test_a_help_page_comes_through_the_server(jupyter: RunningServer) -> None:
    session = RemoteKernelSession(parse_server_url(jupyter.url_with_token))
    await asyncio.wait_for(session.start(), WAIT)
    try:
        result = await asyncio.wait_for(session.execute("len?", lambda _o: None), WAIT)
        assert result.status is ExecutionStatus.OK
        assert "Return the number of items" in result.pages[0].text
        assert (await asyncio.wait_for(session.execute("1", lambda _o: None), WAIT)).execution_count == 2
    finally:
        await session.shutdown()
