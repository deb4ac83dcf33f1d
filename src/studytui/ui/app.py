"""The studytui app: the services every feature shares, the study screen, and how the app ends.

The study screen (`study_screen.py`) composes the panes and carries the keys; each feature runs its
own loop. The app builds the services once (the settings, the session with the library and the
open lesson, the kernel session, the study state and log), keeps the keys that work over every
screen (help, quit, the clock), shows every toast as plain text, and ends the app one way, whether
the learner quits, a signal arrives or an unexpected error ends it.
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
import sqlite3
from collections.abc import Iterable
from functools import partial
from pathlib import Path

from textual import events
from textual.app import App, SystemCommand
from textual.command import CommandPalette
from textual.driver import Driver
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.widget import AwaitMount

from studytui.config import Settings
from studytui.core.crash_report import write_crash_report
from studytui.core.lessons import load_study_library
from studytui.core.study import JsonFiles, StudyLog, StudyState, open_study_log
from studytui.core.text import clean_text
from studytui.ui.code import KernelSession, kernel_session
from studytui.ui.keys import APP_KEYS, PALETTE_ONLY, bindings
from studytui.ui.lifecycle import hangup_safe
from studytui.ui.screens.help import HelpScreen
from studytui.ui.screens.palette import StudyPalette
from studytui.ui.session import StudySession
from studytui.ui.study_screen import Services, StudyScreen
from studytui.ui.textual_private import call_before_crash, let_alt_f_through
from studytui.ui.widgets.ordered_keys import run_after_typing

QUIT_GRACE = 5.0  # seconds to wait for the player, then the kernel, to stop on quit
SIGNAL_GRACE = 0.7  # the same on SIGHUP/SIGTERM: the whole exit fits in 2 s
CONFIG_PROBLEMS_SHOWN = 8  # lines of the config summary toast; the rest are counted


class StudyApp(App[None]):
    CSS_PATH = "studytui.tcss"
    TITLE = "studytui"
    BINDINGS = bindings(tuple(key for key in APP_KEYS if key.app_wide))

    def __init__(self, settings: Settings, kernel: KernelSession | None = None) -> None:
        super().__init__()
        self.settings = settings
        self.study_log_problem: str | None = None
        self.study_log = self.open_study_log()
        self.study_state = StudyState.load(self.study_log)  # positions and passes live in the study log
        library = load_study_library(settings, cached=True)
        self.session = StudySession(self, settings, library, self.study_state)
        # The command line passes a local session whose kernel process is already booting.
        self.kernel: KernelSession = kernel or kernel_session(settings)
        services = Services(settings, self.session, self.kernel, self.study_state, self.study_log)
        self.study_screen = StudyScreen(services)
        self.quitting = False  # the app is ending: a signal has nothing more to do
        self.crash_report: Path | None = None  # written when an unexpected error ended the app

    def get_driver_class(self) -> type[Driver]:
        return hangup_safe(super().get_driver_class())

    def get_default_screen(self) -> Screen[None]:
        return self.study_screen

    def open_study_log(self) -> StudyLog:
        try:
            opened = open_study_log(self.settings.study_log_path, JsonFiles.of(self.settings))
        except (OSError, sqlite3.Error) as error:
            self.study_log_problem = (
                f"The study log cannot be written ({error}): this session's time, positions and results are not kept."
            )
            return StudyLog(Path(":memory:"))
        self.study_log_problem = opened.notice
        return opened.log

    async def on_mount(self) -> None:
        await AwaitMount(self.study_screen, [self.study_screen])  # ready once the study screen is
        if problems := self.settings.config_problems:
            self.notify(config_summary(problems), title="Config file", severity="warning", timeout=15)
        if self.study_log_problem:
            self.notify(self.study_log_problem, severity="warning", timeout=15)
        if self.settings.keymap:
            self.set_keymap(self.settings.keymap)
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGTERM, signal.SIGHUP):
            try:
                loop.add_signal_handler(signum, partial(self.on_signal, signum))
            except (NotImplementedError, RuntimeError, ValueError):
                pass

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

    async def on_event(self, event: events.Event) -> None:
        # Every key, click and paste reaches the app first: the learner is at the keys (study time counts).
        if isinstance(event, (events.Key, events.MouseDown, events.Paste)) and not event.is_forwarded:
            self.session.activity.input_seen()
        await super().on_event(event)

    # ----- the app's own keys and commands ----------------------------------------------------

    async def action_after_typing(self, action: str, typed_into: str) -> None:
        await run_after_typing(self, action, typed_into)

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(str(self.settings.notes_dir)))

    def action_toggle_clock(self) -> None:
        self.session.toggle()

    def action_command_palette(self) -> None:
        """ctrl+p: the palette whose Enter runs the command at once (see `screens/palette.py`)."""
        if self.use_command_palette and not isinstance(self.screen, CommandPalette):
            self.push_screen(StudyPalette(id="--command-palette"))

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        # Textual's own quit skips saving the notes: ours (ctrl+q) is the one listed.
        yield from (command for command in super().get_system_commands(screen) if command.title != "Quit")
        for key in (*APP_KEYS, *PALETTE_ONLY):
            if key.app_wide or screen is self.study_screen:  # the study screen's, only over it
                runs_on = self if key.app_wide else screen
                # Run as the palette closes, before the keys typed after its Enter are handed on.
                yield SystemCommand(key.description, key.palette_help(), partial(runs_on.run_action, key.action))

    # ----- how the app ends -------------------------------------------------------------------

    async def action_quit(self) -> None:
        await self.end(return_code=0, grace=QUIT_GRACE)

    def on_signal(self, signum: int) -> None:
        """SIGHUP (the terminal closed) or SIGTERM: out within about a second, status 128 + signal."""
        if not self.quitting:
            self.call_later(self.end, 128 + signum, SIGNAL_GRACE)

    async def end(self, return_code: int, grace: float) -> None:
        """The one way out: notes saved, clock kept, log and index closed, player and kernel stopped."""
        if self.quitting:
            return
        self.quitting = True
        self.study_screen.save_all()
        with contextlib.suppress(Exception):
            await asyncio.wait_for(self.study_screen.shut_player(), grace)
        if return_code:  # a signal: no time for a polite shutdown; the kernel's state is lost either way
            self.kernel.kill_now()
        try:
            await asyncio.wait_for(self.kernel.shutdown(), grace)  # channels, connection file
        except Exception:
            self.kernel.kill_now()
        self.exit(return_code=return_code)

    def before_crash(self, error: Exception) -> None:
        """Save what can be saved and write the crash report (once); Textual then exits with code 1."""
        if self.crash_report is not None:
            return
        with contextlib.suppress(Exception):
            self.study_screen.notes.save_now()
        self.kernel.kill_now()
        self.crash_report = write_crash_report(self.settings.crash_reports_dir, error)


call_before_crash(StudyApp, StudyApp.before_crash)
let_alt_f_through()  # the notes search's key (see textual_private)


def config_summary(problems: tuple[str, ...]) -> str:
    """All the config file's problems as one message: its first lines and how many more."""
    shown = list(problems[:CONFIG_PROBLEMS_SHOWN])
    if len(problems) > len(shown):
        shown.append(f"... and {len(problems) - len(shown)} more")
    return "\n".join(shown)
