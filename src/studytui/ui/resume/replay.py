"""Resuming a lesson: its earlier cells shown above the prompt, and replayed on demand, one at a time.

Cells run one after another, each only once the one before finished ok: ctrl+c on the running cell
(or any error) stops the replay, and nothing after it runs. A widget with nothing to show of its
own: it writes to the code pane, and reads the notebook in a thread worker on it.
"""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import work
from textual.widget import Widget

from studytui.core.kernel import (
    ExecutionResult,
    ExecutionStatus,
    ReplayChoice,
    SavedCell,
    outputs_view,
    plan_replay,
    read_saved_cells,
)
from studytui.core.lessons import Lesson
from studytui.core.text import clean_text
from studytui.ui.code import CodePane
from studytui.ui.resume.replay_picker import ReplayPicker
from studytui.ui.session import StudySession
from studytui.ui.widgets.safe_text import data_text

SHOWN_CELLS = 12  # earlier cells shown in the log when a lesson opens (the rest: ↑ history, the notebook)
REPLAY_COMMAND = "Replay this lesson's earlier cells"


class Replay(Widget):
    DEFAULT_CSS = "Replay { display: none; }"

    def __init__(self, session: StudySession, code: CodePane) -> None:
        super().__init__()
        self.session = session
        self.code = code
        self._queue: list[str] = []
        self._notebook: Path | None = None

    def on_mount(self) -> None:
        self.session.lesson_opened.subscribe(self, self.lesson_opened, immediate=True)

    def lesson_opened(self, lesson: Lesson) -> None:
        self._queue.clear()
        self._notebook = self.code.notebook_path()
        # What follows in the log is this lesson's: its title on a rule, as a separator.
        separator = Text("━━ ", style="cyan")
        separator.append_text(data_text(lesson.title, style="bold cyan"))
        separator.append(" ━━", style="cyan")
        self.code.write(separator)
        self.read_earlier_cells(self._notebook)

    @work(group="resume", exclusive=True, thread=True, exit_on_error=False)
    def read_earlier_cells(self, notebook: Path) -> None:
        cells = read_saved_cells(notebook)  # off the UI thread, with the replay's choice of cells
        self.app.call_from_thread(self.show_earlier_cells, notebook, cells, plan_replay(cells))

    def show_earlier_cells(self, notebook: Path, cells: list[SavedCell], plan: list[ReplayChoice]) -> None:
        """The lesson's earlier cells as history above the prompt, and the offer to rebuild the state
        (`plan`: `plan_replay(cells)`, made off the UI thread with the reading)."""
        if notebook != self._notebook or not cells:  # another lesson opened while they were read
            return
        replayable = sum(choice.ticked for choice in plan)
        self.code.write(Text(f"Earlier in this lesson ({notebook.name}, {len(cells)} cells; the last "
                        f"{min(len(cells), SHOWN_CELLS)} below):", style="bold dim"))
        for cell, choice in list(zip(cells, plan, strict=True))[-SHOWN_CELLS:]:
            header = Text("earlier cell ", style="dim")
            if cell.video_clock:
                header.append(f"at {clean_text(cell.video_clock)} ", style="dim cyan")
            if choice.reason:
                header.append(f"({choice.reason})", style="dim yellow")
            # As drawn when it ran, from the notebook (a file on disk, anyone's: code and text are
            # shown as data, images only from plain files beside it); replay runs the code as written.
            outputs = outputs_view(cell.outputs, notebook.parent)
            self.code.show_earlier_cell(cell.execution_count or 0, cell.code, outputs, header)
        self.code.write(Text(f"To rebuild this lesson's variables in the kernel: ctrl+p '{REPLAY_COMMAND}' "
                        f"({replayable} of {len(cells)} cells may run again; you pick).", style="yellow"))

    def choose(self) -> None:
        """The picker, then the ticked cells in order."""
        cells = read_saved_cells(self._notebook) if self._notebook is not None else []
        if not cells:
            self.notify("This lesson's notebook has no cells yet.")
            return

        def chosen(indexes: list[int] | None) -> None:
            if indexes:
                self.replay([cells[index] for index in indexes])

        self.app.push_screen(ReplayPicker(cells, plan_replay(cells)), chosen)

    def replay(self, cells: list[SavedCell]) -> None:
        self._queue = [cell.code for cell in cells]
        self.code.write(Text(f"Replaying {len(cells)} cells, one at a time (ctrl+c stops the replay).", style="dim"))
        self._next()

    @property
    def replaying(self) -> bool:
        return bool(self._queue)

    def _next(self) -> None:
        if not self._queue:
            return
        code = self._queue.pop(0)
        self.code.run_cell(code, on_done=self._finished)

    def _finished(self, result: ExecutionResult) -> None:
        if result.status is ExecutionStatus.OK:
            if self._queue:
                self._next()
            else:
                self.code.write(Text("Replay done: the kernel has this lesson's state again.", style="green"))
            return
        left = len(self._queue)
        self._queue.clear()
        self.code.write(Text(f"Replay stopped ({result.status}); {left} cell{'s' if left != 1 else ''} not run.",
                        style="bold yellow"))
