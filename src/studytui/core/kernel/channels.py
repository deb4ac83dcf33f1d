"""The client end of a kernel's channels, as the session uses it: a protocol, and its ZeroMQ
implementation over jupyter-client's ``AsyncKernelClient`` (``websocket_channels.py`` is the other,
for a kernel on a Jupyter Server); headless.

As jupyter-client separates ``KernelClient`` (channels) from ``KernelManager`` (the process), the
channels here know nothing of how the kernel was started: a ``KernelProcess`` (``process_api.py``)
starts the kernel and hands the session its channels.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol, TypeVar

import zmq
from jupyter_client.asynchronous.client import AsyncKernelClient

T = TypeVar("T")


class ChannelBlocked(Exception):
    """A request could not go out: the channel has had no kernel to send to for a while."""


class KernelChannels(Protocol):
    """Requests go out at once and return their ``msg_id`` (``ChannelBlocked`` when they cannot);
    replies and IOPub messages come back, as received (unchecked), from the ``get_*_msg``
    coroutines."""

    def execute(self, code: str, silent: bool, store_history: bool, allow_stdin: bool) -> str: ...

    def complete(self, code: str, cursor_pos: int) -> str: ...

    def inspect(self, code: str, cursor_pos: int, detail_level: int) -> str: ...

    def kernel_info(self) -> str: ...

    def input(self, text: str) -> None: ...

    async def get_shell_msg(self) -> object: ...

    async def get_iopub_msg(self) -> object: ...

    async def get_stdin_msg(self) -> object: ...

    def stop_channels(self) -> None: ...


class ZmqChannels:
    """A kernel's ZeroMQ channels through jupyter-client's ``AsyncKernelClient``."""

    def __init__(self, client: AsyncKernelClient) -> None:
        self.client = client

    def execute(self, code: str, silent: bool, store_history: bool, allow_stdin: bool) -> str:
        send = self.client.execute
        return str(_sent(lambda: send(code, silent=silent, store_history=store_history, allow_stdin=allow_stdin)))

    def complete(self, code: str, cursor_pos: int) -> str:
        return str(_sent(lambda: self.client.complete(code, cursor_pos)))

    def inspect(self, code: str, cursor_pos: int, detail_level: int) -> str:
        return str(_sent(lambda: self.client.inspect(code, cursor_pos, detail_level=detail_level)))

    def kernel_info(self) -> str:
        return str(_sent(self.client.kernel_info))

    def input(self, text: str) -> None:
        _sent(lambda: self.client.input(text))

    async def get_shell_msg(self) -> object:
        return await self._get(self.client.get_shell_msg)

    async def get_iopub_msg(self) -> object:
        return await self._get(self.client.get_iopub_msg)

    async def get_stdin_msg(self) -> object:
        return await self._get(self.client.get_stdin_msg)

    def send_interrupt(self) -> None:
        """An ``interrupt_request`` on the control channel (a kernel with no process of ours to signal)."""
        _sent(lambda: self.client.control_channel.send(self.client.session.msg("interrupt_request", {})))

    def stop_channels(self) -> None:
        self.client.stop_channels()

    @staticmethod
    async def _get(receive: Any) -> object:
        result: object = await receive()  # jupyter-client types these as plain dicts, not coroutines
        return result


def _sent(send: Callable[[], T]) -> T:
    """jupyter-client's send, which times out (``tuning.client_options``) instead of blocking."""
    try:
        return send()
    except zmq.Again as exc:
        raise ChannelBlocked("the kernel took no request for a second: it is not listening") from exc
