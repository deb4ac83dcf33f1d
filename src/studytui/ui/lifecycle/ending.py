"""The app's ends that nobody chose: a closed terminal or SIGTERM, and an unexpected error.

Either way the notes are saved and the kernel stopped; a signal ends the app within about a second
(exit status 128 + the signal), an error leaves a crash report with the traceback in the workspace.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from textual.app import App

from studytui.core.crash_report import write_crash_report
from studytui.core.kernel import KernelSession
from studytui.ui.controller import Controller

SIGNAL_GRACE = 0.7  # seconds for the player, then the kernel: the whole exit fits in 2 s


class EndingControl(Controller):
    def __init__(
        self,
        app: App[None],
        workspace_dir: Path,
        kernel: KernelSession,
        save_notes: Callable[[], Any],
        keep_study_state: Callable[[], None],
        shut_player: Callable[[], Awaitable[None]],
    ) -> None:
        super().__init__(app)
        self.workspace_dir = workspace_dir
        self.kernel = kernel
        self.save_notes = save_notes
        self.keep_study_state = keep_study_state  # clock paused, position remembered, log closed
        self.shut_player = shut_player
        self.quitting = False  # a quit is under way: a signal has nothing more to do
        self.crash_report: Path | None = None

    def on_signal(self, signum: int) -> None:
        if not self.quitting:
            self.quitting = True
            self.app.call_later(self._quit_on_signal, signum)

    async def _quit_on_signal(self, signum: int) -> None:
        self.save_notes()
        self.keep_study_state()
        with contextlib.suppress(Exception):
            await asyncio.wait_for(self.shut_player(), SIGNAL_GRACE)
        self.kernel.kill_now()  # no time for a polite shutdown; the kernel's state is lost either way
        with contextlib.suppress(Exception):
            await asyncio.wait_for(self.kernel.shutdown(), SIGNAL_GRACE)  # channels, connection file
        self.app.exit(return_code=128 + signum)

    def before_crash(self, error: Exception) -> None:
        """Save what can be saved and write the crash report (once); Textual then exits with code 1."""
        if self.crash_report is not None:
            return
        try:
            self.save_notes()
        except Exception:
            pass
        self.kernel.kill_now()
        self.crash_report = write_crash_report(self.workspace_dir, error)
