"""The studytui screen: outline, notes and code panes over the headless core."""

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
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Footer, Static

from studytui.config import Settings
from studytui.core.kernel import KernelSession, KernelState, read_saved_cells
from studytui.core.lessons import Lesson, load_library
from studytui.core.player import Stopwatch
from studytui.core.study import StudyState
from studytui.core.study import StudyLog
from studytui.ui.exercises.exercise_control import ExerciseControl
from studytui.ui.code.kernel_control import KernelControl
from studytui.ui.keys import APP_KEYS, PALETTE_ONLY
from studytui.ui.player.lesson_control import CLOCK_TICK, LessonControl
from studytui.ui.study.study_control import StudyControl
from studytui.ui.study.watch_view import WatchView
from studytui.ui.messages import KernelStateChanged, LessonOpened, LessonPicked
from studytui.ui.requirements.requirements_control import RequirementsController
from studytui.ui.resume.replay_control import ReplayController
from studytui.ui.screens.help import HelpScreen
from studytui.ui.code.code_pane import CodePane
from studytui.ui.widgets.header import LessonHeader
from studytui.ui.notes.notes_pane import NotesPane
from studytui.ui.layout.layout_control import OUTLINE_STEP, LayoutController
from studytui.ui.outline.lesson_finder import LessonFinder
from studytui.ui.outline.lesson_picker import LessonPicker
from studytui.ui.outline.outline import Outline

_PASS_TWO_FOOTER = frozenset(key.action for key in APP_KEYS if key.show and not key.pass_one)
SHUTDOWN_GRACE = 5.0  # seconds to wait for the kernel to stop on quit


class StudyApp(LessonControl, KernelControl, StudyControl, ExerciseControl):
    CSS_PATH = "studytui.tcss"
    TITLE = "studytui"
    COMMANDS = App.COMMANDS | {LessonFinder}
    pane_layout: LayoutController | None = None
    BINDINGS = [
        Binding(k.key, k.action, k.description, show=k.show, priority=True, id=k.action)
        for k in APP_KEYS
    ]

    def __init__(self, settings: Settings) -> None:
        super().__init__()
        self.settings = settings
        self.library = load_library(settings.lessons_dir)
        self.study_state = StudyState.load(settings.state_path)
        self.lesson: Lesson | None = None
        self.clock = Stopwatch()
        self.kernel = KernelSession(
            settings.kernel_name,
            cwd=self._workspace(),
            on_state=lambda state: self.post_message(KernelStateChanged(state)),
            log_path=settings.kernel_log_path,
            existing=settings.existing_kernel,
        )
        self.study_log = self._open_study_log()
        self.requirements = RequirementsController(
            self.kernel,
            write=lambda line: self.code.log_widget.write(line),
            run_cell=lambda code, done: self._start_run(code, keep=False, on_done=done),
            start_worker=lambda work: self.run_worker(work, group="requirements", exclusive=True, exit_on_error=False),
            notify=self.notify,
        )
        self.replay = ReplayController(
            write=lambda renderable: self.code.log_widget.write(renderable),
            run_cell=lambda code, done: self._start_run(code, keep=False, on_done=done),
            push_screen=self.push_screen,
            notify=self.notify,
        )

    def _open_study_log(self) -> StudyLog:
        try:
            return StudyLog(self.settings.study_log_path)
        except (OSError, sqlite3.Error) as error:
            self._study_log_problem = f"The study log cannot be written ({error}); this session is not logged."
            return StudyLog(Path(":memory:"))

    def _workspace(self) -> Path | None:
        try:
            self.settings.kernel_log_path.parent.mkdir(parents=True, exist_ok=True)
            return self.settings.notes_dir
        except OSError:
            return None

    # ----- layout -----------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield LessonHeader(id="header")
        yield Static(id="tab-strip")
        with Horizontal(id="panes"):
            yield Outline(self.library, id="outline")
            yield WatchView(id="watch")
            yield NotesPane(
                Path(platformdirs.user_data_dir("studytui")) / "recovery",
                self.settings.workspace_dir / "unsaved",
                id="notes",
            )
            yield CodePane(id="code")
        yield Footer()

    def on_mount(self) -> None:
        self.pane_layout = LayoutController(
            lambda: self.screen,
            {"outline": self.outline, "notes": self.notes, "code": self.code, "watch": self.query_one(WatchView)},
            self.query_one("#tab-strip", Static),
        )
        self.pane_layout.resized(self.size.width)
        self.outline.border_title = "outline  f2"
        self.notes.border_title = "notes  f3"
        self.code.border_title = "code  f4"
        self.call_after_refresh(self._start_kernel)  # the first screen does not wait for the kernel
        self.start_study()
        self._apply_user_settings()
        lessons = self.library.lessons
        first = self.library.find(self.study_state.last_lesson or "") or (
            self.library.courses()[0].lessons[0] if lessons else None
        )
        if first is not None:
            self.open_lesson(first)
            if self.settings.start_pass is not None:
                self.set_pass(self.settings.start_pass, announce=False)
        if self.library.broken:
            count = len(self.library.broken)
            self.notify(
                f"{count} lesson file{'s' if count > 1 else ''} could not be read: see the outline.",
                severity="warning",
            )
        self.set_interval(CLOCK_TICK, self._tick)
        if self.current_pass() == 2:
            self.notes.editor.focus()
        else:
            self.outline.focus()
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGTERM, signal.SIGHUP):
            try:
                loop.add_signal_handler(signum, lambda: self.call_later(self.action_quit))
            except (NotImplementedError, RuntimeError, ValueError):
                pass

    def _apply_user_settings(self) -> None:
        for problem in self.settings.config_problems:
            self.notify(problem, title="Config file", severity="warning", timeout=15)
        if problem := getattr(self, "_study_log_problem", None):
            self.notify(problem, severity="warning", timeout=15)
        if self.settings.keymap:
            self.set_keymap(self.settings.keymap)
        self.notes.editor.paste_limit = (
            self.settings.notes_paste_limit if self.settings.refuse_paste_notes else None
        )
        self.code.input_widget.paste_limit = 0 if self.settings.refuse_paste_code else None

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
        if self._pass_two_needed("Code"):
            self.screen.set_focus(self.code.input_widget)

    def _pass_two_needed(self, what: str) -> bool:
        if self.current_pass() == 1:
            self.notify(f"{what} are for pass 2; pass 1 is for watching. ctrl+o switches passes.")
            return False
        return True

    # ----- layout ------------------------------------------------------------------------------

    def on_resize(self, event: events.Resize) -> None:
        if self.pane_layout is not None:  # the first resize comes before the panes exist
            self.pane_layout.resized(event.size.width)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        if self.pane_layout is not None:
            self.pane_layout.focus_moved(event.widget)

    def action_maximise_pane(self) -> None:
        if self.pane_layout is not None:
            self.pane_layout.toggle_maximised()

    def action_toggle_outline(self) -> None:
        if self.pane_layout is None:
            return
        shown = self.pane_layout.toggle_outline()
        if not shown and self.focused is not None and self.outline in self.focused.ancestors_with_self:
            self.action_focus_notes()  # focus leaves the pane that was hidden

    def action_wider_outline(self) -> None:
        if self.pane_layout is not None:
            self.pane_layout.resize_outline(OUTLINE_STEP)

    def action_narrower_outline(self) -> None:
        if self.pane_layout is not None:
            self.pane_layout.resize_outline(-OUTLINE_STEP)

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(str(self.settings.notes_dir)))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Pass 1's footer shows pass 1's keys: the code cell is out of the way there.
        if action in _PASS_TWO_FOOTER and self.lesson is not None and self.current_pass() == 1:
            return False
        return True

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

    # ----- opening a lesson: what it needs, its earlier cells ---------------------------------

    @on(LessonOpened)
    def _ask_what_lesson_needs(self) -> None:
        if self.lesson is not None:
            self.requirements.check(self.lesson)
            notebook = self._notebook().path
            self.replay.lesson_opened(notebook)
            self._read_earlier_cells(notebook)

    @work(group="resume", exclusive=True, thread=True, exit_on_error=False)
    def _read_earlier_cells(self, notebook: Path) -> None:
        cells = read_saved_cells(notebook)  # nbformat: tens of milliseconds, off the UI thread
        self.call_from_thread(self.replay.show_earlier_cells, notebook, cells)

    def action_replay_cells(self) -> None:
        self.replay.choose()

    @on(KernelStateChanged)
    def _kernel_up_ask_what_lesson_needs(self, message: KernelStateChanged) -> None:
        if message.state is KernelState.IDLE:
            self.requirements.kernel_ready()

    def action_install_requirements(self) -> None:
        self.action_focus_code()  # so ctrl+c reaches the running install
        self.requirements.install()

    # ----- quitting ---------------------------------------------------------------------------

    async def action_quit(self) -> None:
        self.notes.save_now()
        self.clock.pause()
        self._remember_position()
        self.close_study()
        await self.shut_player()
        try:
            await asyncio.wait_for(self.kernel.shutdown(), SHUTDOWN_GRACE)
        except Exception:
            self.kernel.kill_now()
        self.exit()
