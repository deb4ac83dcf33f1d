"""The panes that start hidden are built on first use: pass 2's first screen has no transcript
children and no watch view children; f8 and pass 1 build them, showing what was kept meanwhile."""

from __future__ import annotations

from pathlib import Path

import pytest

from studytui.config import Settings
from studytui.ui.app import StudyApp
from studytui.ui.transcript import TranscriptPane
from tests.subtitles import lesson_with_transcript
from tests.ui.test_app import SIZE, header_text, screen_text, widget_text
from tests.waiting import until

pytestmark = pytest.mark.timeout(60)

TRANSCRIPT_CHILDREN = ("#transcript-search", "#transcript-status", "#transcript-cues")
WATCH_CHILDREN = ("#watch-lesson", "#watch-clock", "#watch-chapter", "#watch-next", "#watch-hint")


def present(app: StudyApp, ids: tuple[str, ...]) -> list[str]:
    return [widget_id for widget_id in ids if app.screen.query(widget_id)]


async def test_pass_two_builds_the_transcript_on_f8_and_the_watch_view_on_pass_one(lessons_dir: Path,
                                                                                  notes_dir: Path) -> None:
    lesson_with_transcript(lessons_dir)
    app = StudyApp(Settings(lessons_dir=lessons_dir, notes_dir=notes_dir, start_pass=2,
                            transcript_in_pass_1=True))
    async with app.run_test(size=SIZE) as pilot:
        await until(lambda: app.study_screen.transcript.loaded is not None, 20, "the transcript read")
        assert present(app, TRANSCRIPT_CHILDREN) == [], "the transcript's children wait for f8"
        assert present(app, WATCH_CHILDREN) == [], "the watch view's children wait for pass 1"
        app.session.clock.seek(16)  # kept while the pane is not built: shown on the first f8
        await pilot.press("f8")
        assert present(app, TRANSCRIPT_CHILDREN) == list(TRANSCRIPT_CHILDREN)
        pane = app.query_one(TranscriptPane)
        assert pane.search_field is not None and pane.search_field.has_focus
        await until(lambda: "▶   00:15  if you nudge the input" in screen_text(app), 5, "the cue at the clock")
        assert "micrograd.vtt" in screen_text(app), "the status kept from the reading"
        await pilot.press("ctrl+o")
        await until(lambda: "pass 1: watch" in header_text(app), 5, "pass 1")
        assert present(app, WATCH_CHILDREN) == list(WATCH_CHILDREN)
        watch = app.study_screen.watch_view
        assert [child.id for child in watch.children] == [
            "watch-lesson", "watch-clock", "watch-chapter", "watch-next", "watch-caption", "watch-hint"
        ], "the caption under the chapters, above the hint"
        await until(lambda: "if you nudge the input" in screen_text(app), 5, "the caption at the clock")
        lesson_line = app.screen.query_one("#watch-lesson")
        await until(lambda: "Sample micrograd" in widget_text(lesson_line), 5, "the lesson, kept before the build")
        await app.action_quit()
