"""An async Jupyter kernel session over jupyter-client; headless (never imports Textual).

Everything runs on the caller's asyncio loop (Textual's, in the app): one IOPub reader and one
shell reader route messages by ``parent_header.msg_id`` to the running execution, and a liveness
monitor polls the kernel process. Every ``execute()`` resolves: ok, error, aborted, kernel died
or restarted; nothing waits forever on a reply that will never come.

Kernel lookup: the default ``"python3"`` is resolved by jupyter-client, which finds the venv's
kernelspec (or ipykernel's built-in one) and replaces its ``python`` argv[0] with
``sys.executable``, so the kernel runs the same interpreter as studytui even when the venv is not
activated.
"""

from __future__ import annotations

import asyncio
import atexit
import contextlib
import signal
import subprocess
from collections import deque
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from jupyter_client.asynchronous.client import AsyncKernelClient
from jupyter_client.manager import AsyncKernelManager

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
from studytui.core.kernel.process import (
    STDIN_HANDSHAKE_WAIT,
    HandshakeWatch,
    client_logger,
    heartbeat_check,
    kill_kernel_process,
)
from studytui.core.kernel.tuning import kernelspecs, quick_completion_arguments, quick_reconnect
from studytui.core.kernel.orphan_guard import OrphanGuard
from studytui.core.kernel.routing import KernelRouting
from studytui.core.parent_death import end_with_parent

__all__ = [
    "ClearOutput", "DisplayData", "ErrorOutput", "ExecutionResult", "ExecutionStatus", "InputRequest",
    "KernelSession", "KernelStartError", "KernelState", "Output", "RichResult", "StreamText",
]

LIVENESS_INTERVAL = 0.1  # seconds between `is_alive()` polls: a dead kernel is noticed in ~0.1 s
STARTUP_TIMEOUT = 60.0  # seconds for a new kernel to answer kernel_info
_KERNEL_INFO_RESEND = 0.5  # seconds between kernel_info requests while the kernel starts
_SHUTDOWN_WAIT = 2.0  # seconds a graceful shutdown may take before the kernel is killed


class KernelStartError(Exception):
    """The kernel could not be started or never answered kernel_info."""


class KernelSession(KernelRouting):
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
    def attached(self) -> bool:
        """True when the kernel was started elsewhere (``--existing``): quitting leaves it running."""
        return self.existing is not None

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
            sink = open(self._log_path, "ab")  # noqa: SIM115 (closed below, once the child has it)
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

    def _set_state(self, state: KernelState) -> None:
        if state is self._state:
            return
        self._state = state
        if self.on_state is not None:
            try:
                self.on_state(state)
            except Exception:
                self._log.exception("on_state callback failed")
