"""Asks the kernel which of the open lesson's `requires:` are missing, says so, installs them on demand.

The probe is one silent cell run after the lesson opens (never while a key waits); when the kernel is
just up, a moment later, so that a cell typed during start-up runs first. Installing runs
`%pip install ...` as a visible cell in the code pane, so its output is live and ctrl+c stops it;
when it ends the probe runs again. A widget with nothing to show of its own: it writes to the code
pane, and its probe runs in a worker on it.
"""

from __future__ import annotations

import asyncio

from rich.text import Text
from textual.widget import Widget

from studytui.core.kernel import DisplayData, ExecutionResult, ExecutionStatus, KernelState, Output
from studytui.core.lessons import PROBE_MIME, Lesson, Missing, missing_from_report, probe_code
from studytui.ui.code import CodePane, KernelSession
from studytui.ui.session import StudySession

INSTALL_COMMAND = "Install what this lesson needs"
# Seconds between the kernel coming up and the probe: a learner's first cell, typed while the kernel
# started, went to the kernel behind the probe and answered ~20 ms later.
AFTER_START = 1.0


class Requirements(Widget):
    """What the open lesson's `requires:` miss in the kernel; `missing` is None until the kernel answered."""

    DEFAULT_CSS = "Requirements { display: none; }"

    def __init__(self, session: StudySession, kernel: KernelSession, code: CodePane) -> None:
        super().__init__()
        self.session = session
        self.kernel = kernel
        self.code = code
        self.lesson: Lesson | None = None
        self.missing: Missing | None = None  # None: not asked yet (or the kernel did not answer)
        self.probing = False

    def on_mount(self) -> None:
        self.session.lesson_opened.subscribe(self, self.check, immediate=True)

    def check(self, lesson: Lesson, *, after: float = 0.0) -> None:
        """Ask the kernel about `lesson`'s requirements in the background, `after` seconds from now
        (a kernel still starting is asked once it runs: see kernel_ready)."""
        self.lesson, self.missing = lesson, None
        if lesson.requires and self.kernel.state in (KernelState.IDLE, KernelState.BUSY):
            self.probing = True
            self.run_worker(self._probe(lesson, after), group="requirements", exclusive=True, exit_on_error=False)

    def kernel_ready(self) -> None:
        """The kernel is up (first start, restart): ask about the open lesson if nobody has yet."""
        if self.lesson is not None and self.missing is None and not self.probing:
            self.check(self.lesson, after=AFTER_START)

    async def _probe(self, lesson: Lesson, after: float) -> None:
        try:
            if after:
                await asyncio.sleep(after)
            await self._ask(lesson)
        finally:
            self.probing = False

    async def _ask(self, lesson: Lesson) -> None:
        reports: list[object] = []

        def collect(output: Output) -> None:
            if isinstance(output, DisplayData) and PROBE_MIME in output.data:
                reports.append(output.data[PROBE_MIME])

        result = await self.kernel.execute(probe_code(lesson.requires), collect, silent=True)
        if lesson is not self.lesson or result.status is not ExecutionStatus.OK or not reports:
            return  # another lesson opened meanwhile, or the kernel went away: the next open asks again
        self.missing = missing_from_report(lesson.requires, reports[-1])
        self._show(lesson, self.missing)

    def _show(self, lesson: Lesson, missing: Missing) -> None:
        if not missing:
            return
        if missing.packages:
            names = ", ".join(requirement.label for requirement in missing.packages)
            line = Text(f"This lesson needs {names}: not installed in the kernel. ", style="bold yellow")
            line.append(f"ctrl+p '{INSTALL_COMMAND}' runs: {missing.pip_command()}", style="yellow")
            self.code.write(line)
        if missing.programs:
            names = ", ".join(requirement.program or "" for requirement in missing.programs)
            line = Text(f"This lesson runs {names}, not found on the kernel's PATH. Install it yourself: ",
                        style="bold yellow")
            line.append(" or ".join(missing.system_commands()), style="yellow")
            self.code.write(line)

    def install(self) -> None:
        lesson, missing = self.lesson, self.missing
        if lesson is None or not lesson.requires:
            self.notify("This lesson lists nothing it needs (no 'requires:' in its file).")
            return
        if missing is None:
            self.notify("Still asking the kernel what is missing: try again in a moment.")
            self.check(lesson)
            return
        command = missing.pip_command()
        if command is None:
            self.notify("Everything this lesson's code imports is installed in the kernel."
                        + (" Its system programs are yours to install (see the code pane)." if missing.programs else ""))
            return
        self.code.write(Text(f"Installing into the kernel's environment (ctrl+c stops it): {command}", style="dim"))
        self.code.run_cell(command, on_done=lambda result: self._installed(lesson, result))

    def _installed(self, lesson: Lesson, result: ExecutionResult) -> None:
        if lesson is not self.lesson:
            return
        if result.status is not ExecutionStatus.OK:
            self.code.write(Text(f"The install did not finish ({result.status}).", style="bold red"))
            return
        self.missing = None
        self.code.write(Text("Installed; checking again what this lesson needs.", style="green"))
        self.check(lesson)
