"""A snapshot of the review screen at 80x24, answer shown: new cards only, so nothing depends on the date.

Regenerate after an intended change with `pytest tests/ui/test_review_snapshot.py --snapshot-update`
and look at the SVG in tests/ui/__snapshots__/ before committing it.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from studytui.config import Settings
from studytui.ui.app import StudyApp
from studytui.ui.review import ReviewScreen
from tests.conftest import SAMPLE_LESSON, SECOND_LESSON
from tests.fixed_paths import only_user_of
from tests.ui.test_review import write_cards
from tests.waiting import until

pytestmark = pytest.mark.timeout(60)

ROOT = Path("/tmp/studytui-review-snapshot")


@pytest.fixture(autouse=True)
def root_to_ourselves() -> Iterator[None]:
    """ROOT is emptied and refilled by each test here: one test at a time, across processes too."""
    with only_user_of(ROOT):
        yield


def test_review_screen_with_the_answer_shown(snap_compare):
    shutil.rmtree(ROOT, ignore_errors=True)
    lessons = ROOT / "lessons"
    lessons.mkdir(parents=True)
    (lessons / "01-micrograd.md").write_text(SAMPLE_LESSON, encoding="utf-8")
    (lessons / "02-bigrams.md").write_text(SECOND_LESSON, encoding="utf-8")
    write_cards(ROOT / "notes")
    app = StudyApp(Settings(lessons_dir=lessons, notes_dir=ROOT / "notes", start_in_review=True))

    async def run_before(pilot) -> None:
        await until(lambda: isinstance(pilot.app.screen, ReviewScreen), 10, "the review screen")
        await pilot.press("space")
        pilot.app.screen.set_focus(None)
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)
