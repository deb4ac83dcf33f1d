"""The input cell of the code pane: Python with highlighting, Enter runs a complete cell, Tab
completes from the kernel, shift+tab shows the docs of the name at the cursor, up and down at
the first and last line walk the history."""

from __future__ import annotations

import codeop
import re
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from rich.segment import Segment
from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.strip import Strip
from textual.widgets import TextArea

from studytui.core.kernel import InputHistory
from studytui.ui.code.cell_editing import dedent_width, indent_after_enter
from studytui.ui.messages import InterruptRequested, RunRequested
from studytui.ui.widgets.ordered_keys import OrderedKeys
from studytui.ui.widgets.paste_guard import PasteGuard
from studytui.ui.widgets.quick_height import QuickHeight
from studytui.ui.widgets.visible_controls import VisibleControls

_NAME_BEFORE_CURSOR = re.compile(r"[\w.\]\)'\"]$")
WRAP_MARK = "↪"  # in the gutter of a soft-wrapped line's continuation rows


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


class CodeInput(OrderedKeys, QuickHeight, VisibleControls, PasteGuard, TextArea):
    paste_area = "code cell"
    BINDINGS = [
        Binding("ctrl+c", "interrupt_or_copy", "Interrupt", show=False),
        Binding("shift+tab", "inspect", "Docs of the name at the cursor", show=False),
        Binding("shift+pageup", "page_log(True)", "Output log: page up", show=False),
        Binding("shift+pagedown", "page_log(False)", "Output log: page down", show=False),
    ]

    busy = False
    completions_shown = False  # set by the pane: the next key makes them stale
    history_source: Callable[[], InputHistory] | None = None  # this lesson's earlier cells
    cells_running: Callable[[], bool] | None = None  # the pane's cells sent and not finished
    # A cell this input sent that its pane has not taken yet: ctrl+c in the same burst as Enter
    # interrupts it (the kernel's busy state comes a few ms later).
    cell_sent = False

    def __init__(self, text: str = "", *, language: str | None = None, **options: Any) -> None:
        # TextArea compiles its tree-sitter highlight query in __init__ and again when it first sets
        # `language` (15 ms each, on the way to the first screen): here it is compiled once, on mount.
        super().__init__(text, **options)
        self._highlight_as = language

    def on_mount(self) -> None:
        if self._highlight_as is not None:
            self.language = self._highlight_as

    @dataclass
    class CompletionRequested(Message):
        code: str
        cursor: int  # offset in characters, as the Jupyter protocol counts

    @dataclass
    class InspectRequested(Message):
        code: str
        cursor: int

    @dataclass
    class LogPageRequested(Message):
        """Scroll the output log a page (shift+PageUp/PageDown typed in the cell)."""

        up: bool

    @dataclass
    class Edited(Message):
        """A key changed the cell (completions shown for the old text are stale)."""

    @property
    def cursor_offset(self) -> int:
        row, column = self.cursor_location
        lines = self.text.split("\n")
        return sum(len(line) + 1 for line in lines[:row]) + column

    def location_of(self, offset: int) -> tuple[int, int]:
        for row, line in enumerate(self.text.split("\n")):
            if offset <= len(line):
                return row, offset
            offset -= len(line) + 1
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
        if event.key != "tab" and self.completions_shown:  # no message per key otherwise
            self.completions_shown = False
            self.post_message(self.Edited())
        if event.key == "escape":  # stays in the cell (the TextArea would move the focus on)
            event.prevent_default()
            event.stop()
            return
        if event.key != "enter":
            await super()._on_key(event)
            return
        event.prevent_default()
        event.stop()
        if not self.text.strip():  # nothing to run, and no blank line to start the next cell with
            if self.text:
                self.show_text("")
            return
        if self._enter_runs():
            self.run_cell()
            return
        row, column = self.cursor_location
        line = self.document.get_line(row)
        self.insert("\n" + indent_after_enter(line[:column], line))

    def action_delete_left(self) -> None:
        """In leading spaces, Backspace removes one indent level."""
        row, column = self.cursor_location
        width = dedent_width(self.document.get_line(row)[:column]) if self.selection.is_empty else 0
        if width > 1:
            self.delete((row, column - width), (row, column))
            return
        super().action_delete_left()

    def render_line(self, y: int) -> Strip:
        """A soft-wrapped continuation line shows a mark in the gutter, not an unexplained indent."""
        strip = super().render_line(y)
        gutter = self.gutter_width
        if not gutter or self.scroll_offset.y + y >= self.wrapped_document.height:
            return strip
        head = strip.crop(0, gutter)
        if head.text.strip():
            return strip  # a line's first row: its number
        style = next((segment.style for segment in head if segment.style), None)
        mark = Strip([Segment(" " * (gutter - 2) + WRAP_MARK + " ", style)], gutter)
        return Strip.join([mark, strip.crop(gutter, strip.cell_length)])

    def run_cell(self) -> None:
        """Take the cell's code and empty it at once, so the keys typed next start a new cell."""
        code = self.text
        if code.strip():
            self.show_text("")
            self.cell_sent = True
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

    def action_page_log(self, up: bool) -> None:
        self.post_message(self.LogPageRequested(up))

    def action_interrupt_or_copy(self) -> None:
        """While a cell runs: interrupt it. Else copy the selection, or clear the cell (IPython)."""
        if self.busy or self.cell_sent or (self.cells_running is not None and self.cells_running()):
            self.post_message(InterruptRequested())
        elif not self.selection.is_empty:
            self.action_copy()
        else:
            self.show_text("")
