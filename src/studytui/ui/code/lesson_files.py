"""The files the code pane keeps for the open lesson (or for scratch code when none is open): its
notebook, its input history and the cells' outputs, all in the notes folder (a path that would
leave it is refused with a notice), with the history and notebook written in order off the UI
thread.
It reaches the app (notices, timers) through the code pane."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any

from studytui.config import HISTORY_FOLDER, OUTPUTS_FOLDER, REFUSED_FOLDER, WORKSPACE_FOLDER, OutsideWorkspace, Settings
from studytui.core.kernel import (
    CleanNotebook,
    InputHistory,
    KernelRun,
    KernelState,
    LessonNotebook,
    NotebookWriteError,
    NothingToExport,
    export_lesson_notebook,
    folder_problem,
)
from studytui.ui.code.code_view import LiveCell
from studytui.ui.session import StudySession

if TYPE_CHECKING:
    from studytui.ui.code.code_pane import CodePane

FRAME_BEFORE_WRITE = 0.1  # seconds the notebook write waits at most for the cell to be drawn
# Seconds after the first screen before nbformat is imported in the background: 0.13 s of the GIL
# that, at once, doubled the time a first cell typed at launch took to show its answer.
WARM_NOTEBOOK_AFTER = 1.0
SCRATCH = "scratch"  # files of code run with no lesson open


class LessonFiles:
    """The open lesson's notebook, input history and output folder, and the thread that writes them."""

    def __init__(self, pane: CodePane, settings: Settings, session: StudySession) -> None:
        self.pane = pane
        self.settings = settings
        self.session = session
        self._histories: dict[str, InputHistory] = {}
        self._notebooks: dict[str, LessonNotebook] = {}
        self._refused_outputs: set[str] = set()  # lessons whose outputs folder was refused (said once)
        # The kernel's current start, marked in each notebook before the first cell run in it.
        self._kernel_run: KernelRun | None = None
        self._kernel_starting = True
        # The learner's history and notebook files, written in order off the UI thread.
        self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="studytui-files")

    # ----- where things go --------------------------------------------------------------------

    def _lesson_key(self) -> str:
        lesson = self.session.lesson
        return lesson.id if lesson is not None else SCRATCH

    def output_dir(self) -> Path | None:
        """None (outputs shown, not saved) when the folder leads outside the notes folder, or
        something that is not a folder (a FIFO) is in its place."""
        key = self._lesson_key()
        try:
            folder = self.settings.path_in_notes(OUTPUTS_FOLDER, key)
        except OutsideWorkspace as refused:
            self.pane.notify(f"Outputs are not saved: {refused}", severity="error", timeout=15)
            return None
        problem = folder_problem(folder)
        if problem is not None:
            if key not in self._refused_outputs:
                self._refused_outputs.add(key)
                self.pane.notify(f"Outputs are not saved: {problem}", severity="error", timeout=15)
            return None
        return folder

    def _inside_or_aside(self, *parts: str) -> Path:
        """A path in the notes folder; one that would leave it is refused with a notice, and the
        file goes to the app's own folder instead."""
        try:
            return self.settings.path_in_notes(*parts)
        except OutsideWorkspace as refused:
            self.pane.notify(f"Written in {REFUSED_FOLDER} instead: {refused}", severity="error", timeout=15)
            return self.settings.refused_paths_dir / parts[-1]

    def notebook(self) -> LessonNotebook:
        key = self._lesson_key()
        if key not in self._notebooks:
            path = self._inside_or_aside(f"{key}.ipynb")
            self._notebooks[key] = LessonNotebook(path, self.settings.kernel_name)
        return self._notebooks[key]

    def history(self) -> InputHistory:
        key = self._lesson_key()
        if key not in self._histories:
            path = self._inside_or_aside(WORKSPACE_FOLDER, HISTORY_FOLDER, f"{key}.json")
            self._histories[key] = InputHistory(path)
        return self._histories[key]

    # ----- writing ----------------------------------------------------------------------------

    def warm_notebook(self) -> None:
        """Called once the first screen is drawn: a moment later, nbformat is made ready for the
        notebook writes, before most learners run a cell (a cell run sooner imports it after its
        answer is drawn)."""
        self.pane.set_timer(WARM_NOTEBOOK_AFTER, lambda: self._writer.submit(LessonNotebook.warm))

    def remember(self, code: str) -> None:
        """Adds a cell run by the learner to this lesson's history (saved off the UI thread)."""
        history = self.history()
        if history.remember(code):
            self._writer.submit(history.save)

    def kernel_state_changed(self, state: KernelState, kernel_name: str, attached: bool) -> None:
        """A kernel that comes up after starting (a launch, a restart, attaching again) is a new
        run: the notebooks mark it before its first cell."""
        if state is KernelState.STARTING:
            self._kernel_starting = True
        elif state in (KernelState.IDLE, KernelState.BUSY) and self._kernel_starting:
            self._kernel_starting = False
            self._kernel_run = KernelRun.begin(kernel_name, attached)

    def save_to_notebook(
        self, run: LiveCell, count: int | None, status: str, more_outputs: Sequence[dict[str, Any]] = ()
    ) -> None:
        """`more_outputs`: nbformat outputs after the cell's own (its help pages)."""
        notebook = self.notebook()
        outputs = [*run.outputs.to_nbformat(relative_to=notebook.path.parent), *more_outputs]
        if self._kernel_run is None:
            self._kernel_run = KernelRun.begin(self.settings.kernel_name)
        kernel_run = self._kernel_run
        drawn = threading.Event()

        def write() -> None:
            # Serialising a notebook holds the GIL for milliseconds: the frame that shows the
            # cell goes first. Submitted now, so a quit right after the cell still writes it.
            drawn.wait(FRAME_BEFORE_WRITE)
            try:
                notebook.append(run.code, outputs, count, run.video_time, status, kernel_run)
            except NotebookWriteError as error:  # one line; the cell waits for the next write
                self.pane.app.call_from_thread(self.pane.notify, str(error), severity="error", timeout=15)
                return
            except Exception as error:  # shown, never lost silently
                self.pane.app.call_from_thread(
                    self.pane.notify, f"The notebook {notebook.path} was not written: {error}", severity="error"
                )
                return
            if notebook.notice:
                self.pane.app.call_from_thread(self.pane.notify, notebook.notice, severity="warning", timeout=15)

        self._writer.submit(write)
        self.pane.call_after_refresh(drawn.set)

    def export_clean(self, lesson_id: str, done: Callable[[CleanNotebook | Exception], None]) -> None:
        """Write the lesson's clean notebook on the writer thread, after the cells already submitted
        to its notebook; `done` is called on the loop with the result, or the error that says why
        nothing was written."""

        def export() -> None:
            result: CleanNotebook | Exception
            try:
                result = export_lesson_notebook(self.settings, lesson_id)
            except (OSError, ValueError, NothingToExport) as error:  # OutsideWorkspace and NotAFile included
                result = error
            self.pane.app.call_from_thread(done, result)

        self._writer.submit(export)
