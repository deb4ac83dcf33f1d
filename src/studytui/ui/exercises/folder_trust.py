"""Whose checks may run: a lesson's checks run in the learner's kernel only from a trusted lessons
folder (the bundled lessons, a course the learner added, or a folder trusted in the trust dialog).

The folders trusted are kept by the lessons domain (`TrustStore`); this asks, and says why a check
did not run. It reaches the app (the dialog, notices) through the exercises widget."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from studytui.config import Settings, bundled_lessons_dir
from studytui.core.courses import OwnCourses
from studytui.core.lessons import Lesson, TrustStore
from studytui.ui.exercises.trust_dialog import TrustDialog
from studytui.ui.session import StudySession

if TYPE_CHECKING:
    from studytui.ui.exercises.exercises import Exercises


class FolderTrust:
    """Which lessons folders may run code in the kernel, and the dialog that trusts one."""

    def __init__(self, exercises: Exercises, settings: Settings, session: StudySession) -> None:
        self.exercises = exercises
        self.settings = settings
        self.session = session
        own_course = OwnCourses(settings.workspace_dir).is_own
        self._store = TrustStore(always_trusted=(bundled_lessons_dir(),), own=own_course)

    def folder_of(self, lesson: Lesson | None) -> Path:
        """Whose trust runs the lesson's checks: its lessons folder, or its course in the courses folder."""
        return self.session.library.trust_folder(lesson.path) if lesson is not None else self.settings.lessons_dir

    def trusts(self, lesson: Lesson) -> bool:
        """Whether the lesson's pack may run code in the kernel (bundled, an own course, or trusted)."""
        return self._store.is_trusted(self.folder_of(lesson))

    def allows_checks(self, lesson: Lesson) -> bool:
        """Whether the lesson's checks may run; if not, the code pane says why and what trusts it."""
        folder = self.folder_of(lesson)
        if self._store.is_trusted(folder):
            return True
        why = (f"Not running this check: it is code from {folder}, a lessons folder you have not trusted. "
               "f5 asks to trust it; so does 'Trust this lessons folder' in the palette (ctrl+p).")
        self.exercises.code.show_notice(why, style="bold yellow")
        return False

    def ask_then(self, lesson: Lesson, check: Callable[[], None]) -> None:
        """f5 in an untrusted folder: the trust dialog (answered with y only), then ``check`` at once."""
        if isinstance(self.exercises.app.screen, TrustDialog):
            return
        folder = self.folder_of(lesson)

        def answered(yes: bool | None) -> None:
            if yes and self._remember(folder):
                check()
            elif not yes:
                self.allows_checks(lesson)

        self.exercises.app.push_screen(
            TrustDialog(folder, "Trust code from this lessons folder and run the check?"), answered
        )

    def ask(self) -> None:
        """Trust the open lesson's folder, once the dialog is answered with y (the palette's command)."""
        folder = self.folder_of(self.session.lesson)
        if self._store.is_trusted(folder):
            self.exercises.notify(f"{folder} is already trusted: its checks run in your kernel.")
            return
        self.exercises.app.push_screen(TrustDialog(folder), lambda trusted: self._answered(folder, trusted))

    def _answered(self, folder: Path, trusted: bool | None) -> None:
        """Only the trust dialog's answer trusts a folder (see trust_dialog.py)."""
        if not trusted:
            self.exercises.notify(f"Not trusted: checks from {folder} do not run.")
            return
        if self._remember(folder):
            self.exercises.notify(f"Trusted {folder}: its exercise checks now run in your kernel.")

    def _remember(self, folder: Path) -> bool:
        try:
            self._store.trust(folder)
        except OSError as error:
            self.exercises.notify(f"Could not remember the trusted folder: {error}", severity="error")
            return False
        return True
