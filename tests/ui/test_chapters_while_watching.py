"""alt+c, chapters while watching (Pilot, real files): the heading at the video time goes into the lesson's
file at its place in time order, in pass 1 as in pass 2, the title typed in the line below is written after
it (Escape takes the heading out again), and the outline follows. Only the learner's own courses and
folders they trust are written into: the bundled curriculum and an untrusted folder say why not."""

from __future__ import annotations

from pathlib import Path

import pytest

from studytui.config import Settings, bundled_lessons_dir
from studytui.core.courses import add_course, read_info_json
from studytui.core.lessons import TrustStore, parse_lesson
from studytui.ui.app import StudyApp
from tests.courses import playlist_info, three_videos, write_info
from tests.ui.test_app import SIZE
from tests.waiting import until

pytestmark = pytest.mark.timeout(60)

TITLE_LINE = "ChapterTitleLine"


def own_course(tmp_path: Path) -> tuple[Path, Path]:
    notes = tmp_path / "notes"
    source = read_info_json(write_info(tmp_path / "playlist.json", playlist_info(three_videos())))
    return notes, add_course(source, notes / "courses", notes / ".studytui").folder


def make_app(notes: Path, lessons: Path | None = None, start_pass: int = 2) -> StudyApp:
    return StudyApp(Settings(lessons_dir=lessons or bundled_lessons_dir(), notes_dir=notes, start_pass=start_pass,
                             courses_dir=notes / "courses"))


def chapter_labels(app: StudyApp, lesson_id: str) -> list[str]:
    return [node.label.plain.strip(" ●") for node in app.study_screen.outline._lesson_nodes[lesson_id].children]


def toasts(app: StudyApp) -> list[str]:
    return [notification.message for notification in app._notifications]


def title_line_open(app: StudyApp) -> bool:
    return type(app.screen).__name__ == TITLE_LINE


async def open_at(app: StudyApp, pilot, lesson_id: str, seconds: float, study_pass: int) -> None:
    assert app.session.open_at(lesson_id, seconds)
    app.study_screen.study.set_pass(study_pass, announce=False)
    await pilot.pause()


@pytest.mark.parametrize("study_pass", [1, 2])
async def test_a_chapter_is_written_at_its_time_and_the_outline_follows(tmp_path, study_pass):
    notes, folder = own_course(tmp_path)
    path = sorted(folder.glob("02-*.md"))[0]  # "Bigrams": no chapters of its own, one opening chapter
    app = make_app(notes)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        lesson_id = parse_lesson(path).id
        await open_at(app, pilot, lesson_id, 5 * 60 + 7, study_pass)
        assert chapter_labels(app, lesson_id) == ["00:00 Start"]
        await pilot.press("alt+c")
        assert title_line_open(app)
        lines = path.read_text(encoding="utf-8").splitlines()
        assert "## 00:05:07 " in lines, "the heading with its time, at once"
        await until(lambda: chapter_labels(app, lesson_id) == ["00:00 Start", "05:07"], what="the outline at once")
        await pilot.press(*"Counting pairs", "enter")
        assert not title_line_open(app)
        lesson = parse_lesson(path)
        assert [(c.start, c.title) for c in lesson.chapters] == [(0, "Start"), (307, "Counting pairs")]
        await until(lambda: chapter_labels(app, lesson_id) == ["00:00 Start", "05:07 Counting pairs"],
                    what="the outline with the title")

        app.session.seek(60)  # an earlier moment: the heading goes before the later chapter
        await pilot.press("alt+c", *"Bigram counts", "enter")
        assert [(c.start, c.title) for c in parse_lesson(path).chapters] == [
            (0, "Start"), (60, "Bigram counts"), (307, "Counting pairs")]
        await until(lambda: chapter_labels(app, lesson_id) == ["00:00 Start", "01:00 Bigram counts",
                                                               "05:07 Counting pairs"], what="the outline in order")
        assert app.session.lesson is not None and app.session.lesson.id == lesson_id
        await app.action_quit()


async def test_escape_takes_the_heading_out_and_enter_on_nothing_keeps_the_time(tmp_path):
    notes, folder = own_course(tmp_path)
    path = sorted(folder.glob("02-*.md"))[0]
    before = path.read_text(encoding="utf-8")
    app = make_app(notes)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        lesson_id = parse_lesson(path).id
        await open_at(app, pilot, lesson_id, 200, 1)
        await pilot.press("alt+c", *"Oops", "escape")
        assert not title_line_open(app)
        assert path.read_text(encoding="utf-8") == before, "Escape leaves the file as it was"
        await until(lambda: chapter_labels(app, lesson_id) == ["00:00 Start"], what="the outline as it was")
        assert any("taken out again" in toast for toast in toasts(app))

        await pilot.press("alt+c", "enter")
        assert [(c.start, c.title) for c in parse_lesson(path).chapters] == [(0, "Start"), (200, "")]
        assert any("has its time only" in toast for toast in toasts(app))
        await app.action_quit()


async def test_the_bundled_curriculum_and_an_untrusted_folder_are_not_written_into(tmp_path, lessons_dir):
    notes = tmp_path / "notes"
    bundled = bundled_lessons_dir() / "zero-to-hero" / "01-micrograd.md"
    bundled_text = bundled.read_text(encoding="utf-8")
    app = make_app(notes)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_at(app, pilot, "zth-01-micrograd", 100, 1)
        await pilot.press("alt+c")
        await pilot.pause()
        assert not title_line_open(app)
        assert any("bundled curriculum" in toast for toast in toasts(app))
        assert bundled.read_text(encoding="utf-8") == bundled_text

        app._notifications.clear()
        await open_at(app, pilot, "py-01-values-and-lists", 0, 2)
        await pilot.press("alt+c")
        await pilot.pause()
        assert not title_line_open(app) and any("has no video" in toast for toast in toasts(app))
        await app.action_quit()

    path = lessons_dir / "02-bigrams.md"
    before = path.read_text(encoding="utf-8")
    app = make_app(notes, lessons_dir)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_at(app, pilot, "sample-bigrams", 90, 2)
        await pilot.press("alt+c")
        await pilot.pause()
        assert not title_line_open(app) and path.read_text(encoding="utf-8") == before
        refusal = next(toast for toast in toasts(app) if "not trusted" in toast)
        assert str(lessons_dir) in refusal and "Trust this lessons folder" in refusal

        TrustStore().trust(lessons_dir)  # as the palette's trust command does
        await pilot.press("alt+c", *"Trusted now", "enter")
        assert (90, "Trusted now") in [(c.start, c.title) for c in parse_lesson(path).chapters]
        await app.action_quit()
