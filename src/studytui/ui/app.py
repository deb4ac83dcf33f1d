"""The studytui screen: outline, notes and code panes over the headless core.

The App composes the features: it builds the core services, the panes and one controller per
feature (each given what it uses), owns the keys and forwards each action and message to the
controller that handles it. No feature logic lives here.
"""

from __future__ import annotations

import asyncio
import signal
import sqlite3
from functools import partial
from pathlib import Path
from typing import Iterable

import platformdirs
from textual import events, on, work
from textual.app import App, ComposeResult, SystemCommand
from textual.notifications import SeverityLevel
from textual.binding import Binding
from textual.containers import Horizontal
from textual.driver import Driver
from textual.screen import Screen
from textual.widgets import Static, TextArea

from studytui.config import Settings
from studytui.core.kernel import KernelSession, KernelState, kernel_workdir, read_saved_cells
from studytui.core.lessons import Lesson, LessonLibrary, load_library
from studytui.core.player import Player, Stopwatch
from studytui.core.review import ReviewDeck
from studytui.core.study import StudyState
from studytui.core.study import StudyLog, open_study_log
from studytui.core.text import clean_text
from studytui.startup_heap import freeze_startup_heap
from studytui.ui.code import (
    CodeInput,
    CodePane,
    InputWanted,
    KernelControl,
    LiveOutputChanged,
    StdinPrompt,
    kernel_session,
)
from studytui.ui.controller import forward_to
from studytui.ui.exercises import ExerciseChecked, ExerciseControl, ExerciseOutput, LessonsReloaded
from studytui.ui.keys import APP_KEYS, PALETTE_ONLY
from studytui.ui.lifecycle import EndingControl, hangup_safe
from studytui.ui.layout import LayoutController
from studytui.ui.messages import (
    ChapterPicked,
    ExercisePicked,
    ExecutionFinished,
    InterruptRequested,
    KernelStateChanged,
    LessonOpened,
    LessonPicked,
    PlayerStopped,
    RunRequested,
)
from studytui.ui.notes import NotesPane, NotesSaved, SeekRequested
from studytui.ui.open_lesson import OpenLesson, OpenLessonField
from studytui.ui.outline import LessonFinder, LessonPicker, Outline
from studytui.ui.player import CLOCK_TICK, LessonControl, PlayerControl
from studytui.ui.requirements import RequirementsController
from studytui.ui.resume import ReplayController
from studytui.ui.screens.help import HelpScreen
from studytui.ui.study import StudyControl, WatchView
from studytui.ui.transcript import TranscriptController, TranscriptPane, TranscriptSeek
from studytui.ui.widgets.header import LessonHeader
from studytui.ui.widgets.ordered_keys import after_typed_keys
from studytui.ui.widgets.steady_footer import SteadyFooter
from studytui.ui.review import ReviewController, ReviewScreen
from studytui.ui.widgets.paste_guard import PasteRefused

_PASS_TWO_FOOTER = frozenset(key.action for key in APP_KEYS if key.show and not key.pass_one)
SHUTDOWN_GRACE = 5.0  # seconds to wait for the kernel to stop on quit
_LESSON_ACTIONS = frozenset(k.action for k in (*APP_KEYS, *PALETTE_ONLY)) - ReviewScreen.APP_ACTIONS
CONFIG_PROBLEMS_SHOWN = 8  # lines of the config summary toast; the rest are counted


class StudyApp(App[None]):
    CSS_PATH = "studytui.tcss"
    TITLE = "studytui"
    COMMANDS = App.COMMANDS | {LessonFinder}
    BINDINGS = [
        Binding(
            k.key,
            f"after_typing('{k.action}', '{k.after_typing}')" if k.after_typing else k.action,
            k.description,
            show=k.show,
            priority=True,
            id=k.action,
        )
        for k in APP_KEYS
    ]

    def __init__(self, settings: Settings, kernel: KernelSession | None = None) -> None:
        super().__init__()
        self.settings = settings
        self.current = OpenLesson(load_library(settings.lessons_dir, cache_file=settings.lessons_cache_path), Stopwatch())
        self.study_state = StudyState.load(settings.state_path)
        # The command line passes a local session whose kernel process is already booting.
        on_state = lambda state: self.post_message(KernelStateChanged(state))  # noqa: E731
        if kernel is None:
            kernel = kernel_session(settings, on_state, kernel_workdir(settings))
        kernel.on_state = on_state
        self.kernel: KernelSession = kernel
        self.study_log = self._open_study_log()
        self.header = LessonHeader(id="header")
        self.outline = Outline(self.library, id="outline")
        self.watch_view = WatchView(id="watch")
        self.notes = NotesPane(
            Path(platformdirs.user_data_dir("studytui")) / "recovery",
            self.settings.workspace_dir / "unsaved",
            notes_root=self.settings.notes_dir,
            id="notes",
        )
        self.code = CodePane(id="code")
        self.tab_strip = Static(id="tab-strip")
        self.pane_layout = LayoutController(
            lambda: self.screen,
            {"outline": self.outline, "notes": self.notes, "code": self.code, "watch": self.watch_view},
            self.tab_strip,
            leave_outline=lambda: self.action_focus_notes(),
        )
        # One controller per feature. The lesson, player and study features call each other back
        # (a new clock is shown by the lesson feature, a pass 1 note is a study bookmark): those
        # callables are bound late, once all exist.
        self.player_control = PlayerControl(
            self, settings, self.current, after_clock_change=lambda: self.lesson_control._after_clock_change()
        )
        self.lesson_control = LessonControl(
            self, settings, self.current, self.study_state, self.header, self.outline, self.notes,
            self.player_control,
            study_pass_of=lambda lesson: self.study_control.study_pass_of(lesson),
            drop_bookmark=lambda seconds: self.study_control.drop_bookmark(seconds),
        )
        self.kernel_control = KernelControl(
            self, settings, self.current, self.kernel, self.code, self.header
        )
        self.study_control = StudyControl(
            self, settings, self.current, self.study_state, self.study_log,
            self.header, self.outline, self.notes, self.watch_view,
            known_duration=self.lesson_control.known_duration,
            remember_position=self.lesson_control._remember_position,
            show_clock=self.lesson_control._tick,
        )
        self.transcript_pane = TranscriptPane(id="transcript")
        self.transcript_control = TranscriptController(
            self, settings, self.current, self.transcript_pane, self.notes, self.study_log, self.watch_view,
            seek=self.study_control.seek_to,
            open_lesson=self.lesson_control.open_lesson,
            video_source=self.player_control.video_source,
        )
        self.exercise_control = ExerciseControl(
            self, settings, self.current, self.kernel, self.study_log, self.code, self.outline, self.header,
            open_lesson=self.lesson_control.open_lesson,
        )
        self.review_control = ReviewController(
            deck=ReviewDeck(self.library, settings.notes_path, self.study_log),
            library=lambda: self.library,
            notes=lambda: self.notes,
            push_screen=self.push_screen,
            open_at=self._open_lesson_at,
            mark_outline=self.outline.show_due_cards,
            in_thread=lambda work: self.run_worker(work, thread=True, group="due-cards", exit_on_error=False),
            call_from_thread=self.call_from_thread,
        )
        self.ending_control = EndingControl(
            self, settings.workspace_dir, self.kernel, self.notes.save_now,
            keep_study_state=self._keep_study_state, shut_player=self.player_control.shut_player,
        )
        self.requirements = RequirementsController(
            self.kernel,
            write=lambda line: self.code.log_widget.write(line),
            run_cell=lambda code, done: self.kernel_control._start_run(code, keep=False, on_done=done),
            start_worker=lambda work: self.run_worker(work, group="requirements", exclusive=True, exit_on_error=False),
            notify=self.notify,
            focus_code=lambda: self.action_focus_code(),
        )
        self.replay = ReplayController(
            write=lambda renderable: self.code.log_widget.write(renderable),
            run_cell=lambda code, done: self.kernel_control._start_run(code, keep=False, on_done=done),
            push_screen=self.push_screen,
            notify=self.notify,
        )

    # The open lesson, its clock and the library, read-only from outside (tests look at them).
    lesson = OpenLessonField[Lesson | None]()
    clock = OpenLessonField[Player]()
    library = OpenLessonField[LessonLibrary]()

    open_lesson = forward_to("lesson_control")
    current_pass = forward_to("study_control")

    def get_driver_class(self) -> type[Driver]:
        return hangup_safe(super().get_driver_class())

    def _open_study_log(self) -> StudyLog:
        try:
            opened = open_study_log(self.settings.study_log_path)
        except (OSError, sqlite3.Error) as error:
            self._study_log_problem = f"The study log cannot be written ({error}); this session is not logged."
            return StudyLog(Path(":memory:"))
        if opened.notice:
            self._study_log_problem = opened.notice
        return opened.log

    # ----- layout -----------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield self.header
        yield self.tab_strip
        with Horizontal(id="panes"):
            yield self.outline
            yield self.watch_view
            yield self.notes
            yield self.code
            yield self.transcript_pane
        yield SteadyFooter()

    def _first_screen_drawn(self) -> None:
        freeze_startup_heap()
        self.kernel_control.warm_notebook()

    def on_mount(self) -> None:
        self.pane_layout.resized(self.size.width)
        self.outline.border_title = "outline  f2"
        self.notes.border_title = "notes  f3"
        self.code.border_title = "code  f4"
        self.transcript_pane.border_title = "transcript  f8"
        self.transcript_control.start()
        self.kernel_control._start_kernel()  # a worker: the first screen does not wait for the kernel
        self.kernel_control.connect_code_input()
        self.call_after_refresh(self._first_screen_drawn)
        self.study_control.start_study()
        self._apply_user_settings()
        lessons = self.library.lessons
        first = self.library.find(self.study_state.last_lesson or "") or (
            self.library.courses()[0].lessons[0] if lessons else None
        )
        if first is not None:
            self.lesson_control.open_lesson(first)
            if self.settings.start_pass is not None:
                self.study_control.set_pass(self.settings.start_pass, announce=False)
        if self.library.broken:
            count = len(self.library.broken)
            self.notify(
                f"{count} lesson file{'s' if count > 1 else ''} could not be read: see the outline.",
                severity="warning",
            )
        self.set_interval(CLOCK_TICK, self.lesson_control._tick)
        self.call_after_refresh(self.review_control.refresh_due_marks)  # off the first screen's path
        if self.settings.start_in_review:
            self.review_control.open_review()
        if self.study_control.current_pass() == 2:
            self.notes.editor.focus()
        else:
            self.outline.focus()
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGTERM, signal.SIGHUP):
            try:
                loop.add_signal_handler(signum, partial(self.ending_control.on_signal, signum))
            except (NotImplementedError, RuntimeError, ValueError):
                pass
        self.exercise_control.on_mount()

    def on_unmount(self) -> None:
        self.exercise_control.on_unmount()

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Every toast, from the app or a widget, shows its text literally.

        Messages carry lesson titles, file names, paths and check output: markup in them would be
        parsed (a `[@click=...]` link could run an action) and control characters would reach the
        terminal. So `markup` is ignored: no toast is ever parsed.
        """
        super().notify(clean_text(message), title=clean_text(title), severity=severity, timeout=timeout, markup=False)

    def _apply_user_settings(self) -> None:
        if problems := self.settings.config_problems:
            self.notify(config_summary(problems), title="Config file", severity="warning", timeout=15)
        if problem := getattr(self, "_study_log_problem", None):
            self.notify(problem, severity="warning", timeout=15)
        if self.settings.keymap:
            self.set_keymap(self.settings.keymap)
        self.notes.editor.paste_limit = (
            self.settings.notes_paste_limit if self.settings.refuse_paste_notes else None
        )
        self.code.input_widget.paste_limit = 0 if self.settings.refuse_paste_code else None

    # ----- review of cards (the feature lives in ui/review) ------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "after_typing" and parameters:  # a key that waits for typed keys: judge what it runs
            action = str(parameters[0])
        # While reviewing, keys for the lesson's panes (hidden behind the review) do nothing.
        if isinstance(self.screen, ReviewScreen) and action in _LESSON_ACTIONS:
            return False
        # Pass 1's footer shows pass 1's keys: the code cell is out of the way there.
        if action in _PASS_TWO_FOOTER and self.lesson is not None and self.study_control.current_pass() == 1:
            return False
        return True

    def _open_lesson_at(self, lesson_id: str, seconds: float) -> None:
        """Rewatch from a card: its lesson opened (by the lesson feature), the clock at its stamp."""
        lesson = self.library.find(lesson_id)
        if lesson is None:
            return
        if lesson is not self.lesson:
            self.lesson_control.open_lesson(lesson)
        self.study_control.seek_to(seconds)

    # ----- focus and help ---------------------------------------------------------------------

    # Focus moves at once, so keys typed right after f2/f3/f4 land in the pane they chose.
    def action_focus_outline(self) -> None:
        self.screen.set_focus(self.outline)

    def action_focus_notes(self) -> None:
        if self._pass_two_needed("Notes"):
            editor = self.notes.editor
            if not self.notes.previewing and editor.cursor_location[0] <= 1:
                editor.move_to_last_note()  # still on the title: the learner writes after the last note
            self.screen.set_focus(self.notes.preview if self.notes.previewing else editor)

    def action_focus_code(self) -> None:
        """The code cell; pressed in the cell, its output log (to scroll it by keyboard)."""
        self.transcript_control.make_room_for_code()
        if self._pass_two_needed("Code"):
            cell = self.code.input_widget
            self.screen.set_focus(self.code.log_widget if self.focused is cell else cell)

    def _pass_two_needed(self, what: str) -> bool:
        if self.study_control.current_pass() == 1:
            self.notify(f"{what} are for pass 2; pass 1 is for watching. ctrl+o switches passes.")
            return False
        return True

    # ----- layout ------------------------------------------------------------------------------

    def on_resize(self, event: events.Resize) -> None:
        if self.tab_strip.is_mounted:  # the first resize comes before the panes are on screen
            self.pane_layout.resized(event.size.width)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        self.pane_layout.focus_moved(event.widget)

    action_maximise_pane = forward_to("pane_layout")
    action_toggle_outline = forward_to("pane_layout")
    action_wider_outline = forward_to("pane_layout")
    action_narrower_outline = forward_to("pane_layout")

    async def action_after_typing(self, action: str, typed_into: str) -> None:
        """An app key that acts on typed text runs after the keys typed before it are applied.

        Typed elsewhere, it runs now: a focus it moves (ctrl+n to the notes) catches the next keys.
        """
        focused = self.focused
        if focused is not None and typed_into in ("*", focused.id):
            after_typed_keys(self, partial(self.run_action, action))
        else:
            await self.run_action(action)

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(str(self.settings.notes_dir)))


    def action_find_lesson(self) -> None:
        if isinstance(self.screen, LessonPicker):
            return
        lessons = [lesson for course in self.library.courses() for lesson in course.lessons]
        self.push_screen(LessonPicker(lessons),
                         lambda lesson_id: self.post_message(LessonPicked(lesson_id)) if lesson_id else None)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        # Textual's own quit skips saving the notes: ours (ctrl+q) is the one listed.
        yield from (command for command in super().get_system_commands(screen) if command.title != "Quit")
        for key in (*APP_KEYS, *PALETTE_ONLY):
            yield SystemCommand(key.description, key.palette_help(), partial(self.call_later, self.run_action, key.action))

    # ----- keys: the App owns them, one controller does each ----------------------------------

    action_toggle_clock = forward_to("lesson_control")
    action_new_note = forward_to("lesson_control")
    action_seek_back = forward_to("lesson_control")
    action_seek_forward = forward_to("lesson_control")
    action_slower = forward_to("lesson_control")
    action_faster = forward_to("lesson_control")
    action_save_notes = forward_to("lesson_control")
    action_run_cell = forward_to("kernel_control")
    action_interrupt = forward_to("kernel_control")
    action_restart_kernel = forward_to("kernel_control")
    action_start_player = forward_to("player_control")
    action_switch_pass = forward_to("study_control")
    action_finish_pass = forward_to("study_control")
    action_goto_stamp = forward_to("study_control")
    action_revisit = forward_to("study_control")
    action_toggle_preview = forward_to("study_control")
    action_study_stats = forward_to("study_control")
    action_export_digest = forward_to("study_control")
    action_check_exercise = forward_to("exercise_control")
    action_exercise_hint = forward_to("exercise_control")
    action_exercise_file = forward_to("exercise_control")
    action_trust_lessons = forward_to("exercise_control")
    action_show_transcript = forward_to("transcript_control")
    action_quote_lecture = forward_to("transcript_control")
    action_search_transcripts = forward_to("transcript_control")
    action_review_cards = forward_to("review_control")

    # ----- messages: forwarded to the controllers that handle them ----------------------------

    @on(LessonPicked)
    def _lesson_picked(self, message: LessonPicked) -> None:
        self.lesson_control._lesson_picked(message)

    @on(ChapterPicked)
    def _chapter_picked(self, message: ChapterPicked) -> None:
        self.lesson_control._chapter_picked(message)

    @on(PlayerStopped)
    def _player_stopped(self, message: PlayerStopped) -> None:
        self.player_control._player_stopped(message)

    @on(KernelStateChanged)
    def _kernel_state_changed(self, message: KernelStateChanged) -> None:
        self.kernel_control._kernel_state_changed(message)
        if message.state is KernelState.IDLE:
            self.requirements.kernel_ready()

    @on(RunRequested)
    def _run_requested(self, message: RunRequested) -> None:
        self.kernel_control._run_requested(message)
        self.study_control._count_cell()

    @on(LiveOutputChanged)
    def _live_changed(self) -> None:
        self.kernel_control._live_changed()

    @on(ExecutionFinished)
    def _execution_finished(self, message: ExecutionFinished) -> None:
        self.kernel_control._execution_finished(message)

    @on(InputWanted)
    def _input_wanted(self, message: InputWanted) -> None:
        self.kernel_control._input_wanted(message)

    @on(StdinPrompt.Answered)
    def _input_answered(self, message: StdinPrompt.Answered) -> None:
        self.kernel_control._input_answered(message)

    @on(InterruptRequested)
    def _interrupt_requested(self) -> None:
        self.kernel_control._interrupt_requested()

    @on(CodeInput.Edited)
    def _cell_edited(self) -> None:
        self.kernel_control._cell_edited()

    @on(CodeInput.CompletionRequested)
    def _completion_requested(self, message: CodeInput.CompletionRequested) -> None:
        self.kernel_control._completion_requested(message)

    @on(CodeInput.InspectRequested)
    def _inspect_requested(self, message: CodeInput.InspectRequested) -> None:
        self.kernel_control._inspect_requested(message)

    @on(LessonOpened)
    def _lesson_opened(self, message: LessonOpened) -> None:
        self.study_control._lesson_opened()
        self.transcript_control.lesson_opened(message.lesson_id)
        if self.lesson is not None:
            self.requirements.check(self.lesson)
            notebook = self.kernel_control._notebook().path
            self.replay.lesson_opened(notebook)
            self._read_earlier_cells(notebook)

    @on(PasteRefused)
    def _count_paste(self) -> None:
        self.study_control._count_paste()

    @on(NotesSaved)
    def _count_notes(self, message: NotesSaved) -> None:
        self.study_control._count_notes(message)
        self.review_control.refresh_due_marks([message.path.stem])  # a notes file is `<lesson id>.md`

    @on(SeekRequested)
    def _seek_requested(self, message: SeekRequested) -> None:
        self.study_control._seek_requested(message)

    @on(TextArea.Changed, "#notes-editor")
    def _notes_typed(self) -> None:
        self.transcript_control.notes_changed()

    @on(TranscriptSeek)
    def _transcript_seek(self, message: TranscriptSeek) -> None:
        self.transcript_control.seek_to(message.seconds)

    @on(ExercisePicked)
    def _exercise_picked(self, message: ExercisePicked) -> None:
        self.exercise_control._exercise_picked(message)

    @on(ExerciseOutput)
    def _exercise_output(self, message: ExerciseOutput) -> None:
        self.exercise_control._exercise_output(message)

    @on(ExerciseChecked)
    def _exercise_checked(self, message: ExerciseChecked) -> None:
        self.exercise_control._exercise_checked(message)

    @on(LessonsReloaded)
    def _lessons_reloaded(self, message: LessonsReloaded) -> None:
        self.exercise_control._lessons_reloaded(message)

    # ----- opening a lesson: what it needs, its earlier cells ---------------------------------

    @work(group="resume", exclusive=True, thread=True, exit_on_error=False)
    def _read_earlier_cells(self, notebook: Path) -> None:
        cells = read_saved_cells(notebook)  # nbformat: tens of milliseconds, off the UI thread
        self.call_from_thread(self.replay.show_earlier_cells, notebook, cells)

    action_replay_cells = forward_to("replay")
    action_install_requirements = forward_to("requirements")

    # ----- quitting ---------------------------------------------------------------------------

    async def action_quit(self) -> None:
        self.ending_control.quitting = True
        self.notes.save_now()
        self._keep_study_state()
        self.transcript_control.close()
        await self.player_control.shut_player()
        try:
            await asyncio.wait_for(self.kernel.shutdown(), SHUTDOWN_GRACE)
        except Exception:
            self.kernel.kill_now()
        self.exit()

    def _keep_study_state(self) -> None:
        self.clock.pause()
        self.lesson_control._remember_position()
        self.study_control.close_study()

    @property
    def crash_report(self) -> Path | None:
        """The crash report written when an unexpected error ended the app."""
        return self.ending_control.crash_report

    def _handle_exception(self, error: Exception) -> None:
        self.ending_control.before_crash(error)
        super()._handle_exception(error)


def config_summary(problems: tuple[str, ...]) -> str:
    """All the config file's problems as one message: its first lines and how many more."""
    shown = list(problems[:CONFIG_PROBLEMS_SHOWN])
    if len(problems) > len(shown):
        shown.append(f"... and {len(problems) - len(shown)} more")
    return "\n".join(shown)
