"""A Jupyter Server shared by the tests of this folder that do not break it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.remote.servers import RunningServer, running, start_jupyter_server


@pytest.fixture(scope="module")
def jupyter(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningServer]:
    with running(start_jupyter_server(tmp_path_factory.mktemp("server-root"))) as server:
        yield server
