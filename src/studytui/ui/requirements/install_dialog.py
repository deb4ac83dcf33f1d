"""Installing a lesson's packages is a decision of its own: the dialog names the lessons folder and
the lesson, lists exactly what pip will be given, and what was refused and why; only y installs."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text

from studytui.core.lessons import InstallPlan
from studytui.ui.screens.yes_only import YesOnlyDialog
from studytui.ui.widgets.safe_text import data_text


class InstallDialog(YesOnlyDialog):
    def __init__(self, folder: Path, lesson_title: str, plan: InstallPlan, checked: bool) -> None:
        self.folder, self.plan = folder, plan
        source = Text("Asked for by the lesson ")
        source.append(data_text(lesson_title, style="bold"))
        source.append(" in the lessons folder ")
        source.append(data_text(str(folder), style="bold yellow"))
        listing = Text()
        for name in plan.packages:
            listing.append("  " + name, style="bold")
            if name in plan.torch:
                listing.append("  (PyTorch's CPU build when the kernel's machine has no NVIDIA GPU)", style="dim")
            listing.append("\n")
        if not checked:
            listing.append("Not checked against the kernel first (this lessons folder is not trusted): "
                           "pip skips what is already installed.\n", style="dim")
        for name, why in plan.refused:
            listing.append("  refused: ", style="bold red")
            listing.append(data_text(name))
            listing.append(f": {why}\n")
        risk = Text(
            "pip downloads these packages into the kernel's environment and runs their install code with "
            "your files and your network. It first says how much it will fetch; ctrl+c in the code cell "
            "stops it."
        )
        super().__init__(
            [("install-question", Text("Install these packages into the kernel?", style="bold")),
             ("install-source", source),
             ("install-packages", listing),
             ("install-why", risk)],
            yes="install them",
            box_id="install-box",
        )
