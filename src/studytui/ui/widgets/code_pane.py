"""The code pane: an output log above an input cell, like a small jupyter console."""

from __future__ import annotations

import codeop
import warnings

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import RichLog, TextArea

from studytui.core.kernel import (
    ClearOutput,
    DisplayData,
    ErrorOutput,
    ExecutionResult,
    ExecutionStatus,
    Output,
    RichResult,
    StreamText,
)
from studytui.ui.messages import InterruptRequested, RunRequested

OUTPUT_LINES_KEPT = 5_000


def is_complete_python(code: str) -> bool:
    """True when pressing Enter should run the cell, as jupyter console decides for Python."""
    if not code.strip():
        return False
    last_line = code.split("\n")[-1]
    if not last_line.strip():
        return True  # an empty last line closes an open block
    if last_line[0] in " \t":
        return False  # still inside an indented block: wait for an empty line, as IPython does
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return codeop.compile_command(code, symbol="exec") is not None
    except (SyntaxError, ValueError, OverflowError):
        return True  # let the kernel show the error


class CodeInput(TextArea):
    BINDINGS = [Binding("ctrl+c", "interrupt_or_copy", "Interrupt", show=False)]

    busy = False

    async def _on_key(self, event: events.Key) -> None:
        if event.key != "enter":
            await super()._on_key(event)
            return
        event.prevent_default()
        event.stop()
        if self._enter_runs():
            self.post_message(RunRequested(self.text))
            return
        row, column = self.cursor_location
        line = self.document.get_line(row)
        indent = line[: len(line) - len(line.lstrip())]
        if line[:column].rstrip().endswith(":"):
            indent += "    "
        self.insert("\n" + indent)

    def _enter_runs(self) -> bool:
        row, column = self.cursor_location
        lines = self.text.split("\n")
        at_end = row == len(lines) - 1 and column == len(lines[-1])
        return at_end and is_complete_python(self.text)

    def action_interrupt_or_copy(self) -> None:
        if self.busy:
            self.post_message(InterruptRequested())
        else:
            self.action_copy()


class OutputLog(RichLog):
    pass


class CodePane(Vertical):
    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._partial: dict[str, str] = {}

    def compose(self) -> ComposeResult:
        yield OutputLog(id="output-log", max_lines=OUTPUT_LINES_KEPT, wrap=True, markup=False)
        yield CodeInput("", id="code-input", language="python", tab_behavior="indent", soft_wrap=True)

    @property
    def log_widget(self) -> OutputLog:
        return self.query_one(OutputLog)

    @property
    def input_widget(self) -> CodeInput:
        return self.query_one(CodeInput)

    def echo_cell(self, number: int, code: str) -> None:
        lines = code.rstrip("\n").split("\n")
        text = Text()
        text.append(f"In [{number}]: ", style="bold green")
        text.append(lines[0])
        for line in lines[1:]:
            text.append("\n" + " " * (len(str(number)) + 4) + "...: ", style="green")
            text.append(line)
        self.log_widget.write(text)

    def show_notice(self, message: str, style: str = "yellow") -> None:
        self.log_widget.write(Text(message, style=style))

    def show_output(self, output: Output) -> None:
        log = self.log_widget
        if isinstance(output, StreamText):
            self._write_stream(output.name, output.text)
        elif isinstance(output, RichResult):
            self._flush_streams()
            prompt = Text(f"Out[{output.execution_count}]: ", style="bold red")
            log.write(prompt + Text.from_ansi(_plain(output.data)))
        elif isinstance(output, DisplayData):
            self._flush_streams()
            log.write(Text.from_ansi(_plain(output.data)))
        elif isinstance(output, ErrorOutput):
            self._flush_streams()
            log.write(Text.from_ansi("\n".join(output.traceback) or f"{output.ename}: {output.evalue}"))
        elif isinstance(output, ClearOutput):
            self._partial.clear()

    def _write_stream(self, name: str, text: str) -> None:
        buffered = self._partial.pop(name, "") + text
        *complete, rest = buffered.split("\n")
        style = "red" if name == "stderr" else ""
        if complete:
            # A carriage return redraws the line, as in a terminal: keep what follows the last one.
            lines = [line.rsplit("\r", 1)[-1] for line in complete]
            self.log_widget.write(Text.from_ansi("\n".join(lines), style=style))
        if rest:
            self._partial[name] = rest

    def _flush_streams(self) -> None:
        for name, rest in list(self._partial.items()):
            self._partial.pop(name)
            style = "red" if name == "stderr" else ""
            self.log_widget.write(Text.from_ansi(rest.rsplit("\r", 1)[-1], style=style))

    def finish_cell(self, result: ExecutionResult) -> None:
        self._flush_streams()
        if result.status in (ExecutionStatus.OK, ExecutionStatus.ERROR):
            return
        messages = {
            ExecutionStatus.ABORTED: "cell aborted (an earlier cell failed)",
            ExecutionStatus.DIED: "the kernel died while this cell ran: restart it from the palette (ctrl+p)",
            ExecutionStatus.RESTARTED: "the kernel was restarted while this cell ran",
        }
        self.show_notice(messages.get(result.status, str(result.status)), style="bold red")


def _plain(data: dict) -> str:
    text = data.get("text/plain")
    if isinstance(text, list):
        text = "".join(text)
    if text:
        return str(text)
    kinds = ", ".join(sorted(data)) or "nothing"
    return f"[output of type {kinds}: not shown in the terminal]"
