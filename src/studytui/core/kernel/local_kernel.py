"""A kernel process on this machine, reached over ZMQ: started here (even before the event loop
runs, so it boots while the screen is built), torn down, and killed at once; headless. A kernel
started elsewhere that we attach to is ``AttachedKernel`` (``attached_kernel.py``).

Kernel lookup: the default ``"python3"`` is resolved by jupyter-client, which finds the venv's
kernelspec (or ipykernel's built-in one) and replaces its ``python`` argv[0] with
``sys.executable``, so the kernel runs the same interpreter as studytui even when the venv is not
activated.
"""

from __future__ import annotations

import asyncio
import atexit
import signal
import subprocess
from pathlib import Path
from typing import Any

from jupyter_client.manager import AsyncKernelManager

from studytui.core.files import open_log
from studytui.core.kernel.adoption import AdoptingKernelManager
from studytui.core.kernel.channels import KernelChannels, ZmqChannels
from studytui.core.kernel.orphan_guard import OrphanGuard
from studytui.core.kernel.process import (
    STDIN_HANDSHAKE_WAIT,
    HandshakeWatch,
    WatchedClient,
    client_logger,
    kill_kernel_process,
)
from studytui.core.kernel.process_api import KernelStartError, LinkDropped
from studytui.core.kernel.tuning import client_options, kernelspecs, quick_completion_arguments
from studytui.core.kernel_spawn import SpawnedKernel
from studytui.core.parent_death import end_with_parent

_SHUTDOWN_WAIT = 2.0  # seconds a graceful shutdown may take before the kernel is killed


class LocalKernel:
    """A kernel process studytui starts, in ``cwd``, and never leaves behind."""

    where = ""
    attached = False
    existing = None
    fresh = True
    clear_text_warning = None

    def __init__(self, kernel_name: str = "python3", cwd: Path | None = None, log_path: Path | None = None) -> None:
        self.kernel_name = kernel_name
        self.log = client_logger(log_path)
        self.start_notice: str | None = None
        self._cwd = cwd
        self._log_path = log_path
        self._km: AdoptingKernelManager | None = None
        self._early_km: AdoptingKernelManager | None = None  # launched by launch_now(), not connected
        self._spawned: SpawnedKernel | None = None  # spawned by the command line, for start() to adopt
        self._guard: OrphanGuard | None = None  # ends the kernel if studytui dies without stopping it
        self._stdin_ready: HandshakeWatch | None = None

    @property
    def pid(self) -> int | None:
        """The kernel process's id while it runs."""
        process = getattr(getattr(self._km, "provisioner", None), "process", None)
        return getattr(process, "pid", None)

    def launch_now(self, spawned: SpawnedKernel | None = None) -> None:
        """Start the kernel process at once, before any event loop runs; ``start()`` then connects.

        Called first thing at launch, so the kernel boots while the screen is imported and built.
        Synchronous (a short loop of its own just spawns the process). A failure here is left to
        ``start()``, which tries again and reports it. With ``spawned`` (the process the command
        line spawned before loading this package), nothing is launched: ``start()`` adopts it if it
        is the kernel it would launch (``adoption.py``).
        """
        if self._km is not None or self._early_km is not None or self._spawned is not None:
            return
        if spawned is not None:
            self._spawned = spawned
            self._cwd = Path(spawned.cwd)
            return
        try:
            self._early_km = asyncio.run(self._start_process())
        except KernelStartError:
            return
        atexit.register(self._kill_early)  # until start() adopts it

    def _kill_early(self) -> None:
        if self._early_km is not None:
            kill_kernel_process(self._early_km)

    def kill_now(self) -> None:
        if self._km is not None:
            kill_kernel_process(self._km)

    async def start(self, dropped: LinkDropped) -> KernelChannels:
        km, self._early_km = self._early_km, None
        if km is not None:
            atexit.unregister(self._kill_early)
            if not await km.is_alive():  # died while the screen was built: start another
                kill_kernel_process(km)
                km = None
        if km is None:
            km = await self._start_process()
        self._km = km
        atexit.register(self.kill_now)  # a kernel outlives a crashed client otherwise
        files = [km.connection_file]
        if km.adopted is not None:
            files.append(str(km.adopted.connection_file))
        self._guard = OrphanGuard(getattr(km.provisioner, "pgid", None) or 0, *files)
        return self._channels(km)

    async def reopen(self, dropped: LinkDropped) -> KernelChannels:
        if self._km is None:
            raise KernelStartError(f"kernel {self.kernel_name!r} is not running")
        return self._channels(self._km)

    def _channels(self, km: AsyncKernelManager) -> KernelChannels:
        # As km.client() makes it, of the class that watches stdin from before it connects.
        client = WatchedClient(**km.get_connection_info(session=True), connection_file=km.connection_file, parent=km)
        client_options(client)
        client.start_channels(shell=True, iopub=True, stdin=True, hb=False, control=False)
        self._stdin_ready = client.stdin_watch  # the kernel may not listen yet
        return ZmqChannels(client)

    async def ready(self) -> None:
        watch, self._stdin_ready = self._stdin_ready, None
        if watch is not None and not await watch.wait(STDIN_HANDSHAKE_WAIT):
            self.log.warning("stdin channel not connected: input() may not be answered")

    async def is_alive(self) -> bool:
        km = self._km
        return km is not None and bool(await km.is_alive())

    async def restart(self, dropped: LinkDropped) -> KernelChannels:
        await self.stop(graceful=False)
        return await self.start(dropped)

    async def reconnect(self, channels: KernelChannels) -> None:
        """ZeroMQ reconnects by itself: nothing to do."""

    async def interrupt(self) -> None:
        km = self._km
        if km is None:
            return
        try:
            await km.interrupt_kernel()
        except Exception:  # a kernel dying meanwhile is the liveness monitor's business
            self.log.exception("interrupt failed")

    async def stop(self, *, graceful: bool) -> None:
        watch, self._stdin_ready = self._stdin_ready, None
        if watch is not None:
            watch.close()
        if self._early_km is not None and self._km is None:
            self._km, self._early_km = self._early_km, None  # launched, never connected
            atexit.unregister(self._kill_early)
        km, self._km = self._km, None
        if km is None:
            return
        try:
            await km.shutdown_kernel(now=not graceful)
        except Exception:
            self.log.exception("kernel shutdown failed; killing it")
            kill_kernel_process(km)
        atexit.unregister(self.kill_now)
        guard, self._guard = self._guard, None
        if guard is not None:
            guard.release()

    def close(self) -> None:
        for handler in self.log.handlers:
            handler.close()

    async def _start_process(self) -> AdoptingKernelManager:
        """Spawn the kernel process (not yet connected); KernelStartError on failure."""
        km = AdoptingKernelManager(kernel_name=self.kernel_name, log=self.log, kernel_spec_manager=kernelspecs())
        km.shutdown_wait_time = _SHUTDOWN_WAIT
        spawned, self._spawned = self._spawned, None
        if spawned is not None:
            km.offer(spawned)
        # The kernel's own stdout/stderr (e.g. "running over TCP without encryption") must
        # never reach the terminal the UI draws on.
        sink: Any = subprocess.DEVNULL
        if self._log_path is not None:
            try:  # never through a link, never into a FIFO (closed below, once the child has it)
                sink = open_log(self._log_path)
            except OSError as error:
                self.log.warning("kernel output not logged: %s", error)
        try:
            await km.start_kernel(
                cwd=str(self._cwd or Path.cwd()),
                stdout=sink,
                stderr=sink,
                extra_arguments=quick_completion_arguments(km),
                preexec_fn=end_with_parent(signal.SIGKILL),  # SIGKILL: a C loop ignores nothing else
            )
        except Exception as exc:
            raise KernelStartError(f"cannot start kernel {self.kernel_name!r}: {exc}") from exc
        finally:
            if sink is not subprocess.DEVNULL:
                sink.close()  # the child holds its own copy of the descriptor
        return km
