"""The code feature: the code pane and the kernel behind it.

The pane runs its own loop: a cell typed in it (`RunRequested` from its input) is run by a worker
on the pane, its outputs drawn live at most once a frame, then written to the log and the lesson's
notebook; `input()` asks in the pane's prompt. Its parts have their own modules: what it shows
(`code_view`), starting, interrupting and restarting the kernel (`kernel_lifecycle`), completion
and docs (`typing_help`), the lesson's notebook and history files (`lesson_files`).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from contextlib import ExitStack
from functools import partial
from pathlib import Path
from typing import Any

from rich.console import RenderableType
from textual import on, work
from textual.timer import Timer

from studytui.config import Settings
from studytui.core.kernel import (
    CellOutputs,
    CleanNotebook,
    ExecutionResult,
    ExecutionStatus,
    InputRequest,
    KernelState,
    Output,
    StreamText,
)
from studytui.ui.code.code_input import CodeInput
from studytui.ui.code.code_view import CodeView, LiveCell, OutputLog, StdinPrompt, WrittenCell
from studytui.ui.code.kernel_lifecycle import KernelLifecycle
from studytui.ui.code.kernel_protocol import KernelSession
from studytui.ui.code.lesson_files import LessonFiles
from studytui.ui.code.reply_actions import ReplyActions
from studytui.ui.code.typing_help import TypingHelp
from studytui.ui.messages import InterruptRequested, KernelStateChanged, RunRequested
from studytui.ui.session import StudySession
from studytui.ui.widgets.header import LessonHeader
from studytui.ui.widgets.safe_text import data_text
from studytui.ui.widgets.terminal_graphics import choose_method

__all__ = ["CodePane", "OutputLog", "WrittenCell"]

LIVE_INTERVAL = 1 / 30  # seconds: the running cell is redrawn at most this often
# A cell that finishes this fast goes straight to the log: the screen is not redrawn until it
# finishes (or this time has passed), so `1+1` costs one frame, drawn as soon as its result is
# there, and no live view appears and vanishes.
LIVE_DELAY = 0.1


class CodePane(CodeView):
    """The code feature: runs the cells typed in it in the kernel session, shows the kernel's state
    (in the pane and the header), and offers `run_cell` to the features that run code of their own
    (requirements, replay)."""

    def __init__(
        self, settings: Settings, session: StudySession, kernel: KernelSession, header: LessonHeader, **kwargs: Any
    ) -> None:
        # "auto" here was never resolved against a terminal (the launch does that): half-blocks.
        super().__init__(images=choose_method(settings.images, {}, is_terminal=False), **kwargs)
        self.settings = settings
        self.session = session
        self.kernel = kernel
        self._next_run = 1  # orders the cells sent; the In [n] shown is the kernel's
        self._runs: dict[int, LiveCell] = {}
        self._when_done: dict[int, Callable[[ExecutionResult], None]] = {}
        self._live_due = False
        self._live_timer: Timer | None = None
        self._frames_held: ExitStack | None = None  # see LIVE_DELAY
        self._last_live = 0.0
        self._live_not_before = 0.0
        self._asking: tuple[int, InputRequest] | None = None
        self.files = LessonFiles(self, settings, session)
        self.lifecycle = KernelLifecycle(self, settings, kernel, header)
        self.typing_help = TypingHelp(self, kernel)
        self.replies = ReplyActions(self)

    def on_mount(self) -> None:
        self.input_widget.history_source = self.files.history  # the cell walks this lesson's history itself
        self.input_widget.cells_running = lambda: bool(self._runs)  # ctrl+c interrupts until they end
        self.kernel.on_state = self.kernel_state_now
        self.lifecycle.start_kernel()  # a worker: the first screen does not wait for the kernel

    def kernel_state_now(self, state: KernelState) -> None:
        """The session's callback, on the loop: handled here, then it goes on up (see below)."""
        self.post_message(KernelStateChanged(state))

    def warm_notebook(self) -> None:
        """Called once the first screen is drawn (see `LessonFiles.warm_notebook`)."""
        self.files.warm_notebook()

    def notebook_path(self) -> Path:
        """The open lesson's notebook, where the cells run here are kept."""
        return self.files.notebook().path

    @property
    def running_cell(self) -> LiveCell | None:
        return next(iter(self._runs.values()), None)

    def write(self, renderable: RenderableType) -> None:
        """A line in the output log (another feature's: an exercise, a requirement, a replay), after
        the cells still waiting to be drawn."""
        self.write_in_order(renderable)

    def show_earlier_cell(self, number: int, code: str, outputs: CellOutputs, header: RenderableType) -> None:
        """A cell of an earlier session (from the notebook) drawn as it was when it ran: `header`,
        its echo, its outputs (images from their saved files); "Note this cell" can take it."""
        cell = LiveCell(0, code, outputs, keep=False, header=header, count=number)
        self.commit_cell(cell, ExecutionResult(ExecutionStatus.OK, number))

    def cell_to_note(self) -> WrittenCell | None:
        """The cell "Note this cell" takes: with the output log focused, the one at the middle of
        its view; else the last one written."""
        cells = self.written_cells
        if not cells:
            return None
        log = self.log_widget
        if self.screen.focused is not log:
            return cells[-1]
        middle = int(log.scroll_offset.y) + log.size.height // 2
        above = [cell for cell in cells if cell.first_line <= middle]
        return above[-1] if above else cells[0]

    def export_clean_notebook(self) -> None:
        """The palette's "Export a clean notebook": written beside the digests, said in one line,
        what was left out listed in the log."""
        lesson = self.session.lesson
        if lesson is None:
            self.notify("Open a lesson first: its clean notebook is made of the cells run in it.", severity="warning")
            return
        self.files.export_clean(lesson.id, self.clean_notebook_written)

    def clean_notebook_written(self, result: CleanNotebook | Exception) -> None:
        if isinstance(result, Exception):
            self.notify(f"No clean notebook written: {result}", title="Export", severity="warning", timeout=10)
            return
        listed = " (listed in the code pane)" if result.left_out else ""
        self.notify(f"Clean notebook written to {result.path}: {result.summary()}{listed}", title="Export",
                    timeout=10)
        line = data_text(f"clean notebook {result.path}: {result.summary()}", style="green")
        self.write(line)
        for left_out in result.left_out_lines():
            self.write(data_text(f"  left out: {left_out}", style="dim"))

    def offer_code(self, code: str) -> None:
        """`code` in the cell to start from, when the learner has not typed anything there."""
        if not self.input_widget.text.strip():
            self.input_widget.show_text(code.rstrip("\n"))  # the cursor at its end

    # ----- the kernel's messages, from the pane's own widgets and session --------------------

    @on(KernelStateChanged)
    def kernel_state_changed(self, message: KernelStateChanged) -> None:
        self.lifecycle.state_changed(message.state)  # it goes on up: the requirements wait for idle
        self.files.kernel_state_changed(message.state, self.kernel.kernel_name, self.kernel.attached)

    @on(InterruptRequested)
    def interrupt_requested(self, message: InterruptRequested) -> None:
        message.stop()
        self.lifecycle.interrupt(self.running_cell)

    @on(CodeInput.Edited)
    def cell_edited(self, message: CodeInput.Edited) -> None:
        message.stop()
        self.typing_help.cell_edited()

    @on(CodeInput.CompletionRequested)
    def completion_requested(self, message: CodeInput.CompletionRequested) -> None:
        message.stop()
        self.typing_help.complete(message.code, message.cursor)

    @on(CodeInput.InspectRequested)
    def inspect_requested(self, message: CodeInput.InspectRequested) -> None:
        message.stop()
        self.typing_help.inspect(message.code, message.cursor)

    def show_all_docs(self) -> None:
        """The palette's "All the docs": the name at the cell's cursor, in the pager."""
        cell = self.input_widget
        self.typing_help.inspect(cell.text, cell.cursor_offset, whole=True)

    def restart_kernel(self) -> None:
        self.lifecycle.confirm_restart("")

    def interrupt(self) -> None:
        self.lifecycle.interrupt(self.running_cell)

    # ----- running cells ----------------------------------------------------------------------

    @on(RunRequested)
    def run_requested(self, message: RunRequested) -> None:
        """A cell the learner ran; it goes on up to the screen (the study log counts it)."""
        self.run_cell(message.code, keep=True)
        self.input_widget.cell_sent = False  # it is among the running cells now
        self.files.remember(message.code)
        self.hide_completions()

    def run_cell(self, code: str, keep: bool = False, on_done: Callable[[ExecutionResult], None] | None = None) -> None:
        """Run `code` as a cell of this pane; `keep`: into the lesson's notebook; `on_done` gets its result."""
        cell = self._next_run
        self._next_run += 1
        label = f"cell-{cell}-{time.strftime('%Y%m%d-%H%M%S')}"
        run = LiveCell(cell, code, CellOutputs(self.files.output_dir(), label), keep, self.session.clock.position)
        self._runs[cell] = run
        if on_done is not None:
            self._when_done[cell] = on_done
        if self.kernel.state is KernelState.STARTING:
            self.show_notice("(the kernel is starting: this cell runs as soon as it is ready)")
        if len(self._runs) == 1:
            self._live_not_before = time.monotonic() + LIVE_DELAY
            if self._frames_held is None:
                self._frames_held = ExitStack()
                self._frames_held.enter_context(self.app.batch_update())
        self.execute(run)
        self.live_changed_soon()

    @work(group="kernel", exit_on_error=False)
    async def execute(self, run: LiveCell) -> None:
        # The kernel's readers run on this loop: outputs and input() requests come straight here.
        result = await self.kernel.execute(run.code, partial(self.output_arrived, run), partial(self.input_wanted, run))
        self.execution_finished(run, result)

    def output_arrived(self, run: LiveCell, output: Output) -> None:
        """Update the model now, draw once per frame."""
        if run.count is None:  # the kernel numbered it as it started it, before its first output
            run.count = self.kernel.execution_count or None
        run.outputs.add(output)
        self.live_changed_soon()

    def live_changed_soon(self) -> None:
        if not self._live_due:
            self._live_due = True
            self.call_later(self.live_changed)

    def live_changed(self) -> None:
        wait = max(self._last_live + LIVE_INTERVAL, self._live_not_before) - time.monotonic()
        if wait > 0:
            self._live_timer = self.set_timer(wait, self.draw_live)
        else:
            self.draw_live()

    def draw_live(self) -> None:
        if self._live_timer is not None:  # this draw replaces the one planned for later
            self._live_timer.stop()
            self._live_timer = None
        self._live_due = False
        self._last_live = time.monotonic()
        self.show_live(list(self._runs.values()))
        if self._frames_held is not None:
            held, self._frames_held = self._frames_held, None
            held.close()  # the screen is drawn again, with everything that changed meanwhile

    def execution_finished(self, run: LiveCell, result: ExecutionResult) -> None:
        self._runs.pop(run.number, None)
        when_done = self._when_done.pop(run.number, None)
        if when_done is not None:
            self.call_later(when_done, result)
        count = run.count = result.execution_count
        self.typing_help.forget_docs()
        if self._asking is not None and self._asking[0] == run.number:
            self._asking = None
            self.stdin_prompt.display = False
            self.input_widget.focus()
        run.outputs.close()
        self.commit_cell(run, result)
        if run.keep and result.pages:  # the pager shows them; the log says where they went
            lines = self.replies.page_lines(result.pages)
            self.show_notice(f"(help, {lines} lines: in the pager over this pane; q closes it)", style="dim")
        self.draw_live()
        if run.keep:
            pages = [page.as_output() for page in result.pages]
            self.files.save_to_notebook(run, count, str(result.status), pages)
            self.replies.follow(run.code, result)

    # ----- input() ----------------------------------------------------------------------------

    def input_wanted(self, run: LiveCell, request: InputRequest) -> None:
        if run.number not in self._runs:
            return
        self._asking = (run.number, request)
        self.stdin_prompt.ask(request.prompt, request.password)

    @on(StdinPrompt.Answered)
    def input_answered(self, message: StdinPrompt.Answered) -> None:
        message.stop()
        if self._asking is None:
            return
        cell, request = self._asking
        self._asking = None
        self.kernel.answer_input(message.text)
        run = self._runs.get(cell)
        if run is not None:  # a transcript line, as a terminal shows it
            shown = "" if request.password else message.text
            self.output_arrived(run, StreamText("stdout", f"{request.prompt}{shown}\n"))
