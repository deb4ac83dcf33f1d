"""The one way a lessons folder becomes trusted: a question that names it, answered with y.

A check is code from the lessons folder and runs in the learner's kernel. The dialog shows the
folder's full path, and only the y key trusts it (see `YesOnlyDialog`).
"""

from __future__ import annotations

from pathlib import Path

from rich.text import Text

from studytui.ui.screens.yes_only import YesOnlyDialog
from studytui.ui.widgets.safe_text import data_text


class TrustDialog(YesOnlyDialog):
    def __init__(self, folder: Path, question: str = "Trust code from this lessons folder?") -> None:
        self.folder, self.question = folder, question
        why = Text(
            "Its exercise checks are Python code that runs in your kernel, with your files and "
            "your network. Trust it only if you trust its author. You can undo this by "
            "editing trusted-folders.json in the studytui config folder."
        )
        super().__init__(
            [("trust-question", Text(question, style="bold")),
             ("trust-folder", data_text(str(folder), style="bold yellow")),
             ("trust-why", why)],
            yes="trust this folder",
            box_id="trust-box",
        )
