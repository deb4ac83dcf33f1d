"""The clean export of a lesson notebook: which cells, renumbered, files linked from where it is
written, what it refuses; nbformat is the judge (nbconvert runs it in tests/ui/test_notebook_export.py)."""

from __future__ import annotations

import json
import os
from datetime import datetime
from urllib.parse import unquote

import nbformat
import pytest

from studytui.config import Settings
from studytui.core.kernel import (
    CellOutputs,
    DisplayData,
    KernelRun,
    LessonNotebook,
    NotAFile,
    NothingToExport,
    RichResult,
    StreamText,
    clean_notebook_path,
    export_clean_notebook,
    export_lesson_notebook,
)
from tests.core.test_notebook_formats import COLAB
from tests.core.test_notebook_record import FAILED, png

pytestmark = pytest.mark.timeout(60)

FIRST = KernelRun("python3", datetime(2026, 12, 5, 10, 31).astimezone(), "first")
SECOND = KernelRun("python3", datetime(2026, 12, 5, 11, 0).astimezone(), "second")


def record(notes):
    """A record over two kernel sessions; the second has a flood and a plot, saved as files."""
    notebook = LessonNotebook(notes / "lesson.ipynb")
    notebook.append("a = 1", [], 1, 10.0, "ok", FIRST)
    notebook.append("a / 0", FAILED, 2, 11.0, "error", FIRST)
    cell = CellOutputs(notes / "outputs" / "lesson", "cell-1")
    cell.add(StreamText("stdout", "".join(f"{i}\n" for i in range(1000))))
    cell.add(DisplayData({"image/png": png((5, 5, 5)), "text/plain": "<Figure>"}, None))
    cell.add(RichResult(1, {"text/plain": "7"}))
    cell.close()
    notebook.append("for i in range(1000): print(i)\nplot()\n7", cell.to_nbformat(relative_to=notes), 1, 95.0,
                    "ok", SECOND)
    notebook.append("b = 2", [], 2, 96.0, "ok", SECOND)
    notebook.append("c = b + 1", [{"output_type": "execute_result", "execution_count": 3,
                                   "data": {"text/plain": "3"}, "metadata": {}}], 3, 97.0, "ok", SECOND)
    return notes / "lesson.ipynb"


def test_the_last_session_renumbered_with_its_files_linked_from_the_new_place(tmp_path):
    source = record(tmp_path / "notes")
    target = tmp_path / "shared" / "deep" / "clean.ipynb"
    written = export_clean_notebook(source, target)
    assert (written.cells, written.sessions, written.left_out) == (3, 1, ())
    clean = nbformat.read(target, as_version=4)
    nbformat.validate(clean)
    assert (clean.nbformat, clean.nbformat_minor) == (4, 5)
    assert [cell.execution_count for cell in clean.cells] == [1, 2, 3]
    assert clean.cells[2].outputs[0].execution_count == 3
    assert clean.cells[0].metadata == {"studytui": {"video_time": 95.0, "video_clock": "01:35"}}
    assert clean.metadata["kernelspec"]["name"] == "python3"
    flood, link, image, _result = clean.cells[0].outputs
    target_link = unquote(link.data["text/markdown"].rsplit("(", 1)[1].rstrip(")"))
    assert (target.parent / target_link).resolve() == (tmp_path / "notes" / "outputs" / "lesson" / "cell-1-stdout.txt")
    assert f"full output in {target_link} " in flood.text
    assert (target.parent / image.metadata["studytui"]["file"]).resolve().read_bytes().startswith(b"\x89PNG")


def test_all_sessions_and_what_is_left_out(tmp_path):
    source = record(tmp_path / "notes")
    written = export_clean_notebook(source, tmp_path / "all.ipynb", all_sessions=True)
    assert (written.cells, written.sessions) == (4, 2)
    assert written.left_out == ((2, "did not finish ok"),)
    clean = nbformat.read(tmp_path / "all.ipynb", as_version=4)
    assert [cell.source for cell in clean.cells] == ["a = 1", "for i in range(1000): print(i)\nplot()\n7", "b = 2",
                                                     "c = b + 1"]
    assert [cell.execution_count for cell in clean.cells] == [1, 2, 3, 4]


def test_another_tools_notebook_exports_the_cells_that_ran(tmp_path):
    source = tmp_path / "lesson.ipynb"
    colab = json.loads(json.dumps(COLAB))
    colab["cells"].append({"cell_type": "code", "source": "never_ran()", "metadata": {}, "execution_count": None,
                           "outputs": []})
    source.write_text(json.dumps(colab))
    export_clean_notebook(source, tmp_path / "clean.ipynb")
    clean = nbformat.read(tmp_path / "clean.ipynb", as_version=4)
    nbformat.validate(clean)
    assert [cell.source for cell in clean.cells] == ["import math\nmath.sqrt(2)"]
    assert clean.metadata["colab"] == COLAB["metadata"]["colab"]


def test_refusals(tmp_path):
    notes = tmp_path / "notes"
    settings = Settings(lessons_dir=tmp_path, notes_dir=notes)
    with pytest.raises(FileNotFoundError, match="no cell was run"):
        export_lesson_notebook(settings, "lesson")
    LessonNotebook(notes / "lesson.ipynb").append("1 / 0", FAILED, 1, None, "error", FIRST)
    with pytest.raises(NothingToExport, match="last kernel session"):
        export_lesson_notebook(settings, "lesson")
    assert not clean_notebook_path(settings, "lesson").exists()
    LessonNotebook(notes / "lesson.ipynb").append("x = 1", [], 2, None, "ok", FIRST)
    os.mkfifo(tmp_path / "fifo.ipynb")
    with pytest.raises(NotAFile):
        export_lesson_notebook(settings, "lesson", tmp_path / "fifo.ipynb")
    assert export_lesson_notebook(settings, "lesson").path == notes / "digests" / "lesson.ipynb"
