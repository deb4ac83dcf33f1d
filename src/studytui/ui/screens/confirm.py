"""A yes/no question that does not get in the way: y or enter says yes, n or escape says no.

Its keys are priority bindings: the answer runs as the App takes the key, so the dialog is gone
before the next key is handed on, and the keys typed right after the answer (f4 and a cell, in one
burst) reach the screen below, in order. Enter answers with the button that has the focus.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from studytui.ui.widgets.safe_text import data_text


class ConfirmScreen(ModalScreen[bool]):
    BINDINGS = [
        Binding("y", "answer(True)", "Yes", priority=True),
        Binding("n,escape", "answer(False)", "No", priority=True),
        Binding("enter", "press_focused", "Answer", show=False, priority=True),
    ]

    def __init__(self, question: str, yes: str = "Yes", no: str = "Not now") -> None:
        super().__init__()
        self.question, self.yes, self.no = question, yes, no

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box"):
            yield Static(data_text(self.question), id="confirm-question")
            with Horizontal(id="confirm-buttons"):
                yield Button(f"{self.yes} (y)", id="yes", variant="primary")
                yield Button(f"{self.no} (n)", id="no")

    def on_mount(self) -> None:
        self.query_one("#yes", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)

    def action_press_focused(self) -> None:
        focused = self.focused
        self.dismiss(focused is not None and focused.id == "yes")
