"""The kernel's life as the code pane shows it: starting it (or attaching to one started elsewhere),
its state in the header and the notices when it dies or is lost, interrupting a cell (with a
restart offered when the interrupt is ignored), restarting it and attaching again.

Its slow work runs in workers on the code pane, so it ends with the pane."""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from studytui.config import Settings
from studytui.core.kernel import KernelState
from studytui.ui.code.code_view import LiveCell
from studytui.ui.code.kernel_choice import server_warning
from studytui.ui.code.kernel_notices import attach_failed_notice, attached_kernel_lost_notice
from studytui.ui.code.kernel_protocol import KernelSession
from studytui.ui.screens.confirm import ConfirmScreen
from studytui.ui.widgets.header import LessonHeader
from studytui.ui.widgets.safe_text import data_text

if TYPE_CHECKING:
    from studytui.ui.code.code_pane import CodePane

ESCALATE_AFTER = 3.0  # seconds an interrupted cell may keep running before a restart is offered
RESTART_KEY = "f9"  # also in kernel_notices


class KernelLifecycle:
    """Starts, interrupts and restarts the kernel session behind the code pane."""

    def __init__(self, pane: CodePane, settings: Settings, kernel: KernelSession, header: LessonHeader) -> None:
        self.pane = pane
        self.settings = settings
        self.kernel = kernel
        self.header = header

    # ----- starting and state -----------------------------------------------------------------

    def start_kernel(self) -> None:
        self.pane.run_worker(self.start(), group="kernel", exit_on_error=False)

    async def start(self) -> None:
        pane, existing = self.pane, self.kernel.existing
        pane.border_subtitle = (
            data_text(f"attached: {Path(existing).name}" if existing else f"kernel: {self.kernel.kernel_name}")
        )
        self.show_where()
        warning = server_warning(self.settings)
        if warning:
            pane.notify(warning, severity="warning", timeout=15, markup=False)  # a host name is data
        try:
            await self.kernel.start()
        except Exception as error:  # any failure to start is shown, never a crash
            if existing:
                pane.show_notice(attach_failed_notice(existing, error), style="bold red")
                return
            pane.show_notice(
                f"The kernel '{self.settings.kernel_name}' did not start: {error}. "
                f"Press {RESTART_KEY} to try again.",
                style="bold red",
            )
        if self.kernel.start_notice:
            pane.show_notice(self.kernel.start_notice)
            self.kernel.start_notice = None
        self.show_where()

    def show_where(self) -> None:
        """A kernel on a server shows as `python3 @ host` (its name is known once attached)."""
        if self.kernel.where:
            self.header.kernel_where = f"{self.kernel.kernel_name} @ {self.kernel.where}"
            self.pane.border_subtitle = data_text(f"kernel: {self.header.kernel_where}")

    async def attach_again(self) -> None:
        """An attached kernel that never answered or stopped answering: connect to it afresh."""
        self.pane.show_notice("attaching to the kernel again...")
        await self.kernel.shutdown()  # our side only: an attached kernel is never stopped
        await self.start()
        if self.kernel.state is KernelState.IDLE:
            self.pane.show_notice("attached again: the kernel's variables are as it kept them.", style="green")

    def state_changed(self, state: KernelState) -> None:
        pane = self.pane
        self.header.kernel_state = str(state)
        pane.input_widget.busy = state is KernelState.BUSY
        if state is KernelState.DEAD and self.kernel.attached:
            notice = attached_kernel_lost_notice()
            pane.show_notice(notice, style="bold red")
            pane.notify(notice, severity="error", timeout=10)
        elif state is KernelState.DEAD and self.kernel.lost_reason:
            pane.show_notice(
                f"Kernel lost: {self.kernel.lost_reason}. Press {RESTART_KEY} to try again.", style="bold red"
            )
            pane.notify(f"The kernel on {self.kernel.where} is lost. Press {RESTART_KEY} to try again.",
                        severity="error", timeout=10, markup=False)
        elif state is KernelState.DEAD:
            pane.show_notice(
                f"The kernel died (its variables are gone). Press {RESTART_KEY} to restart it.",
                style="bold red",
            )
            pane.notify(f"The kernel died. Press {RESTART_KEY} to restart it.", severity="error", timeout=10)

    # ----- interrupt and restart --------------------------------------------------------------

    def interrupt(self, running: LiveCell | None) -> None:
        self.pane.show_notice("interrupting...")
        self.pane.run_worker(self.kernel.interrupt(), group="kernel-control", exit_on_error=False)
        if running is not None:
            self.pane.set_timer(ESCALATE_AFTER, partial(self.escalate, running))

    def escalate(self, run: LiveCell) -> None:
        # A cell the kernel finished (it went idle) may still wait for its reply: it did stop.
        if self.pane.running_cell is not run or self.kernel.state is not KernelState.BUSY:
            return
        cell = f"In [{run.prompt_number(finished=False)}]"
        self.pane.show_notice(
            f"{cell} ignores the interrupt: it is probably inside C code (a long numpy or "
            f"torch call, sum(range(...))). Only a restart stops it ({RESTART_KEY}).",
            style="bold red",
        )
        self.confirm_restart(f"{cell} did not stop after the interrupt.\n")

    def confirm_restart(self, why: str) -> None:
        """Asks, then restarts."""
        pane = self.pane
        if self.kernel.attached:
            if self.kernel.state in (KernelState.DEAD, KernelState.STOPPED):
                pane.run_worker(self.attach_again(), group="kernel-control", exclusive=True, exit_on_error=False)
            else:
                pane.show_notice(
                    "This kernel runs elsewhere (--existing): restart it where it runs. "
                    f"{RESTART_KEY} attaches again once it stops answering."
                )
            return
        if isinstance(pane.app.screen, ConfirmScreen):
            return
        question = f"{why}Restart the kernel? Its variables are lost; your notebook and history stay."

        def answered(yes: bool | None) -> None:
            if yes:
                pane.run_worker(self.restart(), group="kernel-control", exclusive=True, exit_on_error=False)

        pane.app.push_screen(ConfirmScreen(question, yes="Restart"), answered)

    async def restart(self) -> None:
        self.pane.show_notice("restarting the kernel...")
        try:
            await self.kernel.restart()
        except Exception as error:
            self.pane.show_notice(f"restart failed: {error}", style="bold red")
            return
        self.pane.show_notice(
            "kernel restarted: variables are gone. Run your cells again, or replay this lesson's "
            "cells from the palette (ctrl+p, 'Replay').",
            style="green",
        )
