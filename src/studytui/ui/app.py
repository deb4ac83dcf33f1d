"""The studytui screen: outline, notes and code panes over the headless core."""

from __future__ import annotations

import asyncio
import signal
from functools import partial
from pathlib import Path
from typing import Iterable

import platformdirs
from textual import on, work
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Footer

from studytui.config import Settings
from studytui.core.kernel import KernelSession, KernelState
from studytui.core.lessons import Lesson, load_library
from studytui.core.player import Stopwatch
from studytui.core.progress import StudyState
from studytui.ui.messages import (
    ChapterPicked,
    ExecutionFinished,
    InterruptRequested,
    KernelOutput,
    KernelStateChanged,
    LessonPicked,
    RunRequested,
)
from studytui.ui.keys import APP_KEYS, PALETTE_ONLY
from studytui.ui.screens.help import HelpScreen
from studytui.ui.widgets.code_pane import CodePane
from studytui.ui.widgets.header import LessonHeader
from studytui.ui.widgets.notes_pane import NotesPane
from studytui.ui.widgets.outline import Outline

CLOCK_TICK = 0.25  # seconds between header clock updates
SHUTDOWN_GRACE = 5.0  # seconds to wait for the kernel to stop on quit


class StudyApp(App[None]):
    CSS_PATH = "studytui.tcss"
    TITLE = "studytui"
    BINDINGS = [
        Binding(k.key, k.action, k.description, show=k.show, priority=True) for k in APP_KEYS
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
        )
        self._next_cell = 1
        self._state_save_failed = False

    def _workspace(self) -> Path | None:
        try:
            self.settings.kernel_log_path.parent.mkdir(parents=True, exist_ok=True)
            return self.settings.notes_dir
        except OSError:
            return None

    # ----- layout -----------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield LessonHeader(id="header")
        with Horizontal(id="panes"):
            yield Outline(self.library, id="outline")
            yield NotesPane(Path(platformdirs.user_data_dir("studytui")) / "recovery", id="notes")
            yield CodePane(id="code")
        yield Footer()

    @property
    def header(self) -> LessonHeader:
        return self.query_one(LessonHeader)

    @property
    def outline(self) -> Outline:
        return self.query_one(Outline)

    @property
    def notes(self) -> NotesPane:
        return self.query_one(NotesPane)

    @property
    def code(self) -> CodePane:
        return self.query_one(CodePane)

    def on_mount(self) -> None:
        self.outline.border_title = "outline  f2"
        self.notes.border_title = "notes  f3"
        self.code.border_title = "code  f4"
        self._start_kernel()
        lessons = self.library.lessons
        first = self.library.find(self.study_state.last_lesson or "") or (
            self.library.courses()[0].lessons[0] if lessons else None
        )
        if first is not None:
            self.open_lesson(first)
        if self.library.broken:
            count = len(self.library.broken)
            self.notify(
                f"{count} lesson file{'s' if count > 1 else ''} could not be read: see the outline.",
                severity="warning",
            )
        self.set_interval(CLOCK_TICK, self._tick)
        self.notes.editor.focus()
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGTERM, signal.SIGHUP):
            try:
                loop.add_signal_handler(signum, lambda: self.call_later(self.action_quit))
            except (NotImplementedError, RuntimeError, ValueError):
                pass

    # ----- lessons and the clock --------------------------------------------------------------

    def open_lesson(self, lesson: Lesson) -> None:
        self._remember_position()
        self.lesson = lesson
        self.clock = Stopwatch(self.study_state.position_of(lesson.id), lesson.duration)
        self._remember_position()
        self.notes.open_notes(self.settings.notes_path(lesson.id), lesson)
        self.header.title = lesson.title
        self.header.duration = int(lesson.duration)
        self.outline.show_lesson(lesson.id)
        self._tick()

    def _tick(self) -> None:
        position = self.clock.position
        if self.lesson is not None and self.clock.playing and position >= self.lesson.duration:
            self.clock.pause()
            self._remember_position()
        self.header.position = int(position)
        self.header.playing = self.clock.playing
        if self.lesson is not None:
            self.outline.mark_current_chapter(self.lesson.id, self.lesson.chapter_index_at(position))

    def _remember_position(self) -> None:
        if self.lesson is None:
            return
        self.study_state.remember(self.lesson.id, self.clock.position)
        try:
            self.study_state.save()
        except OSError as error:
            if not self._state_save_failed:
                self._state_save_failed = True
                self.notify(f"Could not save the lesson position: {error}", severity="warning")

    @on(LessonPicked)
    def _lesson_picked(self, message: LessonPicked) -> None:
        lesson = self.library.find(message.lesson_id)
        if lesson is not None and lesson is not self.lesson:
            self.open_lesson(lesson)

    @on(ChapterPicked)
    def _chapter_picked(self, message: ChapterPicked) -> None:
        lesson = self.library.find(message.lesson_id)
        if lesson is None:
            return
        if lesson is not self.lesson:
            self.open_lesson(lesson)
        self.clock.seek(lesson.chapters[message.chapter_index].start)
        self._remember_position()
        self._tick()

    def action_toggle_clock(self) -> None:
        self.clock.toggle()
        self._remember_position()
        self._tick()

    def action_new_note(self) -> None:
        if self.lesson is None:
            self.notify("Open a lesson first: pick one in the outline (f2).", severity="warning")
            return
        self.clock.pause()
        self._remember_position()
        self._tick()
        self.notes.add_stamped_note(self.lesson, self.clock.position)

    def action_save_notes(self) -> None:
        if self.notes.save_now():
            self.notify("Notes saved.")

    # ----- focus and help ---------------------------------------------------------------------

    def action_focus_outline(self) -> None:
        self.outline.focus()

    def action_focus_notes(self) -> None:
        self.notes.editor.focus()

    def action_focus_code(self) -> None:
        self.code.input_widget.focus()

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(str(self.settings.notes_dir)))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        for key in (*APP_KEYS, *PALETTE_ONLY):
            shortcut = f" ({key.key})" if key.key else ""
            yield SystemCommand(
                key.description, f"studytui{shortcut}", partial(self.call_later, self.run_action, key.action)
            )

    # ----- the kernel -------------------------------------------------------------------------

    @work(group="kernel", exit_on_error=False)
    async def _start_kernel(self) -> None:
        try:
            await self.kernel.start()
        except Exception as error:  # any failure to start is shown, never a crash
            self.code.show_notice(
                f"The kernel '{self.settings.kernel_name}' did not start: {error}. "
                "Restart it from the palette (ctrl+p).",
                style="bold red",
            )

    @on(KernelStateChanged)
    def _kernel_state_changed(self, message: KernelStateChanged) -> None:
        self.header.kernel_state = str(message.state)
        self.code.input_widget.busy = message.state is KernelState.BUSY
        if message.state is KernelState.DEAD:
            self.notify(
                "The kernel died. Restart it from the palette (ctrl+p, 'Restart the kernel').",
                severity="error",
                timeout=10,
            )

    def action_run_cell(self) -> None:
        code_input = self.code.input_widget
        code = code_input.text
        if code.strip():
            self.post_message(RunRequested(code))

    @on(RunRequested)
    def _run_requested(self, message: RunRequested) -> None:
        cell = self._next_cell
        self._next_cell += 1
        self.code.echo_cell(cell, message.code)
        self.code.input_widget.load_text("")
        if self.kernel.state is KernelState.STARTING:
            self.code.show_notice("(the kernel is starting: this cell runs as soon as it is ready)")
        self._execute(cell, message.code)

    @work(group="kernel", exit_on_error=False)
    async def _execute(self, cell: int, code: str) -> None:
        result = await self.kernel.execute(
            code, lambda output: self.post_message(KernelOutput(cell, output))
        )
        self.post_message(ExecutionFinished(cell, result))

    @on(KernelOutput)
    def _kernel_output(self, message: KernelOutput) -> None:
        self.code.show_output(message.output)

    @on(ExecutionFinished)
    def _execution_finished(self, message: ExecutionFinished) -> None:
        self.code.finish_cell(message.result)
        count = message.result.execution_count
        if count is not None:
            self._next_cell = max(self._next_cell, count + 1)

    @on(InterruptRequested)
    def _interrupt_requested(self) -> None:
        self.code.show_notice("interrupting...")
        self.run_worker(self.kernel.interrupt(), group="kernel-control", exit_on_error=False)

    def action_interrupt(self) -> None:
        self._interrupt_requested()

    @work(group="kernel-control", exclusive=True, exit_on_error=False)
    async def action_restart_kernel(self) -> None:
        self.code.show_notice("restarting the kernel...")
        try:
            await self.kernel.restart()
        except Exception as error:
            self.code.show_notice(f"restart failed: {error}", style="bold red")
            return
        self._next_cell = 1
        self.code.show_notice("kernel restarted: variables are gone, run your cells again", style="green")

    # ----- quitting ---------------------------------------------------------------------------

    async def action_quit(self) -> None:
        self.notes.save_now()
        self.clock.pause()
        self._remember_position()
        try:
            await asyncio.wait_for(self.kernel.shutdown(), SHUTDOWN_GRACE)
        except Exception:
            self.kernel.kill_now()
        self.exit()
