"""F1: every key on one screen."""

from __future__ import annotations

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from studytui.ui.keys import HELP_ROWS
from studytui.ui.widgets.safe_text import data_text


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,f1,q", "dismiss", "Close")]

    def __init__(self, notes_dir: str) -> None:
        super().__init__()
        self.notes_dir = notes_dir

    def compose(self) -> ComposeResult:
        table = Table(title="studytui keys", expand=True, show_edge=False)
        table.add_column("key", style="bold cyan", no_wrap=True)
        table.add_column("does")
        for key, description in HELP_ROWS:
            table.add_row(key, description)
        with Vertical(id="help-box"):
            yield Static(table)
            yield Static(data_text(
                "\nSecond pass: pause often (ctrl+t), write notes in your own words (ctrl+n stamps "
                "the video time), type every line of code yourself and run it (ctrl+r).\n"
                f"Notes are saved as you type in {self.notes_dir}.\n\n"
                "Cards for review (f12), written in the notes: `front :: back`; `front ::: back` makes "
                "a card both ways; a `? question` becomes a card once its answer is written under it "
                "(an indented line or sub-bullet). A card keeps its schedule in a `^id` added at the "
                "end of its line on its first review.\n\nescape closes this help."),
                id="help-text",
            )
