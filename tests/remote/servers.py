"""Real Jupyter servers on loopback for the remote-kernel tests: a Jupyter Server, a Jupyter
Kernel Gateway, a TCP proxy the test can cut, and a peer that answers garbage.

Every server binds 127.0.0.1 on a port the OS picks, uses a fresh token and root folder, and is
stopped (with its kernels) by whoever started it.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import secrets
import subprocess
import sys
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import psutil

from tests.waiting import until_sync

START_TIMEOUT = 90.0  # a busy 2-core machine takes its time to import jupyter_server
_DIRECT = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # the tests' own requests: no proxy


@dataclass
class RunningServer:
    process: subprocess.Popen[bytes]
    port: int
    token: str
    root: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    @property
    def url_with_token(self) -> str:
        return f"{self.url}?token={self.token}"

    def api(self, path: str, method: str = "GET") -> object:
        request = urllib.request.Request(
            self.url + path, method=method, headers={"Authorization": f"token {self.token}"},
            data=b"{}" if method == "POST" else None,
        )
        with _DIRECT.open(request, timeout=10) as answer:
            body = answer.read()
        return json.loads(body) if body else None

    def kernel_ids(self) -> list[str]:
        kernels = self.api("api/kernels")
        assert isinstance(kernels, list)
        return [str(kernel["id"]) for kernel in kernels]

    def kill(self) -> None:
        """SIGKILL the server at once (its kernels notice their parent went and exit)."""
        self.process.kill()
        self.process.wait(timeout=10)

    def stop(self) -> None:
        children = _children(self.process.pid)
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        for child in children:  # kernels the server did not take down with it
            with contextlib.suppress(psutil.Error):
                child.kill()


def _children(pid: int) -> list[psutil.Process]:
    try:
        return psutil.Process(pid).children(recursive=True)
    except psutil.Error:
        return []


def _listening_port(pid: int) -> int | None:
    try:
        connections = psutil.Process(pid).net_connections(kind="tcp")
    except psutil.Error:
        return None
    ports = [c.laddr.port for c in connections if c.status == psutil.CONN_LISTEN and c.laddr.ip == "127.0.0.1"]
    return ports[0] if ports else None


def _answers(server: RunningServer) -> bool:
    try:
        server.api("api/kernelspecs")
        return True
    except (OSError, urllib.error.URLError, ValueError):
        return False


def _start(argv: list[str], root: Path, token: str, port: int = 0) -> RunningServer:
    root.mkdir(parents=True, exist_ok=True)
    env = {
        **os.environ,
        "JUPYTER_TOKEN": token,
        "KG_AUTH_TOKEN": token,
        "JUPYTER_RUNTIME_DIR": str(root / ".runtime"),
        "JUPYTER_CONFIG_DIR": str(root / ".config"),
        "PYTHONUNBUFFERED": "1",
    }
    log = open(root / ".server.log", "ab")  # noqa: SIM115 (the child holds its own copy)
    try:
        process = subprocess.Popen(
            [sys.executable, "-m", *argv, f"--port={port}"], cwd=root, env=env,
            stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
        )
    finally:
        log.close()
    server = RunningServer(process, port, token, root)
    try:
        def up() -> bool:
            if process.poll() is not None:
                raise AssertionError(f"server exited: {(root / '.server.log').read_text()[-2000:]}")
            server.port = port or _listening_port(process.pid) or 0
            return bool(server.port) and _answers(server)

        until_sync(up, START_TIMEOUT, "the server to answer")
    except BaseException:
        server.stop()
        raise
    return server


def start_jupyter_server(root: Path, token: str | None = None, port: int = 0) -> RunningServer:
    argv = [
        "jupyter_server", "--ServerApp.ip=127.0.0.1", "--ServerApp.port_retries=0",
        "--ServerApp.open_browser=False", "--ServerApp.allow_root=True", f"--ServerApp.root_dir={root}",
        "--ServerApp.shutdown_no_activity_timeout=0",
    ]
    return _start(argv, root, token or secrets.token_hex(16), port)


def start_kernel_gateway(root: Path, token: str | None = None, list_kernels: bool = True) -> RunningServer:
    argv = [
        "kernel_gateway", "--KernelGatewayApp.ip=127.0.0.1", "--KernelGatewayApp.port_retries=0",
        f"--JupyterWebsocketPersonality.list_kernels={list_kernels}",
    ]
    return _start(argv, root, token or secrets.token_hex(16))


@contextlib.contextmanager
def running(server: RunningServer) -> Iterator[RunningServer]:
    try:
        yield server
    finally:
        server.stop()


@dataclass
class CuttableProxy:
    """A loopback TCP proxy in front of a server; ``cut()`` drops every open connection."""

    target_port: int
    port: int = 0
    _server: asyncio.Server | None = None
    _links: set[asyncio.StreamWriter] = field(default_factory=set)
    cuts: int = 0

    async def start(self) -> None:
        self._server = await asyncio.start_server(self._serve, "127.0.0.1", 0)
        self.port = self._server.sockets[0].getsockname()[1]

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def cut(self) -> None:
        self.cuts += 1
        for writer in list(self._links):
            writer.transport.abort()
        self._links.clear()

    async def close(self) -> None:
        self.cut()
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()

    async def _serve(self, client_reader: asyncio.StreamReader, client_writer: asyncio.StreamWriter) -> None:
        try:
            upstream_reader, upstream_writer = await asyncio.open_connection("127.0.0.1", self.target_port)
        except OSError:
            client_writer.transport.abort()
            return
        self._links.update((client_writer, upstream_writer))
        await asyncio.gather(
            _pump(client_reader, upstream_writer), _pump(upstream_reader, client_writer), return_exceptions=True
        )
        for writer in (client_writer, upstream_writer):
            self._links.discard(writer)
            writer.transport.abort()


async def _pump(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    while data := await reader.read(65536):
        writer.write(data)
        await writer.drain()
    writer.transport.abort()


async def garbage_server(answer: bytes) -> tuple[asyncio.Server, str]:
    """A peer that answers every connection with ``answer`` and hangs up."""

    async def serve(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        with contextlib.suppress(Exception):
            await asyncio.wait_for(reader.read(4096), 5)
            writer.write(answer)
            await writer.drain()
        writer.transport.abort()

    server = await asyncio.start_server(serve, "127.0.0.1", 0)
    return server, f"http://127.0.0.1:{server.sockets[0].getsockname()[1]}/"
