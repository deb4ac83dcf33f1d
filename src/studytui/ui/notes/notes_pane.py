"""The notes pane: the lesson's markdown notes, autosaved within a second of the last keystroke."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Label, Static, TextArea

from studytui.core.files import write_text_atomic
from studytui.core.lessons import Lesson
from studytui.core.notes import (
    BOOKMARK,
    JournalEntry,
    NotesFile,
    NotesJournal,
    NotesReadOnly,
    compact_stamps,
    expand_stamps,
    insert_note,
    new_notes_document,
    parse_stamps,
)
from studytui.core.review import IdInsertion
from studytui.ui.keys import NOTE_KIND_EXAMPLES
from studytui.ui.notes.copied_marks import GUTTER_MARK
from studytui.ui.notes.notes_editor import NotesEditor
from studytui.ui.notes.notes_preview import NotesPreview
from studytui.ui.widgets.safe_text import data_text

if TYPE_CHECKING:
    from studytui.ui.session import StudySession

QUIET_BEFORE_SAVE = 0.3  # seconds without typing before an autosave
LONGEST_UNSAVED = 0.8  # seconds: save even while the learner keeps typing
SAVE_TICK = 0.1
DISK_CHECK_EVERY = 5  # ticks between looks at the file for changes made by other programs
# Up to this many lines the journal is written before the frame that shows a change (0.2 ms for
# 100 lines); a longer file's right after it, not to delay the echo (before the frame, a key in a
# 2,000-line file echoed in 20-22 ms in tmux, after it in 15-20).
JOURNAL_BEFORE_DRAW_UP_TO = 1000


@dataclass
class NotesSaved(Message):
    path: Path
    note_count: int


class NotesPane(Vertical):
    """Notes editor (or its rendered preview) with autosave, a journal of unsaved text, and reloads.

    Every change is also written (without fsync) to a journal file that survives the app being
    killed: before the frame that shows it, or in a very long file right after that frame. The
    journal is removed once the text is saved and restored on the next start if it was not.
    """

    def __init__(
        self,
        session: StudySession | None,
        recovery_dir: Path,
        journal_dir: Path,
        notes_root: Path | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.session = session  # the notes follow its open lesson
        self.recovery_dir = recovery_dir
        self.journal_dir = journal_dir
        self.notes_root = notes_root  # notes are never written outside it, even through a symlink
        self.read_only: NotesReadOnly | None = None  # why the open notes must not be written
        self._ticks = 0
        self.notes_file: NotesFile | None = None
        self.journal: NotesJournal | None = None
        self._saved_text = ""
        self._first_unsaved: float | None = None
        self._last_edit = 0.0
        self._failing = False
        self._link_for: Callable[[float], str | None] = lambda seconds: None  # the open lesson's video link
        self._journal_due = False
        self._journaled_changes = 0  # the editor's change count the journal holds

    def compose(self) -> ComposeResult:
        yield Label("", id="notes-path")
        yield NotesEditor("", id="notes-editor", soft_wrap=True, tab_behavior="indent")
        yield NotesPreview(id="notes-preview")
        yield Static("", id="notes-copied")
        yield Static(self._how_to_write(), id="notes-empty")

    @staticmethod
    def _how_to_write() -> Text:
        guide = Text("No notes yet: ctrl+n starts one at the video time. Start it with", style="bold")
        for prefix, kind, example in NOTE_KIND_EXAMPLES:
            guide.append(f"\n{prefix or '·'} ", style="bold cyan")
            guide.append(f"{kind}: ")
            guide.append(example, style="italic")
        return guide

    def show_empty_state(self, note_count: int) -> None:
        """The kinds of notes, with an example each, until the lesson has its first note."""
        self.query_one("#notes-empty").display = note_count == 0

    def on_notes_saved(self, message: NotesSaved) -> None:
        self.show_empty_state(message.note_count)

    @property
    def editor(self) -> NotesEditor:
        return self.query_one(NotesEditor)

    @property
    def preview(self) -> NotesPreview:
        return self.query_one(NotesPreview)

    @property
    def previewing(self) -> bool:
        return self.preview.display

    @property
    def text(self) -> str:
        """The notes as the editor has them (stamps short)."""
        return self.editor.text

    @property
    def cursor_row(self) -> int:
        return self.editor.cursor_location[0]

    def shows(self, path: Path) -> bool:
        """Whether the notes file at `path` is the one open here."""
        return self.notes_file is not None and same_file(self.notes_file.path, path)

    def write_ids(self, insertions: list[IdInsertion]) -> None:
        """Review cards' `^id`s into the open notes, bottom up (a row moves nothing above it), the
        cursor kept; then saved."""
        if not insertions:
            return
        for insertion in sorted(insertions, key=lambda i: (i.row, i.column), reverse=True):
            start, end = (insertion.row, insertion.column), (insertion.row, insertion.end)
            self.editor.replace(insertion.text, start, end, maintain_selection_offset=True)
        self.save_now()

    def on_mount(self) -> None:
        self.preview.display = False
        self.query_one("#notes-copied").display = False
        self.set_interval(SAVE_TICK, self._autosave)
        self.editor.before_draw = self._journal_before_draw
        if self.session is not None:
            self.session.lesson_opened.subscribe(self, self.lesson_opened, immediate=True)

    def lesson_opened(self, lesson: Lesson) -> None:
        assert self.session is not None
        self.open_notes(self.session.settings.notes_path(lesson.id), lesson)

    def focus_writing(self) -> None:
        """The focus where the learner writes: after the last note when the cursor is still on the title."""
        editor = self.editor
        if not self.previewing and editor.cursor_location[0] <= 1:
            editor.move_to_last_note()
        self.screen.set_focus(self.preview if self.previewing else editor)

    def toggle_preview(self) -> None:
        showing = not self.previewing
        if showing:
            self.preview.show_document(self.editor.text)
        self.preview.display = showing
        self.editor.display = not showing
        self.screen.set_focus(self.preview if showing else self.editor)

    def open_notes(self, path: Path, lesson: Lesson) -> None:
        self.save_now()
        self.notes_file = NotesFile(path, new_notes_document(lesson.title), root=self.notes_root)
        self._link_for = lesson.video_link
        self.journal = NotesJournal(self.journal_dir, lesson.id)
        self.read_only = None
        self.editor.read_only = False
        try:
            text = self.notes_file.read()
        except NotesReadOnly as refusal:
            self._show_read_only(self._for_editor(refusal.text), refusal)
            return
        text = self._for_editor(text)
        self._saved_text = text  # a new lesson's template is written once the learner adds to it
        entry = self.journal.read()
        recovered = self._for_editor(entry.text) if entry is not None else None
        if entry is not None and recovered != text:
            text = self._for_editor(self._recover(entry, path))
        self.editor.load_text(text)
        self._journaled_changes = self.editor.changes
        self.editor.move_to_last_note()
        self.show_empty_state(len(parse_stamps(text)))
        self._first_unsaved = time.monotonic() if text != self._saved_text else None
        self.query_one("#notes-path", Label).update(data_text(where_notes_are(path)))
        if self.previewing:
            self.preview.show_document(text)

    def _recover(self, entry: JournalEntry, path: Path) -> str:
        """The journal's text; when the file changed since it was typed, the file's text is kept beside."""
        assert self.notes_file is not None
        changed = self.notes_file.version
        if changed is None or changed.same_text(entry.base):
            self.notify(
                f"Recovered text typed before studytui last stopped ({path.name}); it is being saved.",
                title="Notes recovered",
                severity="warning",
                timeout=10,
            )
            return entry.text
        try:
            kept = self.notes_file.keep_disk_copy()
            beside = f"its version is kept as {kept.name}" if kept else "it was removed"
        except OSError:
            self.notes_file.distrust_disk()  # saving keeps it beside instead
            beside = "its version will be kept beside when yours is saved"
        self.notify(
            f"Recovered text typed before studytui last stopped ({path.name}), but the file was "
            f"changed by another program since: your recovered text is being saved as {path.name}; "
            f"{beside}.",
            title="Notes recovered: both versions kept",
            severity="warning",
            timeout=20,
        )
        return entry.text

    def _show_read_only(self, text: str, refusal: NotesReadOnly) -> None:
        """Show `text` without ever writing the notes file again (until the lesson is reopened)."""
        self.read_only = refusal
        self.editor.load_text(text)
        self.editor.read_only = True
        self._saved_text = text
        self._first_unsaved = None
        self.query_one("#notes-path", Label).update(f"notes (read-only): {refusal.path}")
        if self.previewing:
            self.preview.show_document(text)
        self.notify(
            f"{refusal.path} is shown read-only and will not be written: {refusal.reason}. "
            "Fix or move it, then open the lesson again.",
            title="Notes read-only",
            severity="error",
            timeout=20,
        )

    def _for_editor(self, file_text: str) -> str:
        """Stamps short in the editor: `[19:11]`, the video link kept for the file (core compact.py)."""
        return compact_stamps(file_text, self._link_for)

    def _for_file(self, editor_text: str) -> str:
        return expand_stamps(editor_text, self._link_for)

    def add_stamped_note(self, lesson: Lesson, seconds: float, bookmark: bool = False) -> None:
        """A new bullet `- [mm:ss] ` under the chapter's heading, with the cursor after it."""
        if self.read_only is not None:
            self.notify(f"The notes are read-only: {self.read_only.reason}.", severity="warning")
            return
        if self.previewing:
            self.toggle_preview()
        editor = self.editor
        words = BOOKMARK if bookmark else ""
        # The editor shows the short stamp; the link to the video is added when the file is written.
        insertion = insert_note(editor.text, lesson.chapters, seconds, None, words)
        editor.insert(insertion.text, insertion.location)
        editor.move_cursor(insertion.cursor)
        if not bookmark:
            self.screen.set_focus(editor)  # at once: the next keys are the note
        self._mark_edited()

    def add_line_at_time(self, lesson: Lesson, seconds: float, line: str) -> None:
        """A whole line (a quote of the lecture) placed under the chapter at `seconds`, like a note."""
        if self.previewing:
            self.toggle_preview()
        insertion = insert_note(self.editor.text, lesson.chapters, seconds, line=line)
        self.editor.insert(insertion.text, insertion.location)
        self.editor.move_cursor(insertion.cursor)
        self._mark_edited()

    def show_copied(self, marks: dict[int, str], checking: bool) -> None:
        """Mark copied notes (row -> message) in the gutter, the preview and a line under the notes."""
        self.editor.show_copied_marks(marks, gutter=checking)
        self.preview.copied_marks = dict(marks)
        if self.previewing:
            self.preview.show_document(self.editor.text)
        line = self.query_one("#notes-copied", Static)
        line.display = bool(marks)
        if marks:
            row = min(marks)
            more = f" (and {len(marks) - 1} more)" if len(marks) > 1 else ""
            line.update(Text(f"{GUTTER_MARK} line {row + 1}: {marks[row]}{more}", style="yellow"))

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        self._mark_edited()
        if self.journal is not None and not self._journal_due:
            # Written before the editor's next frame when that is quick (see _journal_before_draw);
            # in any case right after the frame, once for all the keys it shows.
            self._journal_due = True
            self.call_after_refresh(self._write_journal)

    def _journal_before_draw(self) -> None:
        editor = self.editor
        if editor.changes != self._journaled_changes and editor.document.line_count <= JOURNAL_BEFORE_DRAW_UP_TO:
            self._write_journal()

    def _write_journal(self) -> None:
        self._journal_due = False
        changes = self.editor.changes
        if self.journal is None or changes == self._journaled_changes:
            return
        self._journaled_changes = changes
        text = self.editor.text
        if text == self._saved_text:
            self.journal.clear()  # typed back to what is saved: nothing to recover
        elif self.notes_file is not None:
            self.journal.write(text, self.notes_file.version)

    def _mark_edited(self) -> None:
        self._last_edit = time.monotonic()
        if self._first_unsaved is None:
            self._first_unsaved = self._last_edit

    def _autosave(self) -> None:
        self._ticks += 1
        if self._ticks % DISK_CHECK_EVERY == 0:
            self._reload_if_changed_elsewhere()
        if self._first_unsaved is None:
            return
        now = time.monotonic()
        if now - self._last_edit >= QUIET_BEFORE_SAVE or now - self._first_unsaved >= LONGEST_UNSAVED:
            self.save_now()

    def save_now(self) -> bool:
        """Save if the text changed. On failure the text stays here and in a recovery copy; retried."""
        if self.notes_file is None or self.read_only is not None:
            return True
        text = self.editor.text
        if text == self._saved_text:
            self._first_unsaved = None
            return True
        try:
            outcome = self.notes_file.save(self._for_file(text))
        except NotesReadOnly as refusal:  # another program left something we must not write over
            kept = self._keep_recovery_copy(text)
            self._show_read_only(text, NotesReadOnly(refusal.path, refusal.reason + kept))
            return False
        except OSError as error:
            self._report_failure(text, error)
            self._first_unsaved = time.monotonic()  # retry after LONGEST_UNSAVED
            return False
        self._saved_text = text
        self._first_unsaved = None
        if self.journal is not None:
            self.journal.clear()
        self.post_message(NotesSaved(outcome.path, len(parse_stamps(text))))
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

    def _reload_if_changed_elsewhere(self) -> None:
        """A clean buffer follows the file; a buffer with unsaved text is kept (saving keeps both)."""
        if self.notes_file is None or self.read_only is not None or self.editor.text != self._saved_text:
            return
        try:
            new_text = self.notes_file.changed_on_disk()
        except NotesReadOnly as refusal:
            self._show_read_only(self.editor.text, refusal)
            return
        if new_text is None:
            return
        cursor = self.editor.cursor_location
        self.notes_file.accept_disk_text(new_text)
        new_text = self._for_editor(new_text)
        self.editor.load_text(new_text)
        self.editor.move_cursor(cursor)  # clamped to the new text
        self._saved_text = new_text
        self._first_unsaved = None
        if self.previewing:
            self.preview.show_document(new_text)
        self.notify(f"{self.notes_file.path.name} was changed by another program: reloaded.")

    def _report_failure(self, text: str, error: OSError) -> None:
        assert self.notes_file is not None
        kept = self._keep_recovery_copy(text)
        if not self._failing:
            self._failing = True
            self.notify(
                f"Could not save {self.notes_file.path}: {error.strerror or error}. "
                f"Your text stays here and saving is retried{kept}.",
                title="Notes not saved",
                severity="error",
                timeout=20,
            )

    def _keep_recovery_copy(self, text: str) -> str:
        """A copy of `text` in the recovery folder; says where (or nothing when that failed too)."""
        assert self.notes_file is not None
        path = self.notes_file.path
        inside = self.notes_root is not None and path.is_relative_to(self.notes_root)
        # By the path inside the notes folder: two lessons' `notes.md` in two folders stay apart.
        recovery = self.recovery_dir / (path.relative_to(self.notes_root) if inside else path.name)  # type: ignore[arg-type]
        try:
            write_text_atomic(recovery, self._for_file(text))
        except OSError:
            return ""
        return f"; a copy of your text is in {recovery}"


def same_file(one: Path, other: Path) -> bool:
    try:
        return one.resolve() == other.resolve()
    except OSError:
        return one == other


def where_notes_are(path: Path) -> str:
    """The notes file's name first, then its folder (home as ~): a narrow pane cuts the folder, not
    the name."""
    folder = path.parent
    try:
        folder = Path("~") / folder.relative_to(Path.home())
    except (ValueError, RuntimeError):  # outside home, or no home
        pass
    return f"{path.name}  in {folder}"
