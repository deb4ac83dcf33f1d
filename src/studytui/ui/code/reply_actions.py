"""What the reply to a learner's cell asks of the front end besides its outputs (IPython's payloads,
as jupyter console follows them): a help page (``obj?``, ``obj??``, ``%pinfo``) opens in the pager
over the code pane, text for the next cell (``%load``, ``%recall``) fills the cell, ``exit`` and
``quit`` ask whether to quit studytui. The notebook keeps a page as the cell's output (see
`CodePane.execution_finished`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.geometry import Region

from studytui.core.kernel import ExecutionResult, ExitRequest, HelpPage, NextInput
from studytui.ui.code.help_pager import HelpPager
from studytui.ui.screens.confirm import ConfirmScreen

if TYPE_CHECKING:
    from studytui.ui.code.code_pane import CodePane

QUIT_QUESTION = "The cell asked to quit. Quit studytui? Your notes are saved."
KERNEL_ENDED = "\nThe kernel ends with that cell (its variables are gone): if you stay, a new one starts."


class ReplyActions:
    """Follows the payloads of the code pane's cells, and opens its pager."""

    def __init__(self, pane: CodePane) -> None:
        self.pane = pane

    def follow(self, code: str, result: ExecutionResult) -> None:
        if result.pages:
            title = f"help: {code.strip().splitlines()[0]}" if code.strip() else "help"
            self.open_pager(title, "\n\n".join(page.text for page in result.pages))
        if result.next_input is not None:
            self.fill_cell(result.next_input)
        if result.exit_request is not None:
            self.ask_to_quit(result.exit_request)

    @staticmethod
    def page_lines(pages: tuple[HelpPage, ...]) -> int:
        return sum(page.text.count("\n") + 1 for page in pages)

    def open_pager(self, title: str, text: str) -> None:
        """`text` (the kernel's, ANSI colours and all) in the pager over the code pane, from its top;
        closed, the focus is back in the cell."""
        self.pane.app.push_screen(HelpPager(title, text, self.pane_region), self.back_to_cell)

    def pane_region(self) -> Region | None:
        return self.pane.region if self.pane.is_mounted and self.pane.display else None

    def back_to_cell(self, _closed: object = None) -> None:
        self.pane.input_widget.focus()

    def fill_cell(self, offered: NextInput) -> None:
        """The kernel's text in the cell, the cursor at its end: instead of what the cell holds when
        it says replace, else before what was typed since the cell ran."""
        cell = self.pane.input_widget
        text = offered.text.rstrip("\n")
        typed = cell.text
        cell.show_text(text if offered.replace or not typed.strip() else f"{text}\n{typed}")

    def ask_to_quit(self, request: ExitRequest) -> None:
        """Quit, or stay in the cell; IPython's kernel ends itself after `exit` (not after
        `exit(keep_kernel=True)`): staying starts a new one, as f9 would."""
        app = self.pane.app
        if isinstance(app.screen, ConfirmScreen):
            return
        kernel_ends = not request.keep_kernel and not self.pane.kernel.attached

        def answered(yes: bool | None) -> None:
            if yes:
                app.call_later(app.run_action, "quit")
                return
            self.back_to_cell()
            if kernel_ends:
                lifecycle = self.pane.lifecycle
                self.pane.run_worker(lifecycle.restart(), group="kernel-control", exclusive=True, exit_on_error=False)

        question = QUIT_QUESTION + (KERNEL_ENDED if kernel_ends else "")
        app.push_screen(ConfirmScreen(question, yes="Quit", no="Stay"), answered)
