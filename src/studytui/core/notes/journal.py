"""A journal of unsaved notes: every change lands here at once, so even `kill -9` loses nothing.

Written without fsync (a process being killed does not lose the page cache; only a power cut
would), through a temp file and a rename so a reader never sees half a journal. Removed once the
notes are saved; read back on the next start when they were not.
"""

from __future__ import annotations

from pathlib import Path


class NotesJournal:
    def __init__(self, path: Path) -> None:
        self.path = path

    def write(self, text: str) -> bool:
        """Record `text`; False when the disk refuses (saving reports its own failures)."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            temp = self.path.with_name(self.path.name + ".tmp")
            temp.write_text(text, encoding="utf-8")
            temp.replace(self.path)
        except OSError:
            return False
        return True

    def read(self) -> str | None:
        """The text typed after the last save of an earlier run, if any."""
        try:
            return self.path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return None

    def clear(self) -> None:
        try:
            self.path.unlink(missing_ok=True)
        except OSError:
            pass
