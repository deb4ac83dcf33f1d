"""Which kernel session the code pane talks to: the core's one factory decides (a local kernel, one
attached with --existing, or one on a Jupyter Server)."""

from __future__ import annotations

from collections.abc import Callable

from studytui.config import Settings
from studytui.core.kernel import KernelSession, KernelState, kernel_session_for, server_address_of


def kernel_session(settings: Settings, on_state: Callable[[KernelState], None] | None = None) -> KernelSession:
    """The session for ``settings`` (where a local kernel runs is the core's choice: the notes folder)."""
    return kernel_session_for(settings, on_state)


def server_warning(settings: Settings) -> str | None:
    """A warning worth showing about the server link (a token sent in clear text), if any."""
    address = server_address_of(settings)
    return address.clear_text_warning if address is not None else None
