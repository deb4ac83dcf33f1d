"""Executions in flight and requests waiting for their reply: each checked message routed by
``parent_header.msg_id`` to what it answers, and the rule that completes an execution; headless.

An execution is complete once its shell reply and its IOPub idle status arrived, or once IOPub
stayed quiet for ``IDLE_GRACE`` seconds after the reply (a lost idle status must not hang it).
A kernel sends the reply before it goes idle: a reply still missing ``REPLY_GRACE`` seconds after
the idle status was lost, and the execution ends as IOPub showed it (an error if one was
published, else ok); the session then reopens its channels (ipykernel 7 was seen to stop routing
replies to a connection under load). A message that
is not the protocol's shape is logged and skipped (``wire.py``); when it still named an
execution's reply, that execution ends as REPLY_LOST at once.
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from studytui.core.kernel.messages import (
    ErrorOutput,
    ExecutionResult,
    ExecutionStatus,
    InputRequest,
    KernelState,
    Output,
    StreamText,
    announced_by_server,
    input_request,
    message_to_output,
)
from studytui.core.kernel.payloads import reply_payloads
from studytui.core.kernel.wire import KernelMessage, MalformedMessage, checked_message, int_field, str_field

# After the execute_reply, how long IOPub may stay silent about that execution before we stop
# waiting for its idle status (a PUB socket drops messages beyond its high-water mark).
IDLE_GRACE = 2.0
# After the idle status, how long its reply may take before it counts as lost (the kernel sends
# it first; a server forwards the two on separate sockets, so a little later is normal).
REPLY_GRACE = 5.0
# The same for a cell interrupted as it started: ipykernel drops such a cell with no reply at all.
INTERRUPTED_REPLY_GRACE = 0.5
# What IPython prints when one of its pre-execution callbacks raised: its callbacks catch even
# KeyboardInterrupt, so an interrupt landing there (just before the cell's code) is swallowed, and
# the cell runs on after an error saying KeyboardInterrupt.
CALLBACK_SWALLOWED = re.compile(r"^Error in callback .* \(for pre_(?:execute|run_cell)\).*\n?", re.MULTILINE)
_STATUS_STATES = {"busy": KernelState.BUSY, "idle": KernelState.IDLE}


def _says_interrupted(output: Output) -> bool:
    """IPython's line on stderr when an interrupt lands while it shows a traceback (a callback's,
    one it swallowed): it stands for the error it could not finish showing."""
    return isinstance(output, StreamText) and output.name == "stderr" and output.text.strip() == "KeyboardInterrupt"


@dataclass
class PendingExecution:
    """An execution sent to the kernel: complete once its shell reply and idle status arrived."""

    on_output: Callable[[Output], None]
    done: asyncio.Future[ExecutionResult]
    reply: dict[str, Any] | None = None  # execute_reply content (a checked object)
    idle: bool = False
    last_iopub: float = 0.0  # loop time of the latest IOPub message for this execution
    on_input: Callable[[InputRequest], None] | None = None
    stored: bool = True  # run with store_history: the kernel numbers it
    silent: bool = False  # run silent: the kernel publishes no execute_input for it
    input_count: int | None = None  # its number in the kernel's execute_input
    raised: bool = False  # the kernel published an error for it
    # The kernel started running it (its execute_input; a silent one: its busy status). Until then
    # an interrupt would be lost: ipykernel ignores SIGINT outside a request handler.
    started: bool = False
    on_started: Callable[[], None] | None = None  # called once, when it starts (a held interrupt)

    @property
    def running(self) -> bool:
        """Sent and not finished by the kernel (neither its reply nor its idle status came)."""
        return self.reply is None and not self.idle

    def mark_started(self) -> None:
        if self.started:
            return
        self.started = True
        call, self.on_started = self.on_started, None
        if call is not None:
            call()

    # An interrupt held until it started was sent: ipykernel may take it just before the cell's
    # code runs, and then drops the cell with no reply ("KeyboardInterrupt caught in kernel").
    interrupted_early: bool = False
    # Called when an interrupt sent to it was swallowed by one of IPython's pre-execution callbacks
    # (see CALLBACK_SWALLOWED): the cell's code runs on, so the interrupt must be sent again.
    on_swallowed: Callable[[], None] | None = None
    callback_failed: bool = False  # its stdout just said a pre-execution callback failed
    resends: int = 0  # interrupts sent again (one swallowed by a callback, or unheard)
    outputs: int = 0  # how many outputs of its own it has published so far
    last_made: float | None = None  # when the kernel made the latest of them (its clock), if it said
    # Its code ran: it published something other than stderr (ipykernel's own complaints about an
    # interrupt caught in its machinery, a cell it then drops, go to the cell's stderr).
    ran_code: bool = False

    def resolve(self, status: ExecutionStatus, execution_count: int | None = None) -> None:
        count = execution_count if execution_count is not None else self.input_count
        if status is ExecutionStatus.REPLY_LOST and self.interrupted_early:
            self.finish(self.without_reply())  # dropped by the kernel, or ended by what it published
            return
        self.finish(ExecutionResult(status, count if self.stored else None))

    def stopped_by_interrupt(self) -> ExecutionResult:
        """The cell the kernel dropped when the interrupt came before its code ran: it ended as
        interrupted, as it would have a moment later."""
        if not self.raised:
            self.raised = True
            try:
                self.on_output(ErrorOutput("KeyboardInterrupt", "", ("KeyboardInterrupt",)))
            except Exception:
                pass  # the UI's callback failing must not keep the cell open
        return ExecutionResult(ExecutionStatus.ERROR, self.input_count if self.stored else None)

    def finish(self, result: ExecutionResult) -> None:
        if not self.done.done():
            self.done.set_result(result)

    def outcome(self, now: float, idle_grace: float) -> ExecutionResult | None:
        """The result if complete, else ``None``.

        Complete means replied and idle, or replied with IOPub silent for ``idle_grace`` seconds
        (a lost idle status must not hang the cell), or replied "aborted" (an aborted request
        may publish no idle status at all).
        """
        if self.reply is None:
            return None
        status = str_field(self.reply, "status")
        if status == "aborted":
            return self._result(ExecutionStatus.ABORTED)
        if self.idle or now - self.last_iopub >= idle_grace:
            return self._result(ExecutionStatus.OK if status == "ok" else ExecutionStatus.ERROR)
        return None

    def dropped_when_interrupted(self) -> bool:
        """Interrupted as it started, and nothing but stderr from it: ipykernel dropped it before its
        code ran (a cell that printed ran, and may well have caught the KeyboardInterrupt and finished)."""
        return self.interrupted_early and not self.ran_code

    def without_reply(self) -> ExecutionResult:
        """What IOPub showed of an execution whose reply never came: the kernel went idle after it,
        so it ended, with an error if one was published (its payloads are lost with the reply)."""
        if self.dropped_when_interrupted():
            return self.stopped_by_interrupt()
        return ExecutionResult(
            ExecutionStatus.ERROR if self.raised else ExecutionStatus.OK, self.input_count if self.stored else None
        )

    def _result(self, status: ExecutionStatus) -> ExecutionResult:
        reply = self.reply or {}
        count = int_field(reply, "execution_count")
        count = (count if count is not None else self.input_count) if self.stored else None
        payloads = reply_payloads(reply)
        return ExecutionResult(status, count, payloads.pages, payloads.next_input, payloads.exit_request)


class Router:
    """Where every message from one kernel goes.

    ``state`` and ``set_state`` are the session's; ``announced`` is told of the kernel states a
    server writes into IOPub itself (restarting, dead), ``reply_lost`` of a kernel that went idle
    after an execution whose reply never came.
    """

    def __init__(
        self,
        log: logging.Logger,
        state: Callable[[], KernelState],
        set_state: Callable[[KernelState], None],
        announced: Callable[[str], None],
        reply_lost: Callable[[], None],
    ) -> None:
        self._log = log
        self._state = state
        self._set_state = set_state
        self._announced = announced
        self._reply_lost = reply_lost
        self.pending: dict[str, PendingExecution] = {}
        self._requests: dict[str, asyncio.Future[dict[str, Any]]] = {}  # complete, inspect, kernel_info
        self._own_ids: deque[str] = deque(maxlen=64)  # our recent executions: their statuses count
        self._count_probes: set[str] = set()  # silent executions asked for the kernel's count
        self.info_ids: set[str] = set()  # kernel_info requests of the current start
        self.info_replied = asyncio.Event()  # this start's kernel_info was answered on shell
        self.iopub_seen = asyncio.Event()  # IOPub delivered a kernel's message: our subscription is live
        self.execution_count = 0  # the kernel's number of its latest stored cell

    def new_connection(self) -> None:
        """A new link: nothing proves it yet."""
        self.info_ids.clear()
        self.info_replied.clear()
        self.iopub_seen.clear()

    def add(self, msg_id: str, pending: PendingExecution) -> None:
        self._own_ids.append(msg_id)
        self.pending[msg_id] = pending

    def probe_count(self, msg_id: str) -> None:
        """The reply to this silent execution carries the kernel's current execution count."""
        self._count_probes.add(msg_id)

    async def request(self, msg_id: str, timeout: float | None) -> dict[str, Any] | None:
        """The content of the shell reply to ``msg_id``; None after ``timeout`` seconds."""
        future: asyncio.Future[dict[str, Any]] = asyncio.get_running_loop().create_future()
        self._requests[msg_id] = future
        try:
            return await asyncio.wait_for(future, timeout)
        except TimeoutError:
            return None
        finally:
            self._requests.pop(msg_id, None)

    def resolve_all(self, status: ExecutionStatus) -> None:
        pending, self.pending = self.pending, {}
        for execution in pending.values():
            execution.resolve(status)
        requests, self._requests = self._requests, {}
        for future in requests.values():
            if not future.done():
                future.set_result({"status": "error"})

    def resolve_unanswered(self, msg_ids: set[str], status: ExecutionStatus) -> None:
        """Executions among ``msg_ids`` still without a reply end with ``status``."""
        for msg_id in msg_ids:
            pending = self.pending.get(msg_id)
            if pending is not None and pending.reply is None:
                self._log.warning("execution %s ended without its reply: %s", msg_id, status)
                del self.pending[msg_id]
                pending.resolve(status)
        self._idle_if_done()

    # ----- routing ------------------------------------------------------------------------------

    def route(self, channel: str, raw: object) -> None:
        """Check and route one message; never raises (a broken message is logged and skipped)."""
        try:
            msg = checked_message(raw)
            if channel == "iopub":
                self._route_iopub(msg)
            elif channel == "shell":
                self._route_shell(msg)
            elif channel == "stdin":
                self._route_stdin(msg)
        except MalformedMessage as error:
            self.malformed(channel, error)
        except Exception:
            self._log.exception("a %s message could not be routed; skipped", channel)

    def malformed(self, channel: str, error: MalformedMessage) -> None:
        self._log.warning("skipped a malformed %s message: %s", channel, error)
        pending = self.pending.get(error.parent_id or "")
        if channel == "shell" and error.msg_type == "execute_reply" and pending is not None:
            del self.pending[error.parent_id or ""]
            pending.resolve(ExecutionStatus.REPLY_LOST)
            self._idle_if_done()

    def _route_iopub(self, msg: KernelMessage) -> None:
        announced = announced_by_server(msg)
        if announced is not None:
            self._announced(announced)
            return
        self.iopub_seen.set()  # only the kernel's own messages prove the subscription
        parent = msg.parent_id
        pending = self.pending.get(parent) if parent else None
        if msg.msg_type == "status":
            new_state = _STATUS_STATES.get(str_field(msg.content, "execution_state"))
            # Only our own requests move the state; other clients' and comm traffic do not.
            if new_state and parent in self._own_ids and self._state() in _STATUS_STATES.values():
                self._set_state(new_state)
            if pending is not None and new_state is KernelState.BUSY and pending.silent:
                pending.mark_started()  # a silent execution publishes no execute_input
            if pending is not None and new_state is KernelState.IDLE and not pending.idle:
                pending.idle = True
                if pending.reply is None and parent is not None:  # the reply comes first, normally
                    # Interrupted as it started, and dropped or stopped with an error: how it ended
                    # is known, only a cell that ran on (it caught the interrupt) waits for its reply.
                    settled = pending.dropped_when_interrupted() or (pending.interrupted_early and pending.raised)
                    grace = INTERRUPTED_REPLY_GRACE if settled else REPLY_GRACE
                    asyncio.get_running_loop().call_later(grace, self._reply_overdue, parent, pending)
        elif msg.msg_type == "execute_input" and pending is not None:
            if pending.stored:
                pending.input_count = int_field(msg.content, "execution_count")
                if pending.input_count is not None:
                    self.execution_count = pending.input_count
            pending.mark_started()
        if pending is None or parent is None:
            return
        pending.last_iopub = asyncio.get_running_loop().time()
        output = message_to_output(msg)
        if output is not None:
            output = self._unless_swallowed(pending, output)
        if output is not None and not _says_interrupted(output):
            pending.outputs += 1  # its own: not IPython's report of an interrupt a callback swallowed
            pending.last_made = msg.made
            pending.ran_code |= not (isinstance(output, StreamText) and output.name == "stderr")
        if isinstance(output, ErrorOutput):
            pending.raised = True
        if output is not None:
            try:
                pending.on_output(output)
            except Exception:  # a faulty UI callback must not stop the reader
                self._log.exception("on_output callback failed")
        elif pending.idle:
            self._finish_if_complete(parent)

    @staticmethod
    def _unless_swallowed(pending: PendingExecution, output: Output) -> Output | None:
        """While an interrupt of ours is out, IPython's report that a pre-execution callback swallowed
        it is not the learner's output: its line leaves the stream, its KeyboardInterrupt is dropped
        (the error, or IPython's line on stderr when the interrupt cut its report short), and the
        interrupt is sent again. A callback failing for any other reason shows as it is."""
        if pending.on_swallowed is None:
            return output
        if isinstance(output, StreamText) and output.name == "stdout":
            text, found = CALLBACK_SWALLOWED.subn("", output.text, count=1)
            if found:
                pending.callback_failed = True
                return StreamText(output.name, text) if text else None
        elif pending.callback_failed and pending.reply is None and (
            isinstance(output, ErrorOutput) or _says_interrupted(output)
        ):
            pending.callback_failed = False  # the callback's report ends with its error
            if _says_interrupted(output) or (isinstance(output, ErrorOutput) and output.ename == "KeyboardInterrupt"):
                swallowed, pending.on_swallowed = pending.on_swallowed, None
                swallowed()
                return None
        return output

    def _route_shell(self, msg: KernelMessage) -> None:
        parent = msg.parent_id or ""
        if msg.msg_type == "kernel_info_reply" and parent in self.info_ids:
            self.info_replied.set()
        elif msg.msg_type == "execute_reply" and parent in self._count_probes:
            self._count_probes.discard(parent)
            count = int_field(msg.content, "execution_count")
            if count is not None:
                self.execution_count = count
        elif msg.msg_type == "execute_reply" and parent in self.pending:
            pending = self.pending[parent]
            pending.reply = msg.content
            count = int_field(msg.content, "execution_count")
            if pending.stored and count is not None:
                self.execution_count = count
            self._finish_if_complete(parent)
        else:
            future = self._requests.get(parent)
            if future is not None and not future.done():
                future.set_result(msg.content)

    def _route_stdin(self, msg: KernelMessage) -> None:
        pending = self.pending.get(msg.parent_id or "")
        if msg.msg_type != "input_request" or pending is None or pending.on_input is None:
            return
        try:
            pending.on_input(input_request(msg))
        except Exception:
            self._log.exception("on_input callback failed")

    def _finish_if_complete(self, msg_id: str) -> None:
        pending = self.pending[msg_id]
        now = asyncio.get_running_loop().time()
        result = pending.outcome(now, IDLE_GRACE)
        if result is not None:
            del self.pending[msg_id]
            pending.finish(result)
            self._idle_if_done()
        elif pending.reply is not None:  # replied, no idle yet: look again once IOPub is quiet
            wait = IDLE_GRACE - (now - pending.last_iopub)
            asyncio.get_running_loop().call_later(wait, self._recheck, msg_id, pending)

    def _recheck(self, msg_id: str, pending: PendingExecution) -> None:
        if self.pending.get(msg_id) is pending:
            self._finish_if_complete(msg_id)

    def _reply_overdue(self, msg_id: str, pending: PendingExecution) -> None:
        if self.pending.get(msg_id) is not pending or pending.reply is not None:
            return
        self._log.warning("execution %s: the kernel went idle, its reply never came", msg_id)
        del self.pending[msg_id]
        pending.finish(pending.without_reply())
        self._idle_if_done()
        if not pending.dropped_when_interrupted():  # that one the kernel dropped: not lost on the way
            self._reply_lost()

    def _idle_if_done(self) -> None:
        if not self.pending and self._state() is KernelState.BUSY:
            self._set_state(KernelState.IDLE)  # in case its idle status was lost
