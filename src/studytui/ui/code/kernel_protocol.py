"""What the screen needs of a kernel session: `core.kernel.KernelSession` (a local kernel, or one on a
Jupyter Server) has it, and so does the in-process fake the UI tests use where the kernel is not
what they test."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

from studytui.core.kernel import ExecutionResult, InputRequest, KernelState, Output


class KernelSession(Protocol):
    on_state: Callable[[KernelState], None] | None  # called on the loop at every change of state
    start_notice: str | None  # something the learner should know once it started

    @property
    def kernel_name(self) -> str: ...

    @property
    def existing(self) -> Path | None: ...  # attached to a kernel started elsewhere (--existing)

    @property
    def execution_count(self) -> int: ...  # the kernel's latest In [n] (0 after a start or restart)

    @property
    def state(self) -> KernelState: ...

    @property
    def where(self) -> str: ...  # the server's address, empty for a local kernel

    @property
    def lost_reason(self) -> str | None: ...

    @property
    def attached(self) -> bool: ...

    async def start(self) -> None: ...

    async def restart(self) -> None: ...

    async def shutdown(self) -> None: ...

    async def interrupt(self) -> None: ...

    async def execute(
        self,
        code: str,
        on_output: Callable[[Output], None],
        on_input: Callable[[InputRequest], None] | None = None,
        silent: bool = False,
        store_history: bool | None = None,
    ) -> ExecutionResult: ...

    def answer_input(self, text: str) -> None: ...

    async def complete(self, code: str, cursor_pos: int, timeout: float = 5.0) -> dict[str, Any] | None: ...

    async def inspect(self, code: str, cursor_pos: int, timeout: float = 5.0) -> dict[str, Any] | None: ...

    def kill_now(self) -> None: ...
