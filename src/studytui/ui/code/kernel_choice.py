"""Which kernel session the code pane talks to: a local kernel, or one on a Jupyter Server."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from studytui.config import Settings
from studytui.core.kernel import (
    KernelSession,
    KernelState,
    RemoteKernelMemory,
    parse_server_url,
)


def kernel_session(
    settings: Settings, on_state: Callable[[KernelState], None] | None, cwd: Path | None
) -> KernelSession:
    """The session for ``settings``: both kinds offer the same interface to the code pane."""
    if settings.server_url:
        from studytui.core.kernel import RemoteKernelSession  # tornado loads only for a server

        return RemoteKernelSession(
            parse_server_url(settings.server_url, token=settings.server_token),
            settings.kernel_name,
            kernel_id=settings.remote_kernel_id,
            keep_running=settings.keep_remote_kernel,
            memory=RemoteKernelMemory(settings.remote_memory_path),
            on_state=on_state,
            log_path=settings.kernel_log_path,
        )
    return KernelSession(
        settings.kernel_name,
        cwd=cwd,
        on_state=on_state,
        log_path=settings.kernel_log_path,
        existing=settings.existing_kernel,
    )


def server_warning(settings: Settings) -> str | None:
    """A warning worth showing about the server link (a token sent in clear text), if any."""
    if not settings.server_url:
        return None
    return parse_server_url(settings.server_url, token=settings.server_token).clear_text_warning
