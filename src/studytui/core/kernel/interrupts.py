"""Interrupting the running cell; headless (never imports Textual).

ipykernel ignores SIGINT between requests: an interrupt asked for before the kernel started the
cell (right after it was sent) is held until the kernel shows it started it, then sent, and sent
again while the cell shows no sign of taking it. After an interrupt, an execution whose reply
never comes (a malformed message from the server was skipped) ends as REPLY_LOST once the kernel
shows it has finished it (it answers a request sent after the interrupt).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from studytui.core.kernel.connection import KernelLink
from studytui.core.kernel.messages import ExecutionStatus, KernelState
from studytui.core.kernel.process_api import KernelProcess
from studytui.core.kernel.routing import PendingExecution, Router

# How long an interrupt asked for before the kernel started the cell waits for it to start.
HELD_INTERRUPT_LIMIT = 2.0
# Then the seconds between sending it again while the cell shows no sign of taking it (about 10 s
# in all: on a loaded machine the kernel can take seconds from its execute_input to the cell's code).
HELD_INTERRUPT_RETRIES = (0.2, 0.3, 0.5, 1.0, 1.0, 2.0, 2.0, 3.0)


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

    async def interrupt(self) -> None:
        """Ask the running code to stop (held while the kernel has not started it); does not wait."""
        if self._state() not in (KernelState.BUSY, KernelState.IDLE, KernelState.RECONNECTING):
            return
        waiting = [pending for pending in self._router.pending.values() if not pending.started]
        if waiting and len(waiting) == len(self._router.pending):
            self._hold(waiting[0])
            return
        await self._send()

    def _hold(self, pending: PendingExecution) -> None:
        """The kernel has not started the cell yet, and ipykernel ignores SIGINT until it does:
        the interrupt goes out once the cell starts (or after HELD_INTERRUPT_LIMIT seconds, in case
        the message that shows it started was lost)."""
        if pending.on_started is not None:
            return  # already held
        link = self._current_link()

        def send() -> None:
            timer.cancel()
            if link is not None and link is self._current_link() and not pending.done.done():
                pending.interrupted_early = True
                link.run(self._until_taken(pending), "kernel-interrupt-held")

        def overdue() -> None:
            if pending.on_started is send:
                pending.on_started = None
                send()

        timer = asyncio.get_running_loop().call_later(HELD_INTERRUPT_LIMIT, overdue)
        pending.on_started = send

    async def _until_taken(self, pending: PendingExecution) -> None:
        """Interrupt a cell that has just started, again while it shows no sign of it: a SIGINT
        that lands while ipykernel is still setting the cell up (after its execute_input) can be
        swallowed there, and the cell runs on."""
        for wait in HELD_INTERRUPT_RETRIES:
            await self._send()
            await asyncio.wait([pending.done], timeout=wait)
            if pending.done.done() or pending.raised or pending.reply is not None:
                return

    async def _send(self) -> None:
        await self._process.interrupt()
        link = self._current_link()
        unanswered = {msg_id for msg_id, pending in self._router.pending.items() if pending.reply is None}
        if link is not None and unanswered and self._state() is not KernelState.RECONNECTING:
            link.run(link.settle(unanswered, ExecutionStatus.REPLY_LOST), "kernel-settle-interrupt")
