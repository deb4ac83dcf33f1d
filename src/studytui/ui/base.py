"""What every part of the app shares: the settings, the core objects and the panes."""

from __future__ import annotations

from textual.app import App

from studytui.config import Settings
from studytui.core.kernel import KernelSession
from studytui.core.lessons import Lesson, LessonLibrary
from studytui.core.player import Player
from studytui.core.study import StudyState
from studytui.ui.code.code_pane import CodePane
from studytui.ui.widgets.header import LessonHeader
from studytui.ui.notes.notes_pane import NotesPane
from studytui.ui.outline.outline import Outline


class StudyAppBase(App[None]):
    """Attributes set by `StudyApp.__init__`; the controls below read them."""

    settings: Settings
    library: LessonLibrary
    study_state: StudyState
    lesson: Lesson | None
    clock: Player
    kernel: KernelSession
    header: LessonHeader
    outline: Outline
    notes: NotesPane
    code: CodePane

    def study_pass_of(self, lesson: Lesson) -> int:
        return self.study_state.pass_of(lesson.id)

    def known_duration(self) -> float | None:
        """The open lesson's video length when known (LessonControl decides)."""
        raise NotImplementedError

    def drop_bookmark(self, seconds: float) -> None:
        """Pass 1: mark a moment to revisit (StudyControl does it)."""
        raise NotImplementedError
