"""The studytui screen: outline, notes and code panes over the headless core."""

from __future__ import annotations

import asyncio
import signal
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
from studytui.core.kernel import KernelSession
from studytui.core.lessons import Lesson, load_library
from studytui.core.player import Stopwatch
from studytui.core.progress import StudyState
from studytui.ui.kernel_control import KernelControl
from studytui.ui.keys import APP_KEYS, PALETTE_ONLY
from studytui.ui.lesson_control import CLOCK_TICK, LessonControl
from studytui.ui.messages import KernelStateChanged
from studytui.ui.screens.help import HelpScreen
from studytui.ui.widgets.code_pane import CodePane
from studytui.ui.widgets.header import LessonHeader
from studytui.ui.widgets.notes_pane import NotesPane
from studytui.ui.widgets.outline import Outline

SHUTDOWN_GRACE = 5.0  # seconds to wait for the kernel to stop on quit


class StudyApp(LessonControl, KernelControl):
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
