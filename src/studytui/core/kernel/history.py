"""Input history of the code cell, one JSON file per lesson; headless (no Textual).

Up at the first line walks back through earlier cells, down at the last line walks forward,
as in IPython; the text being typed is kept and comes back after the newest entry.
"""

from __future__ import annotations

import json
from pathlib import Path

from studytui.core.files import read_json, write_text_atomic

HISTORY_LIMIT = 1_000


class InputHistory:
    def __init__(self, path: Path | None, limit: int = HISTORY_LIMIT) -> None:
        self.path = path
        self.limit = limit
        self.entries: list[str] = self._load()
        self._index = len(self.entries)
        self._draft = ""

    def _load(self) -> list[str]:
        if self.path is None:
            return []
        try:
            data = read_json(self.path)  # never through a link, never from a FIFO
        except (OSError, ValueError):
            return []
        return [entry for entry in data if isinstance(entry, str)] if isinstance(data, list) else []

    def add(self, code: str) -> None:
        """Remember a cell that ran and save the history."""
        if self.remember(code):
            self.save()

    def remember(self, code: str) -> bool:
        """Remember a cell that ran (not twice in a row); True if the entries changed."""
        code = code.rstrip("\n")
        changed = bool(code.strip()) and (not self.entries or self.entries[-1] != code)
        if changed:
            self.entries.append(code)
            del self.entries[: -self.limit]
        self._index = len(self.entries)
        self._draft = ""
        return changed

    def save(self) -> None:
        """Write the entries (atomically); may run on another thread than ``remember``."""
        if self.path is None:
            return
        entries = self.entries[:]  # one copy under the GIL: safe while a cell is remembered
        try:
            write_text_atomic(self.path, json.dumps(entries, ensure_ascii=False, indent=0))
        except OSError:
            pass  # history is a convenience: never stop a cell from running over it

    def previous(self, current: str) -> str | None:
        """The entry before the one shown (``None`` at the oldest)."""
        if self._index == 0:
            return None
        if self._index == len(self.entries):
            self._draft = current
        self._index -= 1
        return self.entries[self._index]

    def next(self) -> str | None:
        """The entry after the one shown; the draft after the newest; ``None`` past it."""
        if self._index >= len(self.entries):
            return None
        self._index += 1
        return self.entries[self._index] if self._index < len(self.entries) else self._draft
