"""The kernels REST API of a Jupyter Server, Kernel Gateway or Enterprise Gateway; headless.

Built on tornado's asyncio HTTP client (already the Jupyter stack's own web layer), so every call
runs on the caller's loop. Every failure becomes ``RemoteKernelError`` with one line saying what
happened and what to do; tracebacks stay in the kernel log.
"""

from __future__ import annotations

import json
import socket
import ssl
from dataclasses import dataclass
from typing import Any

from tornado.httpclient import AsyncHTTPClient, HTTPClientError, HTTPRequest
from tornado.httputil import HTTPInputError
from tornado.iostream import StreamClosedError
from tornado.simple_httpclient import HTTPStreamClosedError

from studytui.core.kernel.server_address import ServerAddress

CONNECT_TIMEOUT = 10.0  # seconds to reach the server
REQUEST_TIMEOUT = 30.0  # seconds for an answer
START_TIMEOUT = 180.0  # seconds for a new kernel: a gateway may schedule it on a cluster first


class RemoteKernelError(Exception):
    """A one-line, token-free explanation of what went wrong with the server and what to do."""


@dataclass(frozen=True)
class KernelSpecInfo:
    name: str
    display_name: str
    language: str


@dataclass(frozen=True)
class RemoteKernel:
    id: str
    name: str
    execution_state: str = ""


class ServerApi:
    """``/api/kernelspecs`` and ``/api/kernels`` of one server."""

    def __init__(self, address: ServerAddress) -> None:
        self.address = address
        self._http = AsyncHTTPClient(force_instance=True)

    def close(self) -> None:
        self._http.close()

    async def kernelspecs(self) -> tuple[str, list[KernelSpecInfo]]:
        """The server's default kernelspec name and every kernelspec it offers."""
        answer = await self._call("GET", "api/kernelspecs")
        try:
            specs = [
                KernelSpecInfo(
                    name,
                    str(entry.get("spec", {}).get("display_name", name)),
                    str(entry.get("spec", {}).get("language", "")),
                )
                for name, entry in answer["kernelspecs"].items()
            ]
            return str(answer.get("default", "")), sorted(specs, key=lambda spec: spec.name)
        except (KeyError, AttributeError, TypeError) as exc:
            raise self._garbage("the kernelspec list") from exc

    async def kernels(self) -> list[RemoteKernel]:
        answer = await self._call("GET", "api/kernels")
        if not isinstance(answer, list):
            raise self._garbage("the kernel list")
        return [self._kernel(entry) for entry in answer]

    async def kernel(self, kernel_id: str) -> RemoteKernel | None:
        """The kernel's model, or None when the server has no such kernel."""
        try:
            return self._kernel(await self._call("GET", "api/kernels", kernel_id))
        except _NotFound:
            return None

    async def start_kernel(self, kernel_name: str) -> RemoteKernel:
        try:
            answer = await self._call("POST", "api/kernels", body={"name": kernel_name}, timeout=START_TIMEOUT)
        except _NotFound as exc:
            raise RemoteKernelError(
                f"{self.address.shown} has no kernels API: use the URL `jupyter server list` prints"
            ) from exc
        except RemoteKernelError as exc:
            if "HTTP 500" in str(exc) or "HTTP 404" in str(exc):
                raise RemoteKernelError(
                    f"the server could not start kernel '{kernel_name}': see `studytui --server URL "
                    "--list-kernels` for the kernels it has"
                ) from exc
            raise
        return self._kernel(answer)

    async def interrupt(self, kernel_id: str) -> None:
        await self._call("POST", "api/kernels", kernel_id, "interrupt", body={})

    async def restart(self, kernel_id: str) -> None:
        await self._call("POST", "api/kernels", kernel_id, "restart", body={}, timeout=START_TIMEOUT)

    async def shutdown(self, kernel_id: str) -> None:
        try:
            await self._call("DELETE", "api/kernels", kernel_id)
        except _NotFound:
            pass  # already gone: what we wanted

    def _kernel(self, entry: Any) -> RemoteKernel:
        try:
            return RemoteKernel(str(entry["id"]), str(entry.get("name", "")), str(entry.get("execution_state", "")))
        except (KeyError, AttributeError, TypeError) as exc:
            raise self._garbage("a kernel's description") from exc

    def _garbage(self, what: str) -> RemoteKernelError:
        return RemoteKernelError(
            f"{self.address.shown} answered {what} in a form Jupyter servers never use: "
            "check the URL points at a Jupyter Server, Kernel Gateway or JupyterHub user server"
        )

    async def _call(
        self, method: str, *path: str, body: dict[str, Any] | None = None, timeout: float = REQUEST_TIMEOUT
    ) -> Any:
        request = HTTPRequest(
            self.address.url(*path),
            method=method,
            headers={**self.address.headers(), "Content-Type": "application/json"},
            body=None if body is None else json.dumps(body),
            connect_timeout=CONNECT_TIMEOUT,
            request_timeout=timeout,
            follow_redirects=False,
        )
        try:
            response = await self._http.fetch(request)
        except HTTPClientError as exc:
            if exc.code == 404:
                raise _NotFound() from exc
            raise RemoteKernelError(describe_failure(exc, self.address)) from exc
        except Exception as exc:  # network, TLS, a peer that speaks no HTTP: one line each
            raise RemoteKernelError(describe_failure(exc, self.address)) from exc
        if not response.body:
            return None
        try:
            return json.loads(response.body)
        except (ValueError, UnicodeDecodeError) as exc:
            raise self._garbage("something that is not JSON") from exc


class _NotFound(Exception):
    """HTTP 404: no such kernel (or no such API)."""


def describe_failure(exc: BaseException, address: ServerAddress) -> str:
    """One line for a failed request: what happened and what to do; never the token."""
    where = address.shown
    if isinstance(exc, HTTPClientError):
        code = exc.code
        if code in (401, 403):
            return (
                f"{where} refused the token (HTTP {code}): copy the URL with ?token= from "
                "`jupyter server list`, or pass --token / set JUPYTER_TOKEN"
            )
        if code in (301, 302, 303, 307, 308):
            return f"{where} redirects (HTTP {code}): it wants a login; use the URL with ?token= that the server prints"
        if code in (502, 503, 504):
            return (
                f"a proxy in front of {where} answered HTTP {code}: the Jupyter server behind it is "
                "not running or not reachable (on JupyterHub, start your server first)"
            )
        if isinstance(exc, HTTPStreamClosedError):
            return (
                f"{where} hung up without an HTTP answer: the server behind this port (or behind "
                "the SSH tunnel) is down or is no Jupyter server; check it runs, and the URL"
            )
        if code == 599:
            return f"{where} did not answer in time: check the network, the URL and the SSH tunnel"
        return f"{where} answered HTTP {code} ({exc.message}): check the URL and the server's log"
    if isinstance(exc, ssl.SSLError | ssl.CertificateError):
        return _tls(where, exc)
    if isinstance(exc, socket.gaierror):
        return f"cannot find the host {address.host}: check the spelling of the URL"
    if isinstance(exc, ConnectionRefusedError):
        return (
            f"nothing listens at {where}: start the server (`jupyter server`) or the SSH tunnel "
            "(ssh -L 8888:localhost:8888 HOST), and check the port"
        )
    if isinstance(exc, HTTPInputError | StreamClosedError):
        return (
                f"{where} hung up without an HTTP answer: the server behind this port (or behind "
                "the SSH tunnel) is down or is no Jupyter server; check it runs, and the URL"
            )
    if isinstance(exc, TimeoutError):
        return f"{where} did not answer in time: check the network, the URL and the SSH tunnel"
    if isinstance(exc, OSError):
        return f"cannot reach {where} ({exc.strerror or type(exc).__name__}): check the network and the URL"
    return f"talking to {where} failed ({type(exc).__name__}): check the URL and the server's log"


def _tls(where: str, exc: BaseException) -> str:
    reason = getattr(exc, "reason", None) or type(exc).__name__
    return (
        f"TLS with {where} failed ({reason}): check the server's certificate, or use an SSH tunnel "
        "and http://localhost"
    )
