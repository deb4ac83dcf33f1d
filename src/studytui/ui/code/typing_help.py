"""Help while typing in the code cell, asked of the kernel: completion of the name at the cursor
(the common prefix filled in, the choices shown under the cell) and its docs: the signature and the
first paragraph written to the output log, all of them in the pager when shift+tab is pressed again
at the same place. The requests run in workers on the code pane."""

from __future__ import annotations

from os.path import commonprefix
from typing import TYPE_CHECKING, Any

from studytui.core.kernel import docs_parts
from studytui.ui.code.kernel_protocol import KernelSession
from studytui.ui.widgets.safe_text import data_text

MORE_DOCS = "shift+tab again: all of it in a pager"

if TYPE_CHECKING:
    from studytui.ui.code.code_pane import CodePane


class TypingHelp:
    """Completion and docs for the code cell; a newer request replaces one still waiting."""

    def __init__(self, pane: CodePane, kernel: KernelSession) -> None:
        self.pane = pane
        self.kernel = kernel
        self.docs_shown: tuple[str, int, str] | None = None  # (code, cursor, docs) of the last shift+tab

    def forget_docs(self) -> None:
        """A cell ran: a name may mean something else now, so shift+tab asks the kernel again."""
        self.docs_shown = None

    def cell_edited(self) -> None:
        self.pane.hide_completions()

    def complete(self, code: str, cursor: int) -> None:
        self.pane.run_worker(self.completion(code, cursor), group="kernel-help", exclusive=True, exit_on_error=False)

    def inspect(self, code: str, cursor: int, whole: bool = False) -> None:
        """`whole`: all of the docs in the pager at once."""
        self.pane.run_worker(self.docs(code, cursor, whole), group="kernel-help", exclusive=True, exit_on_error=False)

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

    async def docs(self, code: str, cursor: int, whole: bool = False) -> None:
        """The head of the docs in the log; asked again at the same place, all of them in the pager."""
        shown = self.docs_shown
        if shown is not None and shown[:2] == (code, cursor):
            self.pane.replies.open_pager(f"docs: {name_before(code, cursor)}", shown[2])
            return
        reply: dict[str, Any] | None = await self.kernel.inspect(code, cursor)
        if reply is None:
            self.pane.notify("No docs: the kernel is busy or not running.", timeout=3)
        elif not reply.get("found"):
            self.pane.notify("No docs found for the name at the cursor.", timeout=3)
        else:
            docs = str(reply["data"].get("text/plain", ""))
            self.docs_shown = (code, cursor, docs)
            if whole:
                self.pane.replies.open_pager(f"docs: {name_before(code, cursor)}", docs)
                return
            parts = docs_parts(docs)
            self.pane.write(data_text(parts.head or parts.rest))
            if parts.head and parts.rest:
                more = parts.rest.count("\n") + 1
                self.pane.write(data_text(f"({MORE_DOCS}: {more} more lines)", style="dim"))


def name_before(code: str, cursor: int) -> str:
    """The dotted name that ends at the cursor (the pager's title)."""
    start = cursor
    while start > 0 and (code[start - 1].isidentifier() or code[start - 1] in "._0123456789"):
        start -= 1
    return code[start:cursor] or "the name at the cursor"
