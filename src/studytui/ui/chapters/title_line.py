"""The line a new chapter's title is typed in: Enter writes it, Escape takes the heading out again.

A small box at the bottom of the screen, over the outline and the watch view of pass 1 as much as
over the notes of pass 2, so the learner keeps watching while typing a few words. Enter and Escape
are priority bindings: the box is gone as the App takes the key, so the keys typed right after reach
the pane below, in order. Keys typed in the same burst as alt+c, before the line has the focus, are
kept and put in the line when it has.
"""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from studytui.ui.widgets.ordered_keys import OrderedInput
from studytui.ui.widgets.safe_text import data_text

TITLE_LENGTH = 200  # characters: a chapter title is a few words


class ChapterTitleLine(ModalScreen[str | None]):
    """Dismissed with the title typed (maybe empty: the heading keeps its time only), or None (Escape)."""

    DEFAULT_CSS = """
    ChapterTitleLine { align: center bottom; background: $background 30%; }
    ChapterTitleLine > Vertical {
        width: 100%; height: auto; border: round $accent; background: $surface; padding: 0 1;
    }
    ChapterTitleLine #chapter-title { border: none; height: 1; padding: 0; }
    """
    BINDINGS = [
        Binding("enter", "write", "Write the title", show=False, priority=True),
        Binding("escape", "take_out", "Take the heading out", show=False, priority=True),
    ]

    def __init__(self, time: str, file_name: str) -> None:
        super().__init__()
        self.time, self.file_name = time, file_name
        self.early: list[str] = []  # keys typed before the line had the focus

    def compose(self) -> ComposeResult:
        with Vertical(id="chapter-box") as box:
            box.border_title = f"New chapter at {self.time}"
            yield OrderedInput(placeholder="its title: what starts here", max_length=TITLE_LENGTH, id="chapter-title")
            keys = Text()
            keys.append("enter", style="bold reverse")
            keys.append(" writes it into ")
            keys.append_text(data_text(self.file_name))
            keys.append("   ")
            keys.append("escape", style="bold reverse")
            keys.append(" takes the heading out again")
            yield Static(keys, id="chapter-keys")

    def on_mount(self) -> None:
        line = self.query_one(OrderedInput)
        line.focus()
        self.take_early_keys()

    def on_key(self, event: events.Key) -> None:
        """A key that reached the box, not the line: typed before the line had the focus."""
        if event.is_printable and event.character:
            event.stop()
            self.early.append(event.character)
            if self.is_mounted:
                self.take_early_keys()

    def take_early_keys(self) -> None:
        line = self.query_one(OrderedInput)
        if self.early:
            line.insert_text_at_cursor("".join(self.early))
            self.early.clear()

    @property
    def title_typed(self) -> str:
        return self.query_one(OrderedInput).value + "".join(self.early) if self.is_mounted else "".join(self.early)

    def action_write(self) -> None:
        self.dismiss(self.title_typed)

    def action_take_out(self) -> None:
        self.dismiss(None)
