"""Every request to a server goes through one client with one proxy rule: never a proxy, so the
token never reaches one; the shutdown sent from a signal handler included."""

from __future__ import annotations

import asyncio
import socket
import threading
from collections.abc import Iterator

import pytest

from studytui.core.kernel import RemoteKernelSession, parse_server_url
from tests.remote.servers import RunningServer

pytestmark = pytest.mark.timeout(90)
PROXY_VARIABLES = ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY")


class RecordingProxy:
    """Takes connections on its own thread (the app's loop may be blocked), keeps what they send."""

    def __init__(self) -> None:
        self.seen: list[bytes] = []
        self._socket = socket.create_server(("127.0.0.1", 0))
        self._socket.settimeout(0.2)
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._socket.getsockname()[1]}"

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stopped.set()
        self._thread.join(5)
        self._socket.close()

    def _serve(self) -> None:
        while not self._stopped.is_set():
            try:
                connection, _ = self._socket.accept()
            except TimeoutError:
                continue
            with connection:
                connection.settimeout(2)
                try:
                    self.seen.append(connection.recv(65536))
                except OSError:
                    self.seen.append(b"")


@pytest.fixture
def proxy(monkeypatch: pytest.MonkeyPatch) -> Iterator[RecordingProxy]:
    recorder = RecordingProxy()
    recorder.start()
    for name in PROXY_VARIABLES:
        monkeypatch.setenv(name, recorder.url)
    for name in ("no_proxy", "NO_PROXY"):
        monkeypatch.delenv(name, raising=False)
    yield recorder
    recorder.stop()


async def test_no_request_goes_through_a_proxy_not_even_the_shutdown_at_a_signal(
    jupyter: RunningServer, proxy: RecordingProxy
) -> None:
    session = RemoteKernelSession(parse_server_url(jupyter.url_with_token))
    await asyncio.wait_for(session.start(), 60)
    try:
        result = await asyncio.wait_for(session.execute("1+1", lambda _o: None), 30)
        assert result.status.value == "ok"
        kernel_id = session.kernel_id
        session.kill_now()  # what the SIGTERM handler and atexit call
        assert kernel_id not in jupyter.kernel_ids()
    finally:
        await session.shutdown()
    assert proxy.seen == [], "a request with the token went to the proxy"
