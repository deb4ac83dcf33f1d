"""Where a kernel runs and how it is started, interrupted, restarted and stopped, as the session
sees it (jupyter-client's ``KernelManager``, for a kernel here or on a server); headless.

Three kinds keep this interface: ``LocalKernel`` (a process studytui starts), ``AttachedKernel``
(``--existing``: a connection file of a kernel started elsewhere) and ``ServerKernel`` (a kernel on
a Jupyter Server or gateway). None of them reads a message: each hands the session the channels
of the kernel it started (``channels.py``), and the session routes what comes back.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from studytui.core.kernel.channels import KernelChannels
from studytui.core.kernel_spawn import SpawnedKernel


class KernelStartError(Exception):
    """The kernel could not be started or never answered kernel_info."""


# Launches of a kernel started here that exits before it answers: jupyter-client picks free ports
# before the kernel binds them, and another program can take one meanwhile (its restarter retries too).
START_ATTEMPTS = 3


class KernelExitedAtStart(KernelStartError):
    """The kernel's process ended before it answered (a port it was given taken meanwhile, a broken
    environment): a kernel launched here is launched again on new ports, as jupyter-client's
    restarter does for a kernel that has never been alive."""


class KernelLost(KernelStartError):
    """A kernel on a server that cannot be reached or is gone (one line: what happened and what to
    do); the session counts it as lost (``lost_reason``)."""


# Called by a link that dropped on its own (a server's websocket; ZeroMQ links never drop).
LinkDropped = Callable[[KernelChannels], None]


class KernelProcess(Protocol):
    """A kernel's life outside the session's messages."""

    kernel_name: str  # the kernelspec (a server may report another for a kernel attached by id)
    log: logging.Logger  # jupyter-client's and the transport's log lines: the kernel log, never stderr
    start_notice: str | None  # something the learner should know once it started

    @property
    def where(self) -> str:
        """The host a kernel on a server runs on; empty for a kernel on this machine."""
        ...

    @property
    def attached(self) -> bool:
        """Started elsewhere (``--existing``, a kernel id): quitting leaves it running."""
        ...

    @property
    def existing(self) -> Path | None:
        """The connection file of a local kernel started elsewhere."""
        ...

    @property
    def fresh(self) -> bool:
        """The kernel just started has run no cell: its execution count is 0."""
        ...

    @property
    def clear_text_warning(self) -> str | None:
        """A warning when a token would cross a network unencrypted."""
        ...

    def launch_now(self, spawned: SpawnedKernel | None = None) -> None:
        """Start what can start before any event loop runs (a local process, or adopt ``spawned``); else nothing."""

    async def start(self, dropped: LinkDropped) -> KernelChannels:
        """Start or attach to the kernel; its channels, open (not yet proven to answer)."""
        ...

    async def ready(self) -> None:
        """After the kernel answered kernel_info: what must be connected before the first cell."""

    async def is_alive(self) -> bool: ...

    async def restart(self, dropped: LinkDropped) -> KernelChannels:
        """A fresh kernel in place of this one (its channels); KernelStartError where it cannot be."""
        ...

    async def reopen(self, dropped: LinkDropped) -> KernelChannels:
        """Fresh channels to the same kernel (its replies stopped reaching the old ones)."""
        ...

    async def reconnect(self, channels: KernelChannels) -> None:
        """Bring a dropped link back; KernelLost when it cannot come back."""

    async def interrupt(self) -> None:
        """Ask the running code to stop (SIGINT, a control message or the server's endpoint)."""

    async def stop(self, *, graceful: bool) -> None:
        """Stop the kernel (one started elsewhere is left running); leaves nothing behind."""

    def kill_now(self) -> None:
        """Stop the kernel at once, synchronously (atexit and signal handlers)."""

    def close(self) -> None:
        """Release what the process holds (log files, HTTP clients); after ``stop``."""
