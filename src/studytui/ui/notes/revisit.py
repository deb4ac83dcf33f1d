"""The revisit list: every question and bookmark of the lesson; choosing one moves the clock there.

Enter and Escape act as the App takes the key (see `Dialog`): the keys typed right after reach the
widget that had the focus. With nothing to revisit, Enter leaves the list open.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from studytui.core.notes import Stamp
from studytui.core.timecode import format_time
from studytui.ui.screens.dialog import Dialog
from studytui.ui.widgets.safe_text import data_text

_LOOK = {"question": ("?", "bold magenta"), "bookmark": ("⚑", "bold blue")}


class RevisitScreen(Dialog[float | None]):

    def __init__(self, stamps: list[Stamp]) -> None:
        super().__init__()
        self.stamps = [s for s in stamps if s.kind in _LOOK]

    def compose(self) -> ComposeResult:
        with Vertical(id="revisit-box"):
            yield Static(Text("To revisit: questions and bookmarks", style="bold"))
            if not self.stamps:
                yield Static(
                    "Nothing to revisit yet. Start a note with ? for a question (`- [12:34] ? why`),"
                    " or drop a bookmark with ctrl+n in pass 1. escape closes."
                )
                return
            options = []
            for index, stamp in enumerate(self.stamps):
                marker, style = _LOOK[stamp.kind]
                label = Text()
                label.append(f"{format_time(stamp.seconds):>8} ", style="cyan")
                label.append(f"{marker} ", style=style)
                label.append(data_text(stamp.text or "(bookmark)"))
                options.append(Option(label, id=str(index)))
            yield OptionList(*options, id="revisit-list")

    def enter(self) -> None:
        if not self.stamps:
            return
        highlighted = self.query_one(OptionList).highlighted
        if highlighted is not None:
            self.dismiss(self.stamps[highlighted].seconds)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.stamps[int(event.option.id or 0)].seconds)  # a click
