"""Which of a lesson's earlier cells may run again to rebuild the kernel's state, and which may not.

Read from the lesson's notebook (notebook.py writes each cell's status in its metadata). A cell is
replayed only if it finished ok the first time, and is not one that waits for the learner
(`input()`, `getpass`), changes the environment or the machine (`%pip`, `!cmd`, `%%bash`), or was
interrupted (an infinite loop stopped with ctrl+c stays stopped).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from studytui.core.kernel.nbformat_import import import_nbformat

_ASKS = re.compile(r"\b(input|getpass)\s*\(|\bgetpass\b")
_SHELL_LINE = re.compile(r"^\s*(!|%%?(pip|conda|mamba|uv|bash|sh|system|sx|script|writefile)\b)")


@dataclass(frozen=True)
class SavedCell:
    code: str
    status: str  # "ok", "error", "aborted", "kernel died", "restarted" (as the notebook recorded it)
    execution_count: int | None = None
    video_clock: str | None = None  # the lesson time it ran at, "19:11"
    interrupted: bool = False  # stopped with ctrl+c (KeyboardInterrupt)

    @property
    def skip_reason(self) -> str | None:
        """Why this cell is not replayed by default; None when it may run again."""
        if self.interrupted:
            return "interrupted"
        if self.status != "ok":
            return "did not finish ok" if self.status == "error" else self.status
        if _ASKS.search(self.code):
            return "asks for input"
        if any(_SHELL_LINE.match(line) for line in self.code.splitlines()):
            return "shell or pip"
        return None


def read_saved_cells(path: Path) -> list[SavedCell]:
    """The code cells of a lesson's notebook, in order; [] when there is none or it cannot be read.

    studytui writes version 4 notebooks: those are read as JSON (a millisecond). Importing nbformat
    takes 0.1 s of the interpreter's lock, and this runs as the lesson opens, just as the learner's
    first cell waits for its answer; other versions go through nbformat, which upgrades them.
    """
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    if not (isinstance(data, dict) and data.get("nbformat") == 4):
        return _read_with_nbformat(path)
    try:
        return [_saved(cell) for cell in data["cells"] if cell.get("cell_type") == "code"]
    except (KeyError, TypeError, AttributeError):
        return []


def _read_with_nbformat(path: Path) -> list[SavedCell]:
    nbformat = import_nbformat()
    try:
        notebook = nbformat.read(path, as_version=4)
    except Exception:
        return []
    return [_saved(cell) for cell in notebook.cells if cell.cell_type == "code"]


def _saved(cell: dict[str, Any]) -> SavedCell:
    metadata = cell.get("metadata")
    meta = metadata.get("studytui", {}) if isinstance(metadata, dict) else {}
    meta = meta if isinstance(meta, dict) else {}
    outputs = [output for output in cell.get("outputs") or [] if isinstance(output, dict)]
    interrupted = any(output.get("output_type") == "error" and output.get("ename") == "KeyboardInterrupt"
                      for output in outputs)
    status = str(meta.get("status") or ("error" if any(o.get("output_type") == "error" for o in outputs) else "ok"))
    clock = meta.get("video_clock")
    source = cell.get("source", "")
    code = "".join(map(str, source)) if isinstance(source, list) else str(source)
    count = cell.get("execution_count")
    return SavedCell(code, status, count if isinstance(count, int) else None, str(clock) if clock else None, interrupted)
