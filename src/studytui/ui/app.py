"""The studytui screen: outline, notes and code panes over the headless core."""

from __future__ import annotations

import asyncio
import signal
import sqlite3
from functools import partial
from pathlib import Path
from typing import Iterable

import platformdirs
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Footer

from studytui.config import Settings
from studytui.core.kernel import KernelSession, kernel_session_for
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
from studytui.ui.messages import KernelStateChanged
from studytui.ui.screens.help import HelpScreen
from studytui.ui.code.code_pane import CodePane
from studytui.ui.widgets.header import LessonHeader
from studytui.ui.widgets.ordered_keys import after_typed_keys
from studytui.ui.notes.notes_pane import NotesPane
from studytui.ui.outline.outline import Outline

SHUTDOWN_GRACE = 5.0  # seconds to wait for the kernel to stop on quit


class StudyApp(LessonControl, KernelControl, StudyControl, ExerciseControl):
    CSS_PATH = "studytui.tcss"
    TITLE = "studytui"
    BINDINGS = [
        Binding(
            k.key,
            f"after_typing('{k.action}')" if k.after_typing else k.action,
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
        self.library = load_library(settings.lessons_dir)
        self.study_state = StudyState.load(settings.state_path)
        self.lesson: Lesson | None = None
        self.clock = Stopwatch()
        # The command line passes a session whose kernel process is already booting.
        self.kernel = kernel if kernel is not None else kernel_session_for(settings)
        self.kernel.on_state = lambda state: self.post_message(KernelStateChanged(state))
        self.study_log = self._open_study_log()

    def _open_study_log(self) -> StudyLog:
        try:
            return StudyLog(self.settings.study_log_path)
        except (OSError, sqlite3.Error) as error:
            self._study_log_problem = f"The study log cannot be written ({error}); this session is not logged."
            return StudyLog(Path(":memory:"))

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
        yield Footer()

    def on_mount(self) -> None:
        self.outline.border_title = "outline  f2"
        self.notes.border_title = "notes  f3"
        self.code.border_title = "code  f4"
        self._start_kernel()  # a worker: the first screen does not wait for the kernel
        self.connect_code_input()
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
            self.screen.set_focus(self.notes.preview if self.notes.previewing else self.notes.editor)

    def action_focus_code(self) -> None:
        """The code cell; pressed in the cell, its output log (to scroll it by keyboard)."""
        if self._pass_two_needed("Code"):
            cell = self.code.input_widget
            self.screen.set_focus(self.code.log_widget if self.focused is cell else cell)

    def _pass_two_needed(self, what: str) -> bool:
        if self.current_pass() == 1:
            self.notify(f"{what} are for pass 2; pass 1 is for watching. ctrl+o switches passes.")
            return False
        return True

    def action_after_typing(self, action: str) -> None:
        """An app key that acts on typed text runs after the keys typed before it are applied."""
        after_typed_keys(self, partial(self.run_action, action))

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
        await self.shut_player()
        try:
            await asyncio.wait_for(self.kernel.shutdown(), SHUTDOWN_GRACE)
        except Exception:
            self.kernel.kill_now()
        self.exit()
