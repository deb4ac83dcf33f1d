"""The lesson notebook takes new cells into any nbformat 4.x notebook already at its path, keeps
the file as it was, never opens what is not a plain file, and says a failed write in one line
without losing a later cell; nbformat is the judge."""

from __future__ import annotations

import json
import os
import threading

import nbformat
import pytest

from studytui.core.kernel import LessonNotebook, NotebookWriteError, read_saved_cells

pytestmark = pytest.mark.timeout(30)  # a FIFO opened by mistake would hang: fail instead

# A notebook as Colab saves it: nbformat 4.0, ids in the cells' metadata, Colab's own keys.
COLAB = {
    "nbformat": 4,
    "nbformat_minor": 0,
    "metadata": {
        "colab": {"provenance": [], "name": "micrograd.ipynb"},
        "kernelspec": {"name": "python3", "display_name": "Python 3"},
        "language_info": {"name": "python"},
    },
    "cells": [
        {"cell_type": "markdown", "source": ["# micrograd\n", "Notes from the lecture."], "metadata": {"id": "Xk1a"}},
        {
            "cell_type": "code",
            "source": ["import math\n", "math.sqrt(2)"],
            "metadata": {"id": "Yz2b", "colab": {"base_uri": "https://localhost:8080/"}, "outputId": "c0ffee"},
            "execution_count": 1,
            "outputs": [{"output_type": "execute_result", "data": {"text/plain": ["1.4142135623730951"]},
                         "metadata": {}, "execution_count": 1}],
        },
    ],
}


def jupyterlab_4_4() -> str:
    """A notebook as JupyterLab 2 saved them: nbformat 4.4, no cell ids."""
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# bigrams"),
                                               nbformat.v4.new_code_cell("counts = {}", execution_count=1)])
    notebook.nbformat_minor = 4
    for cell in notebook.cells:
        del cell["id"]
    return json.dumps(notebook, indent=1)


@pytest.mark.parametrize("text", [json.dumps(COLAB, indent=2), jupyterlab_4_4()], ids=["colab-4.0", "jupyterlab-4.4"])
def test_an_older_4x_notebook_takes_new_cells_and_still_validates(tmp_path, text):
    path = tmp_path / "lesson.ipynb"
    path.write_text(text, encoding="utf-8")
    before = nbformat.reads(text, as_version=nbformat.NO_CONVERT)
    nbformat.validate(before)  # valid as it was: the judge agrees it is a good notebook
    version = f"{before.nbformat}.{before.nbformat_minor}"

    notebook = LessonNotebook(path)
    notebook.append("x = 1", [], 5, 60.0)
    assert notebook.notice and "kept as" in notebook.notice
    notebook.append("print(x)", [{"output_type": "stream", "name": "stdout", "text": "1\n"}], 6, 61.0)

    after = nbformat.read(path, as_version=nbformat.NO_CONVERT)
    nbformat.validate(after)
    assert (after.nbformat, after.nbformat_minor) == (4, 5)
    assert [cell.source for cell in after.cells[: len(before.cells)]] == [cell.source for cell in before.cells]
    assert [cell.source for cell in after.cells if cell.cell_type == "code"][-2:] == ["x = 1", "print(x)"]
    assert after.metadata.get("colab") == before.metadata.get("colab"), "the other tool's metadata stays"
    copies = list(tmp_path.glob(f"lesson.nbformat-{version}*.ipynb"))
    assert len(copies) == 1 and copies[0].read_text(encoding="utf-8") == text, "the original is kept as it was"
    assert [cell.code for cell in read_saved_cells(path)][-2:] == ["x = 1", "print(x)"]


@pytest.mark.parametrize("minor", [5, 6])
def test_a_current_or_newer_notebook_is_appended_to_as_it_is(tmp_path, minor):
    path = tmp_path / "lesson.ipynb"
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("mine = 1")])
    notebook.nbformat_minor = minor
    path.write_text(json.dumps(notebook))
    LessonNotebook(path).append("x = 1", [], 1, None)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["lesson.ipynb"], "no copy: nothing was upgraded"
    saved = nbformat.read(path, as_version=nbformat.NO_CONVERT)
    assert saved.nbformat_minor == minor and [c.source for c in saved.cells] == ["mine = 1", "x = 1"]


def test_a_fifo_at_the_path_is_refused_in_one_line_and_no_later_cell_is_lost(tmp_path):
    path = tmp_path / "lesson.ipynb"
    os.mkfifo(path)
    notebook = LessonNotebook(path)
    with pytest.raises(NotebookWriteError) as refused:
        notebook.append("a = 1", [], 1, None)
    message = str(refused.value)
    assert "\n" not in message and len(message) < 300
    assert "FIFO" in message and "1 cell kept" in message
    assert path.is_fifo(), "what was there is left alone"
    assert read_saved_cells(path) == [], "reading it does not wait for a writer either"

    with pytest.raises(NotebookWriteError, match="2 cells kept"):
        notebook.append("b = 2", [], 2, None)
    path.unlink()
    notebook.append("c = 3", [], 3, None)
    assert [cell.code for cell in read_saved_cells(path)] == ["a = 1", "b = 2", "c = 3"]
    nbformat.validate(nbformat.read(path, as_version=4))


def test_a_folder_or_a_symlink_at_the_path_is_refused_too(tmp_path):
    (tmp_path / "lesson.ipynb").mkdir()
    with pytest.raises(NotebookWriteError, match="is a folder, not a file"):
        LessonNotebook(tmp_path / "lesson.ipynb").append("1", [], 1, None)
    (tmp_path / "other.ipynb").write_text("{}")
    (tmp_path / "linked.ipynb").symlink_to(tmp_path / "other.ipynb")
    with pytest.raises(NotebookWriteError, match="symbolic link"):
        LessonNotebook(tmp_path / "linked.ipynb").append("1", [], 1, None)
    assert (tmp_path / "other.ipynb").read_text() == "{}"


def test_outputs_that_do_not_validate_cost_their_outputs_not_the_cell(tmp_path):
    path = tmp_path / "lesson.ipynb"
    notebook = LessonNotebook(path)
    odd = [{"output_type": "display_data", "data": {"text/plain": 5}, "metadata": {}}]  # a number, not text
    notebook.append("weird()", odd, 1, None)
    assert notebook.notice and "\n" not in notebook.notice and len(notebook.notice) < 400
    notebook.append("fine = True", [], 2, None)
    saved = nbformat.read(path, as_version=4)
    nbformat.validate(saved)
    assert [cell.source for cell in saved.cells if cell.cell_type == "code"] == ["weird()", "fine = True"]
    assert "outputs not saved" in saved.cells[-2].outputs[0].text


def test_a_fifo_is_never_waited_on_by_the_writer_thread(tmp_path):
    """As the app writes: on its writer thread, which the quit joins."""
    path = tmp_path / "lesson.ipynb"
    os.mkfifo(path)
    done = threading.Event()

    def write() -> None:
        try:
            LessonNotebook(path).append("1", [], 1, None)
        except NotebookWriteError:
            pass
        done.set()

    threading.Thread(target=write, daemon=True).start()
    assert done.wait(10), "the write returned"
