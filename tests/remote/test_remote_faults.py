"""A remote kernel when things go wrong: bad token, wrong URL, garbage, a dropped link, a killed server.

Each failure is one line saying what to do, never a traceback or a hang; a dropped link shows as
RECONNECTING and the kernel's variables survive it.
"""

from __future__ import annotations

import asyncio
import socket

import pytest

from studytui.core.kernel import (
    ExecutionStatus,
    KernelStartError,
    KernelState,
    Output,
    RemoteKernelSession,
    parse_server_url,
)
from tests.outputs import text_of
from tests.remote.servers import CuttableProxy, RunningServer, garbage_server, running, start_jupyter_server
from tests.waiting import until

pytestmark = pytest.mark.timeout(150)


async def start_failure(url: str, token: str | None = None) -> str:
    session = RemoteKernelSession(parse_server_url(url, token=token))
    with pytest.raises(KernelStartError) as failure:
        await asyncio.wait_for(session.start(), 60)
    assert session.state is KernelState.DEAD
    assert session.lost_reason == str(failure.value)
    await session.shutdown()
    message = str(failure.value)
    assert "\n" not in message and "Traceback" not in message
    return message


async def test_a_bad_token_says_so_and_never_shows_it(jupyter: RunningServer) -> None:
    message = await start_failure(jupyter.url, token="wrong-token-123")
    assert "refused the token (HTTP 403)" in message or "refused the token (HTTP 401)" in message
    assert "JUPYTER_TOKEN" in message and "wrong-token-123" not in message


async def test_nothing_listening_says_start_the_server_or_the_tunnel() -> None:
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    message = await start_failure(f"http://127.0.0.1:{port}/?token=abc")
    assert message.startswith(f"nothing listens at http://127.0.0.1:{port}/")
    assert "ssh -L" in message and "abc" not in message


async def test_a_wrong_base_path_says_use_the_printed_url(jupyter: RunningServer) -> None:
    message = await start_failure(jupyter.url + "nope/", token=jupyter.token)
    assert "no kernels API" in message and "jupyter server list" in message


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        (b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 13\r\n\r\n<html></html>", "not JSON"),
        (b"SSH-2.0-OpenSSH_9.6\r\n\x00\x01garbage", "hung up without an HTTP answer"),
        (b"HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n\r\n", "a proxy in front of"),
        (b"HTTP/1.1 302 Found\r\nLocation: /hub/login\r\nContent-Length: 0\r\n\r\n", "it wants a login"),
        (b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 7\r\n\r\n[1,2,3]", "in a form"),
    ],
)
async def test_a_server_answering_garbage_gets_one_line(answer: bytes, expected: str) -> None:
    server, url = await garbage_server(answer)
    try:
        message = await start_failure(url)
    finally:
        server.close()
        await server.wait_closed()
    assert expected in message


async def test_a_dropped_link_reconnects_and_the_running_cell_finishes(jupyter: RunningServer) -> None:
    proxy = CuttableProxy(jupyter.port)
    await proxy.start()
    states: list[KernelState] = []
    session = RemoteKernelSession(
        parse_server_url(proxy.url, token=jupyter.token), on_state=states.append, reconnect_for=60
    )
    try:
        await session.start()
        await session.execute("kept = 41", lambda _: None)
        outputs: list[Output] = []
        code = "import time\nprint('before', flush=True)\ntime.sleep(3)\nprint('after', kept + 1)"
        run = asyncio.ensure_future(session.execute(code, outputs.append))
        await until(lambda: "before" in text_of(outputs), 30, "the cell to start")
        proxy.cut()
        await until(lambda: KernelState.RECONNECTING in states, 30, "the reconnecting state")
        result = await asyncio.wait_for(run, 60)
        # jupyter_server buffered what the kernel said while we were away and replays it.
        assert result.status is ExecutionStatus.OK
        assert text_of(outputs) == "before\nafter 42\n"
        await until(lambda: session.state is KernelState.IDLE, 30, "idle again")
        again: list[Output] = []
        assert (await session.execute("print(kept)", again.append)).status is ExecutionStatus.OK
        assert text_of(again) == "41\n"
    finally:
        await session.shutdown()
        await proxy.close()


async def test_a_killed_server_resolves_the_cell_and_says_what_happened(tmp_path) -> None:
    with running(start_jupyter_server(tmp_path / "root")) as server:
        states: list[KernelState] = []
        session = RemoteKernelSession(
            parse_server_url(server.url_with_token), on_state=states.append, reconnect_for=3
        )
        await session.start()
        outputs: list[Output] = []
        run = asyncio.ensure_future(
            session.execute("import time\nprint('running', flush=True)\ntime.sleep(600)", outputs.append)
        )
        await until(lambda: "running" in text_of(outputs), 30, "the cell to start")
        server.kill()
        result = await asyncio.wait_for(run, 60)
        assert result.status is ExecutionStatus.DIED
        assert KernelState.RECONNECTING in states and session.state is KernelState.DEAD
        assert session.lost_reason is not None and session.lost_reason.startswith("lost the server: nothing listens")
        assert server.token not in session.lost_reason
        # Nothing waits on the dead link: new cells resolve at once.
        assert (await asyncio.wait_for(session.execute("1", lambda _: None), 10)).status is ExecutionStatus.DIED
        await session.shutdown()


async def test_https_to_a_plain_http_peer_is_a_tls_error_with_advice() -> None:
    server, url = await garbage_server(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n")
    tls_url = url.replace("http://", "https://")
    try:
        message = await start_failure(tls_url + "?token=abc")
    finally:
        server.close()
        await server.wait_closed()
    assert message.startswith(f"TLS with {tls_url} failed (WRONG_VERSION_NUMBER)")
    assert "SSH tunnel" in message and "abc" not in message


async def test_an_unknown_kernelspec_points_at_list_kernels(jupyter: RunningServer) -> None:
    session = RemoteKernelSession(parse_server_url(jupyter.url_with_token), "no-such-kernel")
    with pytest.raises(KernelStartError) as failure:
        await asyncio.wait_for(session.start(), 60)
    await session.shutdown()
    assert "could not start kernel 'no-such-kernel'" in str(failure.value)
    assert "--list-kernels" in str(failure.value)
