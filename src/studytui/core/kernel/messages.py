"""What a kernel session hands out (states, outputs, results and what a reply asks of the front
end) and how checked Jupyter messages become them; no I/O, no Textual.

One converter per IOPub message type, as in euporie's kernel wrapper: anything else
(status, execute_input, comm traffic) is not an output and yields ``None``. The converters read a
``KernelMessage`` (``wire.py`` checked its envelope) and raise ``MalformedMessage`` when a value
the output needs has the wrong type.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from studytui.core.kernel.payloads import ExitRequest, HelpPage, NextInput
from studytui.core.kernel.wire import (
    KernelMessage,
    bool_field,
    dict_field,
    int_field,
    mime_bundle,
    required_str,
    str_field,
    str_list,
)


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
    # The cell's reply never arrived in a form we could read (a malformed message was skipped,
    # see kernel.log): found out at once when the broken reply still named the cell, or at ctrl+c
    # once the kernel answered a later request.
    REPLY_LOST = "reply lost"


@dataclass(frozen=True)
class ExecutionResult:
    """How an execution ended, and what its reply asks of the front end.

    ``execution_count`` is the kernel's own number for the cell (its ``execute_reply``, else its
    ``execute_input``): the ``In [n]`` to show once it finished, the number in the notebook and in
    a traceback's ``Cell In[n]``. None for a cell run with ``store_history=False`` (it has no
    number of its own) or one the kernel never numbered.

    ``pages`` are help pages to show in a pager (IPython's ``obj?``, ``obj??``, ``%pinfo``),
    ``next_input`` text for the next cell (``%load``, ``%recall``), ``exit_request`` set when the
    cell asked to end the front end (``exit``, ``quit``).
    """

    status: ExecutionStatus
    execution_count: int | None
    pages: tuple[HelpPage, ...] = ()
    next_input: NextInput | None = None
    exit_request: ExitRequest | None = None


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
    return StreamText(name=str_field(content, "name", "stdout"), text=required_str(content, "text", "stream"))


def _execute_result(content: dict[str, Any]) -> RichResult:
    return RichResult(int_field(content, "execution_count"), dict(mime_bundle(content, "data", "execute_result")))


def _display(content: dict[str, Any], *, update: bool) -> DisplayData:
    display_id = dict_field(content, "transient").get("display_id")
    return DisplayData(
        data=dict(mime_bundle(content, "data", "display_data")),
        display_id=display_id if isinstance(display_id, str) else None,
        update=update,
    )


def _error(content: dict[str, Any]) -> ErrorOutput:
    return ErrorOutput(
        ename=str_field(content, "ename"),
        evalue=str_field(content, "evalue"),
        traceback=str_list(content, "traceback", "error"),
    )


def _clear(content: dict[str, Any]) -> ClearOutput:
    return ClearOutput(wait=bool_field(content, "wait"))


_CONVERTERS: dict[str, Callable[[dict[str, Any]], Output]] = {
    "stream": _stream,
    "execute_result": _execute_result,
    "display_data": lambda content: _display(content, update=False),
    "update_display_data": lambda content: _display(content, update=True),
    "error": _error,
    "clear_output": _clear,
}


def message_to_output(msg: KernelMessage) -> Output | None:
    """The output an IOPub message carries, ``None`` if it carries none; ``MalformedMessage`` if broken."""
    convert = _CONVERTERS.get(msg.msg_type)
    return convert(msg.content) if convert else None


def input_request(msg: KernelMessage) -> InputRequest:
    return InputRequest(str_field(msg.content, "prompt"), bool_field(msg.content, "password"))


# Statuses a Jupyter server writes into the IOPub stream itself, not the kernel: "restarting"
# arrives before the server's subscription to the restarted kernel is through.
_SERVER_STATES = frozenset({"restarting", "autorestarting", "dead"})


def announced_by_server(msg: KernelMessage) -> str | None:
    """The kernel state a server announces in this message (restarting, dead), if it is one."""
    state = str_field(msg.content, "execution_state")
    return state if msg.msg_type == "status" and state in _SERVER_STATES else None
