"""Cell outputs as Jupyter defines them, the lesson notebook on disk, and the input history."""

from __future__ import annotations

import base64
import json

import nbformat

from studytui.core.kernel import (
    CellOutputs,
    ClearOutput,
    DisplayData,
    ErrorOutput,
    InputHistory,
    LessonNotebook,
    RichBlock,
    RichResult,
    StreamBlock,
    StreamText,
    read_saved_cells,
)

PNG = base64.b64encode(b"\x89PNG\r\n\x1a\n" + b"\0" * 16).decode()


def test_clear_output_wait_clears_when_the_next_output_comes(tmp_path):
    cell = CellOutputs(tmp_path, "cell-1")
    cell.add(StreamText("stdout", "step 1\n"))
    cell.add(ClearOutput(wait=True))
    assert len(cell.blocks) == 1
    cell.add(StreamText("stdout", "step 2\n"))
    assert [b.text.text() for b in cell.blocks if isinstance(b, StreamBlock)] == ["step 2\n"]
    cell.add(ClearOutput(wait=False))
    assert cell.blocks == []


def test_update_display_replaces_by_id_and_images_are_saved(tmp_path):
    cell = CellOutputs(tmp_path / "outputs", "cell-2")
    cell.add(DisplayData({"text/plain": "0%"}, "bar"))
    cell.add(DisplayData({"text/plain": "100%"}, "bar", update=True))
    cell.add(DisplayData({"image/png": PNG, "text/plain": "<Figure>"}, None))
    first, image = cell.blocks
    assert isinstance(first, RichBlock) and first.data["text/plain"] == "100%"
    assert isinstance(image, RichBlock) and image.image_path is not None
    assert image.image_path.read_bytes().startswith(b"\x89PNG")
    assert image.image_path.parent == tmp_path / "outputs"


def test_notebook_gets_every_cell_valid_and_atomic(tmp_path):
    path = tmp_path / "lesson.ipynb"
    cell = CellOutputs(tmp_path, "cell-1")
    cell.add(StreamText("stdout", "hi\n"))
    cell.add(RichResult(1, {"text/plain": "2"}))
    cell.add(ErrorOutput("ValueError", "bad", ("\x1b[31mValueError\x1b[0m: bad",)))
    notebook = LessonNotebook(path)
    notebook.append("print('hi')\n1+1", cell.to_nbformat(), 1, 754.2)
    notebook.append("x = 1", [], 2, None, status="kernel died")
    saved = nbformat.read(path, as_version=4)
    nbformat.validate(saved)
    first, second = saved.cells
    assert first.source == "print('hi')\n1+1" and first.execution_count == 1
    assert first.metadata["studytui"]["video_time"] == 754.2
    assert [o.output_type for o in first.outputs] == ["stream", "execute_result", "error"]
    assert second.metadata["studytui"]["status"] == "kernel died"
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    assert [cell.code for cell in read_saved_cells(path)] == ["print('hi')\n1+1", "x = 1"]


def test_an_unreadable_notebook_is_kept_aside(tmp_path):
    path = tmp_path / "lesson.ipynb"
    path.write_text("{not json")
    notebook = LessonNotebook(path)
    notebook.append("1", [], 1, 0)
    kept = [p for p in tmp_path.iterdir() if ".unreadable-" in p.name]
    assert len(kept) == 1 and kept[0].read_text() == "{not json"
    assert notebook.notice and kept[0].name in notebook.notice
    nbformat.validate(nbformat.read(path, as_version=4))


def test_history_walks_back_and_forth_and_persists(tmp_path):
    path = tmp_path / "history" / "lesson.json"
    history = InputHistory(path)
    history.add("a = 1")
    history.add("b = 2")
    history.add("b = 2")
    assert history.previous("typing") == "b = 2"
    assert history.previous("") == "a = 1"
    assert history.previous("") is None
    assert history.next() == "b = 2"
    assert history.next() == "typing"
    assert history.next() is None
    assert json.loads(path.read_text()) == ["a = 1", "b = 2"]
    assert InputHistory(path).previous("") == "b = 2"


def test_earlier_cells_read_as_json_match_what_nbformat_reads(tmp_path):
    """A version 4 notebook is read without nbformat (its import held up the first answer at launch);
    the cells are those nbformat gives, and older notebooks still go through nbformat."""
    from studytui.core.kernel.replay import _read_with_nbformat

    path = tmp_path / "lesson.ipynb"
    notebook = LessonNotebook(path)
    interrupted = CellOutputs(tmp_path, "cell-2")
    interrupted.add(ErrorOutput("KeyboardInterrupt", "", ()))
    notebook.append("print('hi')\n1+1", [], 1, 754.2)
    notebook.append("while True: pass", interrupted.to_nbformat(), 2, None, status="error")
    notebook.append("x = input()", [], None, None, status="kernel died")
    cells = read_saved_cells(path)
    assert cells == _read_with_nbformat(path, path.read_bytes())
    assert [(c.code, c.status, c.execution_count, c.interrupted) for c in cells] == [
        ("print('hi')\n1+1", "ok", 1, False),
        ("while True: pass", "interrupted", 2, True),
        ("x = input()", "kernel died", None, False),
    ]

    as_text = json.loads(path.read_text())  # nbformat stores sources as lists of lines; one string is valid too
    assert isinstance(as_text["cells"][0]["source"], list)
    for cell in as_text["cells"]:
        cell["source"] = "".join(cell["source"])
    path.write_text(json.dumps(as_text))
    assert read_saved_cells(path) == cells

    old = nbformat.v3.new_notebook(worksheets=[nbformat.v3.new_worksheet(cells=[nbformat.v3.new_code_cell("2+2")])])
    path.write_text(nbformat.writes(old, version=3))
    assert [c.code for c in read_saved_cells(path)] == ["2+2"], "a version 3 notebook, upgraded by nbformat"
    path.write_text('{"nbformat": 4, "cells": "not a list of cells"}')
    assert read_saved_cells(path) == []
