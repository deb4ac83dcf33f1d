"""A lesson opened any of the six ways (the outline, the palette, f10, an exercise, a transcript
search, a rewatch from the review) goes through the session's one open_lesson and has the same
effects: its notes, its outline row, the header, its transcript, its requirements asked of the
kernel, and the offer to replay its earlier cells."""

from __future__ import annotations

from pathlib import Path

import pytest

from studytui.config import Settings
from studytui.core.kernel import LessonNotebook
from studytui.ui.app import StudyApp
from studytui.ui.messages import ExercisePicked
from studytui.ui.review import ReviewScreen
from studytui.ui.transcript.search_screen import TranscriptSearchScreen
from tests.conftest import SAMPLE_LESSON
from tests.subtitles import write_srt
from tests.ui.conftest import left_in_pass_two
from tests.ui.test_app import SIZE, log_text, screen_text
from tests.waiting import until

pytestmark = pytest.mark.timeout(60)

TARGET = """\
---
id: sample-bigrams
title: Sample bigrams
course: Sample course
duration: "1:57:45"
order: 2
requires: [json]
---
## 00:00:00 intro
Counting pairs of letters.

## 00:12:45 counting in a tensor
A 27 by 27 table.

::: exercise count Count the pairs
Count them.
:::
"""
NOTES = "# Sample bigrams\n\n## 12:45 counting in a tensor\n\n- [13:00] what is a bigram :: a pair of letters\n"


@pytest.fixture
def workspace(tmp_path: Path) -> tuple[Path, Path]:
    lessons, notes = tmp_path / "lessons", tmp_path / "notes"
    lessons.mkdir()
    (lessons / "01-micrograd.md").write_text(SAMPLE_LESSON, encoding="utf-8")
    (lessons / "02-bigrams.md").write_text(TARGET, encoding="utf-8")
    (notes / "transcripts").mkdir(parents=True)
    write_srt(notes / "transcripts" / "sample-bigrams.srt", [(0.0, "counting pairs"), (780.0, "a bigram table")])
    (notes / "sample-bigrams.md").write_text(NOTES, encoding="utf-8")
    LessonNotebook(notes / "sample-bigrams.ipynb", "python3").append("pairs = {}", [], 1, 10.0, "ok")
    left_in_pass_two(notes, "sample-bigrams")  # studied before: its code pane shows the replay offer
    return lessons, notes


async def by_the_outline(app: StudyApp, pilot) -> None:
    outline = app.study_screen.outline
    await pilot.press("f2")
    outline.move_cursor(outline._lesson_nodes["sample-bigrams"])
    await pilot.press("enter")


async def by_the_palette(app: StudyApp, pilot) -> None:
    await pilot.press("ctrl+p", *"bigrams")
    await until(lambda: "Sample course · Sample bigrams" in screen_text(app), 5, "the lesson in the palette")
    await pilot.press("enter")


async def by_f10(app: StudyApp, pilot) -> None:
    await pilot.press("f10", *"bigrams", "enter")


async def by_an_exercise(app: StudyApp, pilot) -> None:
    app.study_screen.outline.post_message(ExercisePicked("sample-bigrams", "count"))  # enter on its row


async def by_a_transcript_search(app: StudyApp, pilot) -> None:
    transcript = app.study_screen.transcript
    await until(lambda: "sample-bigrams" in transcript.index.lesson_ids, 20, "the transcripts indexed")
    await app.study_screen.run_action("search_transcripts")
    await until(lambda: isinstance(app.screen, TranscriptSearchScreen), 5, "the search screen")
    await pilot.press(*"bigram")
    await until(lambda: "1 match" in screen_text(app), 5, "the match")
    await pilot.press("enter")


async def by_a_rewatch(app: StudyApp, pilot) -> None:
    await pilot.press("f12")
    await until(lambda: isinstance(app.screen, ReviewScreen), 5, "the review")
    await pilot.press("w")


@pytest.mark.parametrize("way", [by_the_outline, by_the_palette, by_f10, by_an_exercise, by_a_transcript_search,
                                 by_a_rewatch], ids=lambda way: way.__name__)
async def test_every_way_of_opening_a_lesson_has_the_same_effects(workspace, way):
    lessons, notes = workspace
    app = StudyApp(Settings(lessons_dir=lessons, notes_dir=notes, start_pass=2))
    async with app.run_test(size=SIZE) as pilot:
        screen = app.study_screen
        await until(lambda: app.session.lesson is not None and app.session.lesson.id == "sample-micrograd", 5,
                    "the first lesson")
        await way(app, pilot)
        await until(lambda: app.session.lesson.id == "sample-bigrams", 5, "the lesson opened")
        assert screen.notes.notes_file is not None and screen.notes.notes_file.path == notes / "sample-bigrams.md"
        assert "what is a bigram" in screen.notes.text
        row = screen.outline._lesson_nodes["sample-bigrams"]
        assert row.is_expanded and screen.outline.cursor_node.data.lesson_id == "sample-bigrams", "its outline row"
        assert screen.header.title == "Sample bigrams"
        await until(lambda: screen.transcript.loaded is not None
                    and screen.transcript.loaded.lesson_id == "sample-bigrams", 10, "its transcript")
        assert screen.requirements.lesson is app.session.lesson, "its requirements asked of the kernel"
        await until(lambda: "Earlier in this lesson (sample-bigrams.ipynb" in log_text(app), 10, "the replay offer")
        await app.action_quit()
