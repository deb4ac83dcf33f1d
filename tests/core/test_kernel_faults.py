"""A kernel's ports reached by something that is not that kernel (a port another program took
between jupyter-client choosing it and the kernel binding it): the app never freezes."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
import zmq

from studytui.core.kernel import KernelSession, KernelStartError, KernelState

pytestmark = pytest.mark.timeout(60)


@pytest.fixture
def foreign_socket() -> Iterator[int]:
    """A ZeroMQ PUB socket (another kernel's IOPub, say): a DEALER's handshake with it fails."""
    context = zmq.Context()
    socket = context.socket(zmq.PUB)
    port = socket.bind_to_random_port("tcp://127.0.0.1")
    yield port
    socket.close(linger=0)
    context.term()


async def test_channels_that_reach_no_kernel_fail_the_start_instead_of_freezing(
    foreign_socket: int, tmp_path: Path
) -> None:
    connection_file = tmp_path / "kernel.json"
    connection_file.write_text(json.dumps({
        **{f"{channel}_port": foreign_socket for channel in ("shell", "iopub", "stdin", "control", "hb")},
        "ip": "127.0.0.1", "key": "k", "transport": "tcp", "signature_scheme": "hmac-sha256",
    }))
    session = KernelSession(existing=connection_file, log_path=tmp_path / "kernel.log")
    # Before, the first kernel_info request blocked in jupyter-client's send, and the event loop
    # with it: no timeout could fire.
    with pytest.raises(KernelStartError):
        await asyncio.wait_for(session.start(), 30)
    assert session.state is KernelState.DEAD
    assert "not sent" in (tmp_path / "kernel.log").read_text()
    await session.shutdown()
