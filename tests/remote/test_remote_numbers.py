"""Attached to a kernel on a Jupyter Server that ran cells already, the code pane's `In [n]` goes on
from the kernel's count, as its traceback and the lesson notebook do."""

from __future__ import annotations

import pytest

from studytui.config import Settings
from studytui.ui.app import StudyApp
from tests.remote.servers import RunningServer
from tests.remote.test_remote_console import left_running_after_two_cells
from tests.ui.conftest import left_in_pass_two
from tests.ui.test_app import SIZE, header_text
from tests.ui.test_kernel_numbers import echoes, run_typed, saved_count, traceback_numbers
from tests.waiting import until

pytestmark = pytest.mark.timeout(150)
WAIT = 30.0
LESSON = "sample-micrograd"


async def test_reattached_the_numbers_go_on_from_the_servers_kernel(lessons_dir, tmp_path,
                                                                    jupyter: RunningServer) -> None:
    kernel_id = await left_running_after_two_cells(jupyter)
    try:
        notes = tmp_path / "notes"
        left_in_pass_two(notes, LESSON)
        app = StudyApp(Settings(lessons_dir=lessons_dir, notes_dir=notes, server_url=jupyter.url,
                                server_token=jupyter.token, remote_kernel_id=kernel_id))
        async with app.run_test(size=SIZE) as pilot:
            await until(lambda: "idle" in header_text(app) and app.kernel.execution_count == 2, 60,
                        "attached, the kernel's count known")
            await run_typed(app, pilot, "c = a / 0")
            await until(lambda: echoes(app, "c = a / 0"), WAIT, "the cell")
            assert echoes(app, "c = a / 0") == [3]
            assert traceback_numbers(app)[-1] == 3
            notebook = notes / f"{LESSON}.ipynb"
            await until(lambda: notebook.exists() and saved_count(notebook, "c = a / 0") == 3, WAIT, "saved as 3")
            await app.action_quit()
            await pilot.pause()
        assert kernel_id in jupyter.kernel_ids(), "attached by id: left running"
    finally:
        jupyter.api(f"api/kernels/{kernel_id}", method="DELETE")
