"""`In [n]` on screen is the kernel's number for the cell, over a real ipykernel: after exercise
checks (which take no number), after a restart, and attached to a kernel that ran cells already;
the lesson notebook and the cell's traceback say the same number."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path

import nbformat
import pytest
from jupyter_client.manager import AsyncKernelManager

from studytui.config import Settings
from studytui.ui.app import StudyApp
from studytui.ui.screens.confirm import ConfirmScreen
from tests.ui.test_app import SIZE, header_text, log_text
from tests.ui.test_code_pane import LESSON, ready
from tests.ui.test_exercises import folder, pick, shown, trust_folder  # noqa: F401 (folder: a fixture)
from tests.waiting import until

pytestmark = [pytest.mark.timeout(120), pytest.mark.real_kernel]


def echoes(app: StudyApp, code: str) -> list[int]:
    """The numbers the log shows for the cells with this code."""
    return [int(number) for number in re.findall(rf"In \[(\d+)\]: {re.escape(code)}$", log_text(app), re.M)]


def traceback_numbers(app: StudyApp) -> list[int]:
    """The cell numbers the tracebacks in the log name (`Cell In[3], line 1`)."""
    return [int(number) for number in re.findall(r"Cell In\[(\d+)\]", log_text(app))]


def saved_count(notebook: Path, code: str) -> int | None:
    cells = nbformat.read(notebook, as_version=4).cells
    counts = [cell.execution_count for cell in cells if cell.cell_type == "code" and cell.source == code]
    return counts[-1] if counts else None


async def run_typed(app: StudyApp, pilot, code: str) -> None:
    cell = app.study_screen.code.input_widget
    cell.focus()
    await until(lambda: app.focused is cell, what="the cell focused")
    await pilot.press(*code, "enter")
    await until(lambda: code not in app.study_screen.code.input_widget.text, what=f"{code!r} sent")


async def test_a_cell_after_checks_and_a_restart_has_the_kernels_number_everywhere(folder, tmp_path):  # noqa: F811
    notes = tmp_path / "notes"
    app = StudyApp(Settings(lessons_dir=folder, notes_dir=notes, start_pass=2, refuse_paste_code=False))
    async with app.run_test(size=SIZE) as pilot:
        await trust_folder(app, pilot)
        await pick(app, pilot, "add-one")
        await until(lambda: "kernel: idle" in header_text(app), timeout=30, what="kernel idle")
        code = app.study_screen.code
        code.input_widget.load_text("def add_one(x):\n    return x + 1\n")
        await pilot.press("ctrl+r")
        for check in range(1, 6):
            await pilot.press("f5")
            await until(lambda check=check: shown(app).count("✓ Add one: passed") == check, timeout=30,
                        what=f"check {check}")
        await run_typed(app, pilot, "1/0")
        await until(lambda: "ZeroDivisionError" in log_text(app), timeout=20, what="the first error")
        before = echoes(app, "1/0")
        assert before == [2], f"one cell before it, the checks take no number: {log_text(app)}"

        # Typed, then run right after the restart was answered: it waits for the new kernel.
        await pilot.press(*"after = 1 / 0")
        await pilot.press("f9")
        await until(lambda: isinstance(app.screen, ConfirmScreen), what="the restart question")
        await pilot.press("y", "ctrl+r")
        await until(lambda: echoes(app, "after = 1 / 0"), timeout=30, what="the cell after the restart")
        assert "kernel restarted" in log_text(app)
        assert "the kernel is starting: this cell runs" in log_text(app), log_text(app)
        [number] = echoes(app, "after = 1 / 0")
        assert traceback_numbers(app)[-1] == number, f"the traceback names the cell shown: {log_text(app)}"
        await until(lambda: saved_count(notes / "ex-lesson.ipynb", "after = 1 / 0") is not None,
                    what="the cell in the notebook")
        assert saved_count(notes / "ex-lesson.ipynb", "after = 1 / 0") == number == 1
        await app.action_quit()


async def test_attached_to_a_kernel_that_ran_cells_the_numbers_go_on_from_its_count(lessons_dir, notes_dir,
                                                                                     tmp_path):
    km = AsyncKernelManager(kernel_name="python3")
    km.connection_file = str(tmp_path / "kernel-outside.json")
    await km.start_kernel(stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.DEVNULL)
    client = km.client()
    client.start_channels()
    try:
        await client.wait_for_ready(timeout=30)
        for _ in range(2):
            await client.execute_interactive("a = 1", timeout=30)
        app = StudyApp(Settings(lessons_dir=lessons_dir, notes_dir=notes_dir, existing_kernel=Path(km.connection_file)))
        async with app.run_test(size=SIZE) as pilot:
            await ready(app, pilot)
            await run_typed(app, pilot, "b = 1 / 0")
            await until(lambda: echoes(app, "b = 1 / 0"), timeout=20, what="the cell")
            assert echoes(app, "b = 1 / 0") == [3], f"the kernel's third cell: {log_text(app)}"
            assert traceback_numbers(app)[-1] == 3
            await until(lambda: (notes_dir / f"{LESSON}.ipynb").exists(), what="the notebook")
            await until(lambda: saved_count(notes_dir / f"{LESSON}.ipynb", "b = 1 / 0") == 3, what="saved as 3")
            await app.action_quit()
            await pilot.pause()
    finally:
        client.stop_channels()
        await km.shutdown_kernel(now=True)
