"""The kernel's life as the code pane shows it: starting it (or attaching to one started elsewhere),
its state in the header and the notices when it dies or is lost, interrupting a cell (with a
restart offered when the interrupt is ignored), restarting it and attaching again."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path

from textual.app import App

from studytui.config import Settings
from studytui.core.kernel import KernelSession, KernelState
from studytui.ui.code.code_pane import CodePane, LiveCell
from studytui.ui.code.kernel_choice import server_warning
from studytui.ui.code.kernel_notices import attach_failed_notice, attached_kernel_lost_notice
from studytui.ui.controller import Controller, work
from studytui.ui.messages import KernelStateChanged
from studytui.ui.screens.confirm import ConfirmScreen
from studytui.ui.widgets.header import LessonHeader
from studytui.ui.widgets.safe_text import data_text

ESCALATE_AFTER = 3.0  # seconds an interrupted cell may keep running before a restart is offered
RESTART_KEY = "f9"  # also in kernel_notices


class KernelLifecycle(Controller):
    """Starts, interrupts and restarts the kernel session behind the code pane.

    `running_cell` gives the cell the kernel runs now (None when none runs); `restarted` is called
    once a restart succeeded.
    """

    def __init__(
        self,
        app: App[None],
        settings: Settings,
        kernel: KernelSession,
        code: CodePane,
        header: LessonHeader,
        running_cell: Callable[[], LiveCell | None],
        restarted: Callable[[], None],
    ) -> None:
        super().__init__(app)
        self.settings = settings
        self.kernel = kernel
        self.code = code
        self.header = header
        self.running_cell = running_cell
        self.restarted = restarted

    # ----- starting and state -----------------------------------------------------------------

    @work(group="kernel", exit_on_error=False)
    async def start_kernel(self) -> None:
        existing = self.kernel.existing
        self.code.border_subtitle = (
            data_text(f"attached: {Path(existing).name}" if existing else f"kernel: {self.kernel.kernel_name}")
        )
        self._show_where()
        warning = server_warning(self.settings)
        if warning:
            self.notify(warning, severity="warning", timeout=15, markup=False)  # a host name is data
        try:
            await self.kernel.start()
        except Exception as error:  # any failure to start is shown, never a crash
            if existing:
                self.code.show_notice(attach_failed_notice(existing, error), style="bold red")
                return
            self.code.show_notice(
                f"The kernel '{self.settings.kernel_name}' did not start: {error}. "
                f"Press {RESTART_KEY} to try again.",
                style="bold red",
            )
        if self.kernel.start_notice:
            self.code.show_notice(self.kernel.start_notice)
            self.kernel.start_notice = None
        self._show_where()

    def _show_where(self) -> None:
        """A kernel on a server shows as `python3 @ host` (its name is known once attached)."""
        if self.kernel.where:
            self.header.kernel_where = f"{self.kernel.kernel_name} @ {self.kernel.where}"
            self.code.border_subtitle = data_text(f"kernel: {self.header.kernel_where}")

    @work(group="kernel-control", exclusive=True, exit_on_error=False)
    async def _attach_again(self) -> None:
        """An attached kernel that never answered or stopped answering: connect to it afresh."""
        self.code.show_notice("attaching to the kernel again...")
        await self.kernel.shutdown()  # our side only: an attached kernel is never stopped
        await self.start_kernel().wait()
        if self.kernel.state is KernelState.IDLE:
            self.code.show_notice("attached again: the kernel's variables are as it kept them.", style="green")

    def state_changed(self, message: KernelStateChanged) -> None:
        self.header.kernel_state = str(message.state)
        self.code.input_widget.busy = message.state is KernelState.BUSY
        if message.state is KernelState.DEAD and self.kernel.attached:
            notice = attached_kernel_lost_notice()
            self.code.show_notice(notice, style="bold red")
            self.notify(notice, severity="error", timeout=10)
        elif message.state is KernelState.DEAD and self.kernel.lost_reason:
            self.code.show_notice(
                f"Kernel lost: {self.kernel.lost_reason}. Press {RESTART_KEY} to try again.", style="bold red"
            )
            self.notify(f"The kernel on {self.kernel.where} is lost. Press {RESTART_KEY} to try again.",
                        severity="error", timeout=10, markup=False)
        elif message.state is KernelState.DEAD:
            self.code.show_notice(
                f"The kernel died (its variables are gone). Press {RESTART_KEY} to restart it.",
                style="bold red",
            )
            self.notify(
                f"The kernel died. Press {RESTART_KEY} to restart it.", severity="error", timeout=10
            )

    # ----- interrupt and restart --------------------------------------------------------------

    def interrupt(self) -> None:
        self.code.show_notice("interrupting...")
        self.run_worker(self.kernel.interrupt(), group="kernel-control", exit_on_error=False)
        running = self.running_cell()
        if running is not None:
            self.set_timer(ESCALATE_AFTER, partial(self._escalate, running))

    def _escalate(self, run: LiveCell) -> None:
        if self.running_cell() is not run:
            return
        cell = run.number
        self.code.show_notice(
            f"In [{cell}] ignores the interrupt: it is probably inside C code (a long numpy or "
            f"torch call, sum(range(...))). Only a restart stops it ({RESTART_KEY}).",
            style="bold red",
        )
        self.confirm_restart(f"In [{cell}] did not stop after the interrupt.\n")

    def confirm_restart(self, why: str) -> None:
        if self.kernel.attached:
            if self.kernel.state in (KernelState.DEAD, KernelState.STOPPED):
                self._attach_again()
            else:
                self.code.show_notice(
                    "This kernel runs elsewhere (--existing): restart it where it runs. "
                    f"{RESTART_KEY} attaches again once it stops answering."
                )
            return
        if isinstance(self.screen, ConfirmScreen):
            return
        question = f"{why}Restart the kernel? Its variables are lost; your notebook and history stay."
        self.push_screen(
            ConfirmScreen(question, yes="Restart"), lambda yes: self._restart_kernel() if yes else None
        )

    @work(group="kernel-control", exclusive=True, exit_on_error=False)
    async def _restart_kernel(self) -> None:
        self.code.show_notice("restarting the kernel...")
        try:
            await self.kernel.restart()
        except Exception as error:
            self.code.show_notice(f"restart failed: {error}", style="bold red")
            return
        self.restarted()
        self.code.show_notice(
            "kernel restarted: variables are gone. Run your cells again, or replay this lesson's "
            "cells from the palette (ctrl+p, 'Replay').",
            style="green",
        )
