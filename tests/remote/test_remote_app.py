"""The app over a kernel on a real Jupyter Server: the code pane cannot tell the difference, and a
dropped or lost link is shown in the header and the code pane."""

from __future__ import annotations

import nbformat
import pytest

from studytui.config import Settings
from studytui.ui.app import StudyApp
from tests.remote.servers import CuttableProxy, RunningServer, running, start_jupyter_server
from tests.ui.test_app import SIZE, header_text, log_text
from tests.ui.test_code_pane import live_text
from tests.waiting import until

pytestmark = pytest.mark.timeout(150)

LESSON = "sample-micrograd"


def remote_app(lessons_dir, notes_dir, url: str, token: str, **kwargs) -> StudyApp:
    settings = Settings(
        lessons_dir=lessons_dir, notes_dir=notes_dir, refuse_paste_code=False, start_pass=2,
        server_url=url, server_token=token, **kwargs,
    )
    return StudyApp(settings)


async def run(app: StudyApp, pilot, code: str) -> None:
    app.study_screen.code.input_widget.load_text(code)
    await pilot.press("ctrl+r")


async def test_cells_input_and_the_notebook_work_as_with_a_local_kernel(
    lessons_dir, notes_dir, jupyter: RunningServer
) -> None:
    app = remote_app(lessons_dir, notes_dir, jupyter.url, jupyter.token)
    async with app.run_test(size=SIZE) as pilot:
        await until(lambda: "kernel: python3 @ 127.0.0.1 idle" in header_text(app), 60, "remote kernel idle")
        await pilot.press("f4")
        await run(app, pilot, "name = input('name? ')\nprint('hi', name)")
        prompt = app.study_screen.code.stdin_prompt
        await until(lambda: prompt.display, 30, "the input prompt")
        await pilot.press(*"Ada", "enter")
        await until(lambda: "hi Ada" in log_text(app), 30, "the answer used")
        await run(app, pilot, "21 * 2")
        path = notes_dir / f"{LESSON}.ipynb"
        await until(lambda: path.exists() and len(code_cells(path)) == 2, 30, "notebook")
        marker, *_ = nbformat.read(path, as_version=4).cells
        assert marker.cell_type == "markdown" and marker.source.startswith("**Kernel started ")
        assert marker.source.endswith(", python3**"), "the kernel the server started"
        second = code_cells(path)[1]
        assert second.outputs[0].data["text/plain"] == "42"
        kernel_id = app.kernel.kernel_id  # type: ignore[attr-defined]
        assert kernel_id in jupyter.kernel_ids()
        await app.action_quit()
        await pilot.pause()
    assert kernel_id not in jupyter.kernel_ids()
    log = notes_dir / ".studytui" / "kernel.log"
    assert not log.exists() or jupyter.token not in log.read_text(errors="replace")


def code_cells(path) -> list:
    return [cell for cell in nbformat.read(path, as_version=4).cells if cell.cell_type == "code"]


async def test_a_dropped_link_shows_reconnecting_then_a_lost_server_says_why(lessons_dir, notes_dir, tmp_path) -> None:
    with running(start_jupyter_server(tmp_path / "root")) as server:
        proxy = CuttableProxy(server.port)
        await proxy.start()
        app = remote_app(lessons_dir, notes_dir, proxy.url, server.token)
        try:
            async with app.run_test(size=SIZE) as pilot:
                app.kernel.reconnect_for = 3  # type: ignore[attr-defined]
                await until(lambda: "idle" in header_text(app), 60, "remote kernel idle")
                await pilot.press("f4")
                await run(app, pilot, "import time\nprint('start', flush=True)\ntime.sleep(2)\nprint('done')")
                await until(lambda: "start" in live_text(app), 30, "the cell running")
                proxy.cut()
                await until(lambda: "reconnecting" in header_text(app) or "done" in log_text(app), 30, "reconnecting")
                await until(lambda: "done" in log_text(app), 60, "the cell finished across the drop")
                await until(lambda: "idle" in header_text(app), 30, "idle again")
                server.kill()
                proxy.cut()
                await until(lambda: "kernel: python3 @ 127.0.0.1 dead" in header_text(app), 60, "the kernel lost")
                shown = " ".join(log_text(app).split())
                # Through a tunnel or proxy, a server that is gone looks like a hang-up.
                assert f"Kernel lost: lost the server: {proxy.url} hung up without an HTTP answer" in shown
                assert "Press f9 to try again" in shown and server.token not in shown
                await app.action_quit()
                await pilot.pause()
        finally:
            await proxy.close()
