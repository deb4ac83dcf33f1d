"""What changes on disk while the app runs shows without a restart: a transcript dropped into the
transcripts folder (the lesson's f8, the search across lessons), and a lesson file edited before
the file watchers were up (they compare against what was loaded)."""

from __future__ import annotations

from pathlib import Path

import pytest

from studytui.config import Settings
from studytui.ui.app import StudyApp
from tests.subtitles import write_vtt
from tests.ui.test_app import SIZE, tree_labels
from tests.ui.test_transcript import loaded, pane_text
from tests.waiting import until

pytestmark = pytest.mark.timeout(60)


async def test_a_transcript_dropped_in_the_folder_while_running_shows_in_f8_and_the_search(lessons_dir, notes_dir):
    app = StudyApp(Settings(lessons_dir=lessons_dir, notes_dir=notes_dir))
    async with app.run_test(size=SIZE) as pilot:
        transcript = app.study_screen.transcript
        await until(lambda: transcript.loaded is not None and transcript.watching, 20,
                    "no transcript yet, and the watchers up")
        assert not loaded(app) and "No transcript" in transcript.loaded.status
        folder = notes_dir / "transcripts"
        folder.mkdir(exist_ok=True)
        write_vtt(folder / "sample-micrograd.vtt")
        await until(lambda: loaded(app), 20, "the transcript read without a restart")
        await pilot.press("f8")
        await until(lambda: "welcome to this lecture" in pane_text(app), 10, "f8 shows it")
        await until(lambda: bool(transcript.search_every_lesson("autograd")), 10, "the search across lessons finds it")


async def test_a_lesson_file_edited_before_the_watchers_are_up_is_seen(lessons_dir, notes_dir):
    app = StudyApp(Settings(lessons_dir=lessons_dir, notes_dir=notes_dir))  # the lessons are read here
    second = lessons_dir / "02-bigrams.md"
    second.write_text(second.read_text(encoding="utf-8").replace("Sample bigrams", "Bigrams, renamed early"),
                      encoding="utf-8")  # before any watcher is up
    async with app.run_test(size=SIZE):
        await until(lambda: any("Bigrams, renamed early" in label for label in tree_labels(app)), 20,
                    "the edit shown in the outline")
