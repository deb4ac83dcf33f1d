"""mpv's JSON IPC over a unix socket, on the running asyncio loop (no libmpv, no threads).

One JSON object a line each way. Commands carry an integer `request_id`; mpv answers each with
`{"error": "success", "data": ..., "request_id": N}`, and events (`property-change`, `end-file`,
...) arrive in between. One reader task matches replies to their futures and hands events on.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

EventHandler = Callable[[dict[str, Any]], None]


class MpvError(Exception):
    """mpv refused a command, or could not be reached."""


class MpvGone(MpvError):
    """The connection to mpv closed before the reply came."""


class MpvConnection:
    def __init__(
        self,
        reader: asyncio.StreamReader,
        writer: asyncio.StreamWriter,
        on_event: EventHandler,
        on_closed: Callable[[], None],
    ) -> None:
        self._reader = reader
        self._writer = writer
        self._on_event = on_event
        self._on_closed = on_closed
        self._pending: dict[int, asyncio.Future[Any]] = {}
        self._next_id = 1
        self._closed = False
        self._task = asyncio.get_running_loop().create_task(self._read_loop(), name="mpv-ipc-reader")

    @classmethod
    async def open(
        cls, socket_path: Path, on_event: EventHandler, on_closed: Callable[[], None]
    ) -> MpvConnection:
        # mpv writes long lines (chapter lists, playlists): a roomy line limit.
        reader, writer = await asyncio.open_unix_connection(str(socket_path), limit=2**22)
        return cls(reader, writer, on_event, on_closed)

    @property
    def closed(self) -> bool:
        return self._closed

    def send(self, *command: Any) -> asyncio.Future[Any]:
        """Write a command now and return the future of its reply's `data` (never blocks)."""
        future: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        # Callers that fire and forget must not leave "exception never retrieved" behind.
        future.add_done_callback(lambda f: f.cancelled() or f.exception())
        if self._closed:
            future.set_exception(MpvGone("mpv is not connected"))
            return future
        request_id = self._next_id
        self._next_id += 1
        self._pending[request_id] = future
        line = json.dumps({"command": list(command), "request_id": request_id}) + "\n"
        try:
            self._writer.write(line.encode())
        except (OSError, RuntimeError) as error:
            self._pending.pop(request_id, None)
            future.set_exception(MpvGone(str(error)))
        return future

    async def request(self, *command: Any, timeout: float = 5.0) -> Any:
        """Send a command and wait for its reply's data; MpvError when mpv refuses it."""
        return await asyncio.wait_for(self.send(*command), timeout)

    async def _read_loop(self) -> None:
        try:
            while True:
                line = await self._reader.readline()
                if not line:
                    break
                try:
                    message = json.loads(line)
                except (ValueError, RecursionError):  # not JSON, or nested past the parser's depth
                    continue
                if isinstance(message, dict):
                    self._dispatch(message)
        except (OSError, asyncio.IncompleteReadError, ValueError):
            pass  # a broken connection is handled below as a closed one
        finally:
            was_open = not self._closed
            self._shut("mpv closed the connection")
            if was_open:
                self._on_closed()

    def _dispatch(self, message: dict[str, Any]) -> None:
        if "event" in message:
            self._on_event(message)
            return
        request_id = message.get("request_id")
        if isinstance(request_id, bool) or not isinstance(request_id, int):
            return
        future = self._pending.pop(request_id, None)
        if future is None or future.done():
            return
        if message.get("error") == "success":
            future.set_result(message.get("data"))
        else:
            future.set_exception(MpvError(str(message.get("error"))))

    def _shut(self, reason: str) -> None:
        self._closed = True
        pending, self._pending = self._pending, {}
        for future in pending.values():
            if not future.done():
                future.set_exception(MpvGone(reason))
        try:
            self._writer.close()
        except (OSError, RuntimeError):
            pass

    async def close(self) -> None:
        """Close our side without telling anyone (the caller asked for it)."""
        if not self._closed:
            self._shut("closed by studytui")
        if not self._task.done():
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
