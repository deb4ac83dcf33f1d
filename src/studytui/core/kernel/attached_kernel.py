"""A kernel on this machine started elsewhere (``--existing``, as ``jupyter console --existing``):
reached through its connection file, watched by its heartbeat, interrupted over its control
channel, and never stopped by studytui; headless.
"""

from __future__ import annotations

from pathlib import Path

from jupyter_client.asynchronous.client import AsyncKernelClient

from studytui.core.kernel.channels import ChannelBlocked, KernelChannels, ZmqChannels
from studytui.core.kernel.process import Heartbeat, client_logger
from studytui.core.kernel.process_api import KernelStartError, LinkDropped
from studytui.core.kernel.tuning import client_options
from studytui.core.kernel_spawn import SpawnedKernel


class AttachedKernel:
    """The kernel a connection file describes; quitting leaves it running."""

    where = ""
    attached = True
    fresh = False  # it may have run cells before we came
    clear_text_warning = None

    def __init__(self, connection_file: Path, kernel_name: str = "python3", log_path: Path | None = None) -> None:
        self.existing: Path | None = connection_file
        self.kernel_name = kernel_name
        self.log = client_logger(log_path)
        self.start_notice: str | None = None
        self._channels: ZmqChannels | None = None
        self._heartbeat: Heartbeat | None = None

    def launch_now(self, spawned: SpawnedKernel | None = None) -> None:
        """Nothing to launch: the kernel runs already."""

    async def start(self, dropped: LinkDropped) -> KernelChannels:
        client = AsyncKernelClient(log=self.log)
        client_options(client)
        try:
            client.load_connection_file(str(self.existing))
        except (OSError, ValueError, KeyError) as exc:
            raise KernelStartError(f"cannot read connection file {self.existing}: {exc}") from exc
        client.start_channels(shell=True, iopub=True, stdin=True, hb=True, control=True)
        self._heartbeat = Heartbeat(client)
        self._channels = ZmqChannels(client)
        return self._channels

    async def reopen(self, dropped: LinkDropped) -> KernelChannels:
        return await self.start(dropped)

    async def ready(self) -> None:
        """The kernel was listening before we came: nothing to wait for."""

    async def is_alive(self) -> bool:
        return self._heartbeat is not None and self._heartbeat.beating()

    async def restart(self, dropped: LinkDropped) -> KernelChannels:
        raise KernelStartError("an attached kernel (--existing) is restarted where it runs")

    async def reconnect(self, channels: KernelChannels) -> None:
        """ZeroMQ reconnects by itself: nothing to do."""

    async def interrupt(self) -> None:
        if self._channels is None:
            return
        try:  # no process here to signal: ask the kernel itself
            self._channels.send_interrupt()
        except ChannelBlocked as error:
            self.log.warning("interrupt not sent: %s", error)

    async def stop(self, *, graceful: bool) -> None:
        """Our side only: the kernel keeps running."""
        self._channels = None
        self._heartbeat = None

    def kill_now(self) -> None:
        """Never: the kernel is not ours."""

    def close(self) -> None:
        for handler in self.log.handlers:
            handler.close()
