"""The notes domain: the learner's timestamped markdown notes and what keeps them safe.

It owns the notes document (stamps, note kinds, placing a note under its chapter's heading),
the notes file on disk (saved atomically, another program's version kept beside ours), the
journal of unsaved keystrokes that survives `kill -9`, and the markdown digest of a lesson.
"""

from __future__ import annotations

from studytui.core.notes.digest import write_digest
from studytui.core.notes.document import (
    BOOKMARK,
    Stamp,
    format_stamp,
    insert_note,
    new_notes_document,
    parse_stamps,
    read_stamp,
    stamp_at_line,
)
from studytui.core.notes.file import DiskVersion, NotesFile, NotesReadOnly, SaveOutcome
from studytui.core.notes.journal import JournalEntry, NotesJournal

__all__ = [
    "BOOKMARK",
    "DiskVersion",
    "JournalEntry",
    "NotesFile",
    "NotesJournal",
    "NotesReadOnly",
    "SaveOutcome",
    "Stamp",
    "format_stamp",
    "insert_note",
    "new_notes_document",
    "parse_stamps",
    "read_stamp",
    "stamp_at_line",
    "write_digest",
]
