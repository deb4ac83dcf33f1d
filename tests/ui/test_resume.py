"""Resuming a lesson: its earlier cells are shown above the prompt, the replay picker ticks only
the cells that may run again (and those that read only what ticked cells set), replay runs them one
at a time in a real kernel, and ctrl+c stops it."""

from __future__ import annotations

import pytest
from textual.widgets import OptionList

from studytui.config import Settings
from studytui.core.kernel import LessonNotebook, read_saved_cells
from studytui.ui.app import StudyApp
from studytui.ui.resume.replay_picker import ReplayPicker
from tests.ui.test_app import SIZE, log_text
from tests.waiting import until

pytestmark = [pytest.mark.timeout(90), pytest.mark.real_kernel]  # the kernel is what these test

INTERRUPTED = [{"output_type": "error", "ename": "KeyboardInterrupt", "evalue": "", "traceback": []}]
FAILED = [{"output_type": "error", "ename": "ZeroDivisionError", "evalue": "division by zero", "traceback": []}]
CELLS = [
    ("a = 1", [], "ok"),
    ("1 / 0", FAILED, "error"),
    ("while True:\n    pass", INTERRUPTED, "error"),
    ("name = input('who? ')", [], "ok"),
    ("%pip install numpy", [], "ok"),
    ("!ls", [], "ok"),
    ("b = a + 1", [], "ok"),
    ("greeting = 'hi ' + name", [], "ok"),  # reads the input() cell's answer: it cannot run without it
]


def write_notebook(notes_dir, cells) -> None:
    notebook = LessonNotebook(notes_dir / "sample-micrograd.ipynb")
    for number, (code, outputs, status) in enumerate(cells, 1):
        notebook.append(code, outputs, number, 60.0 * number, status)


def test_the_cells_that_may_replay_are_the_ones_that_finished_ok_and_ask_nothing(notes_dir):
    notes_dir.mkdir(parents=True, exist_ok=True)
    write_notebook(notes_dir, CELLS)
    reasons = [cell.skip_reason for cell in read_saved_cells(notes_dir / "sample-micrograd.ipynb")]
    assert reasons == [None, "did not finish ok", "interrupted", "asks for input", "shell or pip", "shell or pip", None,
                       None]


def picker_rows(app: StudyApp) -> list[str]:
    options = app.screen.query_one(OptionList)
    return [str(options.get_option_at_index(index).prompt) for index in range(options.option_count)]


async def run_and_read(app: StudyApp, pilot, code: str, expect: str) -> None:
    await pilot.press("f4")
    app.study_screen.code.input_widget.load_text(code)
    await pilot.press("ctrl+r")
    await until(lambda: expect in log_text(app), timeout=30, what=f"{expect!r} in the log")


async def test_relaunch_shows_earlier_cells_and_replays_only_the_chosen_ones(lessons_dir, notes_dir):
    notes_dir.mkdir(parents=True, exist_ok=True)
    write_notebook(notes_dir, CELLS)
    app = StudyApp(Settings(lessons_dir=lessons_dir, notes_dir=notes_dir))
    async with app.run_test(size=SIZE) as pilot:
        await until(lambda: "Earlier in this lesson" in log_text(app), what="the earlier cells")
        shown = log_text(app)
        assert "b = a + 1" in shown and "(interrupted)" in shown and "(asks for input)" in shown
        assert "(reads `name`, set by cell 4 which will not run)" in " ".join(shown.split())
        assert "2 of 8 cells may run again" in " ".join(shown.split())

        await app.study_screen.run_action("replay_cells")
        await until(lambda: isinstance(app.screen, ReplayPicker) and app.screen.query(OptionList),
                    what="the replay picker")
        rows = picker_rows(app)
        assert [row[:3] for row in rows] == ["[x]", "[ ]", "[ ]", "[ ]", "[ ]", "[ ]", "[x]", "[ ]"]
        assert "(reads `name`, set by cell 4 which will not run)" in rows[7]
        app.screen.query_one(OptionList).highlighted = 5
        await pilot.press("space")
        assert picker_rows(app)[5].startswith("[x]"), "space ticks a row"
        await pilot.press("space")
        assert picker_rows(app)[5].startswith("[ ]"), "and unticks it"
        await pilot.press("enter")
        await until(lambda: "Replay done" in log_text(app), timeout=40, what="the replay to finish")
        await run_and_read(app, pilot, "print(a, b, 'name' in dir())", "1 2 False")
        await app.action_quit()


async def test_ctrl_c_stops_a_replay_and_nothing_after_runs(lessons_dir, notes_dir):
    notes_dir.mkdir(parents=True, exist_ok=True)
    write_notebook(notes_dir, [("import time\ntime.sleep(60)", [], "ok"), ("after = 1", [], "ok")])
    app = StudyApp(Settings(lessons_dir=lessons_dir, notes_dir=notes_dir))
    async with app.run_test(size=SIZE) as pilot:
        await until(lambda: "Earlier in this lesson" in log_text(app), what="the earlier cells")
        await app.study_screen.run_action("replay_cells")
        await until(lambda: isinstance(app.screen, ReplayPicker) and app.screen.query(OptionList),
                    what="the replay picker")
        await pilot.press("enter")
        await until(lambda: app.study_screen.code.live_widget.display, timeout=30, what="the sleep to run")
        await pilot.press("f4", "ctrl+c")
        await until(lambda: "Replay stopped" in log_text(app), timeout=30, what="the replay to stop")
        assert "1 cell not run" in log_text(app)
        await run_and_read(app, pilot, "print('after' in dir())", "False")
        await app.action_quit()
