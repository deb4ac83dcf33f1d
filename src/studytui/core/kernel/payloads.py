"""What an ``execute_reply`` asks of the front end besides its outputs (Jupyter's payloads); no I/O.

IPython answers ``obj?``, ``obj??`` and ``%pinfo`` with a ``page`` payload (help for a pager, not an
output), ``%load`` and ``%recall`` with ``set_next_input`` (text for the next cell), ``exit`` and
``quit`` with ``ask_exit``. jupyter console handles the three; unknown payloads are ignored, as
there. Values of the wrong type are dropped one payload at a time, never the whole reply.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from studytui.core.kernel.wire import bool_field, int_field, str_field


@dataclass(frozen=True)
class HelpPage:
    """A page of help to show in a pager, from its top (``start`` is the line the kernel suggests).

    ``data`` is its MIME bundle: ``text/plain`` always (with IPython's ANSI colours), sometimes
    ``text/html``.
    """

    data: dict[str, Any]
    start: int = 0

    @property
    def text(self) -> str:
        """The page as plain text, ANSI colours included (draw it as kernel output)."""
        value = self.data.get("text/plain", "")
        return value if isinstance(value, str) else ""

    def as_output(self) -> dict[str, Any]:
        """The page as the notebook keeps it: a ``display_data`` output of its text formats, as
        JupyterLab adds a page to the cell's outputs (a value that is not text is left out)."""
        data = {mime: value for mime, value in self.data.items() if isinstance(value, str)}
        return {"output_type": "display_data", "data": data, "metadata": {}}


@dataclass(frozen=True)
class NextInput:
    """Text the kernel offers for the next cell; ``replace``: instead of what the cell holds."""

    text: str
    replace: bool


@dataclass(frozen=True)
class ExitRequest:
    """The cell asked to end the front end (``exit``, ``quit``); ``keep_kernel``: leave it running."""

    keep_kernel: bool


@dataclass(frozen=True)
class ReplyPayloads:
    pages: tuple[HelpPage, ...] = ()
    next_input: NextInput | None = None
    exit_request: ExitRequest | None = None


def reply_payloads(reply: dict[str, Any]) -> ReplyPayloads:
    """The payloads of an ``execute_reply`` content (already a checked object)."""
    items = reply.get("payload")
    if not isinstance(items, list):
        return ReplyPayloads()
    pages: list[HelpPage] = []
    next_input: NextInput | None = None
    exit_request: ExitRequest | None = None
    for item in items:
        if not isinstance(item, dict):
            continue
        source = str_field(item, "source")
        if source == "page":
            data = item.get("data")
            if isinstance(data, dict) and isinstance(data.get("text/plain"), str):
                pages.append(HelpPage(dict(data), max(0, int_field(item, "start") or 0)))
        elif source == "set_next_input" and isinstance(item.get("text"), str):
            next_input = NextInput(item["text"], bool_field(item, "replace"))
        elif source == "ask_exit":
            exit_request = ExitRequest(bool_field(item, "keepkernel"))
    return ReplyPayloads(tuple(pages), next_input, exit_request)
