"""Typing help and input() for a kernel session: answers to ``input()``, completion and
inspection requests, each resolved by its shell reply or a timeout; headless (no Textual).
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from jupyter_client.asynchronous.client import AsyncKernelClient

from studytui.core.kernel.messages import InputRequest, KernelState, PendingExecution, parent_msg_id


class KernelRequests:
    """Mixed into ``KernelSession``, which owns these attributes."""

    _kc: AsyncKernelClient | None
    _state: KernelState
    _requests: dict[str, asyncio.Future[dict[str, Any]]]
    _pending: dict[str, PendingExecution]
    _log: logging.Logger

    def answer_input(self, text: str) -> None:
        """Send the learner's answer to the kernel's pending ``input()``."""
        if self._kc is not None:
            self._kc.input(text)

    async def complete(self, code: str, cursor_pos: int, timeout: float = 5.0) -> dict[str, Any] | None:
        """The kernel's ``complete_reply`` content, or ``None`` (busy, dead or too slow)."""
        return await self._request("complete", timeout, code, cursor_pos)

    async def inspect(self, code: str, cursor_pos: int, timeout: float = 5.0) -> dict[str, Any] | None:
        """The kernel's ``inspect_reply`` content (docs of the name at the cursor), or ``None``."""
        return await self._request("inspect", timeout, code, cursor_pos, detail_level=0)

    async def _request(self, kind: str, timeout: float, *args: Any, **kwargs: Any) -> dict[str, Any] | None:
        kc = self._kc
        if kc is None or self._state not in (KernelState.IDLE, KernelState.BUSY):
            return None
        msg_id = getattr(kc, kind)(*args, **kwargs)
        future: asyncio.Future[dict[str, Any]] = asyncio.get_running_loop().create_future()
        self._requests[msg_id] = future
        try:
            return await asyncio.wait_for(future, timeout)
        except TimeoutError:
            return None
        finally:
            self._requests.pop(msg_id, None)

    def _resolve_requests(self) -> None:
        requests, self._requests = self._requests, {}
        for future in requests.values():
            if not future.done():
                future.set_result({"status": "error"})

    def _route_request_reply(self, parent: str | None, msg: dict[str, Any]) -> None:
        future = self._requests.get(parent or "")
        if future is not None and not future.done():
            future.set_result(msg.get("content", {}))

    def _route_stdin(self, msg: dict[str, Any]) -> None:
        pending = self._pending.get(parent_msg_id(msg) or "")
        if msg.get("msg_type") != "input_request" or pending is None or pending.on_input is None:
            return
        content = msg.get("content", {})
        request = InputRequest(str(content.get("prompt", "")), bool(content.get("password", False)))
        try:
            pending.on_input(request)
        except Exception:
            self._log.exception("on_input callback failed")
