"""The kernel behind the code pane: starting it, running cells, input(), interrupting,
restarting, completion, docs, history and the lesson's notebook."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass
from functools import partial
from os.path import commonprefix
from pathlib import Path
from typing import Any, Callable

from textual.app import App
from textual.message import Message
from textual.timer import Timer

from studytui.config import OutsideWorkspace
from studytui.core.kernel import CellOutputs, ExecutionResult
from studytui.core.kernel import InputHistory
from studytui.core.kernel import InputRequest, KernelState, Output, StreamText
from studytui.config import Settings
from studytui.core.kernel import LessonNotebook
from studytui.core.kernel import KernelSession
from studytui.core.lessons import Lesson
from studytui.core.player import Player
from studytui.ui.controller import Controller, work
from studytui.ui.messages import ExecutionFinished, KernelStateChanged, RunRequested
from studytui.ui.screens.confirm import ConfirmScreen
from studytui.ui.code.code_input import CodeInput
from studytui.ui.code.code_pane import CodePane, LiveCell, StdinPrompt
from studytui.ui.code.kernel_notices import attach_failed_notice, attached_kernel_lost_notice
from studytui.ui.open_lesson import OpenLesson, OpenLessonField
from studytui.ui.widgets.header import LessonHeader
from studytui.ui.widgets.safe_text import ansi_text, data_text
from studytui.ui.code.kernel_choice import server_warning

LIVE_INTERVAL = 1 / 30  # seconds: the running cell is redrawn at most this often
# A cell that finishes this fast goes straight to the log: the screen is not redrawn until it
# finishes (or this time has passed), so `1+1` costs one frame, drawn as soon as its result is
# there, and no live view appears and vanishes.
LIVE_DELAY = 0.1
FRAME_BEFORE_WRITE = 0.1  # seconds the notebook write waits at most for the cell to be drawn
# Seconds after the first screen before nbformat is imported in the background: 0.13 s of the GIL
# that, at once, doubled the time a first cell typed at launch took to show its answer.
WARM_NOTEBOOK_AFTER = 1.0
ESCALATE_AFTER = 3.0  # seconds an interrupted cell may keep running before a restart is offered
RESTART_KEY = "f9"  # also in kernel_notices
SCRATCH = "scratch"  # files of code run with no lesson open
REFUSED_FOLDER = "refused-paths"  # in .studytui/: files whose own path led outside the notes folder


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
        self._histories: dict[str, InputHistory] = {}
        self._notebooks: dict[str, LessonNotebook] = {}
        # The learner's history and notebook files, written in order off the UI thread.
        self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="studytui-files")

    # ----- where things go --------------------------------------------------------------------

    def _lesson_key(self) -> str:
        return self.lesson.id if self.lesson is not None else SCRATCH

    def _output_dir(self) -> Path | None:
        """None (outputs shown, not saved) when the folder leads outside the notes folder."""
        try:
            return self.settings.path_in_notes("outputs", self._lesson_key())
        except OutsideWorkspace as refused:
            self.notify(f"Outputs are not saved: {refused}", severity="error", timeout=15)
            return None

    def _inside_or_aside(self, *parts: str) -> Path:
        """A path in the notes folder; one that would leave it is refused with a notice, and the
        file goes to the app's own folder instead."""
        try:
            return self.settings.path_in_notes(*parts)
        except OutsideWorkspace as refused:
            self.notify(f"Written in {REFUSED_FOLDER} instead: {refused}", severity="error", timeout=15)
            return self.settings.workspace_dir / REFUSED_FOLDER / parts[-1]

    def _notebook(self) -> LessonNotebook:
        key = self._lesson_key()
        if key not in self._notebooks:
            path = self._inside_or_aside(f"{key}.ipynb")
            self._notebooks[key] = LessonNotebook(path, self.settings.kernel_name)
        return self._notebooks[key]

    def _history(self) -> InputHistory:
        key = self._lesson_key()
        if key not in self._histories:
            path = self._inside_or_aside(".studytui", "history", f"{key}.json")
            self._histories[key] = InputHistory(path)
        return self._histories[key]

    # ----- starting and state -----------------------------------------------------------------

    def connect_code_input(self) -> None:
        """The code cell walks this lesson's history itself, in typing order."""
        self.code.input_widget.history_source = self._history

    def warm_notebook(self) -> None:
        """Called once the first screen is drawn: a moment later, nbformat is made ready for the
        notebook writes, before most learners run a cell (a cell run sooner imports it after its
        answer is drawn)."""
        self.set_timer(WARM_NOTEBOOK_AFTER, lambda: self._writer.submit(LessonNotebook.warm))

    @work(group="kernel", exit_on_error=False)
    async def _start_kernel(self) -> None:
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
        await self._start_kernel().wait()
        if self.kernel.state is KernelState.IDLE:
            self.code.show_notice("attached again: the kernel's variables are as it kept them.", style="green")

    def _kernel_state_changed(self, message: KernelStateChanged) -> None:
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

    # ----- running cells ----------------------------------------------------------------------

    def action_run_cell(self) -> None:
        self.code.input_widget.run_cell()

    def _run_requested(self, message: RunRequested) -> None:
        self._start_run(message.code, keep=True)
        history = self._history()
        if history.remember(message.code):
            self._writer.submit(history.save)
        self.code.hide_completions()

    def _start_run(self, code: str, keep: bool, on_done: Callable[[ExecutionResult], None] | None = None) -> None:
        cell = self._next_cell
        self._next_cell += 1
        label = f"cell-{cell}-{time.strftime('%Y%m%d-%H%M%S')}"
        run = LiveCell(cell, code, CellOutputs(self._output_dir(), label), keep, self.clock.position)
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
            self._save_to_notebook(run, count, str(message.result.status))

    def _save_to_notebook(self, run: LiveCell, count: int | None, status: str) -> None:
        notebook = self._notebook()
        outputs = run.outputs.to_nbformat()
        drawn = threading.Event()

        def write() -> None:
            # Serialising a notebook holds the GIL for milliseconds: the frame that shows the
            # cell goes first. Submitted now, so a quit right after the cell still writes it.
            drawn.wait(FRAME_BEFORE_WRITE)
            try:
                notebook.append(run.code, outputs, count, run.video_time, status)
            except Exception as error:  # shown, never lost silently
                self.call_from_thread(
                    self.notify, f"The notebook {notebook.path} was not written: {error}", severity="error"
                )
                return
            if notebook.notice:
                self.call_from_thread(self.notify, notebook.notice, severity="warning", timeout=15)

        self._writer.submit(write)
        self.call_after_refresh(drawn.set)

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

    # ----- interrupt and restart --------------------------------------------------------------

    def _interrupt_requested(self) -> None:
        self.code.show_notice("interrupting...")
        self.run_worker(self.kernel.interrupt(), group="kernel-control", exit_on_error=False)
        if self._runs:
            running = next(iter(self._runs.values()))
            self.set_timer(ESCALATE_AFTER, partial(self._escalate, running))

    def action_interrupt(self) -> None:
        self._interrupt_requested()

    def _escalate(self, run: LiveCell) -> None:
        if not self._runs or next(iter(self._runs.values())) is not run:
            return
        cell = run.number
        self.code.show_notice(
            f"In [{cell}] ignores the interrupt: it is probably inside C code (a long numpy or "
            f"torch call, sum(range(...))). Only a restart stops it ({RESTART_KEY}).",
            style="bold red",
        )
        self._confirm_restart(f"In [{cell}] did not stop after the interrupt.\n")

    def action_restart_kernel(self) -> None:
        self._confirm_restart("")

    def _confirm_restart(self, why: str) -> None:
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
        self._next_cell = 1
        self.code.show_notice(
            "kernel restarted: variables are gone. Run your cells again, or replay this lesson's "
            "cells from the palette (ctrl+p, 'Replay').",
            style="green",
        )

    # ----- typing help ------------------------------------------------------------------------

    def _cell_edited(self) -> None:
        self.code.hide_completions()

    def _completion_requested(self, message: CodeInput.CompletionRequested) -> None:
        self._complete(message.code, message.cursor)

    @work(group="kernel-help", exclusive=True, exit_on_error=False)
    async def _complete(self, code: str, cursor: int) -> None:
        reply = await self.kernel.complete(code, cursor)
        code_input = self.code.input_widget
        if reply is None or reply.get("status") != "ok":
            self.notify("No completions: the kernel is busy or not running.", timeout=3)
            return
        if code_input.text != code:
            return  # typed on meanwhile
        matches: list[str] = list(dict.fromkeys(reply.get("matches", [])))
        start = int(reply.get("cursor_start", cursor))
        end = int(reply.get("cursor_end", cursor))
        common = commonprefix(matches) if matches else ""
        if common and common != code[start:end]:
            code_input.replace_span(start, end, common)
        self.code.show_completions(matches if len(matches) > 1 else [])

    def _inspect_requested(self, message: CodeInput.InspectRequested) -> None:
        self._inspect(message.code, message.cursor)

    @work(group="kernel-help", exclusive=True, exit_on_error=False)
    async def _inspect(self, code: str, cursor: int) -> None:
        reply: dict[str, Any] | None = await self.kernel.inspect(code, cursor)
        if reply is None:
            self.notify("No docs: the kernel is busy or not running.", timeout=3)
        elif not reply.get("found"):
            self.notify("No docs found for the name at the cursor.", timeout=3)
        else:
            self.code.log_widget.write(ansi_text(str(reply["data"].get("text/plain", ""))))
