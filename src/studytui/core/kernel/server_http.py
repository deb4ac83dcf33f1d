"""Every request studytui sends to a Jupyter Server, Kernel Gateway or JupyterHub, the websocket's
opening one included: one HTTP client, one way to send the token, one proxy rule; headless.

The proxy rule: the server is reached directly, never through an HTTP proxy (``http_proxy``,
``https_proxy`` and ``all_proxy`` are not read). The kernel websocket cannot cross an HTTP proxy,
and the token each request carries must not reach one; a loopback address (an SSH tunnel) least of
all. A server behind a proxy is reached through an SSH tunnel. The client is tornado's own asyncio
client (``SimpleAsyncHTTPClient``: jupyter_server's web layer, with no proxy support at all), used
on the caller's loop, or on a private loop for the one request that must be synchronous (shutting
the kernel down from an exit or signal handler).

Every failure becomes ``RemoteKernelError`` with one line saying what happened and what to do
(``NotFound`` for HTTP 404); tracebacks stay in the kernel log. Answers are JSON read by
``wire.loads`` (nesting bounded).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import threading
from collections.abc import Awaitable, Callable
from typing import Any

from tornado.httpclient import HTTPClientError, HTTPRequest
from tornado.simple_httpclient import SimpleAsyncHTTPClient

from studytui.core.kernel.server_address import ServerAddress
from studytui.core.kernel.server_failures import describe_failure, garbage
from studytui.core.kernel.wire import MalformedMessage, loads

CONNECT_TIMEOUT = 10.0  # seconds to reach the server
REQUEST_TIMEOUT = 30.0  # seconds for an answer
START_TIMEOUT = 180.0  # seconds for a new kernel: a gateway may schedule it on a cluster first


class RemoteKernelError(Exception):
    """A one-line, token-free explanation of what went wrong with the server and what to do."""

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status  # the HTTP status the server answered, if it answered


class NotFound(RemoteKernelError):
    """HTTP 404: no such kernel, or no kernels API at this URL."""


class ServerHttp:
    """The requests to one server; tornado's own log lines go to ``log`` (the kernel log), or nowhere."""

    def __init__(self, address: ServerAddress, log: logging.Logger | None = None) -> None:
        self.address = address
        self._client: SimpleAsyncHTTPClient | None = None
        quiet_tornado(log)

    def close(self) -> None:
        client, self._client = self._client, None
        if client is not None:
            client.close()

    def request(
        self, url: str, method: str = "GET", body: object = None, timeout: float = REQUEST_TIMEOUT
    ) -> HTTPRequest:
        """The request for ``url`` (the websocket's too): the token in its header, no redirects."""
        return HTTPRequest(
            url,
            method=method,
            headers={**self.address.headers(), "Content-Type": "application/json"},
            body=None if body is None else json.dumps(body),
            connect_timeout=CONNECT_TIMEOUT,
            request_timeout=timeout,
            follow_redirects=False,
        )

    async def call(self, method: str, *path: str, body: object = None, timeout: float = REQUEST_TIMEOUT) -> Any:
        """The JSON the server answers (None for an empty answer); RemoteKernelError otherwise."""
        if self._client is None:
            self._client = SimpleAsyncHTTPClient(force_instance=True)
        return await _fetch(self._client, self.address, self.request(self.address.url(*path), method, body, timeout))

    def call_now(self, method: str, *path: str, timeout: float) -> bool:
        """The same request, synchronously and within ``timeout`` seconds, whatever the caller's loop
        (exit and signal handlers): True when the server did it (or had nothing to do: HTTP 404)."""
        request = self.request(self.address.url(*path), method, None, timeout)

        async def once() -> bool:
            client = SimpleAsyncHTTPClient(force_instance=True)
            try:
                await _fetch(client, self.address, request)
            except NotFound:
                return True
            except RemoteKernelError:
                return False
            finally:
                client.close()
            return True

        return _run_soon(once, timeout)


def quiet_tornado(log: logging.Logger | None) -> None:
    """Send tornado's own log lines (a failed TLS handshake...) to the kernel log, not the terminal.

    tornado logs to its module loggers, which reach stderr through logging's last resort; on the
    screen the UI draws, that would garble it.
    """
    for name in ("tornado.general", "tornado.application", "tornado.access"):
        logger = logging.getLogger(name)
        logger.propagate = False
        for handler in log.handlers if log is not None else ():
            if handler not in logger.handlers:
                logger.addHandler(handler)
        if not logger.handlers:
            logger.addHandler(logging.NullHandler())


async def _fetch(client: SimpleAsyncHTTPClient, address: ServerAddress, request: HTTPRequest) -> Any:
    try:
        response = await client.fetch(request)
    except HTTPClientError as exc:
        if exc.code == 404:
            raise NotFound(
                f"{address.shown} has no kernels API: use the URL `jupyter server list` prints", 404
            ) from exc
        raise RemoteKernelError(describe_failure(exc, address), exc.code) from exc
    except Exception as exc:  # network, TLS, a peer that speaks no HTTP: one line each
        raise RemoteKernelError(describe_failure(exc, address)) from exc
    if not response.body:
        return None
    try:
        return loads(response.body)
    except MalformedMessage as exc:
        what = "something that is not JSON" if str(exc) == "not JSON" else f"JSON {exc}"
        raise RemoteKernelError(garbage(address, what)) from exc


def _run_soon(make: Callable[[], Awaitable[bool]], timeout: float) -> bool:
    """``make()`` run to its end or ``timeout`` (then False): on a loop of its own here, or in a
    thread when this thread's loop is running (a signal handler on the app's loop)."""
    outcome: list[bool] = []

    def run() -> None:
        with contextlib.suppress(Exception):
            outcome.append(asyncio.run(asyncio.wait_for(make(), timeout)))

    try:
        asyncio.get_running_loop()
    except RuntimeError:
        run()
    else:
        thread = threading.Thread(target=run, name="studytui-server-request", daemon=True)
        thread.start()
        thread.join(timeout + 0.5)
    return bool(outcome and outcome[0])
