"""A Jupyter Server shared by the tests of this folder that do not break it; a fake server of our own."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import pytest

from tests.remote.fake_kernel_server import FakeKernelServer
from tests.remote.servers import RunningServer, running, start_jupyter_server


@pytest.fixture(scope="module")
def jupyter(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningServer]:
    with running(start_jupyter_server(tmp_path_factory.mktemp("server-root"))) as server:
        yield server


@pytest.fixture
async def fake() -> AsyncIterator[FakeKernelServer]:
    """A scripted server on 127.0.0.1 (see fake_kernel_server.py)."""
    server = FakeKernelServer()
    server.start()
    yield server
    await server.stop()
