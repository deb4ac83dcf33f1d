"""The kernel behind the code pane: starting it, running cells, interrupting, restarting."""

from __future__ import annotations

from textual import on, work

from studytui.core.kernel import KernelState
from studytui.ui.base import StudyAppBase
from studytui.ui.messages import (
    ExecutionFinished,
    InterruptRequested,
    KernelOutput,
    KernelStateChanged,
    RunRequested,
)


class KernelControl(StudyAppBase):
    _next_cell = 1

    @work(group="kernel", exit_on_error=False)
    async def _start_kernel(self) -> None:
        try:
            await self.kernel.start()
        except Exception as error:  # any failure to start is shown, never a crash
            self.code.show_notice(
                f"The kernel '{self.settings.kernel_name}' did not start: {error}. "
                "Restart it from the palette (ctrl+p).",
                style="bold red",
            )

    @on(KernelStateChanged)
    def _kernel_state_changed(self, message: KernelStateChanged) -> None:
        self.header.kernel_state = str(message.state)
        self.code.input_widget.busy = message.state is KernelState.BUSY
        if message.state is KernelState.DEAD:
            self.notify(
                "The kernel died. Restart it from the palette (ctrl+p, 'Restart the kernel').",
                severity="error",
                timeout=10,
            )

    def action_run_cell(self) -> None:
        code_input = self.code.input_widget
        code = code_input.text
        if code.strip():
            self.post_message(RunRequested(code))

    @on(RunRequested)
    def _run_requested(self, message: RunRequested) -> None:
        cell = self._next_cell
        self._next_cell += 1
        self.code.echo_cell(cell, message.code)
        self.code.input_widget.load_text("")
        if self.kernel.state is KernelState.STARTING:
            self.code.show_notice("(the kernel is starting: this cell runs as soon as it is ready)")
        self._execute(cell, message.code)

    @work(group="kernel", exit_on_error=False)
    async def _execute(self, cell: int, code: str) -> None:
        result = await self.kernel.execute(
            code, lambda output: self.post_message(KernelOutput(cell, output))
        )
        self.post_message(ExecutionFinished(cell, result))

    @on(KernelOutput)
    def _kernel_output(self, message: KernelOutput) -> None:
        self.code.show_output(message.output)

    @on(ExecutionFinished)
    def _execution_finished(self, message: ExecutionFinished) -> None:
        self.code.finish_cell(message.result)
        count = message.result.execution_count
        if count is not None:
            self._next_cell = max(self._next_cell, count + 1)

    @on(InterruptRequested)
    def _interrupt_requested(self) -> None:
        self.code.show_notice("interrupting...")
        self.run_worker(self.kernel.interrupt(), group="kernel-control", exit_on_error=False)

    def action_interrupt(self) -> None:
        self._interrupt_requested()

    @work(group="kernel-control", exclusive=True, exit_on_error=False)
    async def action_restart_kernel(self) -> None:
        self.code.show_notice("restarting the kernel...")
        try:
            await self.kernel.restart()
        except Exception as error:
            self.code.show_notice(f"restart failed: {error}", style="bold red")
            return
        self._next_cell = 1
        self.code.show_notice("kernel restarted: variables are gone, run your cells again", style="green")

