"""A kernel on a Jupyter Server, Kernel Gateway or Enterprise Gateway: started, found again,
interrupted, restarted and shut down through the server's kernels REST API, and reached over its
websocket (``WebSocketChannels``); headless. The session routes its messages as a local kernel's.

``kernel_id`` attaches to a running kernel (left running on quit); ``keep_running`` leaves the
kernel we start running too, remembered in ``memory`` so the next launch re-attaches to it.
"""

from __future__ import annotations

import asyncio
import atexit
from pathlib import Path

from studytui.core.kernel.channels import KernelChannels
from studytui.core.kernel.process import client_logger
from studytui.core.kernel.process_api import KernelLost, LinkDropped
from studytui.core.kernel.remote_memory import RemoteKernelMemory, shut_down_left_behind
from studytui.core.kernel.server_address import ServerAddress
from studytui.core.kernel.server_api import ServerApi
from studytui.core.kernel.server_http import RemoteKernelError
from studytui.core.kernel.websocket_channels import WebSocketChannels
from studytui.core.kernel_spawn import SpawnedKernel

RECONNECT_FOR = 60.0  # seconds of failed reconnects before the kernel counts as lost
_FIRST_RETRY = 0.25  # seconds before the first reconnect; doubled after each failure...
_LONGEST_RETRY = 5.0  # ...up to this


class ServerKernel:
    """One kernel on one server."""

    existing = None

    def __init__(
        self,
        address: ServerAddress,
        kernel_name: str = "python3",
        *,
        kernel_id: str | None = None,
        keep_running: bool = False,
        memory: RemoteKernelMemory | None = None,
        log_path: Path | None = None,
        reconnect_for: float = RECONNECT_FOR,
    ) -> None:
        self.address = address
        self.kernel_name = kernel_name
        self.kernel_id = kernel_id
        self.keep_running = keep_running or kernel_id is not None
        self.reconnect_for = reconnect_for
        self.log = client_logger(log_path)
        self.start_notice: str | None = None
        self.fresh = False  # the kernel we reach has run no cell yet (we started it)
        self._memory = memory
        self._keep_mode = keep_running  # the kernel we start is remembered, not shut down
        self._may_replace = False  # a lost kernel may be replaced by a new one
        if kernel_id is None and keep_running and memory is not None:
            self.kernel_id = memory.recall(address.base_url)
            self._may_replace = self.kernel_id is not None
        self._left_behind_checked = False
        self._api = ServerApi(address, self.log)

    @property
    def where(self) -> str:
        return self.address.host

    @property
    def attached(self) -> bool:
        """Never attached in the sense of ``--existing``: the server restarts it for us."""
        return False

    @property
    def clear_text_warning(self) -> str | None:
        return self.address.clear_text_warning

    def launch_now(self, spawned: SpawnedKernel | None = None) -> None:
        """Nothing starts before the event loop: the server is reached from it."""

    async def start(self, dropped: LinkDropped) -> KernelChannels:
        return await self._start(dropped, self._may_replace)

    async def _start(self, dropped: LinkDropped, start_if_missing: bool) -> KernelChannels:
        try:
            await self._shut_down_left_behind()
            self.fresh = False
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
                self.fresh = True
                self._may_replace = True  # ours: if it is lost, a new one may take its place
                atexit.register(self.kill_now)  # a crash must not leave it running on the server
                if self._memory is not None and self._keep_mode:
                    self._memory.remember(self.address.base_url, kernel.id)
                elif self._memory is not None:
                    self._memory.note_started(self.address.base_url, kernel.id)
            channels = WebSocketChannels(self._api.http, self.kernel_id, self.log, dropped)
            await channels.connect()
        except RemoteKernelError as exc:
            raise KernelLost(str(exc)) from exc
        return channels

    async def reopen(self, dropped: LinkDropped) -> KernelChannels:
        """A new websocket (a new session) to the same kernel."""
        if self.kernel_id is None:
            raise KernelLost("no kernel to reach on the server")
        channels = WebSocketChannels(self._api.http, self.kernel_id, self.log, dropped)
        try:
            await channels.connect()
        except RemoteKernelError as exc:
            raise KernelLost(str(exc)) from exc
        return channels

    async def _shut_down_left_behind(self) -> None:
        """Once: a kernel an earlier studytui started here and never shut down is shut down now."""
        if self._memory is None or self._left_behind_checked:
            return
        self._left_behind_checked = True
        left = await shut_down_left_behind(self._memory, self._api, self.kernel_id, self.log)
        if left is not None:
            self.start_notice = (
                f"Shut down kernel {left[:8]} on {self.address.host}: a studytui that ended without "
                "quitting had left it running."
            )

    async def ready(self) -> None:
        """The server answers the websocket only once the kernel is ready: nothing more to wait for."""

    async def is_alive(self) -> bool:
        """The link reports a lost kernel itself (it drops, or the server announces it dead)."""
        return True

    async def restart(self, dropped: LinkDropped) -> KernelChannels:
        """Restart the kernel on the server, or start a new one if it is gone."""
        try:
            if self.kernel_id is not None and await self._api.kernel(self.kernel_id) is not None:
                await self._api.restart(self.kernel_id)
            else:
                self.kernel_id = None
        except RemoteKernelError as exc:
            raise KernelLost(str(exc)) from exc
        channels = await self._start(dropped, start_if_missing=True)
        self.fresh = True
        return channels

    async def reconnect(self, channels: KernelChannels) -> None:
        """Reopen a dropped websocket with backoff; KernelLost once the kernel is gone or the
        server stays unreachable for ``reconnect_for`` seconds."""
        assert isinstance(channels, WebSocketChannels)
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.reconnect_for
        delay = _FIRST_RETRY
        while True:
            try:
                kernel = await self._api.kernel(channels.kernel_id)
                if kernel is None or kernel.execution_state == "dead":
                    raise KernelLost("the kernel is gone from the server (shut down, culled or crashed)")
                await channels.connect()
                return
            except RemoteKernelError as exc:
                reason = str(exc)
                self.log.warning("reconnect failed: %s", reason)
            if loop.time() + delay > deadline:
                raise KernelLost(f"lost the server: {reason}")
            await asyncio.sleep(delay)  # backoff between attempts, not synchronisation
            delay = min(delay * 2, _LONGEST_RETRY)

    async def interrupt(self) -> None:
        """The server's interrupt endpoint (it works for kernels it runs on another machine)."""
        if self.kernel_id is None:
            return
        try:
            await self._api.interrupt(self.kernel_id)
        except RemoteKernelError as exc:
            self.log.warning("interrupt failed: %s", exc)

    async def stop(self, *, graceful: bool) -> None:
        if self.kernel_id is not None and not self.keep_running:
            try:
                await self._api.shutdown(self.kernel_id)
            except RemoteKernelError as exc:
                self.log.warning("could not shut the kernel down on the server: %s", exc)
            else:
                if self._memory is not None:
                    self._memory.note_started(self.address.base_url, None)
            self.kernel_id = None
        atexit.unregister(self.kill_now)

    def kill_now(self) -> None:
        """Ask the server to shut our kernel down, synchronously and briefly (for atexit and
        signal handlers, when the event loop may be gone); a kernel kept running is left alone."""
        if self.kernel_id is None or self.keep_running:
            return
        if self._api.shutdown_now(self.kernel_id) and self._memory is not None:
            self._memory.note_started(self.address.base_url, None)

    def close(self) -> None:
        self._api.close()
        for handler in self.log.handlers:
            handler.close()
