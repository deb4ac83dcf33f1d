"""An async Jupyter kernel session, by composition; headless (never imports Textual).

As jupyter-client separates ``KernelManager`` from ``KernelClient``, a session is made of:
- a ``KernelProcess`` (``process_api.py``): where the kernel runs, and starting, interrupting,
  restarting and stopping it: ``LocalKernel`` (a process started here), ``AttachedKernel``
  (``--existing``) or ``ServerKernel`` (on a Jupyter Server, ``RemoteKernelSession``);
- a ``KernelLink`` (``connection.py``): the channels that process handed over (ZeroMQ, or the
  server's websocket), a reader per channel, and the liveness watch;
- a ``Router`` (``routing.py``): executions and requests in flight, every message checked at the
  boundary (``wire.py``) and routed by ``parent_header.msg_id`` to what it answers;
- ``Interrupts`` (``interrupts.py``): an interrupt held until the kernel starts the cell, and the
  executions whose reply never comes after one settled.

Everything runs on the caller's asyncio loop (Textual's, in the app). Every ``execute()``
resolves: ok, error, aborted, kernel died or restarted, disconnected or reply lost; nothing waits
forever on a reply that will never come.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Coroutine
from pathlib import Path
from typing import Any

from studytui.core.kernel.attached_kernel import AttachedKernel
from studytui.core.kernel.channels import KernelChannels
from studytui.core.kernel.connection import KernelLink
from studytui.core.kernel.interrupts import Interrupts
from studytui.core.kernel.local_kernel import LocalKernel
from studytui.core.kernel.messages import ExecutionResult, ExecutionStatus, InputRequest, KernelState, Output
from studytui.core.kernel.process_api import (
    START_ATTEMPTS,
    KernelExitedAtStart,
    KernelLost,
    KernelProcess,
    KernelStartError,
    LinkDropped,
)
from studytui.core.kernel.replies import checked_completion, checked_inspection
from studytui.core.kernel.routing import PendingExecution, Router
from studytui.core.kernel_spawn import SpawnedKernel


class KernelSession:
    """One Jupyter kernel and the client of its channels; executions run one at a time in call order.

    Built as ``KernelSession(kernel_name, cwd, on_state, log_path, existing)`` for a kernel on this
    machine (``existing``: a connection file to attach to), or given a ``process``.

    The state starts as STOPPED; ``start()`` moves it STARTING -> IDLE, IOPub busy/idle statuses
    of our own requests move it between BUSY and IDLE, RECONNECTING while a server's link is down,
    DEAD when the kernel is gone and STOPPED after ``shutdown()``. ``on_state`` is called
    synchronously on the loop at every change.

    The numbers to show are the kernel's own: a finished cell is ``In [n]`` with n its
    ``ExecutionResult.execution_count`` (the number the notebook keeps and a traceback's
    ``Cell In[n]`` names). ``execution_count`` is the latest number the kernel gave a stored cell:
    0 after a start or restart, the kernel's count after attaching to one that ran cells already
    (asked of it at once), then each cell's number as soon as the kernel starts it
    (``execute_input``) and again in its reply. So a cell the kernel runs now is
    ``In [execution_count]``, and the next one to send ``In [execution_count + 1]`` (plus the cells
    queued before it). Cells the app runs for itself (checks, probes) pass ``store_history=False``
    or ``silent=True``: they take no number.
    """

    def __init__(
        self,
        kernel_name: str = "python3",
        cwd: Path | None = None,
        on_state: Callable[[KernelState], None] | None = None,
        log_path: Path | None = None,
        existing: Path | None = None,
        *,
        process: KernelProcess | None = None,
    ) -> None:
        if process is None:
            process = (
                AttachedKernel(existing, kernel_name, log_path) if existing is not None
                else LocalKernel(kernel_name, cwd, log_path)
            )
        self._process = process
        self.on_state = on_state
        self._log = process.log
        self._state = KernelState.STOPPED
        self._router = Router(
            self._log, lambda: self._state, self._set_state, self._server_announced, self._reply_lost
        )
        self._link: KernelLink | None = None
        self._interrupts = Interrupts(process, self._router, lambda: self._link, lambda: self._state)
        self._lost_reason: str | None = None
        self._exec_lock = asyncio.Lock()  # FIFO: executions run one at a time, in call order
        self._lifecycle_lock = asyncio.Lock()  # start / restart / shutdown never overlap
        # Set once a start (or restart, or shutdown) has finished: an execution asked for before
        # the first start waits for it, as one asked for during a start does.
        self._ready = asyncio.Event()
        self._generation = 0  # bumped by restart(): executions queued before it resolve RESTARTED
        self._beside: dict[str, asyncio.Task[None]] = {}  # tasks about the link, not in it (reconnecting)

    # ----- what the kernel is ---------------------------------------------------------------------

    @property
    def state(self) -> KernelState:
        return self._state

    @property
    def kernel_name(self) -> str:
        """The kernelspec (for a kernel attached by id on a server, the one the server reports)."""
        return self._process.kernel_name

    @property
    def where(self) -> str:
        """The host a remote kernel runs on; empty for a kernel on this machine."""
        return self._process.where

    @property
    def attached(self) -> bool:
        """True when the kernel was started elsewhere (``--existing``): quitting leaves it running."""
        return self._process.attached

    @property
    def existing(self) -> Path | None:
        """The connection file of a kernel attached with ``--existing``."""
        return self._process.existing

    @property
    def start_notice(self) -> str | None:
        """Something the learner should know once the kernel started (set to None once shown)."""
        return self._process.start_notice

    @start_notice.setter
    def start_notice(self, notice: str | None) -> None:
        self._process.start_notice = notice

    @property
    def clear_text_warning(self) -> str | None:
        """A warning when a token crosses a network unencrypted (a server over http://); None here."""
        return self._process.clear_text_warning

    @property
    def lost_reason(self) -> str | None:
        """Why a remote kernel counts as dead (one line, what to do); None for a local one."""
        return self._lost_reason

    @property
    def busy(self) -> bool:
        """True while an execution is running in the kernel."""
        return bool(self._router.pending)

    @property
    def execution_count(self) -> int:
        """The latest number the kernel gave a stored cell (see the class docstring)."""
        return self._router.execution_count

    # ----- its life -------------------------------------------------------------------------------

    def launch_now(self, spawned: SpawnedKernel | None = None) -> None:
        """Start the kernel's process at once, before any event loop runs; ``start()`` then connects.

        The command line calls it first thing, so a local kernel boots while the screen is built.
        Nothing to launch for a kernel started elsewhere or on a server. Synchronous. ``spawned``:
        the local kernel the command line spawned already, for the session to adopt.
        """
        self._process.launch_now(spawned)

    def kill_now(self) -> None:
        """Stop the kernel at once (synchronous: for atexit and signal handlers)."""
        self._process.kill_now()

    async def start(self) -> None:
        """Start the kernel; returns once it answers kernel_info. No-op if already started."""
        async with self._lifecycle_lock:
            if self._link is not None:
                return
            self._ready.clear()
            self._set_state(KernelState.STARTING)
            try:
                await self._open(self._process.start)
            finally:
                self._ready.set()

    async def restart(self) -> None:
        """Replace the kernel by a fresh one; running and queued executions resolve RESTARTED."""
        if self.attached:
            raise KernelStartError("an attached kernel (--existing) is restarted where it runs")
        async with self._lifecycle_lock:
            self._generation += 1
            self._ready.clear()
            self._set_state(KernelState.STARTING)
            self._router.resolve_all(ExecutionStatus.RESTARTED)
            try:
                await self._drop_link()
                await self._open(self._process.restart)
            finally:
                self._ready.set()

    async def shutdown(self) -> None:
        """Stop the kernel (gracefully if idle); idempotent. Pending executions resolve DIED.

        A kernel started elsewhere (attached, or kept on a server) is left running.
        """
        async with self._lifecycle_lock:
            graceful = self._state is KernelState.IDLE
            self._set_state(KernelState.STOPPED)
            self._router.resolve_all(ExecutionStatus.DIED)
            await self._teardown(graceful=graceful)
            self._ready.set()  # executions still waiting for a start resolve DIED
            self._process.close()

    async def interrupt(self) -> None:
        """Ask the running code to stop; does not wait. One SIGINT, held or sent again: ``interrupts.py``."""
        await self._interrupts.interrupt()

    # ----- running code ---------------------------------------------------------------------------

    async def execute(
        self,
        code: str,
        on_output: Callable[[Output], None],
        on_input: Callable[[InputRequest], None] | None = None,
        silent: bool = False,
        store_history: bool | None = None,
    ) -> ExecutionResult:
        """Run ``code``; ``on_output`` gets each output as it arrives. Never waits forever.

        ``store_history=False``: the app's own code (an exercise check): the kernel keeps it out
        of its history and gives it no number (``In [n]`` stays the learner's). ``silent``: a probe
        whose outputs do not matter beyond displays (never numbered either). By default a cell is
        stored unless silent.

        With ``on_input``, ``input()`` in the cell calls it and waits for ``answer_input``;
        without, ``input()`` raises in the kernel instead of waiting for an answer.
        """
        stored = not silent if store_history is None else store_history and not silent
        generation = self._generation
        with self._interrupts.queued(silent) as ticket:
            async with self._exec_lock:
                await self._ready.wait()
                if generation != self._generation:
                    return ExecutionResult(ExecutionStatus.RESTARTED, None)
                link = self._link
                if link is None or self._state not in (KernelState.IDLE, KernelState.BUSY):
                    return ExecutionResult(ExecutionStatus.DIED, None)
                loop = asyncio.get_running_loop()
                pending = PendingExecution(
                    on_output, loop.create_future(), last_iopub=loop.time(), stored=stored, silent=silent
                )
                pending.on_input = on_input
                msg_id = link.send(lambda channels: channels.execute(code, silent, stored, on_input is not None))
                if msg_id is None:  # the kernel takes no request (kernel.log says why)
                    return ExecutionResult(ExecutionStatus.DIED, None)
                self._router.add(msg_id, pending)
                self._interrupts.sent(ticket, pending)
                # Busy from now on: a kernel stuck in C code holding the GIL may never publish "busy".
                self._set_state(KernelState.BUSY)
                return await pending.done

    def answer_input(self, text: str) -> None:
        """Send the learner's answer to the kernel's pending ``input()``."""
        if self._link is not None:
            self._link.send(lambda channels: channels.input(text))

    async def complete(self, code: str, cursor_pos: int, timeout: float = 5.0) -> dict[str, Any] | None:
        """The kernel's ``complete_reply`` content, or ``None`` (busy, dead or too slow).

        Checked: ``status`` a string, ``matches`` a list of strings, ``cursor_start`` and
        ``cursor_end`` integers within the code.
        """
        reply = await self._request(lambda channels: channels.complete(code, cursor_pos), timeout)
        return None if reply is None else checked_completion(reply, len(code), cursor_pos)

    async def inspect(self, code: str, cursor_pos: int, timeout: float = 5.0) -> dict[str, Any] | None:
        """The kernel's ``inspect_reply`` content (docs of the name at the cursor), or ``None``.

        Checked: ``status`` a string, ``found`` a boolean, ``data`` a MIME bundle whose
        ``text/plain`` is a string (``docs_parts`` splits it: signature first).
        """
        reply = await self._request(lambda channels: channels.inspect(code, cursor_pos, 0), timeout)
        return None if reply is None else checked_inspection(reply)

    async def _request(self, send: Callable[[KernelChannels], str], timeout: float) -> dict[str, Any] | None:
        link = self._link
        if link is None or self._state not in (KernelState.IDLE, KernelState.BUSY):
            return None
        msg_id = link.send(send)
        return None if msg_id is None else await self._router.request(msg_id, timeout)

    # ----- connecting -----------------------------------------------------------------------------

    async def _open(
        self, begin: Callable[[LinkDropped], Awaitable[KernelChannels]], same_kernel: bool = False
    ) -> None:
        """Start (or restart) the kernel through ``begin`` and connect; KernelStartError on failure.

        ``same_kernel``: fresh channels to the kernel already running (its count goes on).
        """
        self._lost_reason = None
        try:
            for launch in range(START_ATTEMPTS, 0, -1):
                try:
                    link = await self._connect(begin)
                    break
                except KernelExitedAtStart:
                    if launch == 1 or same_kernel or self._process.where or self._process.attached:
                        raise
                    self._log.warning("the kernel exited as it started: launching it again on new ports")
                    await self._teardown(graceful=False)
                    begin = self._process.start
        except KernelStartError as error:
            if isinstance(error, KernelLost):
                self._lost_reason = str(error)
            self._set_state(KernelState.DEAD)
            await self._teardown(graceful=False)
            raise
        link.watch(self._alive, self._died)
        if self._process.fresh and not same_kernel:
            self._router.execution_count = 0
        elif not same_kernel:  # it may have run cells: ask its count (a silent, empty cell)
            probe = link.send(lambda channels: channels.execute("", True, False, False))
            if probe is not None:
                self._router.probe_count(probe)
        self._set_state(KernelState.IDLE)

    async def _connect(self, begin: Callable[[LinkDropped], Awaitable[KernelChannels]]) -> KernelLink:
        self._link = link = KernelLink(await begin(self._link_dropped), self._router, self._log)
        await link.wait_until_connected(self._alive, self.kernel_name)
        await self._process.ready()
        return link

    async def _alive(self) -> bool:
        return self._lost_reason is None and await self._process.is_alive()

    def _died(self) -> None:
        self._set_state(KernelState.DEAD)
        self._router.resolve_all(ExecutionStatus.DIED)

    async def _teardown(self, *, graceful: bool) -> None:
        """Our tasks and channels, then the kernel itself (one started elsewhere stays)."""
        await self._drop_link()
        await self._process.stop(graceful=graceful)
        self._router.resolve_all(ExecutionStatus.DIED)  # nothing sent meanwhile may stay pending

    async def _drop_link(self) -> None:
        helpers, self._beside = list(self._beside.values()), {}
        current = asyncio.current_task()
        for task in helpers:
            if task is not current:
                task.cancel()
        await asyncio.gather(*(task for task in helpers if task is not current), return_exceptions=True)
        link, self._link = self._link, None
        if link is not None:
            await link.close()

    def _reply_lost(self) -> None:
        """The kernel went idle after an execution whose reply never came (it ended as IOPub showed
        it): its replies may have stopped reaching these channels (seen with ipykernel 7 under
        load). Reopen them."""
        if not self._lifecycle_lock.locked() and not self._running_beside("relink"):
            self._run_beside("relink", self._relink())

    async def _relink(self) -> None:
        async with self._lifecycle_lock:
            if self._link is None or self._state not in (KernelState.IDLE, KernelState.BUSY):
                return
            self._log.warning("reopening the kernel's channels: a reply never came")
            self._ready.clear()  # new executions wait for the new channels
            self._set_state(KernelState.RECONNECTING)
            try:
                await self._drop_link()
                await self._open(self._process.reopen, same_kernel=True)
            except KernelStartError:
                pass  # DEAD, and the kernel stopped: f9 restarts it
            finally:
                self._ready.set()

    # ----- what only a server's link does (``RemoteKernelSession``) -----------------------------

    def _link_dropped(self, channels: KernelChannels) -> None:
        """A link dropped on its own; a ZeroMQ link never does."""

    def _server_announced(self, state: str) -> None:
        """A server wrote a kernel state into IOPub (restarting, dead); a kernel never does."""

    def _run_beside(self, role: str, work: Coroutine[Any, Any, None]) -> None:
        """Run ``work`` until it ends or the link is replaced; one task per ``role``."""
        self._beside[role] = asyncio.create_task(work, name=f"kernel-{role}")

    def _running_beside(self, role: str) -> bool:
        task = self._beside.get(role)
        return task is not None and not task.done()

    def _set_state(self, state: KernelState) -> None:
        if state is self._state:
            return
        self._state = state
        if self.on_state is not None:
            try:
                self.on_state(state)
            except Exception:
                self._log.exception("on_state callback failed")
