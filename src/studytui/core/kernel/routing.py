"""Executions in flight: kernel messages routed to them by ``parent_header.msg_id`` and the rule
that completes each one; headless (no Textual).

An execution is complete once its shell reply and its IOPub idle status arrived, or once IOPub
stayed quiet for ``IDLE_GRACE`` seconds after the reply (a lost idle status must not hang it).
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import Awaitable, Callable
from typing import Any

from studytui.core.kernel.messages import (
    ExecutionStatus,
    KernelState,
    PendingExecution,
    announced_by_server,
    message_to_output,
    parent_msg_id,
)
from studytui.core.kernel.requests import KernelRequests

# After the execute_reply, how long IOPub may stay silent about that execution before we stop
# waiting for its idle status (a PUB socket drops messages beyond its high-water mark).
IDLE_GRACE = 2.0
_STATUS_STATES = {"busy": KernelState.BUSY, "idle": KernelState.IDLE}


class KernelRouting(KernelRequests):
    """Mixed into ``KernelSession``, which owns these attributes and ``_set_state``."""

    _own_ids: deque[str]  # our recent executions: their statuses move the state
    _info_ids: set[str]  # kernel_info requests of the current start
    _info_replied: asyncio.Event
    _iopub_seen: asyncio.Event
    _set_state: Callable[[KernelState], None]

    def _resolve_all(self, status: ExecutionStatus) -> None:
        pending, self._pending = self._pending, {}
        for execution in pending.values():
            execution.resolve(status)
        self._resolve_requests()

    def _finish_if_complete(self, msg_id: str) -> None:
        pending = self._pending[msg_id]
        now = asyncio.get_running_loop().time()
        result = pending.outcome(now, IDLE_GRACE)
        if result is not None:
            del self._pending[msg_id]
            pending.resolve(result.status, result.execution_count)
            if not self._pending and self._state is KernelState.BUSY:
                self._set_state(KernelState.IDLE)  # in case its idle status was lost
        elif pending.reply is not None:  # replied, no idle yet: look again once IOPub is quiet
            wait = IDLE_GRACE - (now - pending.last_iopub)
            asyncio.get_running_loop().call_later(wait, self._recheck, msg_id, pending)

    def _recheck(self, msg_id: str, pending: PendingExecution) -> None:
        if self._pending.get(msg_id) is pending:
            self._finish_if_complete(msg_id)

    async def _read(
        self,
        receive: Callable[[], Awaitable[dict[str, Any]]],
        route: Callable[[dict[str, Any]], None],
    ) -> None:
        """Feed one channel's messages to its router until the channel closes."""
        while True:
            try:
                msg = await receive()
            except Exception:
                self._log.exception("%s reader stopped", route.__name__)
                return
            route(msg)

    def _route_iopub(self, msg: dict[str, Any]) -> None:
        if not announced_by_server(msg):  # only the kernel's own messages prove the subscription
            self._iopub_seen.set()
        parent = parent_msg_id(msg)
        pending = self._pending.get(parent) if parent else None
        if msg.get("msg_type") == "status":
            new_state = _STATUS_STATES.get(msg.get("content", {}).get("execution_state"))
            # Only our own requests move the state; other clients' and comm traffic do not.
            if new_state and parent in self._own_ids and self._state in _STATUS_STATES.values():
                self._set_state(new_state)
            if pending is not None and new_state is KernelState.IDLE:
                pending.idle = True
        if pending is None or parent is None:
            return
        pending.last_iopub = asyncio.get_running_loop().time()
        output = message_to_output(msg)
        if output is not None:
            try:
                pending.on_output(output)
            except Exception:  # a faulty UI callback must not stop the reader
                self._log.exception("on_output callback failed")
        elif pending.idle:
            self._finish_if_complete(parent)

    def _route_shell(self, msg: dict[str, Any]) -> None:
        parent = parent_msg_id(msg)
        msg_type = msg.get("msg_type")
        if msg_type == "kernel_info_reply" and parent in self._info_ids:
            self._info_replied.set()
        elif msg_type == "execute_reply" and parent in self._pending:
            self._pending[parent].reply = msg.get("content", {})
            self._finish_if_complete(parent)
        else:
            self._route_request_reply(parent, msg)
