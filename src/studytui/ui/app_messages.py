"""The messages that reach the App, each forwarded to the controllers that handle it.

Messages from the panes and the kernel bubble up to the App; the handlers below (Textual's naming
convention, `on_<message>`) hand each to its feature and hold no logic of their own. `ROUTED` lists
the messages handled here: a test checks each has its handler, so a misspelt name cannot drop one.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.message import Message
from textual.widgets import TextArea

from studytui.core.kernel import KernelState, plan_replay, read_saved_cells
from studytui.ui.code import CodeInput, InputWanted, LiveOutputChanged, StdinPrompt
from studytui.ui.exercises import ExerciseChecked, ExerciseOutput, LessonsReloaded
from studytui.ui.messages import (
    ChapterPicked,
    ExecutionFinished,
    ExercisePicked,
    InterruptRequested,
    KernelStateChanged,
    LessonOpened,
    LessonPicked,
    PlayerStopped,
    RunRequested,
)
from studytui.ui.notes import NotesSaved, SeekRequested
from studytui.ui.transcript import TranscriptSeek
from studytui.ui.widgets.paste_guard import PasteRefused

if TYPE_CHECKING:
    from studytui.ui.app import StudyApp

ROUTED: tuple[type[Message], ...] = (
    LessonPicked, ChapterPicked, PlayerStopped, KernelStateChanged, RunRequested, LiveOutputChanged,
    ExecutionFinished, InputWanted, StdinPrompt.Answered, InterruptRequested, CodeInput.Edited,
    CodeInput.CompletionRequested, CodeInput.InspectRequested, LessonOpened, PasteRefused, NotesSaved,
    SeekRequested, TextArea.Changed, TranscriptSeek, ExercisePicked, ExerciseOutput, ExerciseChecked,
    LessonsReloaded,
)


class MessageRoutes:
    """Mixed into the App (before `App`): one handler per message in `ROUTED`."""

    def on_lesson_picked(self: StudyApp, message: LessonPicked) -> None:
        self.lesson_control._lesson_picked(message)

    def on_chapter_picked(self: StudyApp, message: ChapterPicked) -> None:
        self.lesson_control._chapter_picked(message)

    def on_player_stopped(self: StudyApp, message: PlayerStopped) -> None:
        self.player_control._player_stopped(message)

    def on_kernel_state_changed(self: StudyApp, message: KernelStateChanged) -> None:
        self.kernel_control._kernel_state_changed(message)
        if message.state is KernelState.IDLE:
            self.requirements.kernel_ready()

    def on_run_requested(self: StudyApp, message: RunRequested) -> None:
        self.kernel_control._run_requested(message)
        self.study_control._count_cell()

    def on_live_output_changed(self: StudyApp, _message: LiveOutputChanged) -> None:
        self.kernel_control._live_changed()

    def on_execution_finished(self: StudyApp, message: ExecutionFinished) -> None:
        self.kernel_control._execution_finished(message)

    def on_input_wanted(self: StudyApp, message: InputWanted) -> None:
        self.kernel_control._input_wanted(message)

    def on_stdin_prompt_answered(self: StudyApp, message: StdinPrompt.Answered) -> None:
        self.kernel_control._input_answered(message)

    def on_interrupt_requested(self: StudyApp, _message: InterruptRequested) -> None:
        self.kernel_control._interrupt_requested()

    def on_code_input_edited(self: StudyApp, _message: CodeInput.Edited) -> None:
        self.kernel_control._cell_edited()

    def on_code_input_completion_requested(self: StudyApp, message: CodeInput.CompletionRequested) -> None:
        self.kernel_control._completion_requested(message)

    def on_code_input_inspect_requested(self: StudyApp, message: CodeInput.InspectRequested) -> None:
        self.kernel_control._inspect_requested(message)

    def on_lesson_opened(self: StudyApp, message: LessonOpened) -> None:
        self.study_control._lesson_opened()
        self.transcript_control.lesson_opened(message.lesson_id)
        if self.lesson is not None:
            self.requirements.check(self.lesson)
            notebook = self.kernel_control._notebook().path
            self.replay.lesson_opened(notebook)
            self._read_earlier_cells(notebook)

    def on_paste_refused(self: StudyApp, _message: PasteRefused) -> None:
        self.study_control._count_paste()

    def on_notes_saved(self: StudyApp, message: NotesSaved) -> None:
        self.study_control._count_notes(message)
        self.review_control.refresh_due_marks([message.path.stem])  # a notes file is `<lesson id>.md`

    def on_seek_requested(self: StudyApp, message: SeekRequested) -> None:
        self.study_control._seek_requested(message)

    def on_text_area_changed(self: StudyApp, message: TextArea.Changed) -> None:
        if message.text_area.id == "notes-editor":  # the notes editor's; the code cell's are its own
            self.transcript_control.notes_changed()

    def on_transcript_seek(self: StudyApp, message: TranscriptSeek) -> None:
        self.transcript_control.seek_to(message.seconds)

    def on_exercise_picked(self: StudyApp, message: ExercisePicked) -> None:
        self.exercise_control._exercise_picked(message)

    def on_exercise_output(self: StudyApp, message: ExerciseOutput) -> None:
        self.exercise_control._exercise_output(message)

    def on_exercise_checked(self: StudyApp, message: ExerciseChecked) -> None:
        self.exercise_control._exercise_checked(message)

    def on_lessons_reloaded(self: StudyApp, message: LessonsReloaded) -> None:
        self.exercise_control._lessons_reloaded(message)

    @work(group="resume", exclusive=True, thread=True, exit_on_error=False)
    def _read_earlier_cells(self: StudyApp, notebook: Path) -> None:
        cells = read_saved_cells(notebook)  # off the UI thread, with the replay's choice of cells
        self.call_from_thread(self.replay.show_earlier_cells, notebook, cells, plan_replay(cells))
