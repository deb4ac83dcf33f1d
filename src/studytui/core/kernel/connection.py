"""Connecting a client to a started kernel and watching that it lives: the channel readers, the
wait for the first kernel_info reply and IOPub message, the liveness monitor, and the error a start
that fails raises; shared by a local kernel and one on a Jupyter Server; headless (no Textual).
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable

from jupyter_client.asynchronous.client import AsyncKernelClient
from jupyter_client.manager import AsyncKernelManager

from studytui.core.kernel.messages import ExecutionStatus, KernelState
from studytui.core.kernel.routing import KernelRouting

LIVENESS_INTERVAL = 0.1  # seconds between `is_alive()` polls: a dead kernel is noticed in ~0.1 s
STARTUP_TIMEOUT = 60.0  # seconds for a new kernel to answer kernel_info
_KERNEL_INFO_RESEND = 0.5  # seconds between kernel_info requests while the kernel starts


class KernelStartError(Exception):
    """The kernel could not be started or never answered kernel_info."""


class KernelConnection(KernelRouting):
    """Mixed into ``KernelSession``, which owns these attributes; ``_teardown`` is ``LocalKernel``'s
    (or ``RemoteKernelSession``'s)."""

    kernel_name: str
    _km: AsyncKernelManager | None
    _tasks: list[asyncio.Task[None]]
    _teardown: Callable[..., Awaitable[None]]

    async def _connect(
        self, kc: AsyncKernelClient, is_alive: Callable[[], Awaitable[bool]], owner: object
    ) -> None:
        self._kc = kc
        self._info_ids.clear()
        self._info_replied.clear()
        self._iopub_seen.clear()
        self._tasks = [
            asyncio.create_task(self._read(kc.get_iopub_msg, self._route_iopub), name="iopub"),
            asyncio.create_task(self._read(kc.get_shell_msg, self._route_shell), name="shell"),
            asyncio.create_task(self._read(kc.get_stdin_msg, self._route_stdin), name="stdin"),
        ]
        try:
            await self._wait_until_connected(is_alive, kc)
        except KernelStartError:
            self._set_state(KernelState.DEAD)
            await self._teardown(graceful=False)
            raise
        self._tasks.append(
            asyncio.create_task(self._watch_liveness(is_alive, owner), name="kernel-liveness")
        )
        self._set_state(KernelState.IDLE)

    async def _wait_until_connected(
        self, is_alive: Callable[[], Awaitable[bool]], kc: AsyncKernelClient
    ) -> None:
        """Wait for a kernel_info reply on shell and for any message on IOPub.

        IOPub is PUB/SUB: what the kernel publishes before our subscription is through is lost,
        so a shell reply alone does not prove the first execution's idle status will arrive
        (it did not, in testing). ipykernel 7 greets each subscriber (iopub_welcome); older
        kernels publish statuses for the kernel_info requests we resend until one gets through.
        """
        loop = asyncio.get_running_loop()
        deadline = loop.time() + STARTUP_TIMEOUT
        next_request = loop.time()
        while not (self._info_replied.is_set() and self._iopub_seen.is_set()):
            if loop.time() >= next_request:
                self._info_ids.add(kc.kernel_info())
                next_request = loop.time() + _KERNEL_INFO_RESEND
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._connected(), LIVENESS_INTERVAL)
                return
            if not await is_alive():
                raise KernelStartError(f"kernel {self.kernel_name!r} exited during startup")
            if loop.time() >= deadline:
                raise KernelStartError(
                    f"kernel {self.kernel_name!r} did not answer in {STARTUP_TIMEOUT:.0f} s"
                )

    async def _connected(self) -> None:
        await self._info_replied.wait()
        await self._iopub_seen.wait()

    async def _watch_liveness(self, is_alive: Callable[[], Awaitable[bool]], owner: object) -> None:
        while True:
            await asyncio.sleep(LIVENESS_INTERVAL)
            try:
                alive = await is_alive()
            except Exception:
                self._log.exception("liveness check failed")
                continue
            if not alive and owner in (self._km, self._kc):
                self._log.warning("kernel process exited")
                self._set_state(KernelState.DEAD)
                self._resolve_all(ExecutionStatus.DIED)
                return
