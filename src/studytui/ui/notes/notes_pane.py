"""The notes pane: the lesson's markdown notes, autosaved within a second of the last keystroke by the
notes store it drives (core/notes/store.py)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Label, Static, TextArea

from studytui.config import OutsideWorkspace
from studytui.core.lessons import Lesson
from studytui.core.notes import (
    BOOKMARK,
    Change,
    NoteHit,
    NotesFile,
    NotesReadOnly,
    NotesStore,
    cell_note,
    insert_note,
    parse_stamps,
    read_notes_text,
    search_notes,
    search_notes_files,
)
from studytui.core.review import IdInsertion
from studytui.ui.keys import NOTE_KIND_EXAMPLES
from studytui.ui.notes.copied_marks import GUTTER_MARK
from studytui.ui.notes.notes_editor import NotesEditor
from studytui.ui.notes.notes_preview import NotesPreview
from studytui.ui.notes.notes_search import NotesSearchScreen
from studytui.ui.widgets.safe_text import data_text

if TYPE_CHECKING:
    from studytui.ui.session import StudySession

SAVE_TICK = 0.1
# Up to this many lines the journal is written before the frame that shows a change (0.2 ms for
# 100 lines); a longer file's right after it, not to delay the echo (before the frame, a key in a
# 2,000-line file echoed in 20-22 ms in tmux, after it in 15-20).
JOURNAL_BEFORE_DRAW_UP_TO = 1000


@dataclass
class NotesSaved(Message):
    path: Path
    note_count: int


class NotesPane(Vertical):
    """The notes feature: the editor (or its rendered preview) of the open lesson's notes, kept safe
    by a `NotesStore` (core/notes/store.py) that this pane drives: autosave within a second of the
    last keystroke, a journal of unsaved text, recovery, reloads, copies when saving fails.

    Every change is also written (without fsync) to the journal: before the frame that shows it, or
    in a very long file right after that frame. Other features change the notes only through this
    pane's methods (`add_stamped_note`, `add_line_at_time`, `write_ids`, `show_copied`, `save_now`).
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
        self.store = NotesStore(recovery_dir, journal_dir, notes_root)
        self._journal_due = False
        self._journaled_changes = 0  # the editor's change count the journal holds

    @property
    def notes_file(self) -> NotesFile | None:
        return self.store.file

    @property
    def read_only(self) -> NotesReadOnly | None:
        """Why the open notes must not be written (None: they may)."""
        return self.store.read_only

    def compose(self) -> ComposeResult:
        yield Label("", id="notes-path")
        yield NotesEditor("", id="notes-editor", soft_wrap=True, tab_behavior="indent")
        yield NotesPreview(id="notes-preview")
        yield Static("", id="notes-copied")
        yield Static(self._how_to_write(), id="notes-empty")

    @staticmethod
    def _how_to_write(video: bool = True) -> Text:
        start = "ctrl+n starts one at the video time" if video else "write them here, as you work the exercises"
        guide = Text(f"No notes yet: {start}. Start a note with", style="bold")
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
        self.set_interval(SAVE_TICK, self.autosave)
        self.editor.before_draw = self._journal_before_draw
        if self.session is not None:
            self.session.lesson_opened.subscribe(self, self.lesson_opened, immediate=True)

    def lesson_opened(self, lesson: Lesson) -> None:
        assert self.session is not None
        self.query_one("#notes-empty", Static).update(self._how_to_write(lesson.has_video))  # no video: no stamps
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
        self.editor.read_only = False
        change = self.store.open(path, lesson.id, lesson.title, lesson.video_link)
        if change.read_only is None:
            self.query_one("#notes-path", Label).update(data_text(where_notes_are(path)))
        self.apply(change, opened=True)

    def apply(self, change: Change, opened: bool = False, keep_cursor: bool = False) -> None:
        """Show what the store did: the editor's new text, read-only, the notices."""
        if change.text is not None:
            cursor = self.editor.cursor_location
            self.editor.load_text(change.text)
            if opened and change.read_only is None:
                self._journaled_changes = self.editor.changes
                self.editor.move_to_last_note()
                self.show_empty_state(len(parse_stamps(change.text)))
            elif keep_cursor:
                self.editor.move_cursor(cursor)  # clamped to the new text
            if self.previewing:
                self.preview.show_document(change.text)
        if change.read_only is not None:
            self.editor.read_only = True
            self.query_one("#notes-path", Label).update(f"notes (read-only): {change.read_only.path}")
        for notice in change.notices:
            self.notify(notice.message, title=notice.title, severity=notice.severity, timeout=notice.timeout)

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
        self.store.edited()

    def add_cell_at_time(self, lesson: Lesson, seconds: float, code: str, output: str) -> bool:
        """A note stamped `seconds` holding a code cell and its output as fenced blocks, under its
        chapter; the cursor after the stamp, for the learner's words about it. False when read-only."""
        if self.read_only is not None:
            self.notify(f"The notes are read-only: {self.read_only.reason}.", severity="warning")
            return False
        if self.previewing:
            self.toggle_preview()
        insertion = insert_note(self.editor.text, lesson.chapters, seconds, line=cell_note(seconds, code, output))
        self.editor.insert(insertion.text, insertion.location)
        bullet = insertion.location[0] + insertion.text.split("- [", 1)[0].count("\n")
        self.editor.move_cursor((bullet, len(self.editor.document.get_line(bullet))))
        self.screen.set_focus(self.editor)
        self.store.edited()
        return True

    def add_line_at_time(self, lesson: Lesson, seconds: float, line: str) -> None:
        """A whole line (a quote of the lecture) placed under the chapter at `seconds`, like a note."""
        if self.previewing:
            self.toggle_preview()
        insertion = insert_note(self.editor.text, lesson.chapters, seconds, line=line)
        self.editor.insert(insertion.text, insertion.location)
        self.editor.move_cursor(insertion.cursor)
        self.store.edited()

    # ----- searching (alt+f, and the palette's search of every lesson) -------------------------

    def search_this_lesson(self) -> None:
        """alt+f: the open notes searched as they are in the editor; a hit is gone to, the clock at its stamp."""
        session = self.session
        if session is None or session.lesson is None:
            self.notify("Open a lesson first: pick one in the outline (f2).", severity="warning")
            return
        lesson_id = session.lesson.id
        self.app.push_screen(
            NotesSearchScreen(f"Search the notes of {session.lesson.title}",
                              lambda query: search_notes(self.text, query, lesson_id)),
            self.go_to_hit,
        )

    def search_every_lesson(self) -> None:
        """Every lesson's notes (the open one as in the editor, the others as saved); a hit opens its
        lesson at the note, the clock at its stamp."""
        session = self.session
        if session is None:
            return
        self.save_now()
        lessons = [lesson for course in session.library.courses() for lesson in course.lessons]
        open_id = session.lesson.id if session.lesson is not None else None
        texts: list[tuple[str, str]] = []
        for lesson in lessons:
            if lesson.id == open_id:
                texts.append((lesson.id, self.text))
                continue
            try:
                text = read_notes_text(session.settings.notes_path(lesson.id))
            except OutsideWorkspace:  # an id that would leave the notes folder: not read
                continue
            if text is not None:
                texts.append((lesson.id, text))
        titles = {lesson.id: lesson.title for lesson in lessons}
        count = len(texts)
        self.app.push_screen(
            NotesSearchScreen(f"Search the notes of every lesson ({count} with notes)",
                              lambda query: search_notes_files(texts, query), titles),
            self.go_to_hit,
        )

    def go_to_hit(self, hit: NoteHit | None) -> None:
        """The hit's lesson opened (when it is another), the clock at its stamp, the cursor on its line."""
        session = self.session
        if hit is None or session is None:
            return
        opened = session.lesson is not None and session.lesson.id == hit.lesson_id
        if hit.seconds is not None:
            opened = session.open_at(hit.lesson_id, hit.seconds, say=True)
        elif not opened:
            lesson = session.find(hit.lesson_id)
            opened = lesson is not None and session.open_lesson(lesson)
        if opened:
            self.go_to_line(hit.row)

    def go_to_line(self, row: int) -> None:
        """The editor shown with the cursor at the end of `row`, and the focus on it."""
        if self.previewing:
            self.toggle_preview()
        editor = self.editor
        row = min(row, editor.document.line_count - 1)
        editor.move_cursor((row, len(editor.document.get_line(row))), center=True)
        self.screen.set_focus(editor)

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
        self.store.edited()
        if self.store.journal is not None and not self._journal_due:
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
        if changes == self._journaled_changes:
            return
        self._journaled_changes = changes
        self.store.keep_journal(self.editor.text)

    def autosave(self) -> None:
        look, save = self.store.tick()
        if look:
            change = self.store.reload_if_changed(self.editor.text)
            if change is not None:
                self.apply(change, keep_cursor=True)
        if save:
            self.save_now()

    def save_now(self) -> bool:
        """Save if the text changed. On failure the text stays here and in a recovery copy; retried."""
        change = self.store.save(self.editor.text)
        if change is None:
            return True
        self.apply(change)
        if change.saved is not None:
            self.post_message(NotesSaved(change.saved, change.note_count))
        return change.saved is not None


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
