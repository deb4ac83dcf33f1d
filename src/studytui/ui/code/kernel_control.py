"""The kernel behind the code pane: running cells (drawn live at most once a frame, then written
to the log and the lesson's notebook) and input(). Its parts have their own modules: starting,
interrupting and restarting the kernel (`kernel_lifecycle`), completion and docs (`typing_help`),
the lesson's notebook and history files (`lesson_files`)."""

from __future__ import annotations

import time
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass
from functools import partial

from textual.app import App
from textual.message import Message
from textual.timer import Timer
from textual.worker import Worker

from studytui.config import Settings
from studytui.core.kernel import (
    CellOutputs,
    ExecutionResult,
    InputRequest,
    KernelSession,
    KernelState,
    LessonNotebook,
    Output,
    StreamText,
)
from studytui.core.lessons import Lesson
from studytui.core.player import Player
from studytui.ui.code.code_input import CodeInput
from studytui.ui.code.code_pane import CodePane, LiveCell, StdinPrompt
from studytui.ui.code.kernel_lifecycle import KernelLifecycle
from studytui.ui.code.lesson_files import LessonFiles
from studytui.ui.code.typing_help import TypingHelp
from studytui.ui.controller import Controller, work
from studytui.ui.messages import ExecutionFinished, KernelStateChanged, RunRequested
from studytui.ui.open_lesson import OpenLesson, OpenLessonField
from studytui.ui.widgets.header import LessonHeader

LIVE_INTERVAL = 1 / 30  # seconds: the running cell is redrawn at most this often
# A cell that finishes this fast goes straight to the log: the screen is not redrawn until it
# finishes (or this time has passed), so `1+1` costs one frame, drawn as soon as its result is
# there, and no live view appears and vanishes.
LIVE_DELAY = 0.1


@dataclass
class LiveOutputChanged(Message):
    """Outputs arrived for a running cell (posted once per frame at most)."""


@dataclass
class InputWanted(Message):
    cell: int
    request: InputRequest


class KernelControl(Controller):
    """The code feature: the kernel session behind the code pane (and the kernel state in the header)."""

    # Kept in `current`, the open lesson every feature shares.
    lesson = OpenLessonField[Lesson | None]()
    clock = OpenLessonField[Player]()

    def __init__(
        self,
        app: App[None],
        settings: Settings,
        current: OpenLesson,
        kernel: KernelSession,
        code: CodePane,
        header: LessonHeader,
    ) -> None:
        super().__init__(app)
        self.settings = settings
        self.current = current
        self.kernel = kernel
        self.code = code
        self.header = header
        self._next_cell = 1
        self._runs: dict[int, LiveCell] = {}
        self._when_done: dict[int, Callable[[ExecutionResult], None]] = {}
        self._live_posted = False
        self._live_timer: Timer | None = None
        self._frames_held: ExitStack | None = None  # see LIVE_DELAY
        self._last_live = 0.0
        self._live_not_before = 0.0
        self._asking: tuple[int, InputRequest] | None = None
        self.files = LessonFiles(app, settings, current)
        self.lifecycle = KernelLifecycle(
            app, settings, kernel, code, header,
            running_cell=lambda: next(iter(self._runs.values()), None),
            restarted=self._number_cells_from_one,
        )
        self.typing_help = TypingHelp(app, kernel, code)

    # ----- what the App calls, done by the parts ----------------------------------------------

    def _notebook(self) -> LessonNotebook:
        return self.files.notebook()

    def connect_code_input(self) -> None:
        """The code cell walks this lesson's history itself, in typing order."""
        self.code.input_widget.history_source = self.files.history

    def warm_notebook(self) -> None:
        self.files.warm_notebook()

    def _start_kernel(self) -> Worker[None]:
        return self.lifecycle.start_kernel()  # type: ignore[return-value]

    def _kernel_state_changed(self, message: KernelStateChanged) -> None:
        self.lifecycle.state_changed(message)
        self.files.kernel_state_changed(message.state, self.kernel.kernel_name, self.kernel.attached)

    def _interrupt_requested(self) -> None:
        self.lifecycle.interrupt()

    def action_interrupt(self) -> None:
        self._interrupt_requested()

    def action_restart_kernel(self) -> None:
        self.lifecycle.confirm_restart("")

    def _cell_edited(self) -> None:
        self.typing_help.cell_edited()

    def _completion_requested(self, message: CodeInput.CompletionRequested) -> None:
        self.typing_help.completion_requested(message)

    def _inspect_requested(self, message: CodeInput.InspectRequested) -> None:
        self.typing_help.inspect_requested(message)

    # ----- running cells ----------------------------------------------------------------------

    def action_run_cell(self) -> None:
        self.code.input_widget.run_cell()

    def _run_requested(self, message: RunRequested) -> None:
        self._start_run(message.code, keep=True)
        self.files.remember(message.code)
        self.code.hide_completions()

    def _start_run(self, code: str, keep: bool, on_done: Callable[[ExecutionResult], None] | None = None) -> None:
        cell = self._next_cell
        self._next_cell += 1
        label = f"cell-{cell}-{time.strftime('%Y%m%d-%H%M%S')}"
        run = LiveCell(cell, code, CellOutputs(self.files.output_dir(), label), keep, self.clock.position)
        self._runs[cell] = run
        if on_done is not None:
            self._when_done[cell] = on_done
        if self.kernel.state is KernelState.STARTING:
            self.code.show_notice("(the kernel is starting: this cell runs as soon as it is ready)")
        if len(self._runs) == 1:
            self._live_not_before = time.monotonic() + LIVE_DELAY
            if self._frames_held is None:
                self._frames_held = ExitStack()
                self._frames_held.enter_context(self.batch_update())
        self._execute(run)
        self._live_changed_soon()

    @work(group="kernel", exit_on_error=False)
    async def _execute(self, run: LiveCell) -> None:
        result = await self.kernel.execute(
            run.code,
            partial(self._output_arrived, run),
            lambda request: self.post_message(InputWanted(run.number, request)),
        )
        self.post_message(ExecutionFinished(run.number, result))

    def _output_arrived(self, run: LiveCell, output: Output) -> None:
        """Called by the kernel reader: update the model now, draw once per frame."""
        run.outputs.add(output)
        self._live_changed_soon()

    def _live_changed_soon(self) -> None:
        if not self._live_posted:
            self._live_posted = True
            self.post_message(LiveOutputChanged())

    def _live_changed(self) -> None:
        wait = max(self._last_live + LIVE_INTERVAL, self._live_not_before) - time.monotonic()
        if wait > 0:
            self._live_timer = self.set_timer(wait, self._draw_live)
        else:
            self._draw_live()

    def _draw_live(self) -> None:
        if self._live_timer is not None:  # this draw replaces the one planned for later
            self._live_timer.stop()
            self._live_timer = None
        self._live_posted = False
        self._last_live = time.monotonic()
        self.code.show_live(list(self._runs.values()))
        if self._frames_held is not None:
            held, self._frames_held = self._frames_held, None
            held.close()  # the screen is drawn again, with everything that changed meanwhile

    def _execution_finished(self, message: ExecutionFinished) -> None:
        run = self._runs.pop(message.cell, None)
        when_done = self._when_done.pop(message.cell, None)
        if when_done is not None:
            self.app.call_later(when_done, message.result)
        count = message.result.execution_count
        if count is not None:
            self._next_cell = max(self._next_cell, count + 1)
        if self._asking is not None and self._asking[0] == message.cell:
            self._asking = None
            self.code.stdin_prompt.display = False
            self.code.input_widget.focus()
        if run is None:
            return
        run.outputs.close()
        self.code.commit_cell(run, message.result)
        self._draw_live()
        if run.keep:
            self.files.save_to_notebook(run, count, str(message.result.status))

    def _number_cells_from_one(self) -> None:
        """After a restart the kernel counts from 1 again."""
        self._next_cell = 1

    # ----- input() ----------------------------------------------------------------------------

    def _input_wanted(self, message: InputWanted) -> None:
        if message.cell not in self._runs:
            return
        self._asking = (message.cell, message.request)
        self.code.stdin_prompt.ask(message.request.prompt, message.request.password)

    def _input_answered(self, message: StdinPrompt.Answered) -> None:
        if self._asking is None:
            return
        cell, request = self._asking
        self._asking = None
        self.kernel.answer_input(message.text)
        run = self._runs.get(cell)
        if run is not None:  # a transcript line, as a terminal shows it
            shown = "" if request.password else message.text
            self._output_arrived(run, StreamText("stdout", f"{request.prompt}{shown}\n"))
        self.code.input_widget.focus()
