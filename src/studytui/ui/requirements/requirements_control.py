"""Asks the kernel which of the open lesson's `requires:` are missing, says so, installs them on demand.

The probe is one silent cell that imports nothing (see core/lessons/requirements.py), run after the
lesson opens (never while a key waits); when the kernel is just up, a moment later, so that a cell
typed during start-up runs first. It runs only for the bundled curriculum and lessons folders the
learner trusts; for others the pane says what the lesson lists, unchecked.

Installing is a decision of its own: a dialog that names the lessons folder and lists exactly what
pip will be given, answered only with y. Then the installer runs as a visible cell in the code pane
(its output live, ctrl+c stops it); when it ends well the probe runs again, and when pip failed or was
stopped the pane says so.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rich.text import Text
from textual.screen import Screen

from studytui.core.kernel import DisplayData, ExecutionResult, ExecutionStatus, KernelSession, KernelState, Output
from studytui.core.lessons import (
    PROBE_MIME,
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
from studytui.ui.requirements.install_dialog import InstallDialog
from studytui.ui.widgets.safe_text import data_text

INSTALL_COMMAND = "Install what this lesson needs"
# Seconds between the kernel coming up and the probe: a learner's first cell, typed while the kernel
# started, went to the kernel behind the probe and answered ~20 ms later.
AFTER_START = 1.0


@dataclass
class RequirementsController:
    kernel: KernelSession
    write: Callable[[Text], object]  # a line in the code pane's log
    run_cell: Callable[[str, Callable[[ExecutionResult], None]], None]  # a visible cell, then a callback
    start_worker: Callable[[Coroutine[Any, Any, None], str], object]  # the app's run_worker: work, exclusive group
    notify: Callable[[str], None]
    push_screen: Callable[[Screen[bool], Callable[[bool | None], None]], object]
    lessons_folder: Callable[[Lesson], Path]  # the lesson's pack, named in the install dialog
    trusted: Callable[[Lesson], bool]  # the bundled curriculum, an own course, or a folder the learner trusts
    private_folders: tuple[str, ...] = ()  # never looked in for an installed package (notes, lessons)
    torch_cpu_index: str = ""  # where torch comes from without an NVIDIA GPU ("" : pip's own index)
    focus_code: Callable[[], object] = lambda: None  # so ctrl+c reaches the running install
    lesson: Lesson | None = None
    missing: Missing | None = None  # None: not asked yet (or the kernel did not answer)
    unchecked: Lesson | None = None  # the lesson whose list was shown unchecked (an untrusted folder)

    probing: bool = False

    def check(self, lesson: Lesson, *, after: float = 0.0) -> None:
        """Ask the kernel about `lesson`'s requirements in the background, `after` seconds from now
        (a kernel still starting is asked once it runs: see kernel_ready)."""
        self.lesson, self.missing = lesson, None
        if lesson.needs and self.kernel.state in (KernelState.IDLE, KernelState.BUSY):
            self.probing = True
            self.start_worker(self._probe(lesson, after), "requirements")

    def kernel_ready(self) -> None:
        """The kernel is up (first start, restart): ask about the open lesson if nobody has yet."""
        lesson = self.lesson
        if lesson is not None and self.missing is None and not self.probing and lesson is not self.unchecked:
            self.check(lesson, after=AFTER_START)

    async def _probe(self, lesson: Lesson, after: float) -> None:
        try:
            if after:
                await asyncio.sleep(after)
            if not self.trusted(lesson):
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
        self.write(line)

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
            self.write(line)
        if missing.programs:
            names = ", ".join(requirement.program or "" for requirement in missing.programs)
            line = data_text(f"This lesson runs {names}, not found on the kernel's PATH. Install it yourself: ",
                             style="bold yellow")
            line.append(data_text(" or ".join(missing.system_commands()), style="yellow"))
            self.write(line)

    def action_install_requirements(self) -> None:  # the App's palette command (forward_to)
        self.focus_code()
        self.install()

    def install(self) -> None:
        lesson, missing = self.lesson, self.missing
        if lesson is None or not lesson.needs:
            self.notify("This lesson lists nothing it needs (no 'requires:' in its file).")
            return
        checked = self.trusted(lesson)
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
        dialog = InstallDialog(self.lessons_folder(lesson), lesson.title, plan, checked)
        self.push_screen(dialog, lambda yes: self._answered(lesson, plan, yes))

    def _write_refused(self, plan: InstallPlan) -> None:
        for name, why in plan.refused:
            line = Text("Refused, not installed: ", style="bold red")
            line.append(data_text(f"{name}: {why}"))
            self.write(line)

    def _answered(self, lesson: Lesson, plan: InstallPlan, yes: bool | None) -> None:
        if not yes:
            self.write(Text("Nothing installed: the install was not confirmed.", style="dim"))
            return
        self._write_refused(plan)
        self.write(Text("Installing into the kernel's environment (ctrl+c in the code cell stops it): "
                        + " ".join(plan.packages), style="dim"))
        # The installer is defined by a silent cell, then called by a visible one; the kernel runs them
        # in the order asked, before any cell typed after the y.
        self.start_worker(self._define_installer(), "install")
        self.run_cell(install_call(plan, self.torch_cpu_index), lambda result: self._installed(lesson, result))

    async def _define_installer(self) -> None:
        await self.kernel.execute(install_definition(), lambda output: None, silent=True)

    def _installed(self, lesson: Lesson, result: ExecutionResult) -> None:
        if result.status is ExecutionStatus.ERROR:
            self.write(Text("Not installed: pip failed or was stopped (the line above says which).", style="bold red"))
            return
        if result.status is not ExecutionStatus.OK:
            self.write(Text(f"The install did not finish ({result.status}).", style="bold red"))
            return
        if lesson is not self.lesson:
            return
        self.missing = None
        if self.trusted(lesson):
            self.write(Text("Installed; checking again what this lesson needs.", style="green"))
            self.check(lesson)
        else:
            self.write(Text("Installed.", style="green"))
