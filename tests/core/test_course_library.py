"""The learner's courses folder loaded beside the lessons, and a chapter heading added while watching."""

from __future__ import annotations

from pathlib import Path

import pytest

from studytui.config import Settings, bundled_lessons_dir
from studytui.core.courses import (
    ChapterGone,
    add_course,
    insert_chapter,
    read_info_json,
    remove_chapter,
    retitle_chapter,
)
from studytui.core.files import RefusedFile
from studytui.core.lessons import load_study_library, parse_lesson
from tests.courses import playlist_info, three_videos, write_info

pytestmark = pytest.mark.timeout(60)


@pytest.fixture
def added(tmp_path) -> Path:
    notes = tmp_path / "notes"
    source = read_info_json(write_info(tmp_path / "playlist.json", playlist_info(three_videos())))
    return add_course(source, notes / "courses", notes / ".studytui").folder


def test_the_courses_folder_loads_after_the_bundled_curriculum(tmp_path, added):
    notes = tmp_path / "notes"
    settings = Settings(lessons_dir=bundled_lessons_dir(), notes_dir=notes, courses_dir=notes / "courses")
    library = load_study_library(settings, cached=True)
    titles = [course.title for course in library.courses()]
    assert titles[0] == "Neural Networks: Zero to Hero" and titles[-1] == "Neural nets from scratch"
    mine = library.courses()[-1].lessons[0]
    assert library.find(mine.id) is mine and library.find("zth-01-micrograd") is not None
    assert library.trust_folder(mine.path) == added, "a course in the courses folder is trusted on its own"
    assert library.trust_folder(library.find("zth-01-micrograd").path) == bundled_lessons_dir()
    assert library.roots == (bundled_lessons_dir(), notes / "courses")
    again = load_study_library(settings, previous=library)  # a reload reuses each folder's parses
    assert again.find(mine.id) == mine


def test_a_lesson_id_used_in_the_lessons_folder_is_a_warning_in_the_courses_folder(tmp_path, lessons_dir):
    courses = tmp_path / "courses" / "mine"
    courses.mkdir(parents=True)
    (courses / "copy.md").write_text((lessons_dir / "01-micrograd.md").read_text(), encoding="utf-8")
    settings = Settings(lessons_dir=lessons_dir, notes_dir=tmp_path, courses_dir=tmp_path / "courses")
    library = load_study_library(settings)
    copy = next(lesson for lesson in library.lessons if lesson.path.name == "copy.md")
    assert any("already used" in warning.message for warning in copy.warnings)
    assert library.find("sample-micrograd").path.parent == lessons_dir, "the lessons folder's lesson wins"


def test_a_chapter_is_written_at_its_place_in_time_order(added):
    path = sorted(added.glob("01-*.md"))[0]
    before = path.read_text(encoding="utf-8")
    place = insert_chapter(path, 600.4)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[place.line - 1] == "## 00:10:00 " and place.column == len("## 00:10:00 ")
    assert lines[place.line - 2] == "" and lines[place.line] == ""
    place = insert_chapter(path, 30, "Why \x1b[2Jautograd\n")
    assert path.read_text(encoding="utf-8").splitlines()[place.line - 1] == "## 00:00:30 Why autograd"
    lesson = parse_lesson(path)
    assert [(c.start, c.title) for c in lesson.chapters] == [
        (0, "Intro"), (30, "Why autograd"), (95, "The Value object"), (600, ""), (1204, "Backward pass")]
    last = insert_chapter(path, 5000, "Wrap up")
    text = path.read_text(encoding="utf-8")
    assert text.splitlines()[last.line - 1] == "## 01:23:20 Wrap up" and text.endswith("Wrap up\n")
    assert len(text.splitlines()) == len(before.splitlines()) + 6


def test_a_chapter_goes_at_the_end_of_a_broken_file(tmp_path):
    path = tmp_path / "broken.md"
    path.write_text("no front matter\n## 00:05:00 later\n", encoding="utf-8")
    place = insert_chapter(path, 10, "early")
    assert path.read_text(encoding="utf-8") == "no front matter\n## 00:05:00 later\n\n## 00:00:10 early\n"
    assert place.line == 4


def test_a_chapter_written_with_its_time_gets_its_title_or_goes_out_again(added):
    path = sorted(added.glob("01-*.md"))[0]
    before = path.read_text(encoding="utf-8")
    place = insert_chapter(path, 600)
    titled = retitle_chapter(path, place, "Why \x1b[31mgradients\n")
    assert path.read_text(encoding="utf-8").splitlines()[titled.line - 1] == "## 00:10:00 Why gradients"
    assert (600, "Why gradients") in [(c.start, c.title) for c in parse_lesson(path).chapters]
    remove_chapter(path, titled)
    assert path.read_text(encoding="utf-8") == before, "the file as it was"

    last = insert_chapter(path, 9000)  # at the end: no blank line after it
    remove_chapter(path, last)
    assert path.read_text(encoding="utf-8") == before


def test_a_chapter_heading_edited_elsewhere_meanwhile_is_left_alone(added):
    path = sorted(added.glob("01-*.md"))[0]
    place = insert_chapter(path, 600)
    text = path.read_text(encoding="utf-8")
    path.write_text("<!-- a line added above by an editor -->\n" + text, encoding="utf-8")
    moved = retitle_chapter(path, place, "Found again")
    assert moved.line == place.line + 1 and "## 00:10:00 Found again" in path.read_text(encoding="utf-8")

    edited = path.read_text(encoding="utf-8").replace("## 00:10:00 Found again", "## 00:10:00 The learner's words")
    path.write_text(edited, encoding="utf-8")
    with pytest.raises(ChapterGone):
        retitle_chapter(path, moved, "Not this")
    with pytest.raises(ChapterGone):
        remove_chapter(path, moved)
    assert path.read_text(encoding="utf-8") == edited


def test_a_lesson_file_that_is_a_link_is_not_written_through(added, tmp_path):
    target = sorted(added.glob("01-*.md"))[0]
    link = added / "linked.md"
    link.symlink_to(target)
    before = target.read_text(encoding="utf-8")
    with pytest.raises(RefusedFile):
        insert_chapter(link, 60, "no")
    assert link.is_symlink() and target.read_text(encoding="utf-8") == before


def test_a_course_opened_as_the_lessons_folder_is_not_loaded_twice(tmp_path, added):
    notes = tmp_path / "notes"
    settings = Settings(lessons_dir=added, notes_dir=notes, courses_dir=notes / "courses")
    assert settings.lesson_roots == (added,)
    library = load_study_library(settings)
    assert len(library.lessons) == 3 and not any(lesson.warnings for lesson in library.lessons)
