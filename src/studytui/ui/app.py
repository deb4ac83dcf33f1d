"""The studytui screen: outline, notes and code panes over the headless core.

The App composes the features: it builds the core services, the panes and one controller per
feature (each given what it uses), owns the keys and forwards each action (`app_actions.py`) and
message (`app_messages.py`) to the controller that handles it. No feature logic lives here.
"""

from __future__ import annotations

import asyncio
import signal
import sqlite3
from functools import partial
from pathlib import Path

from textual import events
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.driver import Driver
from textual.notifications import SeverityLevel
from textual.widgets import Static

from studytui.config import Settings
from studytui.core.kernel import KernelSession, kernel_workdir
from studytui.core.lessons import TORCH_CPU_INDEX, Lesson, LessonLibrary, load_study_library
from studytui.core.player import Player, Stopwatch
from studytui.core.review import ReviewDeck
from studytui.core.study import JsonFiles, StudyLog, StudyState, open_study_log
from studytui.core.text import clean_text
from studytui.startup_heap import freeze_startup_heap
from studytui.ui.app_actions import KeyActions
from studytui.ui.app_messages import MessageRoutes
from studytui.ui.code import CodePane, KernelControl, kernel_session
from studytui.ui.controller import forward_to
from studytui.ui.exercises import ExerciseControl
from studytui.ui.keys import APP_KEYS, PALETTE_ONLY
from studytui.ui.layout import LayoutController
from studytui.ui.lifecycle import EndingControl, hangup_safe
from studytui.ui.messages import KernelStateChanged
from studytui.ui.notes import NotesPane
from studytui.ui.open_lesson import OpenLesson, OpenLessonField
from studytui.ui.outline import LessonFinder, Outline
from studytui.ui.player import CLOCK_TICK, LessonControl, PlayerControl
from studytui.ui.requirements import RequirementsController
from studytui.ui.resume import ReplayController
from studytui.ui.review import ReviewController, ReviewScreen
from studytui.ui.study import StudyControl, WatchView
from studytui.ui.transcript import TranscriptController, TranscriptPane
from studytui.ui.widgets.header import LessonHeader
from studytui.ui.widgets.steady_footer import SteadyFooter

_PASS_TWO_FOOTER = frozenset(key.action for key in APP_KEYS if key.show and not key.pass_one)
_PASS_ONE_LABELS = {key.bound_action: key.footer_pass_one for key in APP_KEYS if key.footer_pass_one}
SHUTDOWN_GRACE = 5.0  # seconds to wait for the kernel to stop on quit
_LESSON_ACTIONS = frozenset(k.action for k in (*APP_KEYS, *PALETTE_ONLY)) - ReviewScreen.APP_ACTIONS
CONFIG_PROBLEMS_SHOWN = 8  # lines of the config summary toast; the rest are counted


class StudyApp(KeyActions, MessageRoutes, App[None]):
    CSS_PATH = "studytui.tcss"
    TITLE = "studytui"
    COMMANDS = App.COMMANDS | {LessonFinder}
    BINDINGS = [
        Binding(
            k.key,
            k.bound_action,
            k.footer or k.description,
            show=k.show,
            tooltip=k.description if k.footer else "",
            priority=True,
            id=k.action,
        )
        for k in APP_KEYS
    ]

    def __init__(self, settings: Settings, kernel: KernelSession | None = None) -> None:
        super().__init__()
        self.settings = settings
        self.current = OpenLesson(load_study_library(settings, cached=True), Stopwatch())
        # The command line passes a local session whose kernel process is already booting.
        on_state = lambda state: self.post_message(KernelStateChanged(state))  # noqa: E731
        if kernel is None:
            kernel = kernel_session(settings, on_state, kernel_workdir(settings))
        kernel.on_state = on_state
        self.kernel: KernelSession = kernel
        self.study_log = self._open_study_log()
        self.study_state = StudyState.load(self.study_log)
        self.header = LessonHeader(id="header")
        self.outline = Outline(self.library, id="outline")
        self.watch_view = WatchView(id="watch")
        self.notes = NotesPane(
            self.settings.recovery_dir,
            self.settings.journal_dir,
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
            self, settings.crash_reports_dir, self.kernel, self.notes.save_now,
            keep_study_state=self._keep_study_state, shut_player=self.player_control.shut_player,
        )
        self.requirements = RequirementsController(
            self.kernel,
            write=lambda line: self.code.log_widget.write(line),
            run_cell=lambda code, done: self.kernel_control._start_run(code, keep=False, on_done=done),
            start_worker=lambda work, group: self.run_worker(work, group=group, exclusive=True, exit_on_error=False),
            notify=self.notify,
            push_screen=self.push_screen,
            lessons_folder=self.exercise_control.trust_folder_of,
            trusted=self.exercise_control.trusts,
            private_folders=tuple(str(folder) for folder in (settings.notes_dir, *settings.lesson_roots)),
            torch_cpu_index=TORCH_CPU_INDEX if settings.torch_cpu_index is None else settings.torch_cpu_index,
            focus_code=lambda: self.code.input_widget.focus(),  # the cell, never f4's toggle to the log
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
            opened = open_study_log(self.settings.study_log_path, JsonFiles.of(self.settings))
        except (OSError, sqlite3.Error) as error:
            self._study_log_problem = (
                f"The study log cannot be written ({error}): this session's time, positions and results are not kept."
            )
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
        yield SteadyFooter(relabel=self._pass_one_label)

    def _pass_one_label(self, bound_action: str) -> str | None:
        """A key's footer label for what it does in pass 1 (ctrl+n drops a bookmark there)."""
        if self.lesson is not None and self.study_control.current_pass() == 1:
            return _PASS_ONE_LABELS.get(bound_action)
        return None

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

    # ----- layout ------------------------------------------------------------------------------

    def on_resize(self, event: events.Resize) -> None:
        if self.tab_strip.is_mounted:  # the first resize comes before the panes are on screen
            self.pane_layout.resized(event.size.width)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        self.pane_layout.focus_moved(event.widget)

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
        self.player_control.hold_clock()
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
