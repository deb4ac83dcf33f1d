"""A kernel on a real Jupyter Server on loopback, through the same interface as a local one."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from studytui.core.kernel import (
    DisplayData,
    ExecutionStatus,
    InputRequest,
    KernelState,
    Output,
    RemoteKernelSession,
    StreamText,
    parse_server_url,
)
from tests.remote.servers import RunningServer
from tests.waiting import until

pytestmark = pytest.mark.timeout(120)


def text_of(outputs: list[Output]) -> str:
    return "".join(o.text for o in outputs if isinstance(o, StreamText))


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
