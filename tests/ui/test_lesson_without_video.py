"""A lesson without a video (Python basics) in the study screen, wide and narrow: no clock and no passes
anywhere, and it says so; ctrl+o, ctrl+t, "Finish this pass" and a launch in pass 1 do not bring a clock
back; its notes are not asked for at a video time."""

from __future__ import annotations

import pytest

from studytui.config import Settings, bundled_lessons_dir
from studytui.ui.app import StudyApp
from tests.ui.test_app import header_text, screen_text, tree_labels, widget_text
from tests.waiting import until

pytestmark = pytest.mark.timeout(60)

LESSON = "py-01-values-and-lists"


def make_app(notes, start_pass: int | None = None) -> StudyApp:
    return StudyApp(Settings(lessons_dir=bundled_lessons_dir(), notes_dir=notes, start_pass=start_pass))


def toasts(app: StudyApp) -> list[str]:
    return [notification.message for notification in app._notifications]


@pytest.mark.parametrize("size", [(80, 24), (160, 45)])
async def test_no_clock_and_no_passes_whatever_is_pressed(tmp_path, size):
    app = make_app(tmp_path / "notes")
    async with app.run_test(size=size, notifications=True) as pilot:
        app.session.open_lesson(app.session.library.find(LESSON))
        await pilot.pause()
        await pilot.press("ctrl+o")  # pass 1 would show the big clock
        await pilot.pause()
        assert not app.study_screen.has_class("pass-1") and not app.study_screen.watch_view.display
        assert any("has no video: no clock and no passes" in toast for toast in toasts(app))
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert not app.session.clock.playing, "no clock to start"
        assert any("there is no clock to start" in toast for toast in toasts(app))
        await app.study_screen.run_action("finish_pass")
        await pilot.pause()
        assert not app.study_log.passes_done(LESSON)
        label = next(label for label in tree_labels(app) if "Values and lists" in label)
        assert "✓" not in label and label.endswith("Values and lists  exercises")
        header = header_text(app)
        assert "no video: no clock and no passes" in header and "pass " not in header and "0:00:00" not in header
        shown = screen_text(app)
        assert "0:00:00" not in shown and "paused" not in shown and "playing" not in shown
        app.clear_notifications()  # the notices above cover the notes' foot on a small screen
        await pilot.press("f3")
        await pilot.pause()
        assert "write them here, as you work the exercises" in widget_text(app.query_one("#notes-empty"))
        assert "at the video time" not in screen_text(app)
        await app.action_quit()


async def test_a_launch_in_pass_1_on_a_lesson_without_a_video_shows_its_notes_and_code(tmp_path):
    notes = tmp_path / "notes"
    app = make_app(notes)
    async with app.run_test(size=(160, 45)) as pilot:
        app.session.open_lesson(app.session.library.find(LESSON))
        await pilot.pause()
        await app.action_quit()
    app = make_app(notes, start_pass=1)  # `studytui --pass 1`, the lesson studied last opened again
    async with app.run_test(size=(160, 45)) as pilot:
        await until(lambda: app.session.lesson is not None and app.session.lesson.id == LESSON, what="the lesson")
        await pilot.pause()
        assert not app.study_screen.has_class("pass-1")
        assert app.study_screen.notes.display and app.study_screen.code.display
        assert not app.study_screen.watch_view.display
        assert app.study_screen.notes.editor.has_focus
        await app.action_quit()
