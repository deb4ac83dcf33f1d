"""Asks the kernel which of the open lesson's `requires:` are missing, says so, installs them on demand.

The probe is one silent cell that imports nothing (see core/lessons/requirements.py), run after the
lesson opens (never while a key waits); when the kernel is just up, a moment later, so that a cell
typed during start-up runs first. It runs only for the bundled curriculum and lessons folders the
learner trusts; for others the pane says what the lesson lists, unchecked.

Installing is a decision of its own: a dialog that names the lessons folder and lists exactly what
pip will be given, answered only with y. Then the installer runs as a visible cell in the code pane
(its output live, ctrl+c stops it); when it ends well the probe runs again, and when pip failed or was
stopped the pane says so. A widget with nothing to show of its own: it writes to the code pane, and
its probe runs in a worker on it.
"""

from __future__ import annotations

import asyncio

from rich.text import Text
from textual.widget import Widget

from studytui.config import Settings
from studytui.core.kernel import DisplayData, ExecutionResult, ExecutionStatus, KernelState, Output
from studytui.core.lessons import (
    PROBE_MIME,
    TORCH_CPU_INDEX,
    InstallPlan,
    Lesson,
    Missing,
    install_call,
    install_definition,
    install_plan,
    missing_from_report,
    pip_names,
    probe_code,
)
from studytui.ui.code import CodePane, KernelSession
from studytui.ui.exercises import Exercises
from studytui.ui.requirements.install_dialog import InstallDialog
from studytui.ui.session import StudySession
from studytui.ui.widgets.safe_text import data_text

INSTALL_COMMAND = "Install what this lesson needs"
# Seconds between the kernel coming up and the probe: a learner's first cell, typed while the kernel
# started, went to the kernel behind the probe and answered ~20 ms later.
AFTER_START = 1.0


class Requirements(Widget):
    """What the open lesson's `requires:` miss in the kernel; `missing` is None until the kernel answered."""

    DEFAULT_CSS = "Requirements { display: none; }"

    def __init__(
        self, settings: Settings, session: StudySession, kernel: KernelSession, code: CodePane, exercises: Exercises
    ) -> None:
        super().__init__()
        self.session = session
        self.kernel = kernel
        self.code = code
        self.exercises = exercises  # whose trust lets a lesson's code be asked of the kernel
        # Never looked in for an installed package (notes, lessons).
        self.private_folders = tuple(str(folder) for folder in (settings.notes_dir, *settings.lesson_roots))
        # Where torch comes from without an NVIDIA GPU ("": pip's own index).
        self.torch_cpu_index = TORCH_CPU_INDEX if settings.torch_cpu_index is None else settings.torch_cpu_index
        self.lesson: Lesson | None = None
        self.missing: Missing | None = None  # None: not asked yet (or the kernel did not answer)
        self.unchecked: Lesson | None = None  # the lesson whose list was shown unchecked (an untrusted folder)
        self.probing = False

    def on_mount(self) -> None:
        self.session.lesson_opened.subscribe(self, self.check, immediate=True)

    def check(self, lesson: Lesson, *, after: float = 0.0) -> None:
        """Ask the kernel about `lesson`'s requirements in the background, `after` seconds from now
        (a kernel still starting is asked once it runs: see kernel_ready)."""
        self.lesson, self.missing = lesson, None
        if lesson.needs and self.kernel.state in (KernelState.IDLE, KernelState.BUSY):
            self.probing = True
            self.run_worker(self._probe(lesson, after), group="requirements", exclusive=True, exit_on_error=False)

    def kernel_ready(self) -> None:
        """The kernel is up (first start, restart): ask about the open lesson if nobody has yet."""
        lesson = self.lesson
        if lesson is not None and self.missing is None and not self.probing and lesson is not self.unchecked:
            self.check(lesson, after=AFTER_START)

    async def _probe(self, lesson: Lesson, after: float) -> None:
        try:
            if after:
                await asyncio.sleep(after)
            if not self.exercises.trusts(lesson):
                self._unchecked(lesson)
                return
            await self._ask(lesson)
        finally:
            self.probing = False

    def _unchecked(self, lesson: Lesson) -> None:
        names = pip_names(tuple(r for r in lesson.needs if r.import_name))
        if lesson is not self.lesson or not names or lesson is self.unchecked:
            return
        self.unchecked = lesson
        line = Text("This lesson lists ", style="yellow")
        line.append(data_text(", ".join(names)))
        line.append(f"; not checked in the kernel (a lessons folder you have not trusted). ctrl+p '{INSTALL_COMMAND}' "
                    "shows what it would install and asks first.")
        self.code.write(line)

    async def _ask(self, lesson: Lesson) -> None:
        reports: list[object] = []

        def collect(output: Output) -> None:
            if isinstance(output, DisplayData) and PROBE_MIME in output.data:
                reports.append(output.data[PROBE_MIME])

        code = probe_code(lesson.needs, self.private_folders)
        result = await self.kernel.execute(code, collect, silent=True)
        if lesson is not self.lesson or result.status is not ExecutionStatus.OK or not reports:
            return  # another lesson opened meanwhile, or the kernel went away: the next open asks again
        self.missing = missing_from_report(lesson.needs, reports[-1])
        self._show(self.missing)

    def _show(self, missing: Missing) -> None:
        if missing.packages:
            names = ", ".join(requirement.label for requirement in missing.packages)
            line = data_text(f"This lesson needs {names}: not installed in the kernel. ", style="bold yellow")
            line.append(data_text(f"ctrl+p '{INSTALL_COMMAND}' installs {' '.join(missing.pip_names())}, "
                                  "after asking you.", style="yellow"))
            self.code.write(line)
        if missing.programs:
            names = ", ".join(requirement.program or "" for requirement in missing.programs)
            line = data_text(f"This lesson runs {names}, not found on the kernel's PATH. Install it yourself: ",
                             style="bold yellow")
            line.append(data_text(" or ".join(missing.system_commands()), style="yellow"))
            self.code.write(line)

    def install(self) -> None:
        lesson, missing = self.lesson, self.missing
        if lesson is None or not lesson.needs:
            self.notify("This lesson lists nothing it needs (no 'requires:' in its file).")
            return
        checked = self.exercises.trusts(lesson)
        if checked and missing is None:
            self.notify("Still asking the kernel what is missing: try again in a moment.")
            if not self.probing:
                self.check(lesson)
            return
        packages = (missing.packages if checked and missing is not None
                    else tuple(r for r in lesson.needs if r.import_name))
        plan = install_plan(pip_names(packages))
        if not plan.packages:
            if plan.refused:
                self._write_refused(plan)
                self.notify("Nothing to install: what this lesson lists is not a plain package name "
                            "(see the code pane).")
            else:
                self.notify("Everything this lesson's code imports is installed in the kernel."
                            + (" Its system programs are yours to install (see the code pane)."
                               if missing is not None and missing.programs else ""))
            return
        dialog = InstallDialog(self.exercises.trust_folder_of(lesson), lesson.title, plan, checked)

        def answered(yes: bool | None) -> None:
            self._answered(lesson, plan, yes)

        self.app.push_screen(dialog, answered)

    def _write_refused(self, plan: InstallPlan) -> None:
        for name, why in plan.refused:
            line = Text("Refused, not installed: ", style="bold red")
            line.append(data_text(f"{name}: {why}"))
            self.code.write(line)

    def _answered(self, lesson: Lesson, plan: InstallPlan, yes: bool | None) -> None:
        if not yes:
            self.code.write(Text("Nothing installed: the install was not confirmed.", style="dim"))
            return
        self.screen.set_focus(self.code.input_widget)  # where it runs: ctrl+c there stops it
        self._write_refused(plan)
        self.code.write(Text("Installing into the kernel's environment (ctrl+c in the code cell stops it): "
                        + " ".join(plan.packages), style="dim"))
        # The installer is defined by a silent cell, then called by a visible one; the kernel runs them
        # in the order asked, before any cell typed after the y.
        self.run_worker(self._define_installer(), group="install", exclusive=True, exit_on_error=False)

        def installed(result: ExecutionResult) -> None:
            self._installed(lesson, result)

        self.code.run_cell(install_call(plan, self.torch_cpu_index), on_done=installed)

    async def _define_installer(self) -> None:
        await self.kernel.execute(install_definition(), lambda output: None, silent=True)

    def _installed(self, lesson: Lesson, result: ExecutionResult) -> None:
        if result.status is ExecutionStatus.ERROR:
            self.code.write(Text("Not installed: pip failed or was stopped (the line above says which).",
                                 style="bold red"))
            return
        if result.status is not ExecutionStatus.OK:
            self.code.write(Text(f"The install did not finish ({result.status}).", style="bold red"))
            return
        if lesson is not self.lesson:
            return
        self.missing = None
        if self.exercises.trusts(lesson):
            self.code.write(Text("Installed; checking again what this lesson needs.", style="green"))
            self.check(lesson)
        else:
            self.code.write(Text("Installed.", style="green"))
