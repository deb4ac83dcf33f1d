"""The code pane over a real ipykernel: death and restart, interrupt escalation, every output
type, input(), floods, the lesson notebook, history, completion and docs."""

from __future__ import annotations

import asyncio
import io
import re
from pathlib import Path

import nbformat
import pytest
from jupyter_client.manager import AsyncKernelManager
from rich.console import Console

from studytui.config import Settings
from studytui.core.kernel import KernelState
from studytui.ui.app import StudyApp
from studytui.ui.screens.confirm import ConfirmScreen
from tests.ui.test_app import SIZE, header_text, log_text
from tests.waiting import until

pytestmark = [pytest.mark.timeout(90), pytest.mark.real_kernel]  # the kernel is what these test

LESSON = "sample-micrograd"


def make_app(lessons_dir: Path, notes_dir: Path, **kwargs) -> StudyApp:
    return StudyApp(Settings(lessons_dir=lessons_dir, notes_dir=notes_dir, refuse_paste_code=False, **kwargs))


async def ready(app: StudyApp, pilot) -> None:
    await until(lambda: "kernel: idle" in header_text(app), timeout=30, what="kernel idle")
    await pilot.press("f4")


async def run(app: StudyApp, pilot, code: str) -> None:
    """Type a cell (all but the last line's Enter typed as keys) and run it with ctrl+r."""
    app.study_screen.code.input_widget.load_text(code)
    await pilot.press("ctrl+r")


def live_text(app: StudyApp) -> str:
    console = Console(file=io.StringIO(), width=120, color_system=None)
    console.print(app.study_screen.code.live_widget.content)
    return console.file.getvalue()


async def quit_app(app: StudyApp, pilot) -> None:
    await app.action_quit()
    await pilot.pause()


async def test_kernel_death_is_announced_within_a_second_and_f9_restarts(lessons_dir, notes_dir):
    app = make_app(lessons_dir, notes_dir)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await run(app, pilot, "x = 1")
        await until(lambda: "In [1]: x = 1" in log_text(app), what="first cell")
        await run(app, pilot, "import os; os._exit(1)")
        # How soon: bench/bench_kernel_events.py ("the header says dead").
        await until(lambda: "kernel: dead" in header_text(app), timeout=5, what="kernel dead")
        await until(lambda: "killed: the kernel died" in log_text(app), timeout=1, what="cell marked killed")
        assert "Press f9 to restart" in " ".join(log_text(app).split()), "(the log wraps at its width)"
        await pilot.press("f9")
        await until(lambda: isinstance(app.screen, ConfirmScreen), what="confirmation")
        await pilot.press("y")
        await until(lambda: "kernel: idle" in header_text(app), timeout=30, what="kernel idle again")
        await run(app, pilot, "print('x' in dir())")
        await until(lambda: "False" in log_text(app), what="a fresh kernel")
        await quit_app(app, pilot)


async def test_a_cell_that_ignores_interrupt_gets_a_restart_offer(lessons_dir, notes_dir):
    app = make_app(lessons_dir, notes_dir)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await run(app, pilot, "sum(range(10**11))")
        await until(lambda: app.kernel.state is KernelState.BUSY, what="busy")
        await pilot.press("ctrl+c")
        await until(lambda: "ignores the interrupt" in log_text(app), timeout=8, what="escalation")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await until(lambda: "stopped: the kernel was restarted" in log_text(app), timeout=10, what="restart")
        await until(lambda: "kernel: idle" in header_text(app), timeout=30, what="kernel idle again")
        await quit_app(app, pilot)


async def test_outputs_progress_markdown_display_update_plot_and_error(lessons_dir, notes_dir):
    pytest.importorskip("matplotlib")
    app = make_app(lessons_dir, notes_dir)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await run(app, pilot, "for i in range(300):\n    print(f'\\rstep {i:3d}/299', end='', flush=True)\nprint()")
        await until(lambda: "step 299/299" in log_text(app), what="progress line")
        assert log_text(app).count("/299\n") == 0 and log_text(app).count("step 2") == 1, "one line"
        await run(app, pilot,
                  "from IPython.display import Markdown, display\nMarkdown('# Big title\\n\\n**strong** words')")
        await until(lambda: "strong words" in log_text(app), what="markdown rendered")
        assert "**strong**" not in log_text(app).split("Out[2]")[-1]
        await run(app, pilot, "h = display('first', display_id=True)\nh.update('second')")
        await until(lambda: "'second'" in log_text(app), what="display update")
        assert "'first'" not in log_text(app).split("In [3]")[-1].split("\n", 2)[-1]
        await run(app, pilot, "import matplotlib.pyplot as plt\n%matplotlib inline\nplt.plot([1, 4, 9]); plt.show()")
        await until(lambda: "[image saved:" in log_text(app), timeout=40, what="plot saved")
        images = list((notes_dir / "outputs" / LESSON).glob("*.png"))
        assert images and images[0].read_bytes().startswith(b"\x89PNG")
        assert str(images[0]) in log_text(app).replace("\n", "")
        picture = [strip for strip in app.study_screen.code.log_widget.lines if "▀" in "".join(s.text for s in strip)]
        assert len(picture) >= 5, "the plot is drawn in the log too, not only saved"
        colours = {s.style.color.triplet for strip in picture for s in strip if s.style and s.style.color}
        assert len(colours) > 2, "a picture, not a blank block"
        await run(app, pilot, "1/0")
        await until(lambda: "ZeroDivisionError" in log_text(app), what="traceback")
        styled = [s for strip in app.study_screen.code.log_widget.lines for s in strip if "ZeroDivisionError" in s.text]
        assert any(s.style and s.style.color for s in styled), "tracebacks keep their colours"
        lines = [line.strip() for line in log_text(app).splitlines()]
        assert "ZeroDivisionError  Traceback (most recent call last)" in lines, "one line in a narrow pane"
        assert not any(len(line) >= 20 and set(line) == {"-"} for line in lines), "no rule wrapped in two"

        def saved_traceback() -> list[str]:
            cells = nbformat.read(notes_dir / f"{LESSON}.ipynb", as_version=4).cells
            outputs = cells[-1].outputs if cells and cells[-1].source == "1/0" else []
            return [line for output in outputs for line in output.get("traceback", [])]

        await until(lambda: saved_traceback(), what="the error saved in the notebook")
        assert any(set(re.sub(r"\x1b\[[0-9;]*m", "", line).strip()) == {"-"} for line in saved_traceback()), (
            "the notebook keeps the traceback as it came"
        )
        await quit_app(app, pilot)


async def test_input_and_password_prompts_inline(lessons_dir, notes_dir):
    app = make_app(lessons_dir, notes_dir)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await run(app, pilot,
                  "import getpass\nname = input('name? ')\npw = getpass.getpass('pw: ')\nprint('hi', name, len(pw))")
        prompt = app.study_screen.code.stdin_prompt
        await until(lambda: prompt.display, what="the input prompt")
        await pilot.press(*"Ada", "enter")
        await until(lambda: prompt.display and prompt.query_one("Input").password, what="the password prompt")
        await pilot.press(*"secret", "enter")
        await until(lambda: "hi Ada 6" in log_text(app), what="the answers used")
        assert "name? Ada" in log_text(app) and "secret" not in log_text(app)
        # A pending input ends with the cell when it is interrupted.
        await run(app, pilot, "input('never answered: ')")
        await until(lambda: prompt.display, what="the prompt again")
        app.study_screen.action_interrupt()
        await until(lambda: not prompt.display, timeout=10, what="the prompt gone")
        await until(lambda: "KeyboardInterrupt" in log_text(app), what="interrupted")
        await quit_app(app, pilot)


@pytest.mark.timeout(120)
async def test_a_flood_stays_bounded_and_keys_are_handled_mid_flood(lessons_dir, notes_dir):
    app = make_app(lessons_dir, notes_dir)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await run(app, pilot, "for i in range(200_000): print(i)")
        await until(lambda: "199999" in log_text(app), timeout=60, what="the end of the flood")
        text = log_text(app)
        assert "lines hidden" in text and "\n0\n" in f"\n{text}\n"
        spills = list((notes_dir / "outputs" / LESSON).glob("*.txt"))
        assert len(spills) == 1 and spills[0].read_text().count("\n") == 200_000
        assert len(app.study_screen.code.log_widget.lines) < 1_000
        await run(app, pilot, "print('x' * 10_000_000)")
        await until(lambda: "more characters" in log_text(app), timeout=60, what="the long line cut")
        # An endless flood: ctrl+c is handled while it streams.
        await run(app, pilot, "i = 0\nwhile True:\n    print(i); i += 1")
        await until(lambda: "hidden" in live_text(app), timeout=20, what="the flood streaming")
        await pilot.press("ctrl+c")
        await until(lambda: "KeyboardInterrupt" in log_text(app), timeout=10, what="the flood interrupted")
        await quit_app(app, pilot)


async def test_cells_are_kept_in_the_lesson_notebook_with_video_time(lessons_dir, notes_dir):
    app = make_app(lessons_dir, notes_dir)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        app.session.clock.seek(754)
        await run(app, pilot, "print('kept')")
        await run(app, pilot, "21 * 2")
        path = notes_dir / f"{LESSON}.ipynb"
        await until(lambda: path.exists() and len(nbformat.read(path, as_version=4).cells) == 3, what="notebook")
        notebook = nbformat.read(path, as_version=4)
        nbformat.validate(notebook)
        marker, first, second = notebook.cells
        assert marker.cell_type == "markdown" and marker.source.startswith("**Kernel started ")
        assert first.source == "print('kept')" and first.outputs[0].text == "kept\n"
        assert first.metadata["studytui"]["video_time"] == 754
        assert second.execution_count == 2 and second.outputs[0].data["text/plain"] == "42"
        await quit_app(app, pilot)


async def test_history_completion_and_docs(lessons_dir, notes_dir):
    app = make_app(lessons_dir, notes_dir)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        code_input = app.study_screen.code.input_widget
        await pilot.press(*"import collections", "enter")
        await until(lambda: "In [1]: import collections" in log_text(app), what="cell 1")
        await pilot.press(*"my_long_name = 5", "enter")
        await until(lambda: "In [2]" in log_text(app), what="cell 2")
        await pilot.press("up")
        assert code_input.text == "my_long_name = 5"
        await pilot.press("up")
        assert code_input.text == "import collections"
        await pilot.press("down", "down")
        assert code_input.text == ""
        history = notes_dir / ".studytui" / "history" / f"{LESSON}.json"
        assert "my_long_name = 5" in history.read_text()
        await pilot.press(*"my_lo", "tab")
        await until(lambda: code_input.text == "my_long_name", timeout=15, what="completion")
        code_input.load_text("collections.Ord")
        code_input.move_cursor(code_input.document.end)
        await pilot.press("tab")
        await until(lambda: code_input.text == "collections.OrderedDict", timeout=15, what="completion")
        await pilot.press("shift+tab")
        await until(lambda: "Dictionary that remembers" in log_text(app), timeout=15, what="docs")
        await quit_app(app, pilot)


async def test_existing_kernel_is_attached_and_left_running(lessons_dir, notes_dir, tmp_path):
    km = AsyncKernelManager(kernel_name="python3")
    km.connection_file = str(tmp_path / "kernel-outside.json")
    await km.start_kernel(stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.DEVNULL)
    try:
        app = make_app(lessons_dir, notes_dir, existing_kernel=Path(km.connection_file))
        async with app.run_test(size=SIZE) as pilot:
            await ready(app, pilot)
            assert "attached: kernel-outside.json" in str(app.study_screen.code.border_subtitle)
            await run(app, pilot, "import os; os.getpid()")
            pid = km.provisioner.process.pid
            await until(lambda: f"Out[1]: {pid}" in log_text(app), what="the outside kernel's pid")
            await quit_app(app, pilot)
        assert await km.is_alive(), "quitting leaves an attached kernel running"
    finally:
        await km.shutdown_kernel(now=True)
