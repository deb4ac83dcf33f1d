"""The app opened on a workspace the studytui before the one store wrote: the lesson studied last
opens at its position and in its pass, the outline shows each exercise's result, the review
schedules are there, and the JSON files are kept aside as *.migrated."""

from __future__ import annotations

import pytest

from studytui.config import Settings, bundled_lessons_dir
from studytui.core.review import ReviewRecords
from studytui.ui.app import StudyApp
from tests.old_workspace import iso, write_old_workspace
from tests.ui.test_app import SIZE
from tests.waiting import until

pytestmark = pytest.mark.timeout(60)

STATE = {
    "last_lesson": "zth-02-makemore-bigrams",
    "positions": {"zth-01-micrograd": 1234.5, "zth-02-makemore-bigrams": 61.0},
    "passes": {"zth-01-micrograd": 1, "zth-02-makemore-bigrams": 1},
}
EXERCISES = {
    "zth-01-micrograd/slope": (
        {"status": "passed", "message": "passed", "attempts": 2, "hints_opened": 1,
         "first_passed": iso(300), "last_checked": iso(300)},
        [(100.004, False), (300.002, True)],
    ),
    "zth-01-micrograd/value-forward": (
        {"status": "failing", "message": "expected 4.0", "attempts": 1, "hints_opened": 0,
         "first_passed": None, "last_checked": iso(400)},
        [(400.2, False)],
    ),
}


async def test_the_app_opens_an_old_workspace_with_everything_in_place(tmp_path):
    settings = Settings(lessons_dir=bundled_lessons_dir(), notes_dir=tmp_path / "notes")
    write_old_workspace(settings, STATE, EXERCISES)
    app = StudyApp(settings)
    async with app.run_test(size=SIZE) as pilot:
        await until(lambda: app.session.lesson is not None, what="the last lesson open")
        assert app.session.lesson is not None and app.session.lesson.id == "zth-02-makemore-bigrams"
        assert app.session.clock.position == pytest.approx(61.0, abs=0.2)
        assert app.study_screen.study.current_pass() == 1
        assert app.study_state.position_of("zth-01-micrograd") == 1234.5
        labels = {key: node.label.plain for key, node in app.study_screen.outline._exercise_nodes.items()}
        assert labels["zth-01-micrograd/slope"].strip().startswith("✓ Estimate a slope")
        assert labels["zth-01-micrograd/value-forward"].strip().startswith("✗ ")
        assert set(ReviewRecords(app.study_log).schedules()) == {"c1a2b3", "d4e5f6"}
        assert not app._notifications or all("Moving your progress" not in n.message for n in app._notifications)
        await app.action_quit()
        await pilot.pause()
    workspace = settings.workspace_dir
    assert (workspace / "state.json.migrated").exists() and (workspace / "exercises.json.migrated").exists()
    assert not settings.state_path.exists() and not settings.exercise_progress_path.exists()
