"""Textual's Linux driver, made safe for a terminal that goes away (closed window, killed pane).

Textual writes to the terminal from a writer thread fed by a bounded queue. When the terminal is
gone a write raises EIO, the thread dies, the queue fills, and the next write (or the driver's
stop, which queues a sentinel) blocks the app forever. Here the output swallows the error and
keeps draining; the input thread's EIO is turned into the SIGHUP the app already handles.
"""

from __future__ import annotations

import os
import signal
from typing import IO, Any

from textual.driver import Driver

from studytui.ui.textual_private import LinuxDriver, driver_app, driver_file, set_driver_file


class TerminalOutput:
    """The terminal as Textual's writer thread sees it: once it is gone, writes go nowhere."""

    def __init__(self, file: IO[str]) -> None:
        self._file = file
        self.gone = False

    def write(self, text: str) -> int:
        if not self.gone:
            try:
                self._file.write(text)
            except (OSError, ValueError):
                self.gone = True
        return len(text)

    def flush(self) -> None:
        if not self.gone:
            try:
                self._file.flush()
            except (OSError, ValueError):
                self.gone = True

    def __getattr__(self, name: str) -> Any:
        return getattr(self._file, name)


class HangupSafeLinuxDriver(LinuxDriver):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_driver_file(self, TerminalOutput(driver_file(self)))

    def _run_input_thread(self) -> None:
        try:
            self.run_input_thread()
        except OSError:  # EIO: the terminal hung up; the app quits as on SIGHUP
            os.kill(os.getpid(), signal.SIGHUP)
        except BaseException:  # as Textual does: anything else is reported as it exits
            import rich.traceback

            app = driver_app(self)
            app.call_later(app.panic, rich.traceback.Traceback())


def hangup_safe(driver_class: type[Driver]) -> type[Driver]:
    """The driver to use instead of `driver_class` (only the Linux driver needs the fix)."""
    return HangupSafeLinuxDriver if driver_class is LinuxDriver else driver_class
