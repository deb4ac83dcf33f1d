"""The input cell of the code pane: Python with highlighting, Enter runs a complete cell, Tab
completes from the kernel, shift+tab shows the docs of the name at the cursor, up and down at
the first and last line walk the history."""

from __future__ import annotations

import codeop
import re
import warnings
from collections.abc import Callable
from dataclasses import dataclass

from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.widgets import TextArea

from studytui.core.kernel import InputHistory
from studytui.ui.messages import InterruptRequested, RunRequested
from studytui.ui.widgets.ordered_keys import OrderedKeys
from studytui.ui.widgets.paste_guard import PasteGuard

_NAME_BEFORE_CURSOR = re.compile(r"[\w.\]\)'\"]$")


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


class CodeInput(OrderedKeys, PasteGuard, TextArea):
    paste_area = "code cell"
    BINDINGS = [
        Binding("ctrl+c", "interrupt_or_copy", "Interrupt", show=False),
        Binding("shift+tab", "inspect", "Docs of the name at the cursor", show=False),
    ]

    busy = False
    history_source: Callable[[], InputHistory] | None = None  # this lesson's earlier cells

    @dataclass
    class CompletionRequested(Message):
        code: str
        cursor: int  # offset in characters, as the Jupyter protocol counts

    @dataclass
    class InspectRequested(Message):
        code: str
        cursor: int

    @dataclass
    class Edited(Message):
        """A key changed the cell (completions shown for the old text are stale)."""

    @property
    def cursor_offset(self) -> int:
        row, column = self.cursor_location
        lines = self.text.split("\n")
        return sum(len(line) + 1 for line in lines[:row]) + column

    def location_of(self, offset: int) -> tuple[int, int]:
        row = 0
        for line in self.text.split("\n"):
            if offset <= len(line):
                return row, offset
            offset -= len(line) + 1
            row += 1
        last = self.document.line_count - 1
        return last, len(self.document.get_line(last))

    def replace_span(self, start: int, end: int, text: str) -> None:
        """Replace characters ``start:end`` (offsets) with ``text``; the cursor follows it."""
        self.replace(text, self.location_of(start), self.location_of(end))

    def show_text(self, text: str) -> None:
        """Replace the whole cell with the cursor at its end.

        An edit, not ``load_text``: a new document compiles the highlighting query again (~20 ms).
        """
        self.replace(text, (0, 0), self.document.end)
        self.move_cursor(self.document.end)

    async def _on_key(self, event: events.Key) -> None:
        if event.key == "tab" and self._completes_here():
            event.prevent_default()
            event.stop()
            self.post_message(self.CompletionRequested(self.text, self.cursor_offset))
            return
        if event.key != "tab":
            self.post_message(self.Edited())
        if event.key != "enter":
            await super()._on_key(event)
            return
        event.prevent_default()
        event.stop()
        if self._enter_runs():
            self.run_cell()
            return
        row, column = self.cursor_location
        line = self.document.get_line(row)
        indent = line[: len(line) - len(line.lstrip())]
        if line[:column].rstrip().endswith(":"):
            indent += "    "
        self.insert("\n" + indent)

    def run_cell(self) -> None:
        """Take the cell's code and empty it at once, so the keys typed next start a new cell."""
        code = self.text
        if code.strip():
            self.show_text("")
            self.post_message(RunRequested(code))

    def _completes_here(self) -> bool:
        row, column = self.cursor_location
        return bool(_NAME_BEFORE_CURSOR.search(self.document.get_line(row)[:column]))

    def _enter_runs(self) -> bool:
        row, column = self.cursor_location
        lines = self.text.split("\n")
        at_end = row == len(lines) - 1 and column == len(lines[-1])
        return at_end and is_complete_python(self.text)

    def action_cursor_up(self, select: bool = False) -> None:
        if not select and self.cursor_location[0] == 0:
            self._walk_history(older=True)
            return
        super().action_cursor_up(select)

    def action_cursor_down(self, select: bool = False) -> None:
        if not select and self.cursor_location[0] == self.document.line_count - 1:
            self._walk_history(older=False)
            return
        super().action_cursor_down(select)

    def _walk_history(self, older: bool) -> None:
        """Replace the cell by an earlier (or later) one now, before the next key is applied."""
        if self.history_source is None:
            return
        history = self.history_source()
        entry = history.previous(self.text) if older else history.next()
        if entry is not None:
            self.show_text(entry)

    def action_inspect(self) -> None:
        self.post_message(self.InspectRequested(self.text, self.cursor_offset))

    def action_interrupt_or_copy(self) -> None:
        if self.busy:
            self.post_message(InterruptRequested())
        else:
            self.action_copy()
