"""An async Jupyter kernel session over jupyter-client; headless (never imports Textual).

Everything runs on the caller's asyncio loop (Textual's, in the app): one IOPub reader and one
shell reader route messages by ``parent_header.msg_id`` to the running execution, and a liveness
monitor polls the kernel process. Every ``execute()`` resolves: ok, error, aborted, kernel died
or restarted; nothing waits forever on a reply that will never come.
"""

from __future__ import annotations

import asyncio
import atexit
from collections import deque
from collections.abc import Callable
from pathlib import Path
from typing import Any

from jupyter_client.asynchronous.client import AsyncKernelClient
from jupyter_client.manager import AsyncKernelManager

from studytui.core.kernel.connection import KernelStartError
from studytui.core.kernel.local_kernel import LocalKernel
from studytui.core.kernel.messages import (
    ClearOutput,
    DisplayData,
    ErrorOutput,
    ExecutionResult,
    ExecutionStatus,
    InputRequest,
    KernelState,
    Output,
    PendingExecution,
    RichResult,
    StreamText,
)
from studytui.core.kernel.orphan_guard import OrphanGuard
from studytui.core.kernel.process import client_logger

__all__ = [
    "ClearOutput", "DisplayData", "ErrorOutput", "ExecutionResult", "ExecutionStatus", "InputRequest",
    "KernelSession", "KernelState", "Output", "RichResult", "StreamText",
]


class KernelSession(LocalKernel):
    """One Jupyter kernel and its client; executions run one at a time in call order.

    The state starts as STOPPED; ``start()`` moves it STARTING -> IDLE, IOPub busy/idle statuses
    of our own requests move it between BUSY and IDLE, DEAD when the process is gone and STOPPED
    after ``shutdown()``. ``on_state`` is called synchronously on the loop at every change.
    """

    def __init__(
        self,
        kernel_name: str = "python3",
        cwd: Path | None = None,
        on_state: Callable[[KernelState], None] | None = None,
        log_path: Path | None = None,
        existing: Path | None = None,
    ) -> None:
        self.kernel_name = kernel_name
        self.existing = existing  # a connection file: attach to that kernel, never stop it
        self.start_notice: str | None = None  # something the learner should know once it started
        self._cwd = cwd
        self.on_state = on_state
        self._log_path = log_path
        self._log = client_logger(log_path)
        self._state = KernelState.STOPPED
        self._km: AsyncKernelManager | None = None
        self._guard: OrphanGuard | None = None  # ends the kernel if studytui dies without stopping it
        self._kc: AsyncKernelClient | None = None
        self._tasks: list[asyncio.Task[None]] = []
        self._pending: dict[str, PendingExecution] = {}
        self._requests: dict[str, asyncio.Future[dict[str, Any]]] = {}  # complete / inspect
        self._own_ids: deque[str] = deque(maxlen=64)  # our recent executions: their statuses count
        self._info_ids: set[str] = set()  # kernel_info requests of the current start
        self._info_replied = asyncio.Event()  # this start's kernel_info was answered on shell
        self._iopub_seen = asyncio.Event()  # IOPub delivered a message: our subscription is live
        self._exec_lock = asyncio.Lock()  # FIFO: executions run one at a time, in call order
        self._lifecycle_lock = asyncio.Lock()  # start / restart / shutdown never overlap
        # Set once a start (or restart, or shutdown) has finished: an execution asked for before
        # the first start waits for it, as one asked for during a start does.
        self._ready = asyncio.Event()
        self._early_km: AsyncKernelManager | None = None  # launched by launch_now(), not connected
        self._generation = 0  # bumped by restart(): executions queued before it resolve RESTARTED

    @property
    def state(self) -> KernelState:
        return self._state

    @property
    def where(self) -> str:
        """The host a remote kernel runs on; empty for a kernel on this machine."""
        return ""

    @property
    def lost_reason(self) -> str | None:
        """Why a remote kernel counts as dead (one line, what to do); None for a local one."""
        return None

    @property
    def busy(self) -> bool:
        """True while an execution is running in the kernel."""
        return bool(self._pending)

    async def start(self) -> None:
        """Start the kernel; returns once it answers kernel_info. No-op if already started."""
        async with self._lifecycle_lock:
            if self._km is not None:
                return
            self._ready.clear()
            self._set_state(KernelState.STARTING)
            try:
                await self._launch()
            finally:
                self._ready.set()

    def _begin_restart(self) -> None:
        """Under the lifecycle lock: executions running or queued resolve RESTARTED, new ones wait."""
        self._generation += 1
        self._ready.clear()
        self._set_state(KernelState.STARTING)
        self._resolve_all(ExecutionStatus.RESTARTED)

    async def restart(self) -> None:
        """Replace the kernel by a fresh one; running and queued executions resolve RESTARTED."""
        if self.attached:
            raise KernelStartError("an attached kernel (--existing) is restarted where it runs")
        async with self._lifecycle_lock:
            self._begin_restart()
            try:
                await self._teardown(graceful=False)
                await self._launch()
            finally:
                self._ready.set()

    async def shutdown(self) -> None:
        """Stop the kernel (gracefully if idle); idempotent. Pending executions resolve DIED."""
        async with self._lifecycle_lock:
            graceful = self._state is KernelState.IDLE
            self._set_state(KernelState.STOPPED)
            self._resolve_all(ExecutionStatus.DIED)
            if self._early_km is not None and self._km is None:
                self._km, self._early_km = self._early_km, None  # launched, never connected
                atexit.unregister(self._kill_early)
            await self._teardown(graceful=graceful)
            self._ready.set()  # executions still waiting for a start resolve DIED
            for handler in self._log.handlers:
                handler.close()

    async def interrupt(self) -> None:
        """Send SIGINT to the kernel; does not wait for the running code to stop."""
        km = self._km
        if self._kc is not None and self.attached:
            # No process to signal here: ask the kernel itself over its control channel.
            msg = self._kc.session.msg("interrupt_request", {})
            self._kc.control_channel.send(msg)
            return
        if km is not None and self._state in (KernelState.BUSY, KernelState.IDLE):
            try:
                await km.interrupt_kernel()
            except Exception:  # a kernel dying meanwhile is the liveness monitor's business
                self._log.exception("interrupt failed")

    async def execute(
        self,
        code: str,
        on_output: Callable[[Output], None],
        on_input: Callable[[InputRequest], None] | None = None,
        silent: bool = False,
    ) -> ExecutionResult:
        """Run ``code``; ``on_output`` gets each output as it arrives. Never waits forever.

        ``silent``: the app's own probe, kept out of the kernel's history and execution count.

        With ``on_input``, ``input()`` in the cell calls it and waits for ``answer_input``;
        without, ``input()`` raises in the kernel instead of waiting for an answer.
        """
        generation = self._generation
        async with self._exec_lock:
            await self._ready.wait()
            if generation != self._generation:
                return ExecutionResult(ExecutionStatus.RESTARTED, None)
            kc = self._kc
            if kc is None or self._state not in (KernelState.IDLE, KernelState.BUSY):
                return ExecutionResult(ExecutionStatus.DIED, None)
            loop = asyncio.get_running_loop()
            pending = PendingExecution(on_output, loop.create_future(), last_iopub=loop.time())
            pending.on_input = on_input
            msg_id = kc.execute(code, silent=silent, store_history=not silent, allow_stdin=on_input is not None)
            self._own_ids.append(msg_id)
            self._pending[msg_id] = pending
            # Busy from now on: a kernel stuck in C code holding the GIL may never get its
            # "busy" status out of its IOPub thread.
            self._set_state(KernelState.BUSY)
            return await pending.done

    def _set_state(self, state: KernelState) -> None:
        if state is self._state:
            return
        self._state = state
        if self.on_state is not None:
            try:
                self.on_state(state)
            except Exception:
                self._log.exception("on_state callback failed")
