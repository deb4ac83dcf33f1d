"""A question that only the y key answers yes: for decisions that let a stranger's code run.

There is no button or link to click, and Enter (which may arrive in a burst of typing) does nothing,
so neither a stray key nor text from a lesson pack can answer for the learner. n or escape closes it
with no, and the keys typed right after the answer reach the cell or pane below, in order. Each part
of the question is given as a `Text`: text from a pack is shown as data, never parsed as markup.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static


class YesOnlyDialog(ModalScreen[bool]):
    DEFAULT_CSS = """
    YesOnlyDialog { align: center middle; }
    YesOnlyDialog > Vertical {
        width: 84; max-width: 100%; height: auto; max-height: 80%;
        border: thick $warning; background: $surface; padding: 1 2;
    }
    YesOnlyDialog .yes-only-keys { margin-top: 1; }
    """
    # Priority bindings: the answer runs as the App takes the key from its queue, so the dialog is gone
    # before the next key is handed on, and keys typed right after y or n reach the widget below.
    BINDINGS = [
        Binding("y", "answer(True)", "Yes", show=False, priority=True),
        Binding("n,escape", "answer(False)", "Not now", show=False, priority=True),
    ]

    def __init__(self, parts: list[tuple[str, Text]], yes: str, box_id: str | None = None) -> None:
        """`parts`: (widget id, text) shown in order; `yes`: what y does, in a few words."""
        super().__init__()
        self.parts, self.yes, self.box_id = parts, yes, box_id

    def compose(self) -> ComposeResult:
        with Vertical(id=self.box_id):
            for part_id, text in self.parts:
                yield Static(text, id=part_id)
            keys = Text()
            keys.append("y", style="bold reverse")
            keys.append(f" {self.yes}    ")
            keys.append("n", style="bold reverse")
            keys.append(" / ")
            keys.append("escape", style="bold reverse")
            keys.append(" not now")
            yield Static(keys, classes="yes-only-keys")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
