"""Help while typing in the code cell, asked of the kernel: completion of the name at the cursor
(the common prefix filled in, the choices shown under the cell) and its docs, written to the
output log."""

from __future__ import annotations

from os.path import commonprefix
from typing import Any

from textual.app import App

from studytui.core.kernel import KernelSession
from studytui.ui.code.code_input import CodeInput
from studytui.ui.code.code_pane import CodePane
from studytui.ui.controller import Controller, work
from studytui.ui.widgets.safe_text import ansi_text


class TypingHelp(Controller):
    """Completion and docs for the code cell; a newer request replaces one still waiting."""

    def __init__(self, app: App[None], kernel: KernelSession, code: CodePane) -> None:
        super().__init__(app)
        self.kernel = kernel
        self.code = code

    def cell_edited(self) -> None:
        self.code.hide_completions()

    def completion_requested(self, message: CodeInput.CompletionRequested) -> None:
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

    def inspect_requested(self, message: CodeInput.InspectRequested) -> None:
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
