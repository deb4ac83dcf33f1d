"""The lesson's notebook: every executed cell appended to ``<notes>/<lesson id>.ipynb``; headless.

nbformat v4, valid under ``nbformat.validate``, written atomically, so the learner can open the
code they typed in JupyterLab later. Cell metadata ``studytui.video_time`` holds the lesson time
(seconds) the cell ran at. A notebook that cannot be read is kept aside, never overwritten.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from studytui.core.files import write_text_atomic
from studytui.core.kernel.nbformat_import import import_nbformat
from studytui.core.timecode import format_time


class LessonNotebook:
    def __init__(self, path: Path, kernel_name: str = "python3") -> None:
        self.path = path
        self.kernel_name = kernel_name
        self.notice: str | None = None  # set when an unreadable notebook was moved aside
        # The notebook as we last wrote it, and the file's stamp then: while the file is unchanged
        # it is not read (and validated) again before every appended cell.
        self._notebook: Any = None
        self._written: tuple[int, int] | None = None

    def _stamp(self) -> tuple[int, int] | None:
        try:
            stat = self.path.stat()
        except OSError:
            return None
        return stat.st_mtime_ns, stat.st_size

    def _current(self) -> Any:
        """The notebook to append to: ours while nobody changed the file, else read it again."""
        if self._notebook is not None and self._stamp() == self._written:
            return self._notebook
        return self._load()

    def _load(self) -> Any:
        nbformat = import_nbformat()  # here, not at start-up: 0.1 s

        if self.path.exists():
            try:
                invalid: dict[str, Any] = {}
                notebook = nbformat.read(self.path, as_version=4, capture_validation_error=invalid)
                if invalid:
                    raise invalid["ValidationError"]
                return notebook
            except Exception as error:  # any unreadable file is kept, under another name
                aside = self.path.with_name(f"{self.path.stem}.unreadable-{int(time.time())}.ipynb")
                self.path.replace(aside)
                self.notice = f"{self.path.name} could not be read ({error}); it was kept as {aside.name}"
        notebook = nbformat.v4.new_notebook()
        notebook.metadata["kernelspec"] = {
            "name": self.kernel_name,
            "display_name": self.kernel_name,
            "language": "python",
        }
        notebook.metadata["language_info"] = {"name": "python"}
        return notebook

    @staticmethod
    def warm() -> None:
        """Import nbformat and build its validator now (0.2 s, off the UI thread), not on the
        first cell, whose answer and the keys typed after it would wait for the GIL."""
        nbformat = import_nbformat()
        nbformat.validate(nbformat.v4.new_code_cell(), ref="code_cell", version=4, version_minor=nbformat.v4.nbformat_minor)

    def append(
        self,
        code: str,
        outputs: list[dict[str, Any]],
        execution_count: int | None,
        video_time: float | None,
        status: str = "ok",
    ) -> None:
        """Add one executed cell at the end and write the notebook (atomically)."""
        nbformat = import_nbformat()

        self.notice = None
        notebook = self._current()
        self._notebook = None  # until written: a cell that failed to save is not kept in memory
        cell = nbformat.v4.new_code_cell(source=code, execution_count=execution_count)
        cell.outputs = [nbformat.from_dict(output) for output in outputs]
        meta: dict[str, Any] = {"status": status}
        if video_time is not None:
            meta["video_time"] = round(float(video_time), 1)
            meta["video_clock"] = format_time(int(video_time))
        cell.metadata["studytui"] = meta
        # The new cell alone: validating the whole notebook took 11 ms at 500 cells, holding the
        # GIL (the notebook as read was validated whole, and one we start is valid as made).
        nbformat.validate(cell, ref="code_cell", version=4, version_minor=notebook.nbformat_minor)
        notebook.cells.append(cell)
        # nbformat.v4.writes: what nbformat.writes writes, without validating a second time.
        write_text_atomic(self.path, nbformat.v4.writes(notebook))
        self._notebook, self._written = notebook, self._stamp()

    def cells_code(self) -> list[str]:
        """The code of every cell kept so far (to replay after a restart)."""
        nbformat = import_nbformat()

        if not self.path.exists():
            return []
        try:
            notebook = nbformat.read(self.path, as_version=4)
        except Exception:
            return []
        return [cell.source for cell in notebook.cells if cell.cell_type == "code"]
