"""The studytui screen: outline, notes and code panes over the headless core."""

from __future__ import annotations

import asyncio
import signal
import sqlite3
from functools import partial
from pathlib import Path
from typing import Iterable

import platformdirs
from textual import on
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Footer, TextArea

from studytui.config import Settings
from studytui.core.kernel import KernelSession
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
from studytui.ui.messages import KernelStateChanged, LessonOpened
from studytui.ui.screens.help import HelpScreen
from studytui.ui.code.code_pane import CodePane
from studytui.ui.widgets.header import LessonHeader
from studytui.ui.notes.notes_pane import NotesPane
from studytui.ui.outline.outline import Outline
from studytui.ui.transcript import TranscriptController, TranscriptPane, TranscriptSeek

SHUTDOWN_GRACE = 5.0  # seconds to wait for the kernel to stop on quit


class StudyApp(LessonControl, KernelControl, StudyControl, ExerciseControl):
    CSS_PATH = "studytui.tcss"
    TITLE = "studytui"
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
        with Horizontal(id="panes"):
            yield Outline(self.library, id="outline")
            yield WatchView(id="watch")
            yield NotesPane(
                Path(platformdirs.user_data_dir("studytui")) / "recovery",
                self.settings.workspace_dir / "unsaved",
                id="notes",
            )
            yield CodePane(id="code")
            yield TranscriptPane(id="transcript")
        yield Footer()

    def on_mount(self) -> None:
        self.outline.border_title = "outline  f2"
        self.notes.border_title = "notes  f3"
        self.code.border_title = "code  f4"
        self._start_transcripts()
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

    # ----- the transcript (its controller does the work) ---------------------------------------

    def _start_transcripts(self) -> None:
        pane = self.query_one(TranscriptPane)
        pane.border_title = "transcript  f8"
        self.transcripts = TranscriptController(
            settings=self.settings,
            library=self.library,
            pane=pane,
            notes=self.notes,
            study_log=self.study_log,
            clock_position=lambda: self.clock.position,
            seek=self.seek_to,
            open_lesson_at=self._open_lesson_at,
            notify=self.notify,
            video_source=self.video_source,
            watch_view=self.query_one(WatchView),
        )
        self.transcripts.start()

    def _open_lesson_at(self, lesson: Lesson, seconds: float) -> None:
        if lesson is not self.lesson:
            self.open_lesson(lesson)
        self.seek_to(seconds)

    @on(LessonOpened)
    def _open_transcript(self, message: LessonOpened) -> None:
        lesson = self.library.find(message.lesson_id)
        if lesson is not None:
            self.transcripts.lesson_opened(lesson)

    @on(TextArea.Changed, "#notes-editor")
    def _notes_typed(self) -> None:
        self.transcripts.notes_changed()

    @on(TranscriptSeek)
    def _transcript_seek(self, message: TranscriptSeek) -> None:
        self.transcripts.seek_to(message.seconds)

    def action_show_transcript(self) -> None:
        self.transcripts.toggle_pane()

    def action_quote_lecture(self) -> None:
        self.transcripts.quote_current()

    def action_search_transcripts(self) -> None:
        self.transcripts.search_everywhere()

    # ----- focus and help ---------------------------------------------------------------------

    # Focus moves at once, so keys typed right after f2/f3/f4 land in the pane they chose.
    def action_focus_outline(self) -> None:
        self.screen.set_focus(self.outline)

    def action_focus_notes(self) -> None:
        if self._pass_two_needed("Notes"):
            self.screen.set_focus(self.notes.preview if self.notes.previewing else self.notes.editor)

    def action_focus_code(self) -> None:
        self.transcripts.make_room_for_code()
        if self._pass_two_needed("Code"):
            self.screen.set_focus(self.code.input_widget)

    def _pass_two_needed(self, what: str) -> bool:
        if self.current_pass() == 1:
            self.notify(f"{what} are for pass 2; pass 1 is for watching. ctrl+o switches passes.")
            return False
        return True

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

    # ----- quitting ---------------------------------------------------------------------------

    async def action_quit(self) -> None:
        self.notes.save_now()
        self.clock.pause()
        self._remember_position()
        self.close_study()
        self.transcripts.close()
        await self.shut_player()
        try:
            await asyncio.wait_for(self.kernel.shutdown(), SHUTDOWN_GRACE)
        except Exception:
            self.kernel.kill_now()
        self.exit()
