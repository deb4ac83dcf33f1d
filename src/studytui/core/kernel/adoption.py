"""A kernel manager that adopts the process the command line spawned (``core.kernel_spawn``); headless.

jupyter-client's ``AsyncKernelManager`` prepares a launch (kernelspec, ports, connection file,
command, environment) and then calls ``_async_launch_kernel``, the method it documents for
subclasses that launch differently. Here, given the connection the early process was spawned
with, the manager prepares its launch on those ports and that key, and at that point compares: if
the command, environment, folder and connection it would launch are exactly the spawned process's,
and that process still runs, it takes the process instead of launching; otherwise it ends it and
launches its own. Restarts launch as usual.
"""

from __future__ import annotations

import os
from typing import Any

from jupyter_client.manager import AsyncKernelManager

from studytui.core.kernel_spawn import SpawnedKernel

_CONNECTION = ("shell_port", "iopub_port", "stdin_port", "control_port", "hb_port", "ip", "transport",
               "signature_scheme", "key")


class AdoptingKernelManager(AsyncKernelManager):
    """An ``AsyncKernelManager`` that takes a spawned kernel process when it is the one it would launch."""

    spawned: SpawnedKernel | None = None
    adopted: SpawnedKernel | None = None  # the process taken: its connection file goes when it ends

    def offer(self, spawned: SpawnedKernel) -> None:
        """Before ``start_kernel``: launch on the spawned process's connection, and take it if it fits."""
        self.spawned = spawned
        self.cache_ports = False  # the ports are the spawned process's, not new ones from the cache
        self.load_connection_info(spawned.connection)  # type: ignore[arg-type]

    async def _async_launch_kernel(self, kernel_cmd: list[str], **kw: Any) -> None:
        spawned, self.spawned = self.spawned, None
        if spawned is not None:
            if self._fits(spawned, kernel_cmd, kw):
                self._take(spawned)
                return
            self.log.info("the kernel spawned at launch is not the one to launch: launching another")
            spawned.end()
        await super()._async_launch_kernel(kernel_cmd, **kw)

    def _fits(self, spawned: SpawnedKernel, kernel_cmd: list[str], kw: dict[str, Any]) -> bool:
        if spawned.process.poll() is not None:
            return False
        ours = [part.replace(self.connection_file, str(spawned.connection_file)) for part in kernel_cmd]
        env = dict(kw.get("env") or os.environ)
        env["JPY_PARENT_PID"] = str(os.getpid())  # as jupyter-client's launcher adds it
        info = dict(self.get_connection_info())
        key = info.get("key")
        info["key"] = key.decode() if isinstance(key, bytes) else key
        if info.get("curve_publickey") or info.get("curve_secretkey"):
            return False  # the spawned process was given no keys
        return (
            ours == spawned.argv
            and env == spawned.env
            and str(kw.get("cwd")) == spawned.cwd
            and all(info.get(name) == spawned.connection.get(name) for name in _CONNECTION)
        )

    def _take(self, spawned: SpawnedKernel) -> None:
        provisioner: Any = self.provisioner
        provisioner.process = spawned.process
        provisioner.pid = spawned.process.pid
        try:
            provisioner.pgid = os.getpgid(spawned.process.pid)
        except OSError:
            provisioner.pgid = None
        provisioner.cwd = spawned.cwd
        self.adopted = spawned
        self.log.info("took the kernel spawned at launch (pid %s)", spawned.process.pid)
