"""Adding a course from the app: what `studytui add` does, in a thread worker, with its progress on screen.

The palette's "Add a course from a URL or folder" asks for the source in a dialog; the course is then
written by `core.courses.add_course` in a thread worker on this widget, which posts a message after
each video (the dialog shows the same lines as the command line) and a last one with the report. The
screen stays free meanwhile: the dialog can be closed and the learner goes on studying; the palette
command shows the adding again. A stop (Escape or ctrl+c in the dialog, or the app quitting) is
asked before each video and keeps what is written. Once done (or stopped) the lesson files are read
again at once, so the course is in the outline, and being the learner's own (`add` remembers the
folders it made) it needs no trust step.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

from textual import on, work
from textual.message import Message
from textual.widget import Widget
from textual.worker import get_current_worker

from studytui.config import OutsideWorkspace, Settings
from studytui.core.courses import AddProgress, AddReport, CourseSourceError, add_course, one_line, read_source
from studytui.core.transcripts import transcripts_dir
from studytui.ui.courses.add_dialog import AddCourseDialog, Adding
from studytui.ui.exercises import Exercises


@dataclass
class SourceRead(Message):
    title: str
    count: int | None


@dataclass
class VideoAdded(Message):
    progress: AddProgress


@dataclass
class CourseAdded(Message):
    report: AddReport


@dataclass
class CourseNotAdded(Message):
    why: str


class CourseAdder(Widget):
    """The feature: the palette command, the worker and the dialog that shows it."""

    DEFAULT_CSS = "CourseAdder { display: none; }"

    def __init__(self, settings: Settings, exercises: Exercises) -> None:
        super().__init__()
        self.settings = settings
        self.exercises = exercises  # it reads the lesson files again: the library, the outline
        self.adding: Adding | None = None  # the one running, or the last one while its dialog shows it
        self._stop = threading.Event()
        self._dialog: AddCourseDialog | None = None

    def on_unmount(self) -> None:
        self._stop.set()  # the app is ending: the worker stops after the video it is on

    def open(self) -> None:
        """The palette command: the running adding's progress, else a line to type the source in."""
        if isinstance(self.app.screen, AddCourseDialog):
            return
        running = self.adding if self.adding is not None and self.adding.running else None
        if self.settings.courses_dir is None:
            self.notify("No courses folder is set, so there is nowhere to add a course: set courses_dir in the "
                        "config file.", severity="warning", timeout=15)
            return
        about = (f"A playlist or video URL, a folder of videos, or an info JSON saved by `yt-dlp -J URL`: "
                 f"one lesson per video, with its chapters, in {self.settings.courses_dir}. Online, only the "
                 "metadata is read; adding the same again updates the course.")
        self._dialog = AddCourseDialog(about, running, self.start, self.stop)
        self.app.push_screen(self._dialog, self.dialog_closed)

    def dialog_closed(self, _result: None) -> None:
        self._dialog = None

    def start(self, typed: str) -> None:
        """The source typed in the dialog: the adding starts."""
        self.adding = Adding(typed)
        self._stop = threading.Event()
        self.show()
        self.add_in_thread(typed, self._stop)

    def stop(self) -> None:
        if self.adding is not None and self.adding.running:
            self.adding.stopping = True
            self._stop.set()
            self.show()

    def show(self) -> None:
        if self._dialog is not None:
            self._dialog.show(self.adding)

    # ----- the worker -------------------------------------------------------------------------

    @work(thread=True, group="add-course", exit_on_error=False)
    def add_in_thread(self, typed: str, stop: threading.Event) -> None:
        worker = get_current_worker()

        def stopped() -> bool:
            return stop.is_set() or worker.is_cancelled

        def progressed(progress: AddProgress) -> None:
            self.post_message(VideoAdded(progress))

        settings = self.settings
        courses = settings.courses_dir
        assert courses is not None  # checked before the dialog opened
        try:
            transcripts = settings.path_in_notes(transcripts_dir(settings.notes_dir).name)
            # A folder's subtitles are copied in as its transcripts, as `studytui add DIR` does;
            # a URL's captions are fetched on demand (`studytui transcript fetch`), not here.
            folder = "://" not in typed and Path(typed).expanduser().is_dir()
            captions = transcripts if folder else None
            source = read_source(typed, settings.transcript_language, captions)
            self.post_message(SourceRead(one_line(source.title), source.count))
            if stopped():
                self.post_message(CourseNotAdded("stopped before any lesson was written"))
                return
            report = add_course(source, courses, settings.workspace_dir, transcripts_dir=captions,
                                on_progress=progressed,
                                cancelled=stopped)
        except CourseSourceError as error:
            self.post_message(CourseNotAdded(str(error)))
            return
        except (OSError, OutsideWorkspace) as error:
            self.post_message(CourseNotAdded(f"the course cannot be written: {error}"))
            return
        self.post_message(CourseAdded(report))

    @on(SourceRead)
    def source_read(self, message: SourceRead) -> None:
        if self.adding is not None:
            self.adding.title, self.adding.count = message.title, message.count
            self.show()

    @on(VideoAdded)
    def video_added(self, message: VideoAdded) -> None:
        if self.adding is not None:
            self.adding.heard(message.progress.line())
            self.show()

    @on(CourseNotAdded)
    def course_not_added(self, message: CourseNotAdded) -> None:
        if self.adding is not None:
            self.adding.error = message.why
            self.show()
        if self._dialog is None:
            self.notify(f"The course was not added: {message.why}", severity="warning", timeout=15)

    @on(CourseAdded)
    def course_added(self, message: CourseAdded) -> None:
        report = message.report
        if self.adding is not None:
            self.adding.report = report
            self.show()
        written = frozenset((*report.added, *report.updated))
        self.exercises.reload_lessons(written or frozenset({report.folder}))
        if self._dialog is None:  # the learner went on studying: one line says it is there
            counts = f"{len(report.added)} lesson{'s' if len(report.added) != 1 else ''} added"
            if report.stopped:
                self.notify(f"Stopped adding {report.title} ({counts}): add the same again to go on.", timeout=10)
            else:
                self.notify(f"{report.title}: {counts}, in the outline (f2).", title="Course added", timeout=10)
