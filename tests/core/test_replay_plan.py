"""Replay's choice of cells: a cell is ticked only when every name it reads from earlier cells was
last set by a ticked cell, and says why it is not; and a lesson's earlier cells read back with
their outputs, from real notebooks."""

from __future__ import annotations

import json
import os
import threading

import pytest

from studytui.core.kernel import (
    CellOutputs,
    DisplayData,
    ErrorOutput,
    LessonNotebook,
    RichResult,
    SavedError,
    SavedRich,
    SavedStream,
    StreamText,
    outputs_view,
    plan_replay,
    read_saved_cells,
)
from studytui.core.kernel.cell_names import cell_names
from tests.core.test_notebook_record import png

pytestmark = pytest.mark.timeout(60)


@pytest.mark.parametrize(
    ("code", "reads", "binds"),
    [
        ("x = x + 1", {"x"}, {"x"}),
        ("total += step", {"total", "step"}, {"total"}),
        ("import numpy as np, os.path\nfrom math import sqrt as root, pi", set(), {"np", "os", "root", "pi"}),
        ("def f(a, b=k):\n    return a + g + helper()\ndef helper():\n    pass", {"k", "g"}, {"f", "helper"}),
        ("class A(Base):\n    x = 1\n    y = x + z\n    def m(self):\n        return x", {"Base", "z", "x"}, {"A"}),
        ("for i in range(n):\n    acc.append(i)", {"range", "n", "acc"}, {"i"}),
        ("with open(p) as fh, ctx() as (a, b):\n    pass", {"open", "p", "ctx"}, {"fh", "a", "b"}),
        ("ys = [y * w for y in xs if y > t]", {"xs", "t", "w"}, {"ys"}),
        ("if (m := pattern.match(s)):\n    print(m)", {"pattern", "s", "print"}, {"m"}),
        ("[last := v for v in values]", {"values"}, {"last"}),
        ("def setup():\n    global model\n    model = make()\nsetup()", {"make"}, {"setup", "model"}),
        ("try:\n    x = 1\nexcept ValueError as e:\n    print(e)", {"ValueError", "print"}, {"x", "e"}),
        ("match p:\n    case Point(x=a):\n        pass\n    case [first, *rest]:\n        pass", {"p", "Point"},
         {"a", "first", "rest"}),
        ("f = lambda q: q + outer", {"outer"}, {"f"}),
        ("obj.attr = value\ntable[key] = 1", {"value", "obj", "table", "key"}, set()),
        ("x: int\ny: int = 3", {"int"}, {"y"}),
        ("%matplotlib inline\nimport matplotlib.pyplot as plt\nfiles = !ls", {"get_ipython"}, {"plt", "files"}),
        ("%%time\nresult = slow(n)", {"get_ipython"}, set()),  # the body is a string for the magic
        ("print(name", set(), set()),  # not Python, even for IPython: nothing known
    ],
)
def test_names_read_from_earlier_cells_and_names_bound(code, reads, binds):
    names = cell_names(code)
    assert set(names.reads) == reads
    assert names.binds == binds


def write(path, cells) -> None:
    notebook = LessonNotebook(path)
    for number, (code, outputs, status) in enumerate(cells, 1):
        notebook.append(code, outputs, number, 30.0 * number, status)


def test_a_cell_reading_what_an_unticked_cell_set_is_unticked_with_the_reason(tmp_path):
    """The case a learner met: the input() cell unticked, the cell using its answer ticked, and
    the replay stopped at NameError."""
    path = tmp_path / "lesson.ipynb"
    write(path, [
        ("import math", [], "ok"),
        ("name = input('who? ')", [], "ok"),
        ("greeting = 'hi ' + name", [], "ok"),
        ("print(greeting, math.pi)", [], "ok"),
        ("words = [w.upper() for w in greeting.split()]", [], "ok"),
        ("name = 'Ada'", [], "ok"),
        ("print(name)", [], "ok"),
        ("x = undefined_thing", [{"output_type": "error", "ename": "NameError", "evalue": "", "traceback": []}],
         "error"),
        ("y = x * 2", [], "ok"),
        ("def shout():\n    return greeting.upper()", [], "ok"),
        ("z = math.sqrt(2)", [], "ok"),
    ])
    plan = plan_replay(read_saved_cells(path))
    assert [choice.ticked for choice in plan] == [True, False, False, False, False, True, True, False, False,
                                                  False, True]
    assert plan[1].reason == "asks for input"
    assert plan[2].reason == "reads `name`, set by cell 2 which will not run"
    assert plan[3].reason == "reads `greeting`, set by cell 3 which will not run"
    assert plan[4].reason == "reads `greeting`, set by cell 3 which will not run"
    assert plan[6].reason is None, "name is set again by cell 6, which runs"
    assert plan[8].reason == "reads `x`, set by cell 8 which will not run"
    assert plan[9].reason == "reads `greeting`, set by cell 3 which will not run", "when called, it would fail"


def test_earlier_cells_come_back_with_their_outputs(tmp_path):
    notes = tmp_path / "notes"
    path = notes / "lesson.ipynb"
    cell = CellOutputs(notes / "outputs" / "lesson", "cell-1")
    cell.add(StreamText("stdout", "hello\n"))
    cell.add(DisplayData({"image/png": png((90, 90, 250)), "text/plain": "<Figure size 640x480>"}, None))
    cell.add(RichResult(1, {"text/plain": "42", "text/markdown": "**42**"}))
    failed = CellOutputs(notes / "outputs" / "lesson", "cell-2")
    failed.add(ErrorOutput("ZeroDivisionError", "division by zero", ("\x1b[31mZeroDivisionError\x1b[0m",)))
    notebook = LessonNotebook(path)
    notebook.append("print('hello'); plot(); 42", cell.to_nbformat(relative_to=notes), 1, 12.0)
    notebook.append("1/0", failed.to_nbformat(relative_to=notes), 2, None, "error")

    first, second = read_saved_cells(path)
    stream, image, result = first.outputs
    assert stream == SavedStream("stdout", "hello\n")
    assert isinstance(image, SavedRich) and image.image and image.text == "<Figure size 640x480>"
    assert image.file == cell.blocks[1].image_path and image.file.is_file()
    assert result == SavedRich("42", "**42**", 1)
    traceback = ("\x1b[31mZeroDivisionError\x1b[0m",)
    assert second.outputs == (SavedError("ZeroDivisionError", "division by zero", traceback),)

    view = outputs_view(first.outputs, notes)  # as the code pane draws a cell's outputs
    assert view.blocks[0].text.text() == "hello\n"
    assert view.blocks[1].image_path == image.file and view.blocks[2].execution_count == 1


def test_a_notebook_cannot_name_a_file_outside_its_folder(tmp_path):
    secret = tmp_path / "secret.png"
    secret.write_bytes(b"\x89PNG private")
    notes = tmp_path / "notes"
    (notes / "outputs").mkdir(parents=True)
    (notes / "outputs" / "link.png").symlink_to(secret)
    links = ("../secret.png", str(secret), "x\x00", "outputs/link.png")
    outputs = [{"output_type": "display_data", "data": {"image/png": png((0, 0, 0))},
                "metadata": {"studytui": {"file": link}}} for link in links]
    (notes / "lesson.ipynb").write_text(json.dumps({
        "nbformat": 4, "nbformat_minor": 5, "metadata": {},
        "cells": [{"id": "a1", "cell_type": "code", "source": "plot()", "metadata": {}, "execution_count": 1,
                   "outputs": outputs}],
    }))
    [cell] = read_saved_cells(notes / "lesson.ipynb")
    assert [output.file for output in cell.outputs] == [None, None, None, notes / "outputs" / "link.png"]
    view = outputs_view(cell.outputs, notes)
    assert [block.image_path for block in view.blocks] == [None] * 4, "a link leading out is not drawn"


def test_reading_a_fifo_returns_at_once(tmp_path):
    os.mkfifo(tmp_path / "lesson.ipynb")
    found: list[object] = []
    reader = threading.Thread(target=lambda: found.append(read_saved_cells(tmp_path / "lesson.ipynb")), daemon=True)
    reader.start()
    reader.join(10)
    assert found == [[]]
