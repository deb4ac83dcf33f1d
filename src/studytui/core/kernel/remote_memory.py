"""Which kernel studytui left running on which server, so the next launch re-attaches to it."""

from __future__ import annotations

import json
from pathlib import Path

from studytui.core.files import write_text_atomic


class RemoteKernelMemory:
    """A small JSON file: server base URL (never a token) -> id of the kernel left running there."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def recall(self, base_url: str) -> str | None:
        kernel_id = self._read().get(base_url)
        return kernel_id if isinstance(kernel_id, str) and kernel_id else None

    def remember(self, base_url: str, kernel_id: str) -> None:
        entries = self._read()
        entries[base_url] = kernel_id
        self._write(entries)

    def forget(self, base_url: str) -> None:
        entries = self._read()
        if entries.pop(base_url, None) is not None:
            self._write(entries)

    def _read(self) -> dict[str, object]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}  # no file yet, or unreadable: start a new kernel rather than fail
        return data if isinstance(data, dict) else {}

    def _write(self, entries: dict[str, object]) -> None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            write_text_atomic(self.path, json.dumps(entries, indent=2, sort_keys=True) + "\n")
        except OSError:
            pass  # losing this only means the next launch starts a fresh kernel
