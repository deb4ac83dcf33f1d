"""F1: every key, the kinds of notes with an example each, and the method, on one scrollable screen."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from studytui.ui.keys import HELP_ROWS, NOTE_KIND_EXAMPLES
from studytui.ui.widgets.safe_text import data_text


def note_kinds_table(title: str | None = "Kinds of notes: start a note with") -> Table:
    table = Table(title=title, expand=True, show_edge=False, show_header=False)
    table.add_column("prefix", style="bold cyan", no_wrap=True)
    table.add_column("kind")
    for prefix, kind, example in NOTE_KIND_EXAMPLES:
        row = Text(f"{kind}\n")
        row.append(f"e.g. {example}", style="dim")
        table.add_row(prefix or "(none)", row)
    return table


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q", "dismiss", "Close", priority=True), Binding("f1", "dismiss", "Close")]

    def __init__(self, notes_dir: str) -> None:
        super().__init__()
        self.notes_dir = notes_dir

    def on_mount(self) -> None:
        self.query_one("#help-box").focus()  # arrows, page up/down and end scroll it at once

    def compose(self) -> ComposeResult:
        table = Table(title="studytui keys", expand=True, show_edge=False)
        table.add_column("key", style="bold cyan", no_wrap=True)
        table.add_column("does")
        for key, description in HELP_ROWS:
            table.add_row(key, description)
        method = Text(
            "\nSecond pass: pause often (ctrl+t), write notes in your own words (ctrl+n stamps "
            "the video time), type every line of code yourself and run it (ctrl+r).\n"
            "Notes are saved as you type in "
        )
        method.append_text(data_text(self.notes_dir, style="bold"))  # a path: shown literally
        method.append(
            ".\n\nCards for review (f12), written in the notes: `front :: back`; `front ::: back` both "
            "ways; a line holding only `?` between question and answer; a `? question` with its answer "
            "indented under it. A card keeps its schedule in a `^id` added on its first review or export."
        )
        method.append("\n\nescape closes this help; arrows and page up/down scroll it.")
        with VerticalScroll(id="help-box"):
            yield Static(note_kinds_table(), id="help-kinds")  # first: the method before the keys
            yield Static(table)
            yield Static(method, id="help-text")
