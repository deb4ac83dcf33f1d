"""The cells of the lesson notebook and what studytui records in them; headless.

A code cell keeps in ``metadata.studytui`` its status and the lesson time it ran at. A cell that did
not finish ok is tagged as Jupyter tools read it: ``raises-exception`` for an error (nbclient goes on
past it) and ``skip-execution`` for one interrupted or never finished (nbclient skips it), so the
learner's record stays whole and still runs through ``jupyter nbconvert --execute``.

Each kernel start is a markdown cell before the first cell run in it ("Kernel started 2026-12-05
10:31, python3"), with the start in ``metadata.studytui.kernel``: execution counts are the kernel's,
so they start again from 1 after each marker. A notebook written before markers existed (or by
another tool) still splits into sessions where the count starts again.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from types import ModuleType
from typing import Any

from studytui.core.kernel.notebook_file import one_line
from studytui.core.timecode import format_time

OK = "ok"
ERROR = "error"
INTERRUPTED = "interrupted"  # stopped with ctrl+c (a KeyboardInterrupt)
NOT_RUN = "not run"  # a cell of another tool's notebook that never ran
RAISES = "raises-exception"
SKIP = "skip-execution"


@dataclass(frozen=True)
class KernelRun:
    """One kernel start (or attach), as the notebook marks it."""

    kernel: str
    started: datetime
    token: str  # tells this start from any other in the notebook
    attached: bool = False

    @classmethod
    def begin(cls, kernel: str, attached: bool = False) -> KernelRun:
        return cls(kernel, datetime.now().astimezone(), uuid.uuid4().hex[:12], attached)

    def title(self) -> str:
        return f"Kernel {'attached' if self.attached else 'started'} {self.started:%Y-%m-%d %H:%M}, {self.kernel}"


def recorded_status(status: str, outputs: Sequence[Mapping[str, Any]]) -> str:
    """The status the notebook keeps: an error that is a KeyboardInterrupt is `interrupted`."""
    if status == ERROR and any(
        output.get("output_type") == "error" and output.get("ename") == "KeyboardInterrupt" for output in outputs
    ):
        return INTERRUPTED
    return status


def new_code_cell(
    nbformat: ModuleType,
    code: str,
    outputs: list[dict[str, Any]],
    execution_count: int | None,
    video_time: float | None,
    status: str,
    minor: int,
) -> tuple[Any, str | None]:
    """The cell, valid under nbformat 4.`minor`, and why its outputs were left out (None when kept).

    Outputs that do not validate (a kernel's odd bundle) are replaced by one line saying so: the
    code is never lost to them.
    """
    status = recorded_status(status, outputs)
    cell = nbformat.v4.new_code_cell(source=code, execution_count=execution_count)
    meta: dict[str, Any] = {"status": status}
    if video_time is not None:
        meta["video_time"] = round(float(video_time), 1)
        meta["video_clock"] = format_time(int(video_time))
    cell.metadata["studytui"] = meta
    if status != OK:
        cell.metadata["tags"] = [RAISES if status == ERROR else SKIP]
    try:
        cell.outputs = [nbformat.from_dict(output) for output in outputs]
        # The new cell alone: validating the whole notebook took 11 ms at 500 cells, holding the GIL.
        nbformat.validate(cell, ref="code_cell", version=4, version_minor=minor)
    except nbformat.ValidationError as error:
        problem = one_line(error)
        cell.outputs = [nbformat.v4.new_output("stream", name="stderr", text=f"[outputs not saved: {problem}]\n")]
        return cell, problem
    return cell, None


def new_marker_cell(nbformat: ModuleType, run: KernelRun) -> Any:
    cell = nbformat.v4.new_markdown_cell(source=f"**{run.title()}**")
    cell.metadata["studytui"] = {
        "kernel": {"name": run.kernel, "started": run.started.isoformat(timespec="seconds"), "run": run.token}
    }
    return cell


def _studytui(cell: Mapping[str, Any]) -> Mapping[str, Any]:
    metadata = cell.get("metadata")
    meta = metadata.get("studytui") if isinstance(metadata, dict) else None
    return meta if isinstance(meta, dict) else {}


def marker_token(cell: Mapping[str, Any]) -> str | None:
    """The kernel start a marker cell stands for; None for any other cell."""
    if cell.get("cell_type") != "markdown":
        return None
    kernel = _studytui(cell).get("kernel")
    return str(kernel.get("run")) if isinstance(kernel, dict) and kernel.get("run") else None


def cell_status(cell: Mapping[str, Any]) -> str:
    """A code cell's status as recorded; for another tool's cell, read from its outputs."""
    recorded = _studytui(cell).get("status")
    if isinstance(recorded, str) and recorded:
        return recorded
    outputs = [output for output in cell.get("outputs") or [] if isinstance(output, dict)]
    if any(output.get("output_type") == "error" for output in outputs):
        return recorded_status(ERROR, outputs)
    if cell.get("execution_count") is None and not outputs:
        return NOT_RUN
    return OK


def video_clock(cell: Mapping[str, Any]) -> str | None:
    clock = _studytui(cell).get("video_clock")
    return str(clock) if clock else None


def session_numbers(cells: Sequence[Mapping[str, Any]]) -> list[int]:
    """For each cell, the kernel session it belongs to (0, 1, ...): a new one begins at each
    marker, and where the execution count starts again (a restart in an unmarked notebook)."""
    numbers: list[int] = []
    session, last_count, since_boundary = 0, 0, False
    for cell in cells:
        count = cell.get("execution_count") if cell.get("cell_type") == "code" else None
        if marker_token(cell) is not None or (isinstance(count, int) and count <= last_count):
            if since_boundary:
                session += 1
            last_count, since_boundary = 0, False
        if isinstance(count, int):
            last_count = count
        if cell.get("cell_type") == "code":
            since_boundary = True
        numbers.append(session)
    return numbers
