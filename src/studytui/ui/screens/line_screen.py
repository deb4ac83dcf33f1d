"""A dialog with one line to type in, where no key typed in a burst is lost.

The keys typed in the same burst as the key that opened the dialog reach it before its line has the
focus (the dialog is still being mounted): they are kept and put in the line once it has. Its Enter
and Escape act as the App takes the key (see `Dialog`): Enter once the keys typed before it are in
the line, and the keys typed right after them reach whatever is below once the dialog is gone.
"""

from __future__ import annotations

from typing import TypeVar

from textual import events

from studytui.ui.screens.dialog import Dialog
from studytui.ui.widgets.ordered_keys import OrderedInput

ResultType = TypeVar("ResultType")


class LineScreen(Dialog[ResultType]):
    """Compose one `OrderedInput`; `typed` is its text with the keys that arrived before it had the focus."""

    def __init__(self) -> None:
        super().__init__()
        self.early: list[str] = []  # printable keys that reached the dialog, not its line

    def on_mount(self) -> None:
        self.query_one(OrderedInput).focus()
        self.take_early_keys()

    def on_key(self, event: events.Key) -> None:
        if event.is_printable and event.character and self.takes_typing():
            event.stop()
            self.early.append(event.character)
            if self.is_mounted:
                self.take_early_keys()

    def takes_typing(self) -> bool:
        """Whether the line is there to type in now (a dialog may hide it once it has what it asked)."""
        return True

    def take_early_keys(self) -> None:
        if self.early:
            self.query_one(OrderedInput).insert_text_at_cursor("".join(self.early))
            self.early.clear()

    @property
    def typed(self) -> str:
        early = "".join(self.early)
        return self.query_one(OrderedInput).value + early if self.is_mounted else early
