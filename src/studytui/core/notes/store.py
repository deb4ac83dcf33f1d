"""The open notes of a lesson as the editor holds them, kept safe: when to save, the journal of
unsaved text, recovery after a crash, reloads when another program changed the file, and a copy in
the recovery folder when saving fails. Headless: the notes pane drives it (its timer, its editor's
text) and shows the notices it returns.

The editor shows stamps short (`[19:11]`); the file keeps the video link (`compact.py`).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from studytui.core.files import write_text_atomic
from studytui.core.notes.compact import compact_stamps, expand_stamps
from studytui.core.notes.document import new_notes_document, parse_stamps
from studytui.core.notes.file import NotesFile, NotesReadOnly
from studytui.core.notes.journal import JournalEntry, NotesJournal

QUIET_BEFORE_SAVE = 0.3  # seconds without typing before an autosave
LONGEST_UNSAVED = 0.8  # seconds: save even while the learner keeps typing
DISK_CHECK_EVERY = 5  # ticks between looks at the file for changes made by other programs

Severity = Literal["information", "warning", "error"]


@dataclass(frozen=True)
class Notice:
    """Something the learner should be told, as a toast."""

    message: str
    title: str = ""
    severity: Severity = "information"
    timeout: float | None = None


@dataclass
class Change:
    """What an operation did: the editor's new text (None: keep the editor's), whether the notes are
    read-only now, the file saved (its path and note count), and what to tell the learner."""

    text: str | None = None
    read_only: NotesReadOnly | None = None
    saved: Path | None = None
    note_count: int = 0
    notices: list[Notice] = field(default_factory=list)


class NotesStore:
    def __init__(self, recovery_dir: Path, journal_dir: Path, notes_root: Path | None = None) -> None:
        self.recovery_dir = recovery_dir
        self.journal_dir = journal_dir
        self.notes_root = notes_root  # notes are never written outside it, even through a symlink
        self.file: NotesFile | None = None
        self.journal: NotesJournal | None = None
        self.read_only: NotesReadOnly | None = None  # why the open notes must not be written
        self.saved_text = ""  # the editor's text as it is on disk
        self._link_for: Callable[[float], str | None] = lambda seconds: None  # the lesson's video link
        self._first_unsaved: float | None = None
        self._last_edit = 0.0
        self._failing = False
        self._ticks = 0

    # ----- opening ----------------------------------------------------------------------------

    def open(self, path: Path, lesson_id: str, title: str, link_for: Callable[[float], str | None]) -> Change:
        """The notes of a lesson, a journal left by a crash recovered into them."""
        self.file = NotesFile(path, new_notes_document(title), root=self.notes_root)
        self._link_for = link_for
        self.journal = NotesJournal(self.journal_dir, lesson_id)
        self.read_only = None
        try:
            text = self.for_editor(self.file.read())
        except NotesReadOnly as refusal:
            return self.refuse(self.for_editor(refusal.text), refusal)
        self.saved_text = text  # a new lesson's template is written once the learner adds to it
        change = Change()
        entry = self.journal.read()
        if entry is not None and self.for_editor(entry.text) != text:
            text = self.for_editor(self._recover(entry, path, change))
        change.text = text
        self._first_unsaved = time.monotonic() if text != self.saved_text else None
        return change

    def _recover(self, entry: JournalEntry, path: Path, change: Change) -> str:
        """The journal's text; when the file changed since it was typed, the file's text is kept beside."""
        assert self.file is not None
        changed = self.file.version
        if changed is None or changed.same_text(entry.base):
            change.notices.append(Notice(
                f"Recovered text typed before studytui last stopped ({path.name}); it is being saved.",
                "Notes recovered", "warning", 10))
            return entry.text
        try:
            kept = self.file.keep_disk_copy()
            beside = f"its version is kept as {kept.name}" if kept else "it was removed"
        except OSError:
            self.file.distrust_disk()  # saving keeps it beside instead
            beside = "its version will be kept beside when yours is saved"
        change.notices.append(Notice(
            f"Recovered text typed before studytui last stopped ({path.name}), but the file was "
            f"changed by another program since: your recovered text is being saved as {path.name}; "
            f"{beside}.",
            "Notes recovered: both versions kept", "warning", 20))
        return entry.text

    def refuse(self, text: str, refusal: NotesReadOnly) -> Change:
        """`text` shown, and the notes file never written again (until the lesson is reopened)."""
        self.read_only = refusal
        self.saved_text = text
        self._first_unsaved = None
        return Change(text, refusal, notices=[Notice(
            f"{refusal.path} is shown read-only and will not be written: {refusal.reason}. "
            "Fix or move it, then open the lesson again.",
            "Notes read-only", "error", 20)])

    def for_editor(self, file_text: str) -> str:
        return compact_stamps(file_text, self._link_for)

    def for_file(self, editor_text: str) -> str:
        return expand_stamps(editor_text, self._link_for)

    # ----- typing and the journal -------------------------------------------------------------

    def edited(self) -> None:
        self._last_edit = time.monotonic()
        if self._first_unsaved is None:
            self._first_unsaved = self._last_edit

    def keep_journal(self, text: str) -> None:
        """The editor's text in the journal (removed when it is typed back to what is saved)."""
        if self.journal is None:
            return
        if text == self.saved_text:
            self.journal.clear()  # nothing to recover
        elif self.file is not None:
            self.journal.write(text, self.file.version)

    def tick(self) -> tuple[bool, bool]:
        """Called every autosave tick: (look at the file on disk now, save now)."""
        self._ticks += 1
        look = self._ticks % DISK_CHECK_EVERY == 0
        if self._first_unsaved is None:
            return look, False
        now = time.monotonic()
        return look, now - self._last_edit >= QUIET_BEFORE_SAVE or now - self._first_unsaved >= LONGEST_UNSAVED

    # ----- saving and reloading ---------------------------------------------------------------

    def save(self, text: str) -> Change | None:
        """Save the editor's `text` if it changed (None: nothing to do). On failure the text stays in
        the editor and in a recovery copy, and saving is retried."""
        if self.file is None or self.read_only is not None:
            return None
        if text == self.saved_text:
            self._first_unsaved = None
            return None
        try:
            outcome = self.file.save(self.for_file(text))
        except NotesReadOnly as refusal:  # another program left something we must not write over
            kept = self.keep_recovery_copy(text)
            return self.refuse(text, NotesReadOnly(refusal.path, refusal.reason + kept))
        except OSError as error:
            self._first_unsaved = time.monotonic()  # retried after LONGEST_UNSAVED
            return self._failed(text, error)
        self.saved_text = text
        self._first_unsaved = None
        if self.journal is not None:
            self.journal.clear()
        change = Change(saved=outcome.path, note_count=len(parse_stamps(text)))
        if self._failing:
            self._failing = False
            change.notices.append(Notice(f"Notes saved again to {outcome.path}", "Saved"))
        if outcome.kept_other_version is not None:
            change.notices.append(Notice(
                f"{outcome.path.name} was changed by another program. Your text is saved; "
                f"the other version is kept as {outcome.kept_other_version.name}.",
                "Notes changed on disk", "warning", 15))
        return change

    def _failed(self, text: str, error: OSError) -> Change:
        assert self.file is not None
        kept = self.keep_recovery_copy(text)
        change = Change()
        if not self._failing:
            self._failing = True
            change.notices.append(Notice(
                f"Could not save {self.file.path}: {error.strerror or error}. "
                f"Your text stays here and saving is retried{kept}.",
                "Notes not saved", "error", 20))
        return change

    def keep_recovery_copy(self, text: str) -> str:
        """A copy of `text` in the recovery folder; says where (or nothing when that failed too)."""
        assert self.file is not None
        path, root = self.file.path, self.notes_root
        # By the path inside the notes folder: two lessons' `notes.md` in two folders stay apart.
        recovery = self.recovery_dir / (path.relative_to(root) if root is not None and path.is_relative_to(root)
                                        else Path(path.name))
        try:
            write_text_atomic(recovery, self.for_file(text))
        except OSError:
            return ""
        return f"; a copy of your text is in {recovery}"

    def reload_if_changed(self, text: str) -> Change | None:
        """A clean editor (`text` is what is saved) follows the file when another program changed it;
        unsaved text is kept (saving keeps both)."""
        if self.file is None or self.read_only is not None or text != self.saved_text:
            return None
        try:
            new_text = self.file.changed_on_disk()
        except NotesReadOnly as refusal:
            return self.refuse(text, refusal)
        if new_text is None:
            return None
        self.file.accept_disk_text(new_text)
        self.saved_text = self.for_editor(new_text)
        self._first_unsaved = None
        reloaded = Notice(f"{self.file.path.name} was changed by another program: reloaded.")
        return Change(self.saved_text, notices=[reloaded])
