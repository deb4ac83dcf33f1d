"""The lesson's notebook: every executed cell appended to ``<notes>/<lesson id>.ipynb``; headless.

Valid under ``nbformat.validate``, written atomically, so the learner opens the code they typed in
JupyterLab or Colab later (what the cells record: notebook_cells.py). Any nbformat 4.x notebook
already there takes the new cells: one older than 4.5 (Colab saves 4.0) is upgraded by nbformat's
own ``v4.upgrade`` (it adds the cell ids JupyterLab writes anyway) on the first write, and the file
as it was is kept beside it first. A notebook that cannot be read is kept aside, never overwritten;
anything that is not a plain file at the path (a FIFO, a device, a symlink) is refused, never opened.

A write that fails keeps its cells: they are written with the next one that succeeds, and the
failure is one line (``NotebookWriteError``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from studytui.core.files import unused_path, write_text_atomic
from studytui.core.kernel.nbformat_import import import_nbformat
from studytui.core.kernel.notebook_cells import KernelRun, marker_token, new_code_cell, new_marker_cell
from studytui.core.kernel.notebook_file import NotAFile, check_file_or_absent, one_line, read_regular_file


class NotebookWriteError(Exception):
    """A notebook write that failed, said in one line; its cells wait for the next write."""


class LessonNotebook:
    def __init__(self, path: Path, kernel_name: str = "python3") -> None:
        self.path = path
        self.kernel_name = kernel_name
        self.notice: str | None = None  # something the learner should know about the last write
        # The notebook as we last wrote it, and the file's stamp then: while the file is unchanged
        # it is not read (and validated) again before every appended cell.
        self._notebook: Any = None
        self._written: tuple[int, int] | None = None
        self._unwritten: list[Any] = []  # cells whose write failed, written with the next one
        self._original: tuple[str, str] | None = None  # (text, version) of a notebook upgraded in memory

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
        self._original = None
        raw = read_regular_file(self.path)  # NotAFile for a FIFO, a device, a symlink
        if raw is not None:
            try:
                return self._parse(nbformat, raw.decode("utf-8"))
            except Exception as error:  # any unreadable file is kept, under another name
                aside = unused_path(self.path.parent, f"{self.path.stem}.unreadable", ".ipynb")
                self.path.replace(aside)
                self.notice = f"{self.path.name} could not be read ({one_line(error)}); it was kept as {aside.name}"
        notebook = nbformat.v4.new_notebook()
        notebook.metadata["kernelspec"] = {
            "name": self.kernel_name,
            "display_name": self.kernel_name,
            "language": "python",
        }
        notebook.metadata["language_info"] = {"name": "python"}
        return notebook

    def _parse(self, nbformat: Any, text: str) -> Any:
        """The notebook in the current 4.x format, valid; raises when it is not a notebook."""
        invalid: dict[str, Any] = {}
        notebook = nbformat.reads(text, as_version=nbformat.NO_CONVERT, capture_validation_error=invalid)
        if invalid:
            raise invalid["ValidationError"]
        version = (notebook.get("nbformat"), notebook.get("nbformat_minor", 0))
        if version[0] == 4 and version[1] >= nbformat.v4.nbformat_minor:  # current, or newer than we know
            return notebook
        if notebook.get("nbformat") == 4:
            notebook = nbformat.v4.upgrade(notebook, from_version=4, from_minor=version[1])
        else:
            notebook = nbformat.convert(notebook, 4)
        nbformat.validate(notebook)
        self._original = (text, f"{version[0]}.{version[1]}")
        return notebook

    @staticmethod
    def warm() -> None:
        """Import nbformat and build its validator now (0.2 s, off the UI thread), not on the
        first cell, whose answer and the keys typed after it would wait for the GIL."""
        nbformat = import_nbformat()
        nbformat.validate(
            nbformat.v4.new_code_cell(), ref="code_cell", version=4, version_minor=nbformat.v4.nbformat_minor
        )

    def append(
        self,
        code: str,
        outputs: list[dict[str, Any]],
        execution_count: int | None,
        video_time: float | None,
        status: str = "ok",
        run: KernelRun | None = None,
    ) -> None:
        """Add one executed cell at the end (after a marker when `run` is a kernel start not marked
        yet) and write the notebook atomically. Raises NotebookWriteError; the cell is kept."""
        nbformat = import_nbformat()
        self.notice = None
        cell, left_out = new_code_cell(
            nbformat, code, outputs, execution_count, video_time, status, nbformat.v4.nbformat_minor
        )
        if left_out:
            self.notice = f"The outputs of In [{execution_count}] were not kept in {self.path.name}: {left_out}"
        try:
            notebook = self._current()
        except OSError as error:
            self._queue(nbformat, cell, run, [])
            raise NotebookWriteError(self._failed(error)) from None
        self._queue(nbformat, cell, run, notebook.cells)
        self._write(nbformat, notebook)

    def _queue(self, nbformat: Any, cell: Any, run: KernelRun | None, written: list[Any]) -> None:
        if run is not None and run.token != _last_marker([*written, *self._unwritten]):
            self._unwritten.append(new_marker_cell(nbformat, run))
        self._unwritten.append(cell)

    def _write(self, nbformat: Any, notebook: Any) -> None:
        cells = self._unwritten
        notebook.cells.extend(cells)
        try:
            check_file_or_absent(self.path)  # nothing but a plain file is replaced
            text = nbformat.v4.writes(notebook)  # what nbformat.writes writes, without validating again
            if self._original is not None:
                self._keep_original(*self._original)
            write_text_atomic(self.path, text)
        except OSError as error:
            del notebook.cells[len(notebook.cells) - len(cells):]
            self._notebook, self._written = notebook, self._stamp()
            raise NotebookWriteError(self._failed(error)) from None
        self._unwritten = []
        self._notebook, self._written = notebook, self._stamp()

    def _keep_original(self, text: str, version: str) -> None:
        copy = unused_path(self.path.parent, f"{self.path.stem}.nbformat-{version}", ".ipynb")
        write_text_atomic(copy, text)
        self._original = None
        self.notice = (
            f"{self.path.name} was in nbformat {version}: it is now 4.5 (cell ids added) so that cells "
            f"can be added, and the file as it was is kept as {copy.name}"
        )

    def _failed(self, error: OSError) -> str:
        waiting = sum(cell.cell_type == "code" for cell in self._unwritten)
        kept = f"{waiting} cell{'s' if waiting != 1 else ''} kept for the next write"
        if isinstance(error, NotAFile):
            return f"{error}: the lesson's cells are not saved there ({kept})"
        return f"The notebook {self.path} was not written: {one_line(error)} ({kept})"

def _last_marker(cells: list[Any]) -> str | None:
    for cell in reversed(cells):
        token = marker_token(cell)
        if token is not None:
            return token
    return None
