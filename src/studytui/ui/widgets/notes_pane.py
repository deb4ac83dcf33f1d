"""The notes pane: the lesson's markdown notes, autosaved within a second of the last keystroke."""

from __future__ import annotations

import time
from pathlib import Path

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Label, TextArea

from studytui.core.files import write_text_atomic
from studytui.core.lessons import Lesson
from studytui.core.notes import insert_note, new_notes_document
from studytui.core.notes_file import NotesFile

QUIET_BEFORE_SAVE = 0.3  # seconds without typing before an autosave
LONGEST_UNSAVED = 0.8  # seconds: save even while the learner keeps typing
SAVE_TICK = 0.1


class NotesEditor(TextArea):
    pass


class NotesPane(Vertical):
    def __init__(self, recovery_dir: Path, **kwargs) -> None:
        super().__init__(**kwargs)
        self.recovery_dir = recovery_dir
        self.notes_file: NotesFile | None = None
        self._saved_text = ""
        self._first_unsaved: float | None = None
        self._last_edit = 0.0
        self._failing = False

    def compose(self) -> ComposeResult:
        yield Label("", id="notes-path")
        yield NotesEditor("", id="notes-editor", soft_wrap=True, tab_behavior="indent")

    @property
    def editor(self) -> NotesEditor:
        return self.query_one(NotesEditor)

    def on_mount(self) -> None:
        self.set_interval(SAVE_TICK, self._autosave)

    def open_notes(self, path: Path, lesson: Lesson) -> None:
        self.save_now()
        self.notes_file = NotesFile(path, new_notes_document(lesson.title))
        text = self.notes_file.read()
        self._saved_text = text if path.exists() else ""
        self.editor.load_text(text)
        self._first_unsaved = None
        self.query_one("#notes-path", Label).update(f"notes: {path}")

    def add_stamped_note(self, lesson: Lesson, seconds: float) -> None:
        """A new bullet `- [mm:ss] ` under the chapter's heading, with the cursor after it."""
        editor = self.editor
        insertion = insert_note(editor.text, lesson.chapters, seconds, lesson.video_link(seconds))
        editor.insert(insertion.text, insertion.location)
        editor.move_cursor(insertion.cursor)
        editor.focus()
        self._mark_edited()

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        self._mark_edited()

    def _mark_edited(self) -> None:
        self._last_edit = time.monotonic()
        if self._first_unsaved is None:
            self._first_unsaved = self._last_edit

    def _autosave(self) -> None:
        if self._first_unsaved is None:
            return
        now = time.monotonic()
        if now - self._last_edit >= QUIET_BEFORE_SAVE or now - self._first_unsaved >= LONGEST_UNSAVED:
            self.save_now()

    def save_now(self) -> bool:
        """Save if the text changed. On failure the text stays here and in a recovery copy; retried."""
        if self.notes_file is None:
            return True
        text = self.editor.text
        if text == self._saved_text:
            self._first_unsaved = None
            return True
        try:
            outcome = self.notes_file.save(text)
        except OSError as error:
            self._report_failure(text, error)
            self._first_unsaved = time.monotonic()  # retry after LONGEST_UNSAVED
            return False
        self._saved_text = text
        self._first_unsaved = None
        if self._failing:
            self._failing = False
            self.notify(f"Notes saved again to {outcome.path}", title="Saved")
        if outcome.kept_other_version is not None:
            self.notify(
                f"{outcome.path.name} was changed by another program. Your text is saved; "
                f"the other version is kept as {outcome.kept_other_version.name}.",
                title="Notes changed on disk",
                severity="warning",
                timeout=15,
            )
        return True

    def _report_failure(self, text: str, error: OSError) -> None:
        assert self.notes_file is not None
        recovery = self.recovery_dir / self.notes_file.path.name
        try:
            write_text_atomic(recovery, text)
            kept = f" A copy is in {recovery}."
        except OSError:
            kept = ""
        if not self._failing:
            self._failing = True
            self.notify(
                f"Could not save {self.notes_file.path}: {error.strerror or error}. "
                f"Your text stays here and saving is retried.{kept}",
                title="Notes not saved",
                severity="error",
                timeout=20,
            )
