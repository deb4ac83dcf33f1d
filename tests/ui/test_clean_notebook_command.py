"""The palette's "Export a clean notebook of this lesson": the cells that ran without error written
to a notebook nbformat validates, one line saying where and what was left out, the rest in the code
pane; a lesson with nothing to export is refused with the reason, and nothing is written."""

from __future__ import annotations

import nbformat
import pytest

from studytui.config import Settings
from studytui.core.kernel import clean_notebook_path
from studytui.ui.app import StudyApp
from tests.ui.test_app import SIZE, log_text
from tests.ui.test_code_pane import LESSON, run
from tests.waiting import until

pytestmark = pytest.mark.timeout(60)


def make_app(lessons_dir, notes_dir) -> StudyApp:
    return StudyApp(Settings(lessons_dir=lessons_dir, notes_dir=notes_dir, start_pass=2, refuse_paste_code=False))


def toasts(app: StudyApp) -> list[str]:
    return [notification.message for notification in app._notifications]


async def test_the_clean_notebook_is_written_and_what_was_left_out_is_said(lessons_dir, notes_dir):
    app = make_app(lessons_dir, notes_dir)
    record = notes_dir / f"{LESSON}.ipynb"
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await until(lambda: "kernel: idle" in app.study_screen.header.render().plain, what="the kernel")
        await pilot.press("f4")
        for code, shown in (("a = 6", "In [1]"), ("1 / 0", "ZeroDivisionError"), ("print('a is', a * 7)", "a is 42")):
            await run(app, pilot, code)
            await until(lambda shown=shown: shown in log_text(app), what=repr(shown))
        await until(lambda: record.exists() and len(nbformat.read(record, as_version=4).cells) >= 3,
                    what="the three cells in the lesson's notebook")

        await app.study_screen.run_action("export_notebook")
        target = clean_notebook_path(app.settings, LESSON)
        await until(lambda: any("Clean notebook written" in toast for toast in toasts(app)), what="the export's line")
        line = next(toast for toast in toasts(app) if "Clean notebook written" in toast)
        assert str(target) in line and "2 cells from the last kernel session, renumbered; 1 left out" in line
        assert "\n" not in line, "one line"
        assert "left out: cell 2: did not finish ok" in log_text(app), "the rest in the code pane"
        clean = nbformat.read(target, as_version=4)
        nbformat.validate(clean)
        assert [(cell.source, cell.execution_count) for cell in clean.cells] == [
            ("a = 6", 1), ("print('a is', a * 7)", 2)]
        await app.action_quit()


async def test_a_lesson_with_no_cell_run_is_refused_with_the_reason(lessons_dir, notes_dir):
    app = make_app(lessons_dir, notes_dir)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await app.study_screen.run_action("export_notebook")
        await until(lambda: any("No clean notebook written" in toast for toast in toasts(app)), what="the refusal")
        refusal = next(toast for toast in toasts(app) if "No clean notebook written" in toast)
        assert "no cell was run in this lesson yet" in refusal
        assert not clean_notebook_path(app.settings, LESSON).exists()

        await until(lambda: "kernel: idle" in app.study_screen.header.render().plain, what="the kernel")
        await pilot.press("f4")
        await run(app, pilot, "1 / 0")  # a record, but no cell that ran without error
        await until(lambda: (notes_dir / f"{LESSON}.ipynb").exists(), what="the record")
        app._notifications.clear()
        await app.study_screen.run_action("export_notebook")
        await until(lambda: any("No clean notebook written" in toast for toast in toasts(app)), what="the refusal")
        assert any("ran without error" in toast for toast in toasts(app))
        assert not clean_notebook_path(app.settings, LESSON).exists()
        await app.action_quit()
