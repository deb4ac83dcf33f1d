"""A journal of unsaved notes: every change lands here at once, so even `kill -9` loses nothing.

One journal per lesson, keyed by the lesson id (two lessons may share a file name), recording
which version of the notes file the text was typed over: if the file changed since (an editor,
a sync tool), recovery keeps both texts instead of writing over the other one.

Written without fsync (a process being killed does not lose the page cache; only a power cut
would), through a temp file of a name no other file has and a rename, so a reader never sees half
a journal and no link planted in the folder is ever written through. Removed once the notes are
saved; read back on the next start when they were not (never through a link, never a FIFO).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from studytui.core.files import read_json, write_text_atomic
from studytui.core.notes.file import DiskVersion


@dataclass(frozen=True)
class JournalEntry:
    text: str
    base: DiskVersion | None  # the notes file's version the text was typed over; None: no file yet


class NotesJournal:
    def __init__(self, folder: Path, lesson_id: str) -> None:
        self.lesson_id = lesson_id
        # A name from the id's hash: any id makes a valid, distinct file name.
        digest = hashlib.sha256(lesson_id.encode("utf-8", "surrogatepass")).hexdigest()[:24]
        self.path = folder / f"{digest}.json"

    def write(self, text: str, base: DiskVersion | None) -> bool:
        """Record `text` typed over `base`; False when the disk refuses (saving reports its own failures)."""
        entry = {"lesson": self.lesson_id, "base": base.as_dict() if base else None, "text": text}
        try:
            write_text_atomic(self.path, json.dumps(entry, ensure_ascii=False), durable=False, mode=0o600)
        except (OSError, UnicodeEncodeError):
            return False
        return True

    def read(self) -> JournalEntry | None:
        """The text typed after the last save of an earlier run, if any (and if it is this lesson's)."""
        try:
            entry = read_json(self.path)
        except (OSError, ValueError):  # UnicodeDecodeError is a ValueError
            return None
        if not isinstance(entry, dict) or entry.get("lesson") != self.lesson_id:
            return None
        text = entry.get("text")
        if not isinstance(text, str):
            return None
        return JournalEntry(text, DiskVersion.from_dict(entry.get("base")))

    def clear(self) -> None:
        try:
            self.path.unlink(missing_ok=True)
        except OSError:
            pass
