"""Help while typing in the code cell, asked of the kernel: completion of the name at the cursor
(the common prefix filled in, the choices shown under the cell) and its docs, written to the
output log. The requests run in workers on the code pane."""

from __future__ import annotations

from os.path import commonprefix
from typing import TYPE_CHECKING, Any

from studytui.ui.code.kernel_protocol import KernelSession
from studytui.ui.widgets.safe_text import ansi_text

if TYPE_CHECKING:
    from studytui.ui.code.code_pane import CodePane


class TypingHelp:
    """Completion and docs for the code cell; a newer request replaces one still waiting."""

    def __init__(self, pane: CodePane, kernel: KernelSession) -> None:
        self.pane = pane
        self.kernel = kernel

    def cell_edited(self) -> None:
        self.pane.hide_completions()

    def complete(self, code: str, cursor: int) -> None:
        self.pane.run_worker(self.completion(code, cursor), group="kernel-help", exclusive=True, exit_on_error=False)

    def inspect(self, code: str, cursor: int) -> None:
        self.pane.run_worker(self.docs(code, cursor), group="kernel-help", exclusive=True, exit_on_error=False)

    async def completion(self, code: str, cursor: int) -> None:
        reply = await self.kernel.complete(code, cursor)
        code_input = self.pane.input_widget
        if reply is None or reply.get("status") != "ok":
            self.pane.notify("No completions: the kernel is busy or not running.", timeout=3)
            return
        if code_input.text != code:
            return  # typed on meanwhile
        matches: list[str] = list(dict.fromkeys(reply.get("matches", [])))
        start = int(reply.get("cursor_start", cursor))
        end = int(reply.get("cursor_end", cursor))
        common = commonprefix(matches) if matches else ""  # noqa: RUF071 (a text prefix, not a path)
        if common and common != code[start:end]:
            code_input.replace_span(start, end, common)
        self.pane.show_completions(matches if len(matches) > 1 else [])

    async def docs(self, code: str, cursor: int) -> None:
        reply: dict[str, Any] | None = await self.kernel.inspect(code, cursor)
        if reply is None:
            self.pane.notify("No docs: the kernel is busy or not running.", timeout=3)
        elif not reply.get("found"):
            self.pane.notify("No docs found for the name at the cursor.", timeout=3)
        else:
            self.pane.write(ansi_text(str(reply["data"].get("text/plain", ""))))
