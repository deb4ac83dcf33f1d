"""What the code pane shows: finished cells in a log, the running cell live below it, then the input cell.

The log only ever receives finished cells (their kept head and tail), so a flood costs one
write; the running cell is redrawn at most once a frame from its bounded model.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from rich.console import Group, RenderableType
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Input, Label, Static

from studytui.core.kernel import CellOutputs, ExecutionResult, ExecutionStatus, outputs_as_text
from studytui.ui.code.code_input import CodeInput
from studytui.ui.code.output_log import OutputLog
from studytui.ui.code.output_render import images_drawn, render_echo, render_outputs
from studytui.ui.code.thumbnails import ThumbnailCache
from studytui.ui.widgets.ordered_keys import OrderedKeys
from studytui.ui.widgets.safe_text import data_text
from studytui.ui.widgets.terminal_graphics import ImageMethod

OUTPUT_LINES_KEPT = 5_000
LIVE_TAIL_LINES = 12  # lines of a running cell's stream shown live (all of it is in the log after)
COMPLETIONS_SHOWN = 60
CELLS_NOTED = 500  # the cells of the log "Note this cell" can take

_STATUS_NOTES = {
    ExecutionStatus.ABORTED: "cell aborted (an earlier cell failed)",
    ExecutionStatus.DIED: "killed: the kernel died while this cell ran (f9 restarts it)",
    ExecutionStatus.RESTARTED: "stopped: the kernel was restarted while this cell ran",
    ExecutionStatus.DISCONNECTED: "finished while the link to the server was down: its last outputs may be missing",
    ExecutionStatus.REPLY_LOST: "ended: the kernel finished this cell, but its reply came malformed (see kernel.log)",
}


@dataclass
class LiveCell:
    """A cell sent to the kernel and not finished yet (the first one is running).

    ``number`` orders the pane's cells; the ``In [n]`` shown is the kernel's, ``count``: known once
    the cell printed something (the kernel numbered it as it started it) and from its reply;
    ``In [*]`` until then, ``In [ ]`` for a cell the kernel never numbered.
    """

    number: int
    code: str
    outputs: CellOutputs
    keep: bool = True  # appended to the lesson's notebook when it finishes
    video_time: float | None = None  # the lesson clock when it was run
    header: RenderableType | None = None  # a line written before its echo (an earlier cell's time)
    count: int | None = None  # the kernel's execution_count for it, once known

    def prompt_number(self, finished: bool = True) -> str:
        if self.count is None:
            return " " if finished else "*"
        return str(self.count)


@dataclass(frozen=True)
class WrittenCell:
    """A cell as the log shows it, for "Note this cell": its code, its output as text, its first line."""

    code: str
    output: str
    first_line: int


class LiveOutput(Static):
    """The running cell and the cells queued behind it."""


class StdinInput(OrderedKeys, Input):
    """The line ``input()`` reads: its editing keys apply in typing order; Enter answers."""

    # A priority binding: the app runs it as it reads Enter, before the keys typed after it.
    BINDINGS = [Binding("enter", "answer", "Answer", show=False, priority=True)]

    def action_answer(self) -> None:
        prompt = self.parent
        if isinstance(prompt, StdinPrompt):
            prompt.answer()


class StdinPrompt(Horizontal):
    """Answers the kernel's ``input()``: the prompt, then a line to type in (hidden for passwords)."""

    @dataclass
    class Answered(Message):
        text: str

    def compose(self) -> ComposeResult:
        yield Label("", id="stdin-label")
        yield StdinInput(id="stdin-input")

    def ask(self, prompt: str, password: bool) -> None:
        self.query_one(Label).update(data_text(prompt or "input:"))
        field = self.query_one(StdinInput)
        field.password = password
        field.value = ""
        self.display = True
        field.focus()

    def answer(self) -> None:
        """Enter: the code cell has the focus at once, so the keys typed after Enter (the next cell,
        in one burst) go there in order; the answer is sent once the keys typed before it are in."""
        field = self.query_one(StdinInput)
        self.display = False
        parent = self.parent
        if isinstance(parent, CodeView):
            self.screen.set_focus(parent.input_widget)
        field.call_later(lambda: self.post_message(self.Answered(field.value)))


@dataclass
class ThumbnailsReady(Message):
    """A worker finished thumbnails: redraw what waited for them."""


class CodeView(Vertical):
    """The log, the live cell, the input() prompt, the completions and the cell; `CodePane` drives it."""

    DEFAULT_CSS = """
    CodeView LiveOutput { height: auto; max-height: 50%; padding: 0 1; display: none; }
    CodeView StdinPrompt { height: 1; display: none; padding: 0 1; }
    CodeView #stdin-label { width: auto; color: $accent; }
    CodeView #stdin-input { border: none; height: 1; padding: 0; width: 1fr; }
    CodeView #completions { height: auto; max-height: 8; display: none; padding: 0 1; color: $text-muted; }
    """

    def __init__(self, images: ImageMethod = "halfblocks", **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.thumbnails = ThumbnailCache(on_ready=self.thumbnails_ready, method=images)
        self._live_cells: list[LiveCell] = []
        # Finished cells wait here, in order, until their images are drawn: the log draws once.
        # Another feature's line written meanwhile waits behind them, so it stays in its place.
        self._to_commit: deque[tuple[LiveCell, ExecutionResult] | RenderableType] = deque()
        self.written_cells: deque[WrittenCell] = deque(maxlen=CELLS_NOTED)

    def thumbnails_ready(self) -> None:
        """Called by the thumbnail workers' thread."""
        self.post_message(ThumbnailsReady())

    def on_unmount(self) -> None:
        self.thumbnails.close()

    def compose(self) -> ComposeResult:
        cell = CodeInput(
            "", id="code-input", language="python", tab_behavior="indent", soft_wrap=True, show_line_numbers=True
        )
        log = OutputLog(id="output-log", max_lines=OUTPUT_LINES_KEPT, wrap=True, markup=False, min_width=20)
        log.typing_goes_to = cell  # a letter typed in the log (alt+o) is the cell's
        yield log
        yield LiveOutput(id="live-output")
        yield StdinPrompt(id="stdin")
        yield Static(id="completions")
        yield cell

    @property
    def log_widget(self) -> OutputLog:
        return self.query_one(OutputLog)

    @property
    def input_widget(self) -> CodeInput:
        return self.query_one(CodeInput)

    @property
    def live_widget(self) -> LiveOutput:
        return self.query_one(LiveOutput)

    @property
    def stdin_prompt(self) -> StdinPrompt:
        return self.query_one(StdinPrompt)

    def show_notice(self, message: str, style: str = "yellow") -> None:
        self.write_in_order(data_text(message, style=style))

    def show_live(self, cells: Sequence[LiveCell]) -> None:
        """Draw the running cell's echo and latest output, and one line per queued cell."""
        self._live_cells = list(cells)
        live = self.live_widget
        if not cells:
            if not live.display:
                return
            live.display = False
            live.update("")
            return
        running, *queued = cells
        parts: list[RenderableType] = [render_echo(running.prompt_number(finished=False), running.code, "running...")]
        parts += render_outputs(running.outputs, tail=LIVE_TAIL_LINES, thumbnails=self.thumbnails)
        for cell in queued:
            first_line = cell.code.strip().split("\n")[0]
            parts.append(data_text(f"In [*]: {first_line}  (waiting)", style="dim"))
        live.update(Group(*parts))
        live.display = True

    def commit_cell(self, cell: LiveCell, result: ExecutionResult) -> None:
        """Write a finished cell (echo, kept outputs, how it ended) to the log once its images are drawn."""
        self._to_commit.append((cell, result))
        self._commit_ready_cells()

    def on_thumbnails_ready(self, message: ThumbnailsReady) -> None:
        message.stop()
        self._commit_ready_cells()
        if self._live_cells:
            self.show_live(self._live_cells)

    def write_in_order(self, renderable: RenderableType) -> None:
        """A line in the log, after the cells still waiting for their images."""
        if self._to_commit:
            self._to_commit.append(renderable)
        else:
            self.log_widget.write(renderable)

    def _commit_ready_cells(self) -> None:
        while self._to_commit:
            waiting = self._to_commit[0]
            if not isinstance(waiting, tuple):
                self._to_commit.popleft()
                self.log_widget.write(waiting)
                continue
            cell, result = waiting
            pending = [path for path in images_drawn(cell.outputs) if self.thumbnails.get(path) is None]
            if pending:
                return  # ThumbnailsReady comes back here
            self._to_commit.popleft()
            self._write_cell(cell, result)

    def _write_cell(self, cell: LiveCell, result: ExecutionResult) -> None:
        log = self.log_widget
        if cell.header is not None:
            log.write(cell.header)
        self.written_cells.append(WrittenCell(cell.code, outputs_as_text(cell.outputs), len(log.lines)))
        log.write(render_echo(cell.prompt_number(), cell.code))
        for renderable in render_outputs(cell.outputs, thumbnails=self.thumbnails, overlay=True):
            log.write(renderable)
        note = _STATUS_NOTES.get(result.status)
        if note:
            log.write(data_text(note, style="bold red"))

    def show_completions(self, matches: Sequence[str]) -> None:
        box = self.query_one("#completions", Static)
        self.input_widget.completions_shown = bool(matches)
        if not matches:
            box.display = False
            return
        shown = list(matches[:COMPLETIONS_SHOWN])
        more = len(matches) - len(shown)
        text = "  ".join(shown) + (f"  (+{more} more)" if more > 0 else "")
        box.update(data_text(text))
        box.display = True

    def on_code_input_log_page_requested(self, message: CodeInput.LogPageRequested) -> None:
        message.stop()
        log = self.log_widget
        if message.up:
            log.scroll_page_up(animate=False)
        else:
            log.scroll_page_down(animate=False)

    def hide_completions(self) -> None:
        self.input_widget.completions_shown = False
        self.query_one("#completions", Static).display = False
