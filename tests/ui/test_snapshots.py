"""Whole-screen snapshots of pass 1 and pass 2: fixed size, fixed paths, paused clock, idle kernel.

Regenerate after an intended change of the screen with `pytest tests/ui/test_snapshots.py --snapshot-update`
and look at the SVGs in tests/ui/__snapshots__/ before committing them.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from studytui.config import Settings
from studytui.ui.app import StudyApp
from tests.conftest import SAMPLE_LESSON, SECOND_LESSON
from tests.fixed_paths import only_user_of
from tests.waiting import until

pytestmark = pytest.mark.timeout(60)

# Paths show on screen, so they must not change between runs.
ROOT = Path("/tmp/studytui-snapshot")


@pytest.fixture(autouse=True)
def root_to_ourselves() -> Iterator[None]:
    """ROOT is emptied and refilled by each test here: one test at a time, across processes too."""
    with only_user_of(ROOT):
        yield


NOTES = (
    "# Sample micrograd\n\n## 08:08 derivative of a simple function\n\n"
    "- [08:30] slope = how much f moves when x is nudged\n- [09:12] ? why does h have to be tiny\n"
    "- [10:05] ! with h = 1e-15 the slope goes wrong: float precision\n"
)


def fresh_app(study_pass: int) -> StudyApp:
    shutil.rmtree(ROOT, ignore_errors=True)
    lessons = ROOT / "lessons"
    lessons.mkdir(parents=True)
    (lessons / "01-micrograd.md").write_text(SAMPLE_LESSON, encoding="utf-8")
    (lessons / "02-bigrams.md").write_text(SECOND_LESSON, encoding="utf-8")
    notes = ROOT / "notes"
    notes.mkdir()
    (notes / "sample-micrograd.md").write_text(NOTES, encoding="utf-8")
    return StudyApp(Settings(lessons_dir=lessons, notes_dir=notes, start_pass=study_pass))


async def settle(pilot) -> None:
    app = pilot.app
    app.session.seek(9 * 60 + 12)  # moved as the features move it: shown at once
    await until(lambda: app.kernel.state.value == "idle", 30, "the kernel")
    app.screen.set_focus(None)
    await pilot.pause()


def test_pass_two_screen(snap_compare):
    async def run_before(pilot) -> None:
        await settle(pilot)
        await pilot.press("f4", *"print(6*7)", "enter")
        app = pilot.app
        log = app.study_screen.code.log_widget
        await until(lambda: "42" in "\n".join(str(line.text) for line in log.lines), 10, "42")
        app.screen.set_focus(None)
        await pilot.pause()

    assert snap_compare(fresh_app(2), terminal_size=(140, 36), run_before=run_before)


def test_pass_one_screen(snap_compare):
    assert snap_compare(fresh_app(1), terminal_size=(140, 36), run_before=settle)


def pass_two_with_a_cell(focus_after: str | None = None):
    async def run_before(pilot) -> None:
        await settle(pilot)
        await pilot.press("f4", *"print(6*7)", "enter")
        app = pilot.app
        log = app.study_screen.code.log_widget
        await until(lambda: "42" in "\n".join(str(line.text) for line in log.lines), 10, "42")
        if focus_after:
            await pilot.press(focus_after)
        app.screen.set_focus(None)  # no cursor: no blink in the picture
        await pilot.pause()

    return run_before


def test_80x24_one_pane_at_a_time(snap_compare):
    """Below 120 columns: the code pane alone, full width, with the tab strip."""
    assert snap_compare(fresh_app(2), terminal_size=(80, 24), run_before=pass_two_with_a_cell())


def test_80x24_the_outline_tab(snap_compare):
    assert snap_compare(fresh_app(2), terminal_size=(80, 24), run_before=pass_two_with_a_cell("f2"))


def test_160x48_three_panes(snap_compare):
    assert snap_compare(fresh_app(2), terminal_size=(160, 48), run_before=pass_two_with_a_cell())
