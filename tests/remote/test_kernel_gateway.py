"""The same session against a real Jupyter Kernel Gateway on loopback (the gateway API that
Enterprise Gateway also speaks)."""

from __future__ import annotations

import asyncio

import pytest

from studytui.core.kernel import ExecutionStatus, KernelState, Output, RemoteKernelSession, StreamText, parse_server_url
from tests.outputs import text_of
from tests.remote.servers import running, start_kernel_gateway
from tests.waiting import until

pytestmark = pytest.mark.timeout(150)


async def test_smoke_run_on_a_kernel_gateway(tmp_path) -> None:
    with running(start_kernel_gateway(tmp_path / "root")) as gateway:
        session = RemoteKernelSession(parse_server_url(gateway.url, token=gateway.token))
        await session.start()
        try:
            assert session.kernel_id in gateway.kernel_ids()
            outputs: list[Output] = []
            result = await session.execute("x = 6\nprint(x*7)", outputs.append)
            assert result.status is ExecutionStatus.OK
            assert text_of(outputs) == "42\n"
            looping: list[Output] = []
            run = asyncio.ensure_future(session.execute("print('go', flush=True)\nwhile True: pass", looping.append))
            await until(lambda: any(isinstance(o, StreamText) for o in looping), 30, "the loop to start")
            await session.interrupt()
            assert (await asyncio.wait_for(run, 30)).status is ExecutionStatus.ERROR
            await session.restart()
            assert session.state is KernelState.IDLE
            kernel_id = session.kernel_id
        finally:
            await session.shutdown()
        assert kernel_id not in gateway.kernel_ids()
