"""A lesson's earlier cells as its notebook kept them, and which may run again; headless.

Read from the lesson's notebook (notebook_cells.py says what each cell records): code, status,
outputs, the kernel session it ran in. A cell may run again only if it finished ok the first time,
and is not one that waits for the learner (`input()`, `getpass`), changes the environment or the
machine (`%pip`, `!cmd`, `%%bash`), or was interrupted (an infinite loop stopped with ctrl+c stays
stopped); replay_plan.py adds the cells that read what such a cell set.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from studytui.core.kernel.nbformat_import import import_nbformat
from studytui.core.kernel.notebook_cells import INTERRUPTED, NOT_RUN, OK, cell_status, session_numbers, video_clock
from studytui.core.kernel.notebook_file import read_regular_file
from studytui.core.kernel.saved_outputs import SavedOutput, saved_output

_ASKS = re.compile(r"\b(input|getpass)\s*\(|\bgetpass\b")
_SHELL_LINE = re.compile(r"^\s*(!|%%?(pip|conda|mamba|uv|bash|sh|system|sx|script|writefile)\b)")


@dataclass(frozen=True)
class SavedCell:
    code: str
    # "ok", "error", "interrupted", "aborted", "kernel died", "restarted", "disconnected" (as the
    # notebook recorded it), or "not run" (another tool's cell that never ran)
    status: str
    execution_count: int | None = None
    video_clock: str | None = None  # the lesson time it ran at, "19:11"
    interrupted: bool = False  # stopped with ctrl+c (KeyboardInterrupt)
    session: int = 0  # the kernel session it ran in: 0, 1, ... in the notebook's order
    # The outputs as the notebook has them, made SavedOutputs only when asked for (`outputs`):
    # a lesson opening shows a dozen cells of hundreds.
    raw_outputs: tuple[Mapping[str, Any], ...] = field(default=(), repr=False)
    folder: Path | None = field(default=None, compare=False, repr=False)  # the notebook's

    @cached_property
    def outputs(self) -> tuple[SavedOutput, ...]:
        """Text, results, errors, and images as the files they were saved to."""
        folder = self.folder or Path()
        return tuple(kept for output in self.raw_outputs if (kept := saved_output(output, folder)) is not None)

    @property
    def skip_reason(self) -> str | None:
        """Why this cell, taken alone, is not replayed by default; None when it may run again
        (`plan_replay` also leaves out the cells that read what a cell left out set)."""
        if self.interrupted or self.status == INTERRUPTED:
            return "interrupted"
        if self.status == NOT_RUN:
            return "never ran"
        if self.status != OK:
            return "did not finish ok" if self.status == "error" else self.status
        if asks_for_input(self.code):
            return "asks for input"
        if any(_SHELL_LINE.match(line) for line in self.code.splitlines()):
            return "shell or pip"
        return None


def asks_for_input(code: str) -> bool:
    """The code calls `input()` or `getpass`: it waits for an answer nobody gives unattended."""
    return bool(_ASKS.search(code))


def read_saved_cells(path: Path) -> list[SavedCell]:
    """The code cells of a lesson's notebook with their outputs, in order; [] when there is none
    or it cannot be read (a FIFO or a device at the path is never opened).

    Version 4 notebooks are read as JSON (milliseconds). Importing nbformat takes 0.1 s of the
    interpreter's lock, and this runs as the lesson opens, just as the learner's first cell waits
    for its answer; other versions go through nbformat, which upgrades them.
    """
    try:
        raw = read_regular_file(path)
        data = json.loads(raw) if raw is not None else None
    except (OSError, ValueError):
        return []
    if data is None:
        return []
    if not (isinstance(data, dict) and data.get("nbformat") == 4):
        return _read_with_nbformat(path, raw)
    try:
        return saved_cells(data["cells"], path.parent)
    except (KeyError, TypeError, AttributeError):
        return []


def _read_with_nbformat(path: Path, raw: bytes | None) -> list[SavedCell]:
    nbformat = import_nbformat()
    try:
        notebook = nbformat.reads((raw or b"").decode("utf-8"), as_version=4)
        return saved_cells(notebook.cells, path.parent)
    except Exception:
        return []


def saved_cells(cells: list[Mapping[str, Any]], folder: Path) -> list[SavedCell]:
    """The code cells among a notebook's `cells` (dicts as read), their outputs' files found in `folder`."""
    sessions = session_numbers(cells)
    return [_saved(cell, folder, session) for cell, session in zip(cells, sessions, strict=True)
            if cell.get("cell_type") == "code"]


def _saved(cell: Mapping[str, Any], folder: Path, session: int) -> SavedCell:
    outputs = tuple(output for output in cell.get("outputs") or [] if isinstance(output, dict))
    interrupted = any(output.get("ename") == "KeyboardInterrupt" and output.get("output_type") == "error"
                      for output in outputs)
    source = cell.get("source", "")
    code = "".join(map(str, source)) if isinstance(source, list) else str(source)
    count = cell.get("execution_count")
    return SavedCell(code, cell_status(cell), count if isinstance(count, int) else None, video_clock(cell),
                     interrupted, session, outputs, folder)
