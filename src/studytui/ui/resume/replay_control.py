"""Resuming a lesson: its earlier cells shown above the prompt, and replayed on demand, one at a time.

Cells run one after another, each only once the one before finished ok: ctrl+c on the running cell
(or any error) stops the replay, and nothing after it runs.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from rich.syntax import Syntax
from rich.text import Text

from studytui.core.kernel import (
    ExecutionResult,
    ExecutionStatus,
    ReplayChoice,
    SavedCell,
    plan_replay,
    read_saved_cells,
)
from studytui.core.text import clean_text
from studytui.ui.resume.replay_picker import ReplayPicker

SHOWN_CELLS = 12  # earlier cells shown in the log when a lesson opens (the rest: ↑ history, the notebook)
REPLAY_COMMAND = "Replay this lesson's earlier cells"


@dataclass
class ReplayController:
    write: Callable[[object], None]  # a renderable into the code pane's log
    run_cell: Callable[[str, Callable[[ExecutionResult], None]], None]
    push_screen: Callable[..., object]
    notify: Callable[[str], None]
    _queue: list[str] = field(default_factory=list)
    _notebook: Path | None = None

    def lesson_opened(self, notebook: Path) -> None:
        self._queue.clear()
        self._notebook = notebook

    def show_earlier_cells(self, notebook: Path, cells: list[SavedCell], plan: list[ReplayChoice]) -> None:
        """The lesson's earlier cells as history above the prompt, and the offer to rebuild the state
        (`plan`: `plan_replay(cells)`, made off the UI thread with the reading)."""
        if notebook != self._notebook or not cells:  # another lesson opened while they were read
            return
        replayable = sum(choice.ticked for choice in plan)
        self.write(Text(f"Earlier in this lesson ({notebook.name}, {len(cells)} cells; the last "
                        f"{min(len(cells), SHOWN_CELLS)} below):", style="bold dim"))
        for cell, choice in list(zip(cells, plan, strict=True))[-SHOWN_CELLS:]:
            count = f"In [{cell.execution_count}]" if cell.execution_count else "In [ ]"
            header = Text(f"{count} ", style="dim")
            if cell.video_clock:
                header.append(f"at {clean_text(cell.video_clock)} ", style="dim cyan")
            if choice.reason:
                header.append(f"({choice.reason})", style="dim yellow")
            self.write(header)
            # The notebook is a file on disk (anyone's): its code is shown as data; replay runs it as written.
            self.write(Syntax(clean_text(cell.code).rstrip("\n"), "python", theme="ansi_dark",
                              background_color="default", word_wrap=True))
        self.write(Text(f"To rebuild this lesson's variables in the kernel: ctrl+p '{REPLAY_COMMAND}' "
                        f"({replayable} of {len(cells)} cells may run again; you pick).", style="yellow"))

    def action_replay_cells(self) -> None:  # the App's palette command (forward_to("replay"))
        self.choose()

    def choose(self) -> None:
        """The picker, then the ticked cells in order."""
        cells = read_saved_cells(self._notebook) if self._notebook is not None else []
        if not cells:
            self.notify("This lesson's notebook has no cells yet.")
            return

        def chosen(indexes: list[int] | None) -> None:
            if indexes:
                self.replay([cells[index] for index in indexes])

        self.push_screen(ReplayPicker(cells, plan_replay(cells)), chosen)

    def replay(self, cells: list[SavedCell]) -> None:
        self._queue = [cell.code for cell in cells]
        self.write(Text(f"Replaying {len(cells)} cells, one at a time (ctrl+c stops the replay).", style="dim"))
        self._next()

    @property
    def replaying(self) -> bool:
        return bool(self._queue)

    def _next(self) -> None:
        if not self._queue:
            return
        code = self._queue.pop(0)
        self.run_cell(code, self._finished)

    def _finished(self, result: ExecutionResult) -> None:
        if result.status is ExecutionStatus.OK:
            if self._queue:
                self._next()
            else:
                self.write(Text("Replay done: the kernel has this lesson's state again.", style="green"))
            return
        left = len(self._queue)
        self._queue.clear()
        self.write(Text(f"Replay stopped ({result.status}); {left} cell{'s' if left != 1 else ''} not run.",
                        style="bold yellow"))
