"""What reading a lesson's notebook back costs as the lesson opens, and the replay's choice of cells.

A notebook as the app writes it (nbformat 4.5; per cell a few lines of stdout, every 10th a 640x480
PNG plot inline with its saved file named in the metadata, every 20th an error with a traceback),
at 100, 300 and 1,000 cells: `read_saved_cells` (JSON, no nbformat) against `nbformat.read` of
the same file; the outputs of the last 12 cells made the code pane's blocks (`outputs_view`, what
the lesson's opening shows), beyond the reading; and `plan_replay` (an `ast` walk of every cell),
once its parses are cached and the first time in a fresh process, with and without IPython syntax
in the cells (a `%matplotlib inline` cell makes it import IPython's input transformer). Prints medians, asserts nothing.

    .venv/bin/python bench/bench_notebook.py
"""

from __future__ import annotations

import base64
import io
import json
import subprocess
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

import nbformat
from PIL import Image

from studytui.core.kernel import read_saved_cells
from timing import median_ms

TRACEBACK = ["\x1b[0;31m---------------------------------------------------------------------------\x1b[0m",
             "\x1b[0;31mZeroDivisionError\x1b[0m  Traceback (most recent call last)",
             "Cell \x1b[0;32mIn[7], line 1\x1b[0m\n\x1b[0;32m----> 1\x1b[0m 1/0",
             "\x1b[0;31mZeroDivisionError\x1b[0m: division by zero"]


def plot_png() -> str:
    buffer = io.BytesIO()
    picture = Image.new("RGB", (640, 480), "white")
    for x in range(0, 640, 3):
        picture.putpixel((x, 240 + (x * 7) % 200 - 100), (31, 119, 180))
    picture.save(buffer, "PNG")
    return base64.b64encode(buffer.getvalue()).decode()


def notebook(cells: int, image: str, magic: bool) -> dict:
    out = nbformat.v4.new_notebook()
    out.metadata["kernelspec"] = {"name": "python3", "display_name": "python3", "language": "python"}
    for number in range(1, cells + 1):
        code = f"x{number} = x{number - 1} + 1 if {number} > 1 else 0\nprint(x{number})"
        if magic and number == 1:
            code = "%matplotlib inline\n" + code
        cell = nbformat.v4.new_code_cell(code, execution_count=number)
        cell.metadata["studytui"] = {"status": "ok", "video_time": 60.0 * number, "video_clock": "01:00"}
        lines = "".join(f"line {i}\n" for i in range(5))
        cell.outputs.append(nbformat.v4.new_output("stream", name="stdout", text=lines))
        if number % 10 == 0:
            cell.outputs.append(nbformat.v4.new_output(
                "display_data", data={"image/png": image, "text/plain": "<Figure size 640x480 with 1 Axes>"},
                metadata={"studytui": {"file": f"outputs/lesson/image-{number:016x}.png"}}))
        if number % 20 == 0:
            cell.outputs.append(nbformat.v4.new_output("error", ename="ZeroDivisionError", evalue="division by zero",
                                                       traceback=TRACEBACK))
            cell.metadata["studytui"]["status"] = "error"
        out.cells.append(cell)
    return out


PLAN_IN_FRESH_PROCESS = """
import sys, time
from pathlib import Path
from studytui.core.kernel import plan_replay, read_saved_cells
cells = read_saved_cells(Path(sys.argv[1]))
started = time.perf_counter()
plan_replay(cells)
print((time.perf_counter() - started) * 1000)
"""


def main() -> None:
    image = plot_png()
    try:
        from studytui.core.kernel import outputs_view, plan_replay
    except ImportError:  # before the replay plan and the saved outputs existed
        plan_replay = outputs_view = None
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        print(f"{'cells':>6} {'file':>8} {'read_saved_cells':>17} {'nbformat.read':>14} {'last 12 outputs':>16} "
              f"{'plan_replay':>12} {'first plan, no magic':>21} {'first plan, %magic':>19}")
        for cells in (100, 300, 1_000):
            path = root / f"lesson-{cells}.ipynb"
            path.write_text(json.dumps(notebook(cells, image, magic=False), indent=1))
            magic = root / f"magic-{cells}.ipynb"
            magic.write_text(json.dumps(notebook(cells, image, magic=True), indent=1))
            size = path.stat().st_size / 1e6
            read = median_ms(lambda path=path: read_saved_cells(path), runs=20)
            full = median_ms(lambda path=path: nbformat.read(path, as_version=4), runs=10)
            columns = f"{cells:>6} {size:>5.1f} MB {read:>14.2f} ms {full:>11.2f} ms"
            if plan_replay is not None and outputs_view is not None:
                saved = read_saved_cells(path)
                # replace(): a new SavedCell each time, its outputs made again (they are cached once made)
                shown = median_ms(lambda saved=saved, path=path: [outputs_view(replace(cell).outputs, path.parent)
                                                                  for cell in saved[-12:]], runs=50)
                plan_replay(saved)  # the parse cache warm: as the picker, after the lesson opened
                plan = median_ms(lambda saved=saved: plan_replay(saved), runs=20)
                first = [float(subprocess.run([sys.executable, "-c", PLAN_IN_FRESH_PROCESS, str(file)],
                                              capture_output=True, text=True, check=True).stdout)
                         for file in (path, magic)]
                columns += f" {shown:>13.2f} ms {plan:>9.2f} ms {first[0]:>18.1f} ms {first[1]:>16.1f} ms"
            print(columns)


if __name__ == "__main__":
    main()
