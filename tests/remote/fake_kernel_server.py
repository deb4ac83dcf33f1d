"""A Jupyter Server of our own on 127.0.0.1 that a test scripts: its kernels REST API and kernel
websocket answer as a real server would, except where the test makes it send something broken.

Built on tornado (jupyter_server's own web layer), on the test's event loop. A kernel_info
request is answered at once; an execute request with the frames of the next script the test
queued (by default: busy, execute_input, the code's "output" as a stream, an ok reply, idle).
"""

from __future__ import annotations

import json
import uuid
from collections import deque
from collections.abc import Callable
from typing import Any

from tornado.httpserver import HTTPServer
from tornado.netutil import bind_sockets
from tornado.web import Application, RequestHandler
from tornado.websocket import WebSocketHandler

KERNEL_ID = "fake-kernel-1"
Frame = dict[str, Any] | str  # a message (sent as JSON) or raw text sent as it is
Script = Callable[["FakeKernelServer", dict[str, Any]], list[Frame]]


def message(
    request: dict[str, Any] | None, channel: str, msg_type: str, content: object, **fields: object
) -> dict[str, Any]:
    """A frame answering ``request`` (its header becomes the parent header)."""
    frame: dict[str, Any] = {
        "channel": channel,
        "header": {"msg_id": uuid.uuid4().hex, "msg_type": msg_type, "session": "fake", "username": "fake",
                   "version": "5.3", "date": "2026-01-01T00:00:00Z"},
        "parent_header": request["header"] if request is not None else {},
        "metadata": {},
        "content": content,
        "buffers": [],
    }
    frame.update(fields)
    return frame


class FakeKernelServer:
    """Scripts are taken in order, one per execute request."""

    def __init__(self) -> None:
        self.scripts: deque[Script] = deque()
        self.interrupts = 0
        self.connections = 0  # kernel websockets opened
        self.count = 0  # the kernel's execution count
        self.requests: list[dict[str, Any]] = []  # every websocket message received
        self.kernelspecs: dict[str, Any] = {
            "default": "python3",
            "kernelspecs": {"python3": {"spec": {"display_name": "Python 3", "language": "python"}}},
        }
        self.kernel_list: list[Any] = [{"id": KERNEL_ID, "name": "python3", "execution_state": "idle"}]
        self.port = 0
        self._server: HTTPServer | None = None
        self._sockets: list[Any] = []

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def start(self) -> None:
        fake = self
        app = Application([
            (r"/api/kernelspecs", _Kernelspecs, {"fake": fake}),
            (r"/api/kernels", _Kernels, {"fake": fake}),
            (r"/api/kernels/([^/]+)", _Kernel, {"fake": fake}),
            (r"/api/kernels/([^/]+)/interrupt", _Interrupt, {"fake": fake}),
            (r"/api/kernels/([^/]+)/channels", _Channels, {"fake": fake}),
        ])
        self._sockets = bind_sockets(0, "127.0.0.1")
        self.port = self._sockets[0].getsockname()[1]
        self._server = HTTPServer(app)
        self._server.add_sockets(self._sockets)

    async def stop(self) -> None:
        if self._server is not None:
            self._server.stop()
            await self._server.close_all_connections()

    def normal_answer(self, request: dict[str, Any], text: str = "42\n") -> list[Frame]:
        """What a kernel sends for a cell that prints ``text``."""
        content = request["content"]
        stored = content.get("store_history", True) and not content.get("silent", False)
        if stored:
            self.count += 1
        return [
            message(request, "iopub", "status", {"execution_state": "busy"}),
            message(request, "iopub", "execute_input", {"code": request["content"]["code"],
                                                        "execution_count": self.count}),
            message(request, "iopub", "stream", {"name": "stdout", "text": text}),
            message(request, "shell", "execute_reply", {"status": "ok", "execution_count": self.count}),
            message(request, "iopub", "status", {"execution_state": "idle"}),
        ]

    def answer(self, request: dict[str, Any]) -> list[Frame]:
        msg_type = request["header"]["msg_type"]
        if msg_type == "kernel_info_request":
            return [
                message(request, "iopub", "status", {"execution_state": "busy"}),
                message(request, "shell", "kernel_info_reply", {"status": "ok", "protocol_version": "5.3"}),
                message(request, "iopub", "status", {"execution_state": "idle"}),
            ]
        if msg_type == "execute_request":
            script = self.scripts.popleft() if self.scripts else None
            return script(self, request) if script is not None else self.normal_answer(request)
        if msg_type == "complete_request":
            return [message(request, "shell", "complete_reply", {"status": "ok", "matches": ["sqrt"],
                                                                   "cursor_start": 0, "cursor_end": 0})]
        return []


class _Handler(RequestHandler):
    def initialize(self, fake: FakeKernelServer) -> None:
        self.fake = fake

    def check_xsrf_cookie(self) -> None:
        """The fake checks nothing."""


class _Kernelspecs(_Handler):
    def get(self) -> None:
        self.finish(json.dumps(self.fake.kernelspecs))


class _Kernels(_Handler):
    def get(self) -> None:
        self.finish(json.dumps(self.fake.kernel_list))

    def post(self) -> None:
        self.set_status(201)
        self.finish(json.dumps({"id": KERNEL_ID, "name": "python3", "execution_state": "starting"}))


class _Kernel(_Handler):
    def get(self, kernel_id: str) -> None:
        self.finish(json.dumps({"id": kernel_id, "name": "python3", "execution_state": "idle"}))

    def delete(self, kernel_id: str) -> None:
        self.set_status(204)


class _Interrupt(_Handler):
    def post(self, kernel_id: str) -> None:
        self.fake.interrupts += 1
        self.set_status(204)


class _Channels(WebSocketHandler):
    def initialize(self, fake: FakeKernelServer) -> None:
        self.fake = fake

    def open(self, kernel_id: str) -> None:  # type: ignore[override]  (tornado passes the path's group)
        self.fake.connections += 1

    def on_message(self, message: str | bytes) -> None:
        request = json.loads(message)
        self.fake.requests.append(request)
        for frame in self.fake.answer(request):
            self.write_message(frame if isinstance(frame, str) else json.dumps(frame))
