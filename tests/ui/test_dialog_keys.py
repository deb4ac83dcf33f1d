"""Each dialog that closes on Enter, with Pilot: the words typed and Enter come in one read with the
keys after them. Enter chooses by every key typed before it, and the keys after it reach the line
below the dialog (or stay in the dialog where Enter keeps it open), none lost."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual import events
from textual.app import App, ComposeResult
from textual.screen import Screen
from textual.widgets import Input

from studytui.core.lessons import load_library
from studytui.core.notes import NoteHit, parse_stamps, search_notes
from studytui.core.transcripts import TranscriptIndex, read_transcript
from studytui.ui.chapters.title_line import ChapterTitleLine
from studytui.ui.courses.add_dialog import AddCourseDialog
from studytui.ui.notes import RevisitScreen
from studytui.ui.notes.notes_search import NotesSearchScreen
from studytui.ui.outline import LessonPicker
from studytui.ui.transcript.search_screen import ChosenMoment, TranscriptSearchScreen
from studytui.ui.widgets.ordered_keys import OrderedInput
from tests.conftest import SAMPLE_LESSON, SECOND_LESSON
from tests.subtitles import write_vtt
from tests.waiting import until

pytestmark = pytest.mark.timeout(60)

NOTES = "# Sample micrograd\n\n## 19:09 the Value object\n\n- [21:40] grad starts at zero\n- [22:00] ? why a set\n"


class Below(App[None]):
    """A line with the focus, and a dialog opened over it."""

    def __init__(self) -> None:
        super().__init__()
        self.results: list[Any] = []

    def compose(self) -> ComposeResult:
        yield OrderedInput(id="below")

    def open(self, dialog: Screen[Any]) -> None:
        self.push_screen(dialog, self.results.append)

    def burst(self, *keys: str) -> None:
        """Every key read at once, as the driver hands them to the App."""
        for key in keys:
            character = " " if key == "space" else key if len(key) == 1 else None
            self.post_message(events.Key(key, character))

    @property
    def below(self) -> str:
        return self.query_one("#below", Input).value


def typed(text: str) -> list[str]:
    return ["space" if char == " " else char for char in text]


async def ready(app: Below) -> None:
    await until(lambda: app.focused is not None and app.focused.id == "below", what="the line below with the focus")


async def opened(app: Below, dialog: Screen[Any]) -> None:
    await ready(app)
    app.open(dialog)
    await until(lambda: app.screen is dialog and app.focused is not None and app.focused.id != "below",
                what="the dialog with the focus")


async def closed_with(app: Below, result: Any, then_below: str) -> None:
    await until(lambda: app.results == [result] and app.below == then_below,
                what=f"closed with {result!r}, {then_below!r} typed below; got {app.results}, {app.below!r}")


@pytest.fixture
def lessons(tmp_path: Path) -> list[Any]:
    folder = tmp_path / "lessons"
    folder.mkdir()
    (folder / "micrograd.md").write_text(SAMPLE_LESSON, encoding="utf-8")
    (folder / "bigrams.md").write_text(SECOND_LESSON, encoding="utf-8")
    return list(load_library(folder).lessons)


@pytest.mark.parametrize(("words", "chosen"), [("bigrams", "sample-bigrams"), ("microg", "sample-micrograd"),
                                               ("nowhere at all", None)])
async def test_the_lesson_picker(lessons, words, chosen):
    """The lesson the words find (none: closed with nothing), the keys after Enter below it."""
    app = Below()
    async with app.run_test():
        await opened(app, LessonPicker(lessons))
        app.burst(*typed(words), "enter", *"print(6*7)")
        await closed_with(app, chosen, "print(6*7)")


async def test_the_notes_search_goes_to_the_hit():
    app = Below()
    async with app.run_test():
        await opened(app, NotesSearchScreen("notes", lambda query: search_notes(NOTES, query, "m")))
        app.burst(*typed("grad starts"), "enter", *"x=1")
        await closed_with(app, NoteHit("m", 4, 21 * 60 + 40, "[21:40] grad starts at zero"), "x=1")


async def test_the_notes_search_with_no_hit_stays_and_keeps_what_is_typed_next():
    app = Below()
    async with app.run_test():
        search = NotesSearchScreen("notes", lambda query: search_notes(NOTES, query, "m"))
        await opened(app, search)
        app.burst(*typed("nowhere"), "enter", *typed(" grad"))
        query = search.query_one("#notes-query", Input)
        await until(lambda: query.value == "nowhere grad", what=f"the words typed on, in the search: {query.value!r}")
        assert "No note has" in str(search.query_one("#notes-search-status").render())
        assert app.screen is search and app.results == [] and app.below == ""
        app.burst("escape", *"y=2")
        await closed_with(app, None, "y=2")


async def test_the_transcript_search_opens_the_moment_or_stays(tmp_path):
    index = TranscriptIndex()
    transcript = read_transcript(write_vtt(tmp_path / "lecture.vtt")).transcript
    assert transcript is not None
    index.add("sample-micrograd", transcript)
    app = Below()
    async with app.run_test():
        search = TranscriptSearchScreen(index.search, {"sample-micrograd": "Sample micrograd"}, 1)
        await opened(app, search)
        app.burst(*typed("nothing like it"), "enter", "z")  # no match: Enter keeps it open
        query = search.query_one("#everywhere-query", Input)
        await until(lambda: query.value == "nothing like itz", what=f"the search kept the keys: {query.value!r}")
        app.burst("escape")
        await closed_with(app, None, "")
        app.results.clear()
        await opened(app, TranscriptSearchScreen(index.search, {"sample-micrograd": "Sample micrograd"}, 1))
        app.burst(*typed("tensor stretch"), "enter", *"x=3")
        await closed_with(app, ChosenMoment("sample-micrograd", 27.0), "x=3")


async def test_the_revisit_list_moves_the_clock_or_stays_when_empty():
    app = Below()
    async with app.run_test() as pilot:
        await opened(app, RevisitScreen(parse_stamps(NOTES)))
        app.burst("enter", *"x=4")
        await closed_with(app, 22 * 60.0, "x=4")
    empty = Below()
    async with empty.run_test() as pilot:
        nothing = RevisitScreen([])
        await ready(empty)
        empty.open(nothing)
        await until(lambda: empty.screen is nothing, what="the empty list")
        empty.burst("enter")
        await pilot.pause()
        assert empty.screen is nothing and empty.results == []
        empty.burst("escape", *"y=5")
        await closed_with(empty, None, "y=5")


async def test_the_chapter_title_is_every_key_typed_before_enter():
    app = Below()
    async with app.run_test():
        await ready(app)
        for round_ in range(5):
            app.open(ChapterTitleLine("12:34", "micrograd.md"))  # its title typed in the same read
            app.burst(*typed(f"the Value object {round_}"), "enter", *f"v{round_}")
            below = "".join(f"v{n}" for n in range(round_ + 1))
            await until(lambda: len(app.results) == round_ + 1 and app.below == below,  # noqa: B023
                        what=f"the title written and the keys after Enter below: {app.results}, {app.below!r}")
        assert app.results == [f"the Value object {n}" for n in range(5)]


async def test_the_course_dialog_adds_what_was_typed_before_enter():
    started: list[str] = []
    app = Below()
    async with app.run_test():
        await ready(app)
        app.open(AddCourseDialog("a URL or a folder", None, started.append, lambda: None))
        app.burst(*"~/Videos/lectures", "enter")
        await until(lambda: started == ["~/Videos/lectures"], what=f"the adding started: {started}")
