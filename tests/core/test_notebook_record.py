"""The lesson notebook is a notebook, not a log: each kernel start marked, failed and unfinished
cells recorded and tagged so that `jupyter nbconvert --execute` runs the record through, output
files linked relative to the notebook, and a picture drawn again saved once."""

from __future__ import annotations

import base64
import io
import os
import shutil
import subprocess
import sys
import threading
from datetime import datetime
from urllib.parse import unquote

import nbformat
import pytest
from PIL import Image

from studytui.core.kernel import (
    CellOutputs,
    DisplayData,
    ErrorOutput,
    KernelRun,
    LessonNotebook,
    RichResult,
    SavedRich,
    StreamText,
    read_saved_cells,
)
from studytui.core.kernel.notebook_cells import session_numbers

pytestmark = pytest.mark.timeout(120)

INTERRUPTED = [{"output_type": "error", "ename": "KeyboardInterrupt", "evalue": "", "traceback": []}]
FAILED = [{"output_type": "error", "ename": "ZeroDivisionError", "evalue": "division by zero", "traceback": []}]


def png(colour: tuple[int, int, int]) -> str:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 6), colour).save(buffer, "PNG")
    return base64.b64encode(buffer.getvalue()).decode()


def nbconvert_execute(path, tmp_path) -> subprocess.CompletedProcess[str]:
    """The real judge: nbconvert runs every cell in a real kernel (a cell that hangs fails it)."""
    jupyter = shutil.which("jupyter", path=os.path.dirname(sys.executable))
    assert jupyter, "jupyter (nbconvert) is in the test extra"
    return subprocess.run(
        [jupyter, "nbconvert", "--to", "notebook", "--execute", "--ExecutePreprocessor.timeout=30",
         "--output-dir", str(tmp_path / "executed"), str(path)],
        capture_output=True, text=True, timeout=100, cwd=tmp_path,
    )


def test_each_kernel_start_is_marked_and_unfinished_cells_are_tagged(tmp_path):
    path = tmp_path / "lesson.ipynb"
    notebook = LessonNotebook(path)
    first = KernelRun("python3", datetime(2026, 12, 5, 10, 31).astimezone(), "run-one")
    second = KernelRun("python3", datetime(2026, 12, 5, 11, 2).astimezone(), "run-two")
    notebook.append("a = 1", [], 1, None, "ok", first)
    notebook.append("1 / 0", FAILED, 2, None, "error", first)
    notebook.append("while True:\n    pass", INTERRUPTED, 3, None, "error", first)
    notebook.append("import time; time.sleep(600)", [], None, None, "restarted", first)
    notebook.append("b = 2", [], 1, None, "ok", second)
    notebook.append("print(b)", [{"output_type": "stream", "name": "stdout", "text": "2\n"}], 2, None, "ok", second)

    saved = nbformat.read(path, as_version=4)
    nbformat.validate(saved)
    kinds = [cell.cell_type for cell in saved.cells]
    assert kinds == ["markdown", "code", "code", "code", "code", "markdown", "code", "code"]
    assert saved.cells[0].source == "**Kernel started 2026-12-05 10:31, python3**"
    assert saved.cells[5].source == "**Kernel started 2026-12-05 11:02, python3**"
    code = [cell for cell in saved.cells if cell.cell_type == "code"]
    assert [cell.execution_count for cell in code] == [1, 2, 3, None, 1, 2], "the kernel's counts"
    assert [cell.metadata["studytui"]["status"] for cell in code] == [
        "ok", "error", "interrupted", "restarted", "ok", "ok"]
    assert [cell.metadata.get("tags") for cell in code] == [
        None, ["raises-exception"], ["skip-execution"], ["skip-execution"], None, None]
    assert session_numbers(saved.cells) == [0, 0, 0, 0, 0, 1, 1, 1]
    assert [cell.session for cell in read_saved_cells(path)] == [0, 0, 0, 0, 1, 1]

    # The record keeps what failed, and still runs through in nbconvert: the error is expected
    # (raises-exception), the endless loop and the cell that never finished are skipped.
    result = nbconvert_execute(path, tmp_path)
    assert result.returncode == 0, result.stderr[-2000:]
    executed = nbformat.read(tmp_path / "executed" / "lesson.ipynb", as_version=4)
    assert [o.get("text") for o in executed.cells[-1].outputs] == ["2\n"]


def test_the_marker_follows_the_kernel_not_the_notebook_object(tmp_path):
    """A relaunch reads the notebook again: the same run is not marked twice, a new one is."""
    path = tmp_path / "lesson.ipynb"
    run = KernelRun.begin("python3")
    LessonNotebook(path).append("a = 1", [], 1, None, "ok", run)
    LessonNotebook(path).append("b = 2", [], 2, None, "ok", run)
    LessonNotebook(path).append("c = 3", [], 1, None, "ok", KernelRun.begin("python3", attached=True))
    cells = nbformat.read(path, as_version=4).cells
    assert [cell.cell_type for cell in cells] == ["markdown", "code", "code", "markdown", "code"]
    assert cells[3].source.startswith("**Kernel attached ")


def test_output_files_are_linked_relative_to_the_notebook_and_survive_a_move(tmp_path):
    notes = tmp_path / "notes"
    outputs = notes / "outputs" / "lesson"
    cell = CellOutputs(outputs, "cell-1")
    cell.add(StreamText("stdout", "".join(f"{i}\n" for i in range(1000))))  # a flood: spilled to a file
    cell.add(DisplayData({"image/png": png((200, 30, 30)), "text/plain": "<Figure>"}, None))
    cell.add(RichResult(1, {"text/plain": "42"}))
    cell.close()
    notebook = LessonNotebook(notes / "lesson.ipynb")
    notebook.append("flood()", cell.to_nbformat(relative_to=notes), 1, None)
    text = (notes / "lesson.ipynb").read_text()
    assert str(tmp_path) not in text, "no absolute path in the notebook"
    assert "full output in outputs/lesson/cell-1-stdout.txt" in text

    moved = tmp_path / "elsewhere" / "my notes"
    moved.parent.mkdir()
    (notes).rename(moved)
    saved = nbformat.read(moved / "lesson.ipynb", as_version=4)
    links = [output for output in saved.cells[0].outputs if "text/markdown" in output.get("data", {})]
    target = unquote(links[0].data["text/markdown"].rsplit("(", 1)[1].rstrip(")"))
    assert (moved / target).read_text().count("\n") == 1000, "the link JupyterLab follows still works"
    [read] = read_saved_cells(moved / "lesson.ipynb")
    images = [output.file for output in read.outputs if isinstance(output, SavedRich) and output.image]
    assert images and images[0] is not None and images[0].is_relative_to(moved)
    assert images[0].read_bytes().startswith(b"\x89PNG")


def test_a_picture_drawn_again_is_saved_once(tmp_path):
    folder = tmp_path / "outputs"
    for run in range(3):  # a cell run three times (a replay), the same plot each time
        cell = CellOutputs(folder, f"cell-{run}")
        cell.add(DisplayData({"image/png": png((10, 120, 200)), "text/plain": "<Figure>"}, None))
    other = CellOutputs(folder, "cell-9")
    other.add(DisplayData({"image/png": png((250, 250, 0)), "text/plain": "<Figure>"}, None))
    assert len(list(folder.glob("*.png"))) == 2
    assert other.blocks[0].image_path in set(folder.glob("*.png"))


def test_a_fifo_where_an_output_file_goes_is_never_opened(tmp_path):
    folder = tmp_path / "outputs"
    folder.mkdir()
    data = png((1, 2, 3))
    probe = CellOutputs(tmp_path / "probe", "probe")
    probe.add(DisplayData({"image/png": data}, None))
    name = probe.blocks[0].image_path.name
    os.mkfifo(folder / name)  # the picture's own name, taken by a FIFO
    os.mkfifo(folder / "cell-1-stdout.txt")  # the flood's file name too
    done = threading.Event()

    def save() -> None:
        cell = CellOutputs(folder, "cell-1")
        cell.add(DisplayData({"image/png": data}, None))
        cell.add(StreamText("stdout", "x\n" * 1000))
        cell.close()
        assert cell.blocks[0].image_path == folder / name, "saved by a rename over the FIFO, never opening it"
        assert cell.blocks[1].text.spill_path == folder / "cell-1-stdout-2.txt"
        done.set()

    threading.Thread(target=save, daemon=True).start()
    assert done.wait(20), "saving returned without waiting on a FIFO"
    assert (folder / name).is_file() and (folder / name).read_bytes().startswith(b"\x89PNG")
    assert (folder / "cell-1-stdout.txt").is_fifo(), "the flood went to a new name beside it"


def test_errors_are_recorded_with_their_traceback(tmp_path):
    cell = CellOutputs(None, "cell-1")
    cell.add(ErrorOutput("ValueError", "bad", ("\x1b[31mValueError\x1b[0m: bad",)))
    LessonNotebook(tmp_path / "lesson.ipynb").append("raise ValueError('bad')", cell.to_nbformat(), 1, None, "error")
    [saved] = read_saved_cells(tmp_path / "lesson.ipynb")
    assert saved.status == "error" and saved.skip_reason == "did not finish ok"
