"""A kernel on a Jupyter Server, Kernel Gateway or Enterprise Gateway, behind the same interface
as a local one (``KernelSession``); headless.

The server's kernels REST API starts, interrupts, restarts and shuts the kernel down; its
websocket carries the messages, routed by the same code as a local kernel's. A dropped link
shows as RECONNECTING: executions and new requests wait while we retry with backoff, and resume
once the websocket is back (the kernel and its variables live on the server). When the server or
the kernel is gone for good, the state becomes DEAD and ``lost_reason`` says why in one line.
"""

from __future__ import annotations

import asyncio
import atexit
import contextlib
import logging
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import cast

from studytui.core.kernel.connection import KernelStartError
from studytui.core.kernel.messages import ExecutionStatus, KernelState
from studytui.core.kernel.remote_memory import RemoteKernelMemory, shut_down_left_behind
from studytui.core.kernel.server_address import ServerAddress
from studytui.core.kernel.server_api import RemoteKernelError, ServerApi
from studytui.core.kernel.session import KernelSession
from studytui.core.kernel.websocket_channels import WebSocketChannels

RECONNECT_FOR = 60.0  # seconds of failed reconnects before the kernel counts as lost
_FIRST_RETRY = 0.25  # seconds before the first reconnect; doubled after each failure...
_LONGEST_RETRY = 5.0  # ...up to this
_KILL_WAIT = 2.0  # seconds a synchronous shutdown request may take at exit


def quiet_tornado(log: logging.Logger) -> None:
    """Send tornado's own log lines (a failed TLS handshake...) to the kernel log, not the terminal.

    tornado logs to its module loggers, which reach stderr through logging's last resort; on the
    screen the UI draws, that would garble it.
    """
    for name in ("tornado.general", "tornado.application", "tornado.access"):
        logger = logging.getLogger(name)
        logger.propagate = False
        for handler in log.handlers:
            if handler not in logger.handlers:
                logger.addHandler(handler)
        if not logger.handlers:
            logger.addHandler(logging.NullHandler())


class RemoteKernelSession(KernelSession):
    """One kernel on a server. ``kernel_id`` attaches to a running kernel (left running on quit);
    ``keep_running`` leaves the kernel we start running too, remembered in ``memory`` so the next
    launch re-attaches to it.
    """

    def __init__(
        self,
        address: ServerAddress,
        kernel_name: str = "python3",
        *,
        kernel_id: str | None = None,
        keep_running: bool = False,
        memory: RemoteKernelMemory | None = None,
        on_state: Callable[[KernelState], None] | None = None,
        log_path: Path | None = None,
        reconnect_for: float = RECONNECT_FOR,
    ) -> None:
        super().__init__(kernel_name, on_state=on_state, log_path=log_path)
        self.address = address
        self.kernel_id = kernel_id
        self.keep_running = keep_running or kernel_id is not None
        self.reconnect_for = reconnect_for
        self._memory = memory
        self._keep_mode = keep_running  # the kernel we start is remembered, not shut down
        self._may_replace = False
        if kernel_id is None and keep_running and memory is not None:
            self.kernel_id = memory.recall(address.base_url)
            self._may_replace = self.kernel_id is not None
        self._left_behind_checked = False
        self._api = ServerApi(address)
        quiet_tornado(self._log)
        self._lost_reason: str | None = None
        self._reconnector: asyncio.Task[None] | None = None
        self._settler: asyncio.Task[None] | None = None

    @property
    def where(self) -> str:
        return self.address.host

    @property
    def lost_reason(self) -> str | None:
        return self._lost_reason

    async def start(self) -> None:
        if self._kc is None:  # the base class counts a local process; here the link counts
            await super().start()

    async def _launch(self, start_if_missing: bool | None = None) -> None:
        self._lost_reason = None
        start_if_missing = self._may_replace if start_if_missing is None else start_if_missing
        try:
            await self._shut_down_left_behind()
            if self.kernel_id is not None:
                kernel = await self._api.kernel(self.kernel_id)
                if kernel is None and not start_if_missing:
                    raise RemoteKernelError(
                        f"{self.address.shown} has no kernel {self.kernel_id}: "
                        "`studytui --server URL --list-kernels` lists the running ones"
                    )
                if kernel is None:
                    self.kernel_id = None
                else:
                    self.kernel_name = kernel.name or self.kernel_name
            if self.kernel_id is None:
                kernel = await self._api.start_kernel(self.kernel_name)
                self.kernel_id = kernel.id
                self._may_replace = True  # ours: if it is lost, a new one may take its place
                atexit.register(self.kill_now)  # a crash must not leave it running on the server
                if self._memory is not None and self._keep_mode:
                    self._memory.remember(self.address.base_url, kernel.id)
                elif self._memory is not None:
                    self._memory.note_started(self.address.base_url, kernel.id)
            channels = WebSocketChannels(
                self.address, self.kernel_id, self._log, self._connection_lost, self._server_status
            )
            await channels.connect()
        except RemoteKernelError as exc:
            self._lost_reason = str(exc)
            self._set_state(KernelState.DEAD)
            raise KernelStartError(str(exc)) from exc
        await self._connect(channels, self._alive, channels)  # type: ignore[arg-type]

    async def _shut_down_left_behind(self) -> None:
        """Once: a kernel an earlier studytui started here and never shut down is shut down now."""
        if self._memory is None or self._left_behind_checked:
            return
        self._left_behind_checked = True
        left = await shut_down_left_behind(self._memory, self._api, self.kernel_id, self._log)
        if left is not None:
            self.start_notice = (
                f"Shut down kernel {left[:8]} on {self.address.host}: a studytui that ended without "
                "quitting had left it running."
            )

    async def _alive(self) -> bool:
        return self._lost_reason is None

    async def restart(self) -> None:
        """Restart the kernel on the server (or start a new one if it is gone)."""
        async with self._lifecycle_lock:
            self._begin_restart()
            try:
                await self._drop_link()
                try:
                    if self.kernel_id is not None and await self._api.kernel(self.kernel_id) is not None:
                        await self._api.restart(self.kernel_id)
                    else:
                        self.kernel_id = None
                except RemoteKernelError as exc:
                    self._lost_reason = str(exc)
                    self._set_state(KernelState.DEAD)
                    raise KernelStartError(str(exc)) from exc
                await self._launch(start_if_missing=True)
            finally:
                self._ready.set()

    async def interrupt(self) -> None:
        """Ask the server to interrupt the kernel (its interrupt endpoint); does not wait for the cell."""
        if self.kernel_id is None or self._state not in (
            KernelState.BUSY, KernelState.IDLE, KernelState.RECONNECTING
        ):
            return  # (the REST endpoint may answer while the websocket is down)
        try:
            await self._api.interrupt(self.kernel_id)
        except RemoteKernelError as exc:
            self._log.warning("interrupt failed: %s", exc)

    def kill_now(self) -> None:
        """Ask the server to shut our kernel down, synchronously and briefly (for atexit and
        signal handlers, when the event loop may be gone); a kernel kept running is left alone."""
        if self.kernel_id is None or self.keep_running:
            return
        request = urllib.request.Request(
            self.address.url("api/kernels", self.kernel_id), method="DELETE", headers=self.address.headers()
        )
        with contextlib.suppress(OSError, ValueError):
            urllib.request.urlopen(request, timeout=_KILL_WAIT).close()
            if self._memory is not None:
                self._memory.note_started(self.address.base_url, None)

    async def shutdown(self) -> None:
        await super().shutdown()
        self._api.close()

    async def _teardown(self, *, graceful: bool) -> None:
        await self._drop_link()
        if self.kernel_id is not None and not self.keep_running:
            try:
                await self._api.shutdown(self.kernel_id)
            except RemoteKernelError as exc:
                self._log.warning("could not shut the kernel down on the server: %s", exc)
            else:
                if self._memory is not None:
                    self._memory.note_started(self.address.base_url, None)
            self.kernel_id = None
        atexit.unregister(self.kill_now)
        self._resolve_all(ExecutionStatus.DIED)

    async def _drop_link(self) -> None:
        helpers = [task for task in (self._reconnector, self._settler) if task is not None]
        self._reconnector = self._settler = None
        tasks, self._tasks = [*self._tasks, *helpers], []
        for task in tasks:
            if task is not asyncio.current_task():
                task.cancel()
        await asyncio.gather(*(t for t in tasks if t is not asyncio.current_task()), return_exceptions=True)
        kc, self._kc = self._kc, None
        if kc is not None:
            kc.stop_channels()

    # ----- a dropped link ---------------------------------------------------------------------

    def _connection_lost(self, channels: WebSocketChannels) -> None:
        if channels is not cast(object, self._kc) or self._state in (KernelState.DEAD, KernelState.STOPPED):
            return
        if self._lifecycle_lock.locked():
            return  # a restart or shutdown is replacing the link anyway
        self._reconnector = asyncio.create_task(self._reconnect(channels), name="kernel-reconnect")

    async def _reconnect(self, channels: WebSocketChannels) -> None:
        self._ready.clear()  # new executions wait for the link instead of failing
        self._set_state(KernelState.RECONNECTING)
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.reconnect_for
        delay = _FIRST_RETRY
        try:
            while True:
                try:
                    kernel = await self._api.kernel(channels.kernel_id)
                    if kernel is None or kernel.execution_state == "dead":
                        self._lose("the kernel is gone from the server (shut down, culled or crashed)")
                        return
                    await channels.connect()
                    break
                except RemoteKernelError as exc:
                    reason = str(exc)
                    self._log.warning("reconnect failed: %s", reason)
                if loop.time() + delay > deadline:
                    self._lose(f"lost the server: {reason}")
                    return
                await asyncio.sleep(delay)  # backoff between attempts, not synchronisation
                delay = min(delay * 2, _LONGEST_RETRY)
            self._set_state(KernelState.BUSY if self._pending else KernelState.IDLE)
            if self._pending:
                self._settler = asyncio.create_task(self._settle(channels), name="kernel-settle")
        finally:
            self._ready.set()
            if self._reconnector is asyncio.current_task():
                self._reconnector = None

    async def _settle(self, channels: WebSocketChannels) -> None:
        """Resolve executions whose reply was lost with the link.

        The kernel answers shell requests in order, so once a kernel_info sent now is answered,
        every earlier execution has finished; a server that buffered its reply has replayed it
        before. What is still pending then lost its reply in the drop.
        """
        waiting = set(self._pending)
        self._info_replied.clear()
        self._info_ids.add(channels.kernel_info())
        await self._info_replied.wait()  # replayed replies came first on the same shell queue
        for msg_id in waiting:
            pending = self._pending.get(msg_id)
            if pending is not None and pending.reply is None:
                del self._pending[msg_id]
                pending.resolve(ExecutionStatus.DISCONNECTED)
        if not self._pending and self._state is KernelState.BUSY:
            self._set_state(KernelState.IDLE)

    def _server_status(self, state: str) -> None:
        """The server announces the kernel died (and is being restarted, or not)."""
        if self._lifecycle_lock.locked():
            return  # our own restart
        if state == "dead":
            self._lose("the kernel died on the server and was not restarted")
        elif self._settler is None or self._settler.done():
            # The server's restarter brings up a fresh kernel: cells in flight died, variables are
            # gone, and new cells wait until the new kernel answers (its first outputs would be
            # lost to the server's IOPub subscription otherwise).
            # Cleared here, not in the task: a cell sent before the task runs would go to the
            # kernel that is still starting.
            self._ready.clear()
            self._set_state(KernelState.STARTING)
            self._info_ids.clear()
            self._info_replied.clear()
            self._iopub_seen.clear()
            self._resolve_all(ExecutionStatus.DIED)
            self._settler = asyncio.create_task(self._await_server_restart(), name="kernel-restarted")

    async def _await_server_restart(self) -> None:
        kc = self._kc
        if kc is None:
            self._ready.set()
            return
        try:
            await self._wait_until_connected(self._alive, kc)
            self._set_state(KernelState.IDLE)
        except KernelStartError as exc:
            self._lose(str(exc))
        finally:
            self._ready.set()

    def _lose(self, reason: str) -> None:
        self._lost_reason = reason
        self._set_state(KernelState.DEAD)
        self._resolve_all(ExecutionStatus.DIED)
        with contextlib.suppress(Exception):
            if self._kc is not None:
                self._kc.stop_channels()
