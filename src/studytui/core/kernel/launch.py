"""The kernel session of one studytui launch, built from the settings: the one factory; headless.

The command line parses the server URL once (``parse_server_url``) and keeps its base URL and
token in the settings; here they become a ``ServerAddress`` again, without parsing. The command
line builds a local session before importing the screen and calls ``launch_now()``, so the kernel
process boots while Textual is imported and the first screen is built; the app then connects.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from studytui.config import Settings
from studytui.core.kernel.messages import KernelState
from studytui.core.kernel.remote_memory import RemoteKernelMemory
from studytui.core.kernel.server_address import ServerAddress
from studytui.core.kernel.session import KernelSession
from studytui.core.kernel_spawn import kernel_workdir


def kernel_session_for(
    settings: Settings, on_state: Callable[[KernelState], None] | None = None, *, cwd: Path | None = None
) -> KernelSession:
    """The session the settings ask for: on a server (``--server``), attached to a kernel started
    elsewhere (``--existing``), or a kernel started here, in the notes folder (or in ``cwd``, the
    folder the command line already chose for the kernel it spawned)."""
    address = server_address_of(settings)
    if address is not None:
        from studytui.core.kernel.remote_session import RemoteKernelSession  # tornado loads only for a server

        return RemoteKernelSession(
            address,
            settings.kernel_name,
            kernel_id=settings.remote_kernel_id,
            keep_running=settings.keep_remote_kernel,
            memory=RemoteKernelMemory(settings.remote_memory_path),
            on_state=on_state,
            log_path=settings.kernel_log_path,
        )
    return KernelSession(
        settings.kernel_name,
        cwd=cwd or kernel_workdir(settings),
        on_state=on_state,
        log_path=settings.kernel_log_path,
        existing=settings.existing_kernel,
    )


def server_address_of(settings: Settings) -> ServerAddress | None:
    """The server the settings name (its base URL and token as the command line parsed them)."""
    if not settings.server_url:
        return None
    return ServerAddress(settings.server_url, settings.server_token)
