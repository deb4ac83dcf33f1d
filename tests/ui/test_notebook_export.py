"""A lesson studied over a real kernel (a failed cell, input(), a restart, an interrupted loop), its
notebook a record Jupyter reads, and `studytui export --notebook` writing a clean notebook that the
real `jupyter nbconvert --execute` runs through in a real kernel."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from studytui.config import Settings
from studytui.core.kernel import KernelState, export_lesson_notebook
from studytui.ui.screens.confirm import ConfirmScreen
from tests.core.test_notebook_record import nbconvert_execute
from tests.ui.test_app import SIZE, header_text, log_text
from tests.ui.test_code_pane import LESSON, make_app, ready, run
from tests.waiting import until

pytestmark = pytest.mark.timeout(240)

STUDYTUI = Path(sys.executable).with_name("studytui")


def code_cells(path: Path) -> list:
    return [cell for cell in nbformat.read(path, as_version=4).cells if cell.cell_type == "code"]


async def run_and_wait(app, pilot, code: str, expect: str) -> None:
    await run(app, pilot, code)
    await until(lambda: expect in log_text(app), timeout=30, what=repr(expect))


async def study_with_a_restart(app, pilot, path: Path) -> None:
    await ready(app, pilot)
    await run_and_wait(app, pilot, "a = 2", "In [1]")
    await run_and_wait(app, pilot, "1 / 0", "ZeroDivisionError")
    await run_and_wait(app, pilot, "b = a * 3\nprint('b is', b)", "b is 6")
    await run(app, pilot, "name = input('who? ')")
    await until(lambda: app.study_screen.code.stdin_prompt.display, what="the input prompt")
    await pilot.press(*"Ada", "enter")
    await run_and_wait(app, pilot, "print('hi', name)", "hi Ada")
    await until(lambda: path.exists() and len(code_cells(path)) == 5, what="the first session written")

    app.study_screen.action_restart_kernel()
    await until(lambda: isinstance(app.screen, ConfirmScreen), what="the restart question")
    await pilot.press("y")
    await until(lambda: "kernel restarted" in log_text(app), timeout=30, what="the restart")
    await until(lambda: "kernel: idle" in header_text(app), timeout=30, what="the new kernel")
    await pilot.press("f4")
    await run_and_wait(app, pilot, "import math\nc = math.sqrt(16)", "In [1]")
    await run_and_wait(app, pilot, "print('c is', c)", "c is 4.0")
    await run(app, pilot, "while True:\n    pass")
    await until(lambda: app.kernel.state is KernelState.BUSY, what="the loop running")
    app.study_screen.action_interrupt()
    await until(lambda: "KeyboardInterrupt" in log_text(app), timeout=20, what="the loop interrupted")
    await until(lambda: len(code_cells(path)) == 8, what="the second session written")


async def test_the_record_and_its_clean_export_run_in_jupyter(lessons_dir, notes_dir, tmp_path):
    path = notes_dir / f"{LESSON}.ipynb"
    app = make_app(lessons_dir, notes_dir)
    async with app.run_test(size=SIZE) as pilot:
        await study_with_a_restart(app, pilot, path)
        await app.action_quit()
        await pilot.pause()

    record = nbformat.read(path, as_version=4)
    nbformat.validate(record)
    markers = [cell.source for cell in record.cells if cell.cell_type == "markdown"]
    assert len(markers) == 2 and all(marker.startswith("**Kernel started ") for marker in markers)
    cells = code_cells(path)
    assert [cell.execution_count for cell in cells] == [1, 2, 3, 4, 5, 1, 2, 3], "the kernel's own counts"
    assert [cell.metadata["studytui"]["status"] for cell in cells] == [
        "ok", "error", "ok", "ok", "ok", "ok", "ok", "interrupted"]

    # The last kernel session, the default (the function the palette command calls).
    settings = Settings(lessons_dir=lessons_dir, notes_dir=notes_dir)
    written = export_lesson_notebook(settings, LESSON, tmp_path / "clean" / "last.ipynb")
    clean = nbformat.read(written.path, as_version=4)
    nbformat.validate(clean)
    assert [cell.source for cell in clean.cells] == ["import math\nc = math.sqrt(16)", "print('c is', c)"]
    assert [cell.execution_count for cell in clean.cells] == [1, 2]
    result = await asyncio.to_thread(nbconvert_execute, written.path, tmp_path)
    assert result.returncode == 0, result.stderr[-2000:]
    executed = nbformat.read(tmp_path / "executed" / "last.ipynb", as_version=4)
    assert executed.cells[1].outputs[0].text == "c is 4.0\n"

    # Every session, from the command line.
    out = tmp_path / "clean" / "all.ipynb"
    env = {**os.environ, "HOME": str(tmp_path / "home")}
    done = await asyncio.to_thread(
        subprocess.run,
        [str(STUDYTUI), "export", "--notebook", LESSON, "--all-sessions", "-o", str(out),
         "--lessons", str(lessons_dir), "--notes", str(notes_dir)],
        capture_output=True, text=True, timeout=60, env=env,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == str(out)
    assert "4 cells from every kernel session" in done.stderr and "cell 8: interrupted" in done.stderr
    assert "cell 4: asks for input" in done.stderr
    assert "cell 5: reads `name`, set by cell 4 which is left out" in done.stderr
    assert [cell.source for cell in nbformat.read(out, as_version=4).cells] == [
        "a = 2", "b = a * 3\nprint('b is', b)", "import math\nc = math.sqrt(16)", "print('c is', c)"]
    result = await asyncio.to_thread(nbconvert_execute, out, tmp_path)
    assert result.returncode == 0, result.stderr[-2000:]
