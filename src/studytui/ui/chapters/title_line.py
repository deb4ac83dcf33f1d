"""The line a new chapter's title is typed in: Enter writes it, Escape takes the heading out again.

A small box at the bottom of the screen, over the outline and the watch view of pass 1 as much as
over the notes of pass 2, so the learner keeps watching while typing a few words. No key typed in
the burst of alt+c, nor right after Enter or Escape, is lost (see `LineScreen`).
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from studytui.ui.screens.line_screen import LineScreen
from studytui.ui.widgets.ordered_keys import OrderedInput
from studytui.ui.widgets.safe_text import data_text

TITLE_LENGTH = 200  # characters: a chapter title is a few words


class ChapterTitleLine(LineScreen[str | None]):
    """Dismissed with the title typed (maybe empty: the heading keeps its time only), or None (Escape)."""

    DEFAULT_CSS = """
    ChapterTitleLine { align: center bottom; background: $background 30%; }
    ChapterTitleLine > Vertical {
        width: 100%; height: auto; border: round $accent; background: $surface; padding: 0 1;
    }
    ChapterTitleLine #chapter-title { border: none; height: 1; padding: 0; }
    """
    def __init__(self, time: str, file_name: str) -> None:
        super().__init__()
        self.time, self.file_name = time, file_name

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

    def enter(self) -> None:
        self.dismiss(self.typed)  # written; escape takes the heading out (dismissed with None)
