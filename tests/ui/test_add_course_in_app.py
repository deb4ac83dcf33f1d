"""The palette's "Add a course from a URL or folder" (Pilot, real files, yt-dlp's own processing of saved
info JSON and ffprobe on ffmpeg-made videos, no network): the same progress as the command line, a stop
that keeps what is written, the learner studying on while it runs, and the course in the outline at
once, with no trust step."""

from __future__ import annotations

import dataclasses
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from studytui.config import Settings, bundled_lessons_dir
from studytui.core.courses import CourseSource, VideoEntry
from studytui.core.lessons import load_library
from studytui.ui.app import StudyApp
from studytui.ui.courses import course_adder
from tests.courses import playlist_info, three_videos, video_info, write_info
from tests.subtitles import write_vtt
from tests.ui.test_app import SIZE, screen_text, tree_labels
from tests.waiting import until

pytestmark = pytest.mark.timeout(120)

DIALOG = "AddCourseDialog"
TALKS = 400  # a long playlist


def make_app(notes: Path) -> StudyApp:
    return StudyApp(Settings(lessons_dir=bundled_lessons_dir(), notes_dir=notes, start_pass=2,
                             courses_dir=notes / "courses"))


def dialog_open(app: StudyApp) -> bool:
    return type(app.screen).__name__ == DIALOG


def dialog_text(app: StudyApp) -> str:
    return str(app.screen.query_one("#add-course-progress").render()) if dialog_open(app) else ""


def toasts(app: StudyApp) -> list[str]:
    return [notification.message for notification in app._notifications]


def long_playlist(tmp_path: Path, videos: int = TALKS) -> Path:
    entries = [video_info(number, f"Talk {number}", 600 + number) for number in range(1, videos + 1)]
    return write_info(tmp_path / "long.json", playlist_info(entries, title="Many talks"))


async def add_from_palette(app: StudyApp, pilot, typed: str) -> None:
    await app.study_screen.run_action("add_course")
    await until(lambda: dialog_open(app), what="the dialog")
    await pilot.press(*typed, "enter")


async def test_a_saved_playlist_added_from_the_palette_is_in_the_outline_at_once(tmp_path):
    notes = tmp_path / "notes"
    info = write_info(tmp_path / "playlist.json", playlist_info(three_videos()))
    app = make_app(notes)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        assert "Neural nets from scratch" not in tree_labels(app)
        await add_from_palette(app, pilot, str(info))
        await until(lambda: "It is in the outline" in dialog_text(app), timeout=60, what="the course added")
        shown = dialog_text(app)
        for line in ("Adding Neural nets from scratch: 3 videos", "[1/3] added     Building micrograd",
                     "[3/3] added     An MLP", "lessons: 3 added, 0 updated, 0 unchanged"):
            assert line in shown, shown
        await until(lambda: "Neural nets from scratch" in tree_labels(app), what="the course in the outline")
        course = next(course for course in app.session.library.courses() if course.title == "Neural nets from scratch")
        assert [lesson.title for lesson in course.lessons] == ["Building micrograd", "Bigrams", "An MLP"]
        assert all(app.study_screen.exercises.trusts(lesson) for lesson in course.lessons), "no trust step"
        await pilot.press("enter")
        assert not dialog_open(app)
        await app.action_quit()


async def test_escape_stops_and_keeps_what_is_written_then_adding_again_goes_on(tmp_path, monkeypatch):
    notes = tmp_path / "notes"
    info = long_playlist(tmp_path, TALKS)
    release = held_after(10, monkeypatch)  # still adding when Escape comes
    app = make_app(notes)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await add_from_palette(app, pilot, str(info))
        await until(lambda: f"[10/{TALKS}] added" in dialog_text(app), timeout=60, what="ten videos added")
        await pilot.press("escape")
        assert dialog_open(app), "a stop, not a close: the dialog says what was kept"
        release.set()  # the stop is asked before each video: the one being read is the last
        await until(lambda: "Stopped: what is written stays" in dialog_text(app), timeout=60, what="the stop")
        (folder,) = [path for path in (notes / "courses").iterdir() if path.is_dir()]
        written = load_library(folder).lessons
        assert len(written) == 11, [lesson.title for lesson in written]
        await until(lambda: any(course.title == "Many talks" for course in app.session.library.courses()),
                    what="what was written, in the outline")
        await pilot.press("escape")
        assert not dialog_open(app)

        await add_from_palette(app, pilot, str(info))
        await until(lambda: "It is in the outline" in dialog_text(app), timeout=100, what="the rest added")
        assert f"{TALKS - 11} added, 0 updated, 11 unchanged" in dialog_text(app)
        await pilot.press("escape")
        await until(lambda: len(next(course for course in app.session.library.courses()
                                     if course.title == "Many talks").lessons) == TALKS,
                    what="every talk in the outline")
        await app.action_quit()


def held_after(videos: int, monkeypatch: pytest.MonkeyPatch) -> threading.Event:
    """The course's videos (read by yt-dlp as usual) stop coming after `videos` of them until the
    event is set: the adding is surely still under way while the test acts."""
    release = threading.Event()
    real = course_adder.read_source

    def read_held(*args: Any, **kwargs: Any) -> CourseSource:
        source = real(*args, **kwargs)

        def entries() -> Iterator[VideoEntry]:
            for number, entry in enumerate(source.entries):
                if number == videos:
                    assert release.wait(90), "the test never let the adding go on"
                yield entry

        return dataclasses.replace(source, entries=entries())

    monkeypatch.setattr(course_adder, "read_source", read_held)
    return release


async def test_the_learner_studies_on_while_a_course_is_added(tmp_path, monkeypatch):
    notes = tmp_path / "notes"
    info = long_playlist(tmp_path)
    release = held_after(10, monkeypatch)
    app = make_app(notes)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        editor = app.study_screen.notes.editor
        await add_from_palette(app, pilot, str(info))
        await until(lambda: "[10/400] added" in dialog_text(app), timeout=60, what="the adding under way")
        await pilot.press("enter")  # keep studying
        assert not dialog_open(app)
        editor.focus()
        await pilot.press(*"typed while adding")
        assert "typed while adding" in editor.text
        assert not any("Many talks" in toast for toast in toasts(app))
        release.set()
        await until(lambda: any("Many talks: 400 lessons added" in n.message for n in app._notifications), timeout=90,
                    what="the line saying the course is added")
        assert any("Many talks: 400 lessons added, in the outline" in toast for toast in toasts(app))
        await until(lambda: "Many talks" in tree_labels(app), what="the course in the outline")
        assert "typed while adding" in editor.text
        await app.action_quit()


async def test_a_folder_of_videos_and_a_source_that_is_not_one(tmp_path, videos):
    notes = tmp_path / "notes"
    folder = tmp_path / "Lectures"
    folder.mkdir()
    shutil.copy(videos.chaptered, folder / "2 - Second.mkv")
    shutil.copy(videos.plain, folder / "10 - Tenth.mkv")
    write_vtt(folder / "2 - Second.en.vtt")
    app = make_app(notes)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await add_from_palette(app, pilot, str(tmp_path / "no-such-folder"))
        await until(lambda: "Not added: there is no folder or file at" in dialog_text(app), what="the reason")
        await pilot.press("escape")
        assert not dialog_open(app)

        await add_from_palette(app, pilot, str(folder))
        await until(lambda: "It is in the outline" in dialog_text(app), timeout=60, what="the folder added")
        assert "[1/2] added     Second" in dialog_text(app) and "[2/2] added     Tenth" in dialog_text(app)
        await pilot.press("enter")
        await until(lambda: "Lectures" in tree_labels(app), what="the course in the outline")
        second = next(course for course in app.session.library.courses() if course.title == "Lectures").lessons[0]
        assert [chapter.title for chapter in second.chapters] == ["Opening", "Middle part", "Ending"]
        assert (notes / "transcripts" / f"{second.id}.en.vtt").is_file(), "its subtitles as its transcript"
        await pilot.pause()
        assert "Lectures" in screen_text(app)
        await app.action_quit()
