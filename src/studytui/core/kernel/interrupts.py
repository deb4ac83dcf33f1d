"""Interrupting the running cell; headless (never imports Textual).

An interrupt is one SIGINT, as in Jupyter: a cell whose own code catches the KeyboardInterrupt (a
training loop that stops, then saves) finishes its cleanup in peace. Around the moment a cell
starts, four things can lose it, and there the session holds it or sends it again:

- the session runs one execution at a time: a cell of the learner's that waits behind a probe of
  the app's own (``silent``: the requirements check), or behind a cell the kernel has finished
  whose reply is late, is the one an interrupt is for, and it is held for that cell, as below;
- ipykernel ignores SIGINT between requests: an interrupt asked for before the kernel started the
  cell (right after it was sent) is held until the kernel shows it started it (execute_input);
- IPython's pre-execution callbacks catch KeyboardInterrupt, print that they failed and let the
  cell's code run: the router sees that, and the interrupt goes out again at once;
- a SIGINT that lands in the microseconds between the cell's code starting and a blocking call
  (``time.sleep``) is only acted on once that call returns: an interrupt sent as the cell starts
  goes out again if the cell then stays silent (no output, no reply) for START_SILENCE seconds.
  Output that reaches us after the interrupt went out but that a kernel on this machine made
  before it (its header's date; ``print('ready', flush=True)`` just before the blocking call) does
  not show the cell heard it. A kernel on a server may keep another clock: there any output counts.

After an interrupt, an execution whose reply never comes (a malformed message from the server was
skipped) ends as REPLY_LOST once the kernel shows it has finished it (it answers a request sent after
the interrupt).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from studytui.core.kernel.connection import KernelLink
from studytui.core.kernel.messages import ExecutionStatus, KernelState
from studytui.core.kernel.process_api import KernelProcess
from studytui.core.kernel.routing import PendingExecution, Router

# How long an interrupt asked for before the kernel started the cell waits for it to start (in case
# the message that shows it started was lost; it is sent then, and again when the cell starts).
HELD_INTERRUPT_LIMIT = 2.0
# How many times an interrupt is sent again for one cell (swallowed by a callback, or unheard).
RESENDS = 5
# How long a cell interrupted as it started may stay silent before the interrupt is sent again.
START_SILENCE = 1.0


@dataclass(eq=False)  # each ticket is its own execution: found and removed by identity
class Queued:
    """An execution asked for and not yet sent to the kernel (it waits for the one before)."""

    interrupt_wanted: bool = False  # the learner pressed ctrl+c while it waited


@dataclass(frozen=True)
class Sent:
    """An interrupt sent as a cell started: the cell's outputs and resends then, and the moment."""

    outputs: int
    resends: int
    at: float  # time.time(), just before the signal went out


class Interrupts:
    """A session's interrupts: ``link`` and ``state`` give the session's current link and state."""

    def __init__(
        self,
        process: KernelProcess,
        router: Router,
        link: Callable[[], KernelLink | None],
        state: Callable[[], KernelState],
    ) -> None:
        self._process = process
        self._router = router
        self._current_link = link
        self._state = state
        self._waiting: list[Queued] = []  # the learner's cells asked for and not yet sent, in order

    @contextmanager
    def queued(self, silent: bool) -> Iterator[Queued]:
        """An execution asked for, from its call until it ends (the session runs one at a time);
        the learner's cells (not ``silent``) count as waiting until ``sent``."""
        ticket = Queued()
        if not silent:
            self._waiting.append(ticket)
        try:
            yield ticket
        finally:
            if ticket in self._waiting:
                self._waiting.remove(ticket)

    def sent(self, ticket: Queued, pending: PendingExecution) -> None:
        """``ticket``'s execution went out as ``pending``: an interrupt asked for while it waited is held for it."""
        if ticket in self._waiting:
            self._waiting.remove(ticket)
        if ticket.interrupt_wanted:
            self._hold(pending)

    async def interrupt(self) -> None:
        """Ask the running code to stop (held while the kernel has not started it); does not wait."""
        if self._state() not in (KernelState.BUSY, KernelState.IDLE, KernelState.RECONNECTING):
            return
        # The learner's cell waits behind a probe of the app's own, or behind a cell the kernel has
        # finished and whose reply is late: the interrupt is for the cell.
        learner_running = any(pending.running for pending in self._router.pending.values() if not pending.silent)
        if self._waiting and not learner_running:
            self._waiting[0].interrupt_wanted = True
            return
        waiting = [pending for pending in self._router.pending.values() if not pending.started]
        if waiting and len(waiting) == len(self._router.pending):
            self._hold(waiting[0])
            return
        await self._send()

    def _hold(self, pending: PendingExecution) -> None:
        """The kernel has not started the cell yet, and ipykernel ignores SIGINT until it does:
        the interrupt goes out once the cell starts. After HELD_INTERRUPT_LIMIT seconds without a
        sign that it started, it goes out at once, and again if the start is seen later."""
        if pending.on_started is not None:
            return  # already held
        link = self._current_link()

        def send() -> None:
            timer.cancel()
            if link is not None and link is self._current_link() and pending.running and not pending.done.done():
                pending.interrupted_early = True
                link.run(self._send(at_start=pending), "kernel-interrupt-held")

        def overdue() -> None:
            if pending.on_started is send:
                send()
                pending.on_started = send if not pending.started else None

        timer = asyncio.get_running_loop().call_later(HELD_INTERRUPT_LIMIT, overdue)
        pending.on_started = send

    async def _send(self, at_start: PendingExecution | None = None) -> None:
        """One SIGINT; ``at_start``: the cell it was held for, which has just started (or is late)."""
        link = self._current_link()
        for pending in self._router.pending.values():
            if pending.started and pending.on_swallowed is None and pending.resends < RESENDS:
                pending.on_swallowed = self._again(pending, link)
        if at_start is not None and at_start.started:
            now = Sent(at_start.outputs, at_start.resends, time.time())
            asyncio.get_running_loop().call_later(START_SILENCE, self._unheard, at_start, now, link)
        await self._process.interrupt()
        unanswered = {msg_id for msg_id, pending in self._router.pending.items() if pending.reply is None}
        if link is not None and unanswered and self._state() is not KernelState.RECONNECTING:
            link.run(link.settle(unanswered, ExecutionStatus.REPLY_LOST), "kernel-settle-interrupt")

    def _unheard(self, pending: PendingExecution, then: Sent, link: KernelLink | None) -> None:
        """Nothing the cell made after an interrupt sent as it started has come, and none was sent
        since (a later one is watched by its own call): send it again."""
        if pending.resends != then.resends or pending.reply is not None or pending.resends >= RESENDS:
            return
        if pending.outputs == then.outputs or self._made_before(pending, then.at):
            self._again(pending, link)()

    def _made_before(self, pending: PendingExecution, moment: float) -> bool:
        """The cell's latest output was made before ``moment`` by a kernel on this machine's clock."""
        return not self._process.where and pending.last_made is not None and pending.last_made < moment

    def _again(self, pending: PendingExecution, link: KernelLink | None) -> Callable[[], None]:
        """Send the interrupt again (a pre-execution callback swallowed it, or the cell did not hear it):
        the cell is starting, so it is watched as the first one was."""

        def send() -> None:
            if link is not None and link is self._current_link() and not pending.done.done():
                pending.resends += 1
                link.run(self._send(at_start=pending), "kernel-interrupt-again")

        return send
