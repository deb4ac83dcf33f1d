"""A remote kernel's channels over the Jupyter Server kernel websocket; headless.

It is the websocket's ``KernelChannels`` (``channels.py``; ZeroMQ's is ``ZmqChannels``), so the
session routes a remote kernel's messages exactly as a local one's. Messages are built by
jupyter-client's ``Session`` and travel as the websocket's JSON frames (the protocol every Jupyter
Server, Kernel Gateway and Enterprise Gateway accepts). One reader task on the caller's loop, no
thread, no polling. A frame is only parsed here (JSON, nesting bounded) and put in its channel's
queue; the session checks its shape (``wire.py``), as it does for a ZeroMQ message. A frame that is
not JSON or names no channel is logged and skipped: the reader goes on.

The queues outlive a connection: after a drop, ``connect()`` opens a new websocket with the same
``session_id``, and jupyter_server replays what the kernel published meanwhile.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import secrets
import socket
from collections.abc import Callable
from typing import Any
from urllib.parse import quote

from jupyter_client.jsonutil import json_default
from jupyter_client.session import Session
from tornado.websocket import WebSocketClientConnection, WebSocketClosedError, websocket_connect

from studytui.core.kernel.server_failures import describe_failure
from studytui.core.kernel.server_http import START_TIMEOUT, RemoteKernelError, ServerHttp
from studytui.core.kernel.wire import MalformedMessage, loads

PING_INTERVAL = 10.0  # seconds between websocket pings: a silently dead link is noticed...
PING_TIMEOUT = 20.0  # ...once a ping goes this long unanswered
MAX_MESSAGE = 256 * 1024 * 1024  # a big figure or DataFrame is one message
_CHANNELS = ("shell", "iopub", "stdin", "control")


class WebSocketChannels:
    """The client end of one remote kernel's channels; ``on_closed`` is called when a link drops."""

    def __init__(
        self, http: ServerHttp, kernel_id: str, log: logging.Logger, on_closed: Callable[[WebSocketChannels], None]
    ) -> None:
        self.http = http
        self.address = http.address
        self.kernel_id = kernel_id
        # Builds message headers only: frames go unsigned (the server signs toward the kernel); a
        # key keeps jupyter-client from warning on stderr that signing is off.
        self.session = Session(key=secrets.token_bytes(16), username="studytui")
        self._log = log
        self._on_closed = on_closed
        self._queues: dict[str, asyncio.Queue[dict[str, Any]]] = {name: asyncio.Queue() for name in _CHANNELS}
        self._outbox: list[str] = []  # sent while the link was down: delivered on reconnect
        self._conn: WebSocketClientConnection | None = None
        self._reader: asyncio.Task[None] | None = None
        self._stopped = False

    @property
    def connected(self) -> bool:
        return self._conn is not None

    async def connect(self) -> None:
        """Open the websocket (again); RemoteKernelError with a one-line reason on failure."""
        self._close_link()
        url = (
            f"{self.address.websocket_base}api/kernels/{quote(self.kernel_id, safe='')}/channels"
            f"?session_id={quote(self.session.session, safe='')}"
        )
        # The server answers the upgrade only once the kernel is ready, which on a busy machine
        # or a cluster gateway takes as long as a start.
        request = self.http.request(url, timeout=START_TIMEOUT)
        try:
            conn = await websocket_connect(
                request, ping_interval=PING_INTERVAL, ping_timeout=PING_TIMEOUT, max_message_size=MAX_MESSAGE
            )
        except Exception as exc:
            raise RemoteKernelError(describe_failure(exc, self.address)) from exc
        if self._stopped:
            conn.close()
            return
        # Small frames go out at once: Nagle's algorithm would hold a keystroke's request back.
        with contextlib.suppress(Exception):
            conn.stream.set_nodelay(True)
        self._conn = conn
        self._reader = asyncio.create_task(self._read(conn), name="kernel-websocket")
        outbox, self._outbox = self._outbox, []
        for frame in outbox:
            self._write(frame)

    def stop_channels(self) -> None:
        self._stopped = True
        self._close_link()

    def _close_link(self) -> None:
        conn, self._conn = self._conn, None
        reader, self._reader = self._reader, None
        if reader is not None:
            reader.cancel()
        if conn is not None:
            conn.close()

    async def _read(self, conn: WebSocketClientConnection) -> None:
        ack_at_once = _quick_ack(conn)
        while True:
            ack_at_once()
            frame = await conn.read_message()
            if frame is None:
                break
            self._deliver(frame)
        if self._conn is conn:  # dropped, not closed by us
            self._conn = None
            self._reader = None
            self._log.warning("kernel websocket closed (code %s)", conn.close_code)
            self._on_closed(self)

    def _deliver(self, frame: str | bytes) -> None:
        try:
            msg = loads(frame)
        except MalformedMessage as error:
            self._log.warning("kernel websocket: skipped a frame that is %s", error)
            return
        channel = msg.pop("channel", None) if isinstance(msg, dict) else None
        queue = self._queues.get(channel) if isinstance(channel, str) else None
        if queue is None:
            self._log.warning("kernel websocket: skipped a frame for no channel we read")
            return
        queue.put_nowait(msg)

    # ----- KernelChannels -------------------------------------------------------------------------

    def execute(self, code: str, silent: bool, store_history: bool, allow_stdin: bool) -> str:
        content = {
            "code": code, "silent": silent, "store_history": store_history,
            "user_expressions": {}, "allow_stdin": allow_stdin, "stop_on_error": True,
        }
        return self._send("shell", "execute_request", content)

    def complete(self, code: str, cursor_pos: int) -> str:
        return self._send("shell", "complete_request", {"code": code, "cursor_pos": cursor_pos})

    def inspect(self, code: str, cursor_pos: int, detail_level: int) -> str:
        content = {"code": code, "cursor_pos": cursor_pos, "detail_level": detail_level}
        return self._send("shell", "inspect_request", content)

    def kernel_info(self) -> str:
        return self._send("shell", "kernel_info_request", {})

    def input(self, text: str) -> None:
        self._send("stdin", "input_reply", {"value": text})

    async def get_shell_msg(self) -> object:
        return await self._queues["shell"].get()

    async def get_iopub_msg(self) -> object:
        return await self._queues["iopub"].get()

    async def get_stdin_msg(self) -> object:
        return await self._queues["stdin"].get()

    def _send(self, channel: str, msg_type: str, content: dict[str, Any]) -> str:
        msg = self.session.msg(msg_type, content)
        frame = json.dumps(
            {
                "header": msg["header"], "parent_header": {}, "metadata": {},
                "content": content, "channel": channel, "buffers": [],
            },
            default=json_default,
        )
        if self._conn is None:
            self._outbox.append(frame)
        else:
            self._write(frame)
        return str(msg["header"]["msg_id"])

    def _write(self, frame: str) -> None:
        conn = self._conn
        if conn is None:
            self._outbox.append(frame)
            return
        try:
            future = conn.write_message(frame)
        except WebSocketClosedError:
            self._outbox.append(frame)  # the link just dropped: send it after the reconnect
            return
        # A link that fails later fails this future; the reader notices the drop, and the
        # session settles what was in flight once it is back.
        future.add_done_callback(lambda done: done.exception())  # never "exception was never retrieved"


def _quick_ack(conn: WebSocketClientConnection) -> Callable[[], None]:
    """Acknowledge the server's packets at once (Linux TCP_QUICKACK, which the kernel resets, so
    it is set again before each read).

    jupyter_server does not turn Nagle's algorithm off on its websocket: after a kernel's "busy"
    status it holds the next small frames until our ACK, which Linux delays by 40 ms. That was
    most of a loopback round trip of `1+1`.
    """
    option = getattr(socket, "TCP_QUICKACK", None)
    sock = getattr(conn.stream, "socket", None)
    if option is None or sock is None:
        return lambda: None

    def ack() -> None:
        with contextlib.suppress(OSError):
            sock.setsockopt(socket.IPPROTO_TCP, option, 1)

    return ack
