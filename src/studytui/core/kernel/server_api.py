"""The kernels REST API of a Jupyter Server, Kernel Gateway or Enterprise Gateway: the
kernelspecs, the running kernels, and starting, interrupting, restarting and shutting one down;
headless. Requests go through ``ServerHttp`` (one client, one proxy rule); every failure is a
``RemoteKernelError`` of one line.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from studytui.core.kernel.server_address import ServerAddress
from studytui.core.kernel.server_failures import garbage
from studytui.core.kernel.server_http import START_TIMEOUT, NotFound, RemoteKernelError, ServerHttp

_KILL_WAIT = 2.0  # seconds a synchronous shutdown request may take at exit


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

    def __init__(self, address: ServerAddress, log: logging.Logger | None = None) -> None:
        self.address = address
        self.http = ServerHttp(address, log)

    def close(self) -> None:
        self.http.close()

    async def kernelspecs(self) -> tuple[str, list[KernelSpecInfo]]:
        """The server's default kernelspec name and every kernelspec it offers."""
        answer = await self.http.call("GET", "api/kernelspecs")
        try:
            specs = [_spec(name, entry) for name, entry in answer["kernelspecs"].items()]
            default = answer.get("default", "")
        except (KeyError, AttributeError, TypeError) as exc:
            raise RemoteKernelError(garbage(self.address, "the kernelspec list")) from exc
        return default if isinstance(default, str) else "", sorted(specs, key=lambda spec: spec.name)

    async def kernels(self) -> list[RemoteKernel]:
        """The running kernels; RemoteKernelError with ``status`` 403 when the server will not list
        them (a Kernel Gateway unless started with list_kernels)."""
        answer = await self.http.call("GET", "api/kernels")
        if not isinstance(answer, list):
            raise RemoteKernelError(garbage(self.address, "the kernel list"))
        return [self._kernel(entry) for entry in answer]

    async def kernel(self, kernel_id: str) -> RemoteKernel | None:
        """The kernel's model, or None when the server has no such kernel."""
        try:
            return self._kernel(await self.http.call("GET", "api/kernels", _part(kernel_id)))
        except NotFound:
            return None

    async def start_kernel(self, kernel_name: str) -> RemoteKernel:
        try:
            answer = await self.http.call("POST", "api/kernels", body={"name": kernel_name}, timeout=START_TIMEOUT)
        except NotFound:
            raise
        except RemoteKernelError as exc:
            if exc.status == 500:
                raise RemoteKernelError(
                    f"the server could not start kernel '{kernel_name}': see `studytui --server URL "
                    "--list-kernels` for the kernels it has",
                    exc.status,
                ) from exc
            raise
        return self._kernel(answer)

    async def interrupt(self, kernel_id: str) -> None:
        await self.http.call("POST", "api/kernels", _part(kernel_id), "interrupt", body={})

    async def restart(self, kernel_id: str) -> None:
        await self.http.call("POST", "api/kernels", _part(kernel_id), "restart", body={}, timeout=START_TIMEOUT)

    async def shutdown(self, kernel_id: str) -> None:
        try:
            await self.http.call("DELETE", "api/kernels", _part(kernel_id))
        except NotFound:
            pass  # already gone: what we wanted

    def shutdown_now(self, kernel_id: str) -> bool:
        """Shut the kernel down synchronously and briefly (exit and signal handlers); True once done."""
        return self.http.call_now("DELETE", "api/kernels", _part(kernel_id), timeout=_KILL_WAIT)

    def _kernel(self, entry: Any) -> RemoteKernel:
        try:
            kernel_id, name, state = entry["id"], entry.get("name", ""), entry.get("execution_state", "")
        except (KeyError, AttributeError, TypeError) as exc:
            raise RemoteKernelError(garbage(self.address, "a kernel's description")) from exc
        if not isinstance(kernel_id, str) or not kernel_id:
            raise RemoteKernelError(garbage(self.address, "a kernel's description"))
        return RemoteKernel(kernel_id, name if isinstance(name, str) else "", state if isinstance(state, str) else "")


def _spec(name: str, entry: Any) -> KernelSpecInfo:
    spec = entry.get("spec", {}) if isinstance(entry, dict) else {}
    spec = spec if isinstance(spec, dict) else {}
    display_name, language = spec.get("display_name", name), spec.get("language", "")
    return KernelSpecInfo(
        name, display_name if isinstance(display_name, str) else name, language if isinstance(language, str) else ""
    )


def _part(kernel_id: str) -> str:
    """A kernel id as one path segment (a server's ids are data: no slash of theirs makes a path)."""
    return quote(kernel_id, safe="")
