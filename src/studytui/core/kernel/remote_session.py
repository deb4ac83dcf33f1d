"""A kernel session on a Jupyter Server, Kernel Gateway or Enterprise Gateway; headless.

The same session as a local kernel's (``KernelSession``), given a ``ServerKernel``: the server's
REST API starts, interrupts, restarts and shuts the kernel down, its websocket carries the
messages, routed by the same code. What only a server's link does is here: a dropped link shows as
RECONNECTING (executions and new requests wait while the link is retried with backoff, and resume
once it is back: the kernel and its variables live on the server), and a kernel the server
announces restarting or dead is followed. When the server or the kernel is gone for good, the
state becomes DEAD and ``lost_reason`` says why in one line.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from studytui.core.kernel.channels import KernelChannels
from studytui.core.kernel.connection import KernelLink
from studytui.core.kernel.messages import ExecutionStatus, KernelState
from studytui.core.kernel.process_api import KernelLost, KernelStartError
from studytui.core.kernel.remote_memory import RemoteKernelMemory
from studytui.core.kernel.server_address import ServerAddress
from studytui.core.kernel.server_kernel import RECONNECT_FOR, ServerKernel
from studytui.core.kernel.session import KernelSession


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
        self._server = ServerKernel(
            address, kernel_name, kernel_id=kernel_id, keep_running=keep_running, memory=memory,
            log_path=log_path, reconnect_for=reconnect_for,
        )
        super().__init__(on_state=on_state, process=self._server)

    @property
    def address(self) -> ServerAddress:
        return self._server.address

    @property
    def kernel_id(self) -> str | None:
        """The kernel's id on the server (once started or attached)."""
        return self._server.kernel_id

    @property
    def keep_running(self) -> bool:
        """Leave the kernel running on the server when the session stops."""
        return self._server.keep_running

    @keep_running.setter
    def keep_running(self, keep: bool) -> None:
        self._server.keep_running = keep

    @property
    def reconnect_for(self) -> float:
        """Seconds of failed reconnects before the kernel counts as lost."""
        return self._server.reconnect_for

    @reconnect_for.setter
    def reconnect_for(self, seconds: float) -> None:
        self._server.reconnect_for = seconds

    # ----- a dropped link ---------------------------------------------------------------------

    def _link_dropped(self, channels: KernelChannels) -> None:
        link = self._link
        if link is None or link.channels is not channels or self._state in (KernelState.DEAD, KernelState.STOPPED):
            return
        if self._lifecycle_lock.locked():
            return  # a restart or shutdown is replacing the link anyway
        self._run_beside("reconnect", self._reconnect(link))

    async def _reconnect(self, link: KernelLink) -> None:
        self._ready.clear()  # new executions wait for the link instead of failing
        self._set_state(KernelState.RECONNECTING)
        try:
            try:
                await self._server.reconnect(link.channels)
            except KernelLost as error:
                self._lose(str(error))
                return
            pending = set(self._router.pending)
            self._set_state(KernelState.BUSY if pending else KernelState.IDLE)
            if pending:
                self._run_beside("settle", link.settle(pending, ExecutionStatus.DISCONNECTED))
        finally:
            self._ready.set()

    # ----- what the server announces ----------------------------------------------------------

    def _server_announced(self, state: str) -> None:
        """The server announces the kernel died (and is being restarted, or not)."""
        if self._lifecycle_lock.locked():
            return  # our own restart
        if state == "dead":
            self._lose("the kernel died on the server and was not restarted")
        elif not self._running_beside("settle"):
            # The server's restarter brings up a fresh kernel: cells in flight died, variables are
            # gone, and new cells wait until the new kernel answers (its first outputs would be
            # lost to the server's IOPub subscription otherwise).
            # Cleared here, not in the task: a cell sent before the task runs would go to the
            # kernel that is still starting.
            self._ready.clear()
            self._set_state(KernelState.STARTING)
            self._router.new_connection()
            self._router.resolve_all(ExecutionStatus.DIED)
            self._router.execution_count = 0
            self._run_beside("settle", self._await_server_restart())

    async def _await_server_restart(self) -> None:
        link = self._link
        try:
            if link is not None:
                await link.wait_until_connected(self._alive, self.kernel_name)
                self._set_state(KernelState.IDLE)
        except KernelStartError as error:
            self._lose(str(error))
        finally:
            self._ready.set()

    def _lose(self, reason: str) -> None:
        self._lost_reason = reason
        self._set_state(KernelState.DEAD)
        self._router.resolve_all(ExecutionStatus.DIED)
        if self._link is not None:
            self._link.channels.stop_channels()
