"""A cell's code as the log echoes it, IPython's prompts before its lines.

A line too long for the pane wraps under its own indentation, after the prompt (a hanging indent,
as an editor's soft wrap does), never back at column 0 where it would read as a new statement.
"""

from __future__ import annotations

from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.text import Text

from studytui.core.text import clean_text

PROMPT_STYLE = "bold green"
CONTINUATION_STYLE = "green"
NOTE_STYLE = "italic yellow"
MIN_TEXT = 16  # columns a wrapped line keeps for its text: an indentation deeper than that is shallower
TAB_SIZE = 8  # as Rich draws a tab


def _indent_of(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


class EchoedCode:
    """`In [n]: first line`, then `   ...: line` for each other line; its text is data, never markup."""

    def __init__(self, number: int | str, code: str, note: str = "") -> None:
        self.number = number
        self.lines = [clean_text(line).expandtabs(TAB_SIZE) for line in code.rstrip("\n").split("\n")]
        self.note = note

    @property
    def prompt_width(self) -> int:
        return len(str(self.number)) + 7  # "In [" n "]: ", and "   ...: " as wide (as IPython draws them)

    def prompt(self, index: int) -> Text:
        if index == 0:
            return Text(f"In [{self.number}]: ", style=PROMPT_STYLE)
        return Text(" " * (self.prompt_width - 5) + "...: ", style=CONTINUATION_STYLE)

    def body(self, index: int) -> Text:
        text = Text(self.lines[index])
        if self.note and index == len(self.lines) - 1:
            text.append(f"  {self.note}", style=NOTE_STYLE)
        return text

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        widest = max(self.prompt_width + self.body(index).cell_len for index in range(len(self.lines)))
        return Measurement(min(widest, self.prompt_width + MIN_TEXT), widest)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        room = max(1, options.max_width - self.prompt_width)
        rows: list[Text] = []
        for index in range(len(self.lines)):
            rows += self._rows(console, index, room)
        echo = Text("\n").join(rows)
        echo.no_wrap, echo.overflow = True, "crop"
        yield echo

    def _rows(self, console: Console, index: int, room: int) -> list[Text]:
        prompt, body = self.prompt(index), self.body(index)
        if body.cell_len <= room:
            return [prompt + body]
        indent = min(_indent_of(body.plain), max(0, room - MIN_TEXT))
        hanging = Text(" " * (self.prompt_width + indent))
        body = body[_indent_of(body.plain):]
        pieces = body.wrap(console, room - indent, overflow="fold")
        rows = []
        for number, piece in enumerate(pieces):
            piece.rstrip()
            start = prompt + Text(" " * indent) if number == 0 else hanging.copy()
            rows.append(start + piece)
        return rows
