"""A lesson's notes file on disk, saved so that nobody's text is ever silently lost.

If another program (an editor, a sync tool) changed the file since we last read or wrote it,
its version is kept beside ours as `<name>.from-disk-<time>.md` before ours is written.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from studytui.core.files import write_text_atomic


@dataclass(frozen=True)
class SaveOutcome:
    path: Path
    written: bool
    kept_other_version: Path | None = None


class NotesFile:
    def __init__(self, path: Path, template: str) -> None:
        self.path = path
        self.template = template
        self._known: str | None = None  # the text on disk when we last read or wrote it
        self._known_stat: tuple[int, int] | None = None  # (mtime_ns, size) then

    def read(self) -> str:
        """The notes on disk, or the template for a lesson without notes yet (not written until saved)."""
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            self._known = None
            return self.template
        self._known = text
        self._known_stat = self._stat()
        return text

    def _stat(self) -> tuple[int, int] | None:
        try:
            info = self.path.stat()
        except OSError:
            return None
        return info.st_mtime_ns, info.st_size

    def changed_on_disk(self) -> str | None:
        """The file's new text if another program changed it since we last read or wrote it."""
        stat = self._stat()
        if stat == self._known_stat:
            return None
        self._known_stat = stat
        text = self._disk_text()
        if text is None or text == self._known:
            return None
        return text

    def accept_disk_text(self, text: str) -> None:
        """The learner's buffer now holds the disk's version."""
        self._known = text

    def _disk_text(self) -> str | None:
        try:
            return self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return None

    def save(self, text: str) -> SaveOutcome:
        """Write `text` atomically. Raises OSError when the disk refuses (the caller keeps the text)."""
        on_disk = self._disk_text()
        kept = None
        if on_disk is not None and on_disk != self._known and on_disk != text:
            stamp = time.strftime("%Y%m%d-%H%M%S")
            kept = self.path.with_name(f"{self.path.stem}.from-disk-{stamp}{self.path.suffix}")
            write_text_atomic(kept, on_disk)
        if on_disk == text:
            self._known = text
            return SaveOutcome(self.path, written=False, kept_other_version=kept)
        write_text_atomic(self.path, text)
        self._known = text
        self._known_stat = self._stat()
        return SaveOutcome(self.path, written=True, kept_other_version=kept)
