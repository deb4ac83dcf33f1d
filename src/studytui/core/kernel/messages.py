"""What a kernel session hands out (states, outputs, results) and how Jupyter messages become
them; no I/O, no Textual.

One converter per IOPub message type, as in euporie's kernel wrapper: anything else
(status, execute_input, comm traffic) is not an output and yields ``None``.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class KernelState(StrEnum):
    STARTING = "starting"
    IDLE = "idle"
    BUSY = "busy"
    DEAD = "dead"
    STOPPED = "stopped"
    RECONNECTING = "reconnecting"  # a remote kernel's link dropped; retrying


class ExecutionStatus(StrEnum):
    OK = "ok"
    ERROR = "error"
    ABORTED = "aborted"
    DIED = "kernel died"
    RESTARTED = "restarted"
    DISCONNECTED = "disconnected"  # a remote kernel's reply was lost with the link


@dataclass(frozen=True)
class ExecutionResult:
    status: ExecutionStatus
    execution_count: int | None


@dataclass(frozen=True)
class StreamText:
    """Text the kernel wrote to ``stdout`` or ``stderr``."""

    name: str
    text: str


@dataclass(frozen=True)
class RichResult:
    """The value of the cell's last expression, as a MIME bundle."""

    execution_count: int | None
    data: dict[str, Any]


@dataclass(frozen=True)
class DisplayData:
    """A ``display()`` call; ``update`` marks an ``update_display_data`` for ``display_id``."""

    data: dict[str, Any]
    display_id: str | None
    update: bool = False


@dataclass(frozen=True)
class ErrorOutput:
    """An exception raised by the cell; ``traceback`` lines carry the kernel's ANSI colours."""

    ename: str
    evalue: str
    traceback: tuple[str, ...]


@dataclass(frozen=True)
class ClearOutput:
    """Clear the cell's output; with ``wait`` only once the next output arrives."""

    wait: bool


Output = StreamText | RichResult | DisplayData | ErrorOutput | ClearOutput


@dataclass(frozen=True)
class InputRequest:
    """The cell called ``input()`` (or ``getpass()`` when ``password``) and waits for an answer."""

    prompt: str
    password: bool


def _stream(content: dict[str, Any]) -> StreamText:
    return StreamText(name=content.get("name", "stdout"), text=content.get("text", ""))


def _execute_result(content: dict[str, Any]) -> RichResult:
    return RichResult(content.get("execution_count"), dict(content.get("data", {})))


def _display(content: dict[str, Any], *, update: bool) -> DisplayData:
    transient = content.get("transient") or {}
    return DisplayData(
        data=dict(content.get("data", {})), display_id=transient.get("display_id"), update=update
    )


def _error(content: dict[str, Any]) -> ErrorOutput:
    return ErrorOutput(
        ename=content.get("ename", ""),
        evalue=content.get("evalue", ""),
        traceback=tuple(content.get("traceback", ())),
    )


def _clear(content: dict[str, Any]) -> ClearOutput:
    return ClearOutput(wait=bool(content.get("wait", False)))


_CONVERTERS: dict[str, Callable[[dict[str, Any]], Output]] = {
    "stream": _stream,
    "execute_result": _execute_result,
    "display_data": lambda content: _display(content, update=False),
    "update_display_data": lambda content: _display(content, update=True),
    "error": _error,
    "clear_output": _clear,
}


def message_to_output(msg: dict[str, Any]) -> Output | None:
    """The output an IOPub message carries, or ``None`` if it carries none."""
    convert = _CONVERTERS.get(msg.get("msg_type") or msg.get("header", {}).get("msg_type", ""))
    return convert(msg.get("content", {})) if convert else None


def parent_msg_id(msg: dict[str, Any]) -> str | None:
    """The ``msg_id`` of the request a message answers, if any."""
    return (msg.get("parent_header") or {}).get("msg_id")


@dataclass
class PendingExecution:
    """An execution sent to the kernel: complete once its shell reply and idle status arrived."""

    on_output: Callable[[Output], None]
    done: asyncio.Future[ExecutionResult]
    reply: dict[str, Any] | None = None  # execute_reply content
    idle: bool = False
    last_iopub: float = 0.0  # loop time of the latest IOPub message for this execution
    on_input: Callable[[InputRequest], None] | None = None

    def resolve(self, status: ExecutionStatus, execution_count: int | None = None) -> None:
        if not self.done.done():
            self.done.set_result(ExecutionResult(status, execution_count))

    def outcome(self, now: float, idle_grace: float) -> ExecutionResult | None:
        """The result if complete, else ``None``.

        Complete means replied and idle, or replied with IOPub silent for ``idle_grace`` seconds
        (a lost idle status must not hang the cell), or replied "aborted" (an aborted request
        may publish no idle status at all).
        """
        if self.reply is None:
            return None
        status = self.reply.get("status")
        count = self.reply.get("execution_count")
        if status == "aborted":
            return ExecutionResult(ExecutionStatus.ABORTED, count)
        if self.idle or now - self.last_iopub >= idle_grace:
            ok = status == "ok"
            return ExecutionResult(ExecutionStatus.OK if ok else ExecutionStatus.ERROR, count)
        return None


# Statuses a Jupyter server writes into the IOPub stream itself, not the kernel: "restarting"
# arrives before the server's subscription to the restarted kernel is through.
_SERVER_STATES = frozenset({"restarting", "autorestarting", "dead"})


def announced_by_server(msg: dict[str, Any]) -> bool:
    state = (msg.get("content") or {}).get("execution_state")
    return msg.get("msg_type") == "status" and state in _SERVER_STATES
