"""The notes domain: the learner's timestamped markdown notes and what keeps them safe.

It owns the notes document (stamps, note kinds, placing a note under its chapter's heading),
quotes of the lecture (`> [12:34] "..."`, never taken for the learner's words),
the notes file on disk (saved atomically, another program's version kept beside ours), the
journal of unsaved keystrokes that survives `kill -9`, the store that drives them for the open
notes (when to save, recovery, reloads, recovery copies), searching them, and the markdown digest
of a lesson.
"""

from __future__ import annotations

from studytui.core.notes.bodies import note_bodies
from studytui.core.notes.compact import compact_stamps, expand_stamps
from studytui.core.notes.digest import write_digest
from studytui.core.notes.document import (
    BOOKMARK,
    NOTE_KINDS,
    Stamp,
    cell_note,
    format_stamp,
    insert_note,
    new_notes_document,
    parse_stamps,
    read_stamp,
    stamp_at_line,
)
from studytui.core.notes.file import LARGEST_NOTES, LONGEST_LINE, DiskVersion, NotesFile, NotesReadOnly, SaveOutcome
from studytui.core.notes.journal import JournalEntry, NotesJournal
from studytui.core.notes.quotes import Quote, format_quote, read_quote
from studytui.core.notes.search import NoteHit, read_notes_text, search_notes, search_notes_files
from studytui.core.notes.store import Change, NotesStore, Notice

__all__ = [
    "BOOKMARK",
    "LARGEST_NOTES",
    "LONGEST_LINE",
    "NOTE_KINDS",
    "Change",
    "DiskVersion",
    "JournalEntry",
    "NoteHit",
    "NotesFile",
    "NotesJournal",
    "NotesReadOnly",
    "NotesStore",
    "Notice",
    "Quote",
    "SaveOutcome",
    "Stamp",
    "cell_note",
    "compact_stamps",
    "expand_stamps",
    "format_quote",
    "format_stamp",
    "insert_note",
    "new_notes_document",
    "note_bodies",
    "parse_stamps",
    "read_notes_text",
    "read_quote",
    "read_stamp",
    "search_notes",
    "search_notes_files",
    "stamp_at_line",
    "write_digest",
]
