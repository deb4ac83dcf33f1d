"""A kernel on this machine, reached over ZMQ: a process we start (even before the event loop
runs, so it boots while the screen is built) or one started elsewhere that we attach to with its
connection file (``--existing``); its launch, its teardown, and killing it at once; headless.

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

from jupyter_client.asynchronous.client import AsyncKernelClient
from jupyter_client.manager import AsyncKernelManager

from studytui.core.files import open_log
from studytui.core.kernel.connection import KernelConnection, KernelStartError
from studytui.core.kernel.messages import ExecutionStatus, KernelState
from studytui.core.kernel.orphan_guard import OrphanGuard
from studytui.core.kernel.process import (
    STDIN_HANDSHAKE_WAIT,
    HandshakeWatch,
    heartbeat_check,
    kill_kernel_process,
)
from studytui.core.kernel.tuning import kernelspecs, quick_completion_arguments, quick_reconnect
from studytui.core.parent_death import end_with_parent

_SHUTDOWN_WAIT = 2.0  # seconds a graceful shutdown may take before the kernel is killed


class LocalKernel(KernelConnection):
    """Mixed into ``KernelSession``, which owns these attributes."""

    existing: Path | None
    _cwd: Path | None
    _log_path: Path | None
    _guard: OrphanGuard | None
    _early_km: AsyncKernelManager | None

    @property
    def attached(self) -> bool:
        """True when the kernel was started elsewhere (``--existing``): quitting leaves it running."""
        return self.existing is not None

    def launch_now(self) -> None:
        """Start the kernel process at once, before any event loop runs; ``start()`` then connects.

        Called first thing at launch, so the kernel boots while the screen is imported and built.
        Synchronous (a short loop of its own just spawns the process). A failure here is left to
        ``start()``, which tries again and reports it.
        """
        if self.existing is not None or self._km is not None or self._early_km is not None:
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
        """Kill the kernel process at once (synchronous: for atexit and signal handlers)."""
        if self._km is not None:
            kill_kernel_process(self._km)

    async def _launch(self) -> None:
        """Start a kernel process, connect, wait for kernel_info; KernelStartError on failure."""
        if self.existing is not None:
            await self._attach(self.existing)
            return
        km, self._early_km = self._early_km, None
        if km is not None:
            atexit.unregister(self._kill_early)
            if not await km.is_alive():  # died while the screen was built: start another
                kill_kernel_process(km)
                km = None
        if km is None:
            try:
                km = await self._start_process()
            except KernelStartError:
                self._set_state(KernelState.DEAD)
                raise
        self._km = km
        atexit.register(self.kill_now)  # a kernel outlives a crashed client otherwise
        self._guard = OrphanGuard(getattr(km.provisioner, "pgid", None) or 0, km.connection_file)
        kc: AsyncKernelClient = km.client()
        quick_reconnect(kc)
        kc.start_channels(shell=True, iopub=True, stdin=True, hb=False, control=False)
        stdin_ready = HandshakeWatch(kc.stdin_channel.socket)  # the kernel is not listening yet
        try:
            await self._connect(kc, km.is_alive, km)
        except BaseException:
            stdin_ready.close()
            raise
        if not await stdin_ready.wait(STDIN_HANDSHAKE_WAIT):
            self._log.warning("stdin channel not connected: input() may not be answered")

    async def _start_process(self) -> AsyncKernelManager:
        """Spawn the kernel process (not yet connected); KernelStartError on failure."""
        km = AsyncKernelManager(kernel_name=self.kernel_name, log=self._log, kernel_spec_manager=kernelspecs())
        km.shutdown_wait_time = _SHUTDOWN_WAIT
        # The kernel's own stdout/stderr (e.g. "running over TCP without encryption") must
        # never reach the terminal the UI draws on.
        sink: Any = subprocess.DEVNULL
        if self._log_path is not None:
            try:  # never through a link, never into a FIFO (closed below, once the child has it)
                sink = open_log(self._log_path)
            except OSError as error:
                self._log.warning("kernel output not logged: %s", error)
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

    async def _attach(self, connection_file: Path) -> None:
        """Connect to a kernel started elsewhere; its heartbeat tells whether it lives."""
        kc = AsyncKernelClient(log=self._log)
        try:
            kc.load_connection_file(str(connection_file))
        except (OSError, ValueError, KeyError) as exc:
            self._set_state(KernelState.DEAD)
            raise KernelStartError(f"cannot read connection file {connection_file}: {exc}") from exc
        kc.start_channels(shell=True, iopub=True, stdin=True, hb=True, control=True)
        await self._connect(kc, heartbeat_check(kc), kc)

    async def _teardown(self, *, graceful: bool) -> None:
        """Stop our tasks and channels and the kernel process; leaves no kernel behind."""
        tasks, self._tasks = self._tasks, []
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        kc, self._kc = self._kc, None
        if kc is not None:
            kc.stop_channels()
        km = self._km
        if km is not None and not self.attached:
            try:
                await km.shutdown_kernel(now=not graceful)
            except Exception:
                self._log.exception("kernel shutdown failed; killing it")
                self.kill_now()
            self._km = None
            atexit.unregister(self.kill_now)
            guard, self._guard = self._guard, None
            if guard is not None:
                guard.release()
        self._resolve_all(ExecutionStatus.DIED)  # nothing sent meanwhile may stay pending
