"""One open link to a kernel: its channels, a reader per channel feeding the router, the wait for
the first kernel_info reply and IOPub message, and the liveness watch; shared by every kind of
kernel (here, attached, on a server); headless (no Textual).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any

from studytui.core.kernel.channels import ChannelBlocked, KernelChannels
from studytui.core.kernel.messages import ExecutionStatus
from studytui.core.kernel.process_api import KernelExitedAtStart, KernelStartError
from studytui.core.kernel.routing import Router

LIVENESS_INTERVAL = 0.1  # seconds between `is_alive()` polls: a dead kernel is noticed in ~0.1 s
STARTUP_TIMEOUT = 60.0  # seconds for a new kernel to answer kernel_info
_KERNEL_INFO_RESEND = 0.5  # seconds between kernel_info requests while the kernel starts
# A message that cannot even be decoded (bad JSON, a bad signature) is skipped; anything else a
# receive raises means the channel is closed.
_UNDECODABLE = (ValueError, TypeError, KeyError, AttributeError, RecursionError)


class KernelLink:
    """The client end of one connection; ``close()`` ends its tasks and its channels."""

    def __init__(self, channels: KernelChannels, router: Router, log: logging.Logger) -> None:
        self.channels = channels
        self._router = router
        self._log = log
        router.new_connection()
        self._tasks: list[asyncio.Task[None]] = [
            asyncio.create_task(self._read(channels.get_iopub_msg, "iopub"), name="iopub"),
            asyncio.create_task(self._read(channels.get_shell_msg, "shell"), name="shell"),
            asyncio.create_task(self._read(channels.get_stdin_msg, "stdin"), name="stdin"),
        ]

    def send(self, request: Callable[[KernelChannels], str | None]) -> str | None:
        """``request`` sent on the channels: its msg_id; None (logged) when it could not go out."""
        try:
            return request(self.channels)
        except ChannelBlocked as error:
            self._log.warning("a request was not sent: %s", error)
            return None

    def run(self, work: Coroutine[Any, Any, None], name: str) -> None:
        """Run ``work`` for as long as this link lives."""
        self._tasks = [task for task in self._tasks if not task.done()]
        self._tasks.append(asyncio.create_task(work, name=name))

    async def settle(self, waiting: set[str], status: ExecutionStatus) -> None:
        """Executions in ``waiting`` whose reply never came end with ``status``.

        The kernel answers shell requests in order, so once a kernel_info sent now is answered,
        every earlier execution has finished (a server that buffered its reply has replayed it
        before); what is still unanswered then lost its reply.
        """
        msg_id = self.send(lambda channels: channels.kernel_info())
        if msg_id is not None:
            await self._router.request(msg_id, None)
            self._router.resolve_unanswered(waiting, status)

    async def close(self) -> None:
        tasks, self._tasks = self._tasks, []
        current = asyncio.current_task()
        for task in tasks:
            if task is not current:
                task.cancel()
        await asyncio.gather(*(task for task in tasks if task is not current), return_exceptions=True)
        self.channels.stop_channels()

    async def _read(self, receive: Callable[[], Awaitable[object]], channel: str) -> None:
        """Feed one channel's messages to the router until the channel closes."""
        while True:
            try:
                msg = await receive()
            except _UNDECODABLE as error:
                self._log.warning("skipped a %s message that could not be decoded: %s", channel, error)
                continue
            except Exception:
                self._log.exception("%s reader stopped", channel)
                return
            self._router.route(channel, msg)

    async def wait_until_connected(self, is_alive: Callable[[], Awaitable[bool]], kernel_name: str) -> None:
        """Wait for a kernel_info reply on shell and for any message on IOPub.

        IOPub is PUB/SUB: what the kernel publishes before our subscription is through is lost,
        so a shell reply alone does not prove the first execution's idle status will arrive
        (it did not, in testing). ipykernel 7 greets each subscriber (iopub_welcome); older
        kernels publish statuses for the kernel_info requests we resend until one gets through.
        """
        router = self._router
        loop = asyncio.get_running_loop()
        deadline = loop.time() + STARTUP_TIMEOUT
        next_request = loop.time()
        while not (router.info_replied.is_set() and router.iopub_seen.is_set()):
            if loop.time() >= next_request:
                msg_id = self.send(lambda channels: channels.kernel_info())
                if msg_id is not None:
                    router.info_ids.add(msg_id)
                next_request = loop.time() + _KERNEL_INFO_RESEND
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._connected(), LIVENESS_INTERVAL)
                return
            if not await is_alive():
                raise KernelExitedAtStart(f"kernel {kernel_name!r} exited during startup")
            if loop.time() >= deadline:
                raise KernelStartError(f"kernel {kernel_name!r} did not answer in {STARTUP_TIMEOUT:.0f} s")

    async def _connected(self) -> None:
        await self._router.info_replied.wait()
        await self._router.iopub_seen.wait()

    def watch(self, is_alive: Callable[[], Awaitable[bool]], died: Callable[[], None]) -> None:
        """Poll ``is_alive``; call ``died`` once it says no."""
        self.run(self._watch(is_alive, died), "kernel-liveness")

    async def _watch(self, is_alive: Callable[[], Awaitable[bool]], died: Callable[[], None]) -> None:
        while True:
            await asyncio.sleep(LIVENESS_INTERVAL)
            try:
                alive = await is_alive()
            except Exception:
                self._log.exception("liveness check failed")
                continue
            if not alive:
                self._log.warning("kernel process exited")
                died()
                return
