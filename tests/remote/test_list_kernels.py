"""`studytui --server URL --list-kernels`, the installed command, when the server is wrong in every
way it can be: one line on stderr each, never a traceback; names from the server printed as text;
the clear-text warning before anything is sent."""

from __future__ import annotations

import asyncio
import os
import socket
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.e2e.terminal import STUDYTUI
from tests.remote.fake_kernel_server import FakeKernelServer
from tests.remote.servers import RunningServer, garbage_server, running, start_kernel_gateway

pytestmark = pytest.mark.timeout(120)


@dataclass
class Ran:
    code: int
    out: str
    err: str


async def list_kernels(url: str, token: str | None = None) -> Ran:
    """The command run without blocking the loop (the fake servers of these tests answer on it)."""
    env = {key: value for key, value in os.environ.items() if key != "JUPYTER_TOKEN"}
    if token is not None:
        env["JUPYTER_TOKEN"] = token
    process = await asyncio.create_subprocess_exec(
        str(STUDYTUI), "--server", url, "--list-kernels",
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE, env=env,
    )
    out, err = await asyncio.wait_for(process.communicate(), 60)
    return Ran(process.returncode or 0, out.decode(), err.decode())


def one_line_failure(ran: Ran) -> str:
    assert ran.code == 1 and ran.out == ""
    assert ran.err.count("\n") == 1 and "Traceback" not in ran.err, ran.err
    return ran.err


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def test_a_wrong_base_path_is_one_line(jupyter: RunningServer) -> None:
    err = one_line_failure(await list_kernels(jupyter.url + "nope/", jupyter.token))
    assert "has no kernels API" in err and "jupyter server list" in err


async def test_nothing_listening_is_one_line() -> None:
    err = one_line_failure(await list_kernels(f"http://127.0.0.1:{free_port()}/"))
    assert "nothing listens at" in err


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        (b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 200000\r\n\r\n"
         + b"[" * 100_000 + b"]" * 100_000, "nested deeper than"),
        (b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n[]", "in a form"),
        (b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 13\r\n\r\n<html></html>", "not JSON"),
    ],
    ids=["deep JSON", "a list for the kernelspecs", "HTML"],
)
async def test_garbage_answers_are_one_line(answer: bytes, expected: str) -> None:
    server, url = await garbage_server(answer)
    try:
        err = one_line_failure(await list_kernels(url))
    finally:
        server.close()
        await server.wait_closed()
    assert expected in err


async def test_tls_to_a_plain_port_is_one_line() -> None:
    server, url = await garbage_server(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n")
    try:
        err = one_line_failure(await list_kernels(url.replace("http://", "https://")))
    finally:
        server.close()
        await server.wait_closed()
    assert "TLS with https://127.0.0.1" in err


async def test_names_from_the_server_are_printed_as_text(fake: FakeKernelServer) -> None:
    hostile = "evil\x1b]52;c;aGVsbG8=\x07\x1b[2J\x1b]0;owned\x07"
    fake.kernelspecs = {"default": hostile, "kernelspecs": {hostile: {"spec": {"display_name": hostile}}}}
    fake.kernel_list = [{"id": "k\x1b[31m1", "name": hostile, "execution_state": "idle\x07"}]
    ran = await list_kernels(fake.url)
    assert ran.code == 0, ran.err
    assert "\x1b" not in ran.out and "\x07" not in ran.out
    assert "evil" in ran.out and "(default)" in ran.out


async def test_a_gateway_that_will_not_list_its_kernels_says_so(tmp_path: Path) -> None:
    with running(start_kernel_gateway(tmp_path / "root", list_kernels=False)) as gateway:
        gateway.api("api/kernels", method="POST")  # one runs: "no running kernels" would be false
        ran = await list_kernels(gateway.url, gateway.token)
    assert ran.code == 0, ran.err
    assert "python3" in ran.out
    assert "no running kernels" not in ran.out
    assert "does not list its running kernels (HTTP 403)" in ran.out and "--kernel-id" in ran.out


async def test_the_clear_text_warning_comes_before_anything_is_sent() -> None:
    # 0.0.0.0 is no loopback address: the token would cross the network as it is.
    ran = await list_kernels(f"http://0.0.0.0:{free_port()}/?token=abc")
    assert ran.code == 1
    warning, failure = ran.err.splitlines()
    assert "travels in clear text" in warning and "nothing listens" in failure
    assert "abc" not in ran.err
