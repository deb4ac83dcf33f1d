"""The kernel's process and connection, seen from outside: jupyter-client's private logger,
killing a kernel at once, a heartbeat check for a kernel started elsewhere, and the stdin
handshake watch; headless.
"""

from __future__ import annotations

import asyncio
import contextlib
import io
import logging
import os
import signal
import subprocess
from pathlib import Path

import zmq
import zmq.asyncio
from jupyter_client.asynchronous.client import AsyncKernelClient
from jupyter_client.manager import AsyncKernelManager

from studytui.core.files import open_log
from studytui.core.redact import redact

FIRST_BEAT_WAIT = 5.0  # seconds an attached kernel has to answer its first heartbeat
TIME_TO_DEAD = 1.0  # seconds without a heartbeat before an attached kernel counts as dead
STDIN_HANDSHAKE_WAIT = 5.0  # seconds the stdin channel may take to connect after the kernel answers


def client_logger(log_path: Path | None) -> logging.Logger:
    """A private logger for jupyter-client: its warnings go to the log file, never to stderr."""
    # Built directly, not via getLogger: no parent, so nothing propagates to the root handlers.
    logger = logging.Logger("studytui.kernel.jupyter_client", logging.INFO)  # noqa: LOG001 (no parent, on purpose)
    handler: logging.Handler
    if log_path is None:
        handler = logging.NullHandler()
    else:
        handler = _LogFileHandler(log_path)
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logger.addHandler(handler)
    return logger


class _LogFileHandler(logging.StreamHandler):
    """Appends to the log file, opened at the first record (most launches log nothing) through
    `open_log`: never through a link, never into a FIFO, secrets redacted. When the file is
    refused, records are dropped: a log must never print to the terminal the screen draws on."""

    def __init__(self, path: Path) -> None:
        super().__init__(io.StringIO())
        self.path = path
        self._opened = False

    def emit(self, record: logging.LogRecord) -> None:
        if not self._opened:
            self._opened = True
            try:
                self.setStream(io.TextIOWrapper(open_log(self.path), encoding="utf-8", errors="replace"))
            except OSError:
                self.setStream(_Discard())
        super().emit(record)

    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))

    def close(self) -> None:
        try:
            if self._opened:
                self.stream.close()
        finally:
            super().close()


class _Discard(io.StringIO):
    def write(self, text: str) -> int:
        return len(text)



def kill_kernel_process(km: AsyncKernelManager) -> None:
    """Kill the kernel process (and its process group) at once; synchronous."""
    provisioner = getattr(km, "provisioner", None)
    process: subprocess.Popen[bytes] | None = getattr(provisioner, "process", None)
    if process is None or process.poll() is not None:
        return
    pgid = getattr(provisioner, "pgid", None)
    with contextlib.suppress(OSError):
        if pgid and hasattr(os, "killpg"):
            os.killpg(pgid, signal.SIGKILL)  # the kernel's own children go too
        else:
            process.kill()
    with contextlib.suppress(Exception):
        process.wait(timeout=1)
        km.cleanup_connection_file()


class Heartbeat:
    """Liveness of an attached kernel (no process here to poll): its heartbeat channel."""

    def __init__(self, client: AsyncKernelClient) -> None:
        client.hb_channel.time_to_dead = TIME_TO_DEAD
        self._client = client
        self._loop = asyncio.get_running_loop()
        self._attached_at = self._loop.time()

    def beating(self) -> bool:  # the first beat takes a moment to come back
        return bool(self._client.hb_channel.is_beating()) or self._loop.time() - self._attached_at < FIRST_BEAT_WAIT


class HandshakeWatch:
    """Tells when a client socket has finished connecting to the kernel.

    The kernel answers `input()` on its stdin ROUTER socket, which silently drops a message for a
    peer whose connection is not through yet. The client connects while the kernel is still
    starting and reconnects on its own timer, so stdin can lag the shell channel; the first
    `input()` would then wait forever. Watch the handshake from before it can happen: the monitor
    is attached before the socket connects (``WatchedClient``), since a kernel already listening
    (one spawned at launch) completes the handshake at once, before a monitor attached afterwards
    could see it (the wait then ran its whole 5 s in about one launch in fifteen).
    """

    def __init__(self, socket: zmq.asyncio.Socket, monitor: zmq.asyncio.Socket) -> None:
        self._socket = socket
        self._monitor = monitor

    async def wait(self, timeout: float) -> bool:
        """True once the handshake succeeded; False after `timeout` seconds."""
        try:
            await asyncio.wait_for(self._monitor.recv_multipart(), timeout)
            return True
        except TimeoutError:
            return False
        finally:
            self.close()

    def close(self) -> None:
        with contextlib.suppress(zmq.ZMQError):
            self._socket.disable_monitor()
        self._monitor.close(linger=0)


class WatchedClient(AsyncKernelClient):
    """jupyter-client's client, whose stdin socket is watched (``stdin_watch``) from before it connects.

    The socket is made as jupyter-client makes it (``connect_stdin``): a DEALER with the session's
    identity, lingering 1 s, CurveZMQ keys when the connection has them, connected to the kernel's
    stdin port; the monitor is attached between making it and connecting it.
    """

    stdin_watch: HandshakeWatch | None = None

    def connect_stdin(self, identity: bytes | None = None) -> zmq.asyncio.Socket:
        info = self.get_connection_info()
        sock: zmq.asyncio.Socket = self.context.socket(zmq.DEALER)
        sock.linger = 1000
        if identity:
            sock.identity = identity
        public, secret = info.get("curve_publickey"), info.get("curve_secretkey")
        if public and secret:
            sock.curve_secretkey = secret if isinstance(secret, bytes) else str(secret).encode()
            sock.curve_publickey = public if isinstance(public, bytes) else str(public).encode()
            sock.curve_serverkey = sock.curve_publickey
        monitor = sock.get_monitor_socket(zmq.EVENT_HANDSHAKE_SUCCEEDED)
        self.stdin_watch = HandshakeWatch(sock, monitor)
        transport, ip, port = info["transport"], info["ip"], info["stdin_port"]
        sock.connect(f"tcp://{ip}:{port}" if transport == "tcp" else f"{transport}://{ip}-{port}")
        return sock
