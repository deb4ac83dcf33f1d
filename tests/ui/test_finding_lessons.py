"""Finding a lesson: the palette and the picker by title, course or id; the outline folds other
courses; enter opens or folds a chapter and g moves the clock there; the palette says what commands do."""

from __future__ import annotations

import pytest

from studytui.config import Settings
from studytui.ui.app import StudyApp
from tests.ui.test_app import SIZE, screen_text
from tests.waiting import until

pytestmark = pytest.mark.timeout(60)


def lesson(course: str, number: int, title: str) -> str:
    return (f"---\nid: {course}-{number:02d}\ntitle: {title}\ncourse: {course.title()}\norder: {number}\n"
            f"duration: \"20:00\"\n---\nIntro.\n\n## 00:00 Start\n\n## 05:00 Middle part\n\n"
            "::: exercise one Do one\nTask.\n:::\n\n## 10:00 End\n")


@pytest.fixture
def two_courses(tmp_path):
    folder = tmp_path / "lessons"
    for course, titles in (("algebra", ["Vectors", "Matrices"]), ("hero", ["Building micrograd", "Bigrams"])):
        (folder / course).mkdir(parents=True)
        for number, title in enumerate(titles, 1):
            (folder / course / f"{number:02d}.md").write_text(lesson(course, number, title))
    return folder


def course_rows(app: StudyApp) -> dict[str, bool]:
    return {node.label.plain: node.is_expanded for node in app.study_screen.outline.root.children}


async def test_palette_and_picker_find_lessons_and_the_outline_folds_other_courses(two_courses, tmp_path):
    app = StudyApp(Settings(lessons_dir=two_courses, notes_dir=tmp_path / "notes"))
    async with app.run_test(size=SIZE) as pilot:
        assert app.session.lesson.id == "algebra-01"
        assert course_rows(app) == {"Algebra": True, "Hero": False}

        await pilot.press("ctrl+p", *"micrograd")
        await until(lambda: "Building micrograd" in screen_text(app), what="the lesson in the palette")
        await pilot.press("enter")
        await until(lambda: app.session.lesson.id == "hero-01", what="micrograd to open")
        assert course_rows(app) == {"Algebra": False, "Hero": True}

        await pilot.press("f10", *"algebra matr", "enter")  # one burst: enter reads the text as typed
        await until(lambda: app.session.lesson.id == "algebra-02", what="a lesson found by course and title")
        await pilot.press("f10", *"bigrms", "enter")  # a typo: the closest title
        await until(lambda: app.session.lesson.id == "hero-02", what="a lesson found despite a typo")
        await pilot.press("f10", *"algebra", "down", "enter")
        await until(lambda: app.session.lesson.id == "algebra-02", what="the second match, picked with down")

        await pilot.press("ctrl+p", *"quit")
        await until(lambda: "Quit (notes are saved)" in screen_text(app), what="our quit")
        shown = screen_text(app)
        assert "as soon as possible" not in shown, "Textual's own quit is hidden"
        assert "saves the notes" in shown, "the palette says what the command does"
        await pilot.press("escape")
        await app.action_quit()


async def test_enter_folds_a_chapter_and_g_moves_the_clock_there(two_courses, tmp_path):
    app = StudyApp(Settings(lessons_dir=two_courses, notes_dir=tmp_path / "notes"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f2")
        outline = app.study_screen.outline
        chapter = outline._lesson_nodes["algebra-01"].children[1]
        outline.move_cursor(chapter)
        await pilot.press("enter")
        await until(lambda: chapter.is_expanded, what="the chapter to open")
        assert app.session.clock.position == 0, "enter on a chapter leaves the clock alone"
        await pilot.press("space")
        await until(lambda: not chapter.is_expanded, what="the chapter to fold")
        await pilot.press("g")
        await until(lambda: app.session.clock.position == 300, what="the clock at the chapter")
        await app.action_quit()


async def test_right_unfolds_and_goes_inside_left_folds_and_goes_up(two_courses, tmp_path):
    app = StudyApp(Settings(lessons_dir=two_courses, notes_dir=tmp_path / "notes"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f2")
        outline = app.study_screen.outline
        hero = outline.root.children[1]
        outline.move_cursor(hero)
        await pilot.press("right")  # a folded course unfolds, the cursor stays
        await until(lambda: hero.is_expanded, what="the course to unfold")
        await pilot.press("right", "right", "right")  # into its first lesson, unfold it, into its first chapter
        lesson_node = outline._lesson_nodes["hero-01"]
        await until(lambda: outline.cursor_node is lesson_node.children[0], what="the first chapter")
        assert outline.scroll_x == 0, "no sideways scroll"
        assert app.session.lesson.id == "algebra-01", "moving in the outline opens no lesson"
        await pilot.press("left", "left")  # up to the lesson (a chapter with no exercise is a leaf), fold it
        await until(lambda: outline.cursor_node is lesson_node and not lesson_node.is_expanded, what="folded")
        await pilot.press("left")
        await until(lambda: outline.cursor_node is hero, what="up to the course")
        await app.action_quit()
