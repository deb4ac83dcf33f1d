"""The one way a lessons folder becomes trusted: a question that names it, answered with a key.

A check is code from the lessons folder and runs in the learner's kernel. The dialog shows the
folder's full path, and only the y key trusts it: there is no button or link to click, and Enter
(which may arrive in a burst of typing) does nothing, so neither a stray key nor text from the
lesson pack can answer for the learner. n or escape closes it without trusting.
"""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from studytui.ui.widgets.safe_text import data_text


class TrustDialog(ModalScreen[bool]):
    DEFAULT_CSS = """
    TrustDialog { align: center middle; }
    #trust-box {
        width: 84; max-width: 100%; height: auto; max-height: 80%;
        border: thick $warning; background: $surface; padding: 1 2;
    }
    #trust-keys { margin-top: 1; }
    """
    BINDINGS = [
        Binding("y", "answer(True)", "Trust", show=False),
        Binding("n,escape", "answer(False)", "Not now", show=False),
    ]

    def __init__(self, folder: Path, question: str = "Trust code from this lessons folder?") -> None:
        super().__init__()
        self.folder, self.question = folder, question

    def compose(self) -> ComposeResult:
        with Vertical(id="trust-box"):
            yield Static(Text(self.question, style="bold"), id="trust-question")
            yield Static(data_text(str(self.folder), style="bold yellow"), id="trust-folder")
            yield Static(
                Text(
                    "Its exercise checks are Python code that runs in your kernel, with your files and "
                    "your network. Trust it only if you trust its author. You can undo this by "
                    "editing trusted-folders.json in the studytui config folder."
                ),
                id="trust-why",
            )
            keys = Text()
            keys.append("y", style="bold reverse")
            keys.append(" trust this folder    ")
            keys.append("n", style="bold reverse")
            keys.append(" / ")
            keys.append("escape", style="bold reverse")
            keys.append(" not now")
            yield Static(keys, id="trust-keys")

    def action_answer(self, trusted: bool) -> None:
        self.dismiss(trusted)
