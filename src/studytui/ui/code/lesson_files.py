"""The files the code pane keeps for the open lesson (or for scratch code when none is open): its
notebook, its input history and the cells' outputs, all in the notes folder (a path that would
leave it is refused with a notice), with the history and notebook written in order off the UI
thread."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from textual.app import App

from studytui.config import HISTORY_FOLDER, OUTPUTS_FOLDER, REFUSED_FOLDER, WORKSPACE_FOLDER, OutsideWorkspace, Settings
from studytui.core.kernel import InputHistory, LessonNotebook
from studytui.core.lessons import Lesson
from studytui.ui.code.code_pane import LiveCell
from studytui.ui.controller import Controller
from studytui.ui.open_lesson import OpenLesson, OpenLessonField

FRAME_BEFORE_WRITE = 0.1  # seconds the notebook write waits at most for the cell to be drawn
# Seconds after the first screen before nbformat is imported in the background: 0.13 s of the GIL
# that, at once, doubled the time a first cell typed at launch took to show its answer.
WARM_NOTEBOOK_AFTER = 1.0
SCRATCH = "scratch"  # files of code run with no lesson open


class LessonFiles(Controller):
    """The open lesson's notebook, input history and output folder, and the thread that writes them."""

    lesson = OpenLessonField[Lesson | None]()

    def __init__(self, app: App[None], settings: Settings, current: OpenLesson) -> None:
        super().__init__(app)
        self.settings = settings
        self.current = current
        self._histories: dict[str, InputHistory] = {}
        self._notebooks: dict[str, LessonNotebook] = {}
        # The learner's history and notebook files, written in order off the UI thread.
        self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="studytui-files")

    # ----- where things go --------------------------------------------------------------------

    def _lesson_key(self) -> str:
        return self.lesson.id if self.lesson is not None else SCRATCH

    def output_dir(self) -> Path | None:
        """None (outputs shown, not saved) when the folder leads outside the notes folder."""
        try:
            return self.settings.path_in_notes(OUTPUTS_FOLDER, self._lesson_key())
        except OutsideWorkspace as refused:
            self.notify(f"Outputs are not saved: {refused}", severity="error", timeout=15)
            return None

    def _inside_or_aside(self, *parts: str) -> Path:
        """A path in the notes folder; one that would leave it is refused with a notice, and the
        file goes to the app's own folder instead."""
        try:
            return self.settings.path_in_notes(*parts)
        except OutsideWorkspace as refused:
            self.notify(f"Written in {REFUSED_FOLDER} instead: {refused}", severity="error", timeout=15)
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
        self.set_timer(WARM_NOTEBOOK_AFTER, lambda: self._writer.submit(LessonNotebook.warm))

    def remember(self, code: str) -> None:
        """Adds a cell run by the learner to this lesson's history (saved off the UI thread)."""
        history = self.history()
        if history.remember(code):
            self._writer.submit(history.save)

    def save_to_notebook(self, run: LiveCell, count: int | None, status: str) -> None:
        notebook = self.notebook()
        outputs = run.outputs.to_nbformat()
        drawn = threading.Event()

        def write() -> None:
            # Serialising a notebook holds the GIL for milliseconds: the frame that shows the
            # cell goes first. Submitted now, so a quit right after the cell still writes it.
            drawn.wait(FRAME_BEFORE_WRITE)
            try:
                notebook.append(run.code, outputs, count, run.video_time, status)
            except Exception as error:  # shown, never lost silently
                self.call_from_thread(
                    self.notify, f"The notebook {notebook.path} was not written: {error}", severity="error"
                )
                return
            if notebook.notice:
                self.call_from_thread(self.notify, notebook.notice, severity="warning", timeout=15)

        self._writer.submit(write)
        self.call_after_refresh(drawn.set)
