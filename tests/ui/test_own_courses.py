"""The learner's own courses in the app (Pilot, a real kernel and real files): an added course opens beside
the bundled curriculum with its chapters and durations, a lesson without a video says so, and only a
course studytui added runs its checks without the trust step."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from studytui.config import Settings, bundled_lessons_dir
from studytui.core.courses import add_course, read_info_json
from studytui.ui.app import StudyApp
from studytui.ui.exercises.trust_dialog import TrustDialog
from tests.courses import playlist_info, three_videos, write_info
from tests.ui.test_app import SIZE, header_text, tree_labels
from tests.ui.test_exercises import shown
from tests.waiting import until

pytestmark = pytest.mark.timeout(60)

EXERCISE = """
::: exercise grad-one A gradient of one
Set `grad = 1.0`.

> hint: The output's gradient with respect to itself.

```python check
assert grad == 1.0, f"grad should be 1.0, got {grad!r}"
```
:::
"""


def added_course(tmp_path: Path) -> tuple[Path, Path]:
    notes = tmp_path / "notes"
    source = read_info_json(write_info(tmp_path / "playlist.json", playlist_info(three_videos())))
    return notes, add_course(source, notes / "courses", notes / ".studytui").folder


def make_app(notes: Path, lessons: Path | None = None) -> StudyApp:
    return StudyApp(Settings(lessons_dir=lessons or bundled_lessons_dir(), notes_dir=notes, start_pass=2,
                             courses_dir=notes / "courses"))


async def test_an_added_course_opens_beside_the_bundled_curriculum(tmp_path):
    notes, folder = added_course(tmp_path)
    app = make_app(notes)
    async with app.run_test(size=SIZE) as pilot:
        labels = tree_labels(app)
        assert "Neural Networks: Zero to Hero" in labels and "Neural nets from scratch" in labels
        lesson = app.session.library.courses()[-1].lessons[0]
        app.session.open_lesson(lesson)
        await pilot.pause()
        assert "Building micrograd" in header_text(app) and "/ 2:25:52" in header_text(app)
        chapters = [node.label.plain for node in app.study_screen.outline._lesson_nodes[lesson.id].children]
        assert [label.strip(" ●") for label in chapters] == ["00:00 Intro", "01:35 The Value object",
                                                             "20:04 Backward pass"]
        assert any("Building micrograd  2:25:52" in label for label in tree_labels(app))

        new = folder / "04-written-later.md"  # what a second `studytui add` writes while the app is open
        new.write_text((folder / lesson.path.name).read_text().replace(lesson.id, "later-lesson")
                       .replace("Building micrograd", "Written later"), encoding="utf-8")
        await until(lambda: app.session.library.find("later-lesson") is not None, 10, "the new lesson in the outline")
        await app.action_quit()


async def test_a_lesson_without_a_video_shows_no_clock_and_no_passes(tmp_path):
    app = make_app(tmp_path / "notes")
    async with app.run_test(size=SIZE) as pilot:
        app.session.open_lesson(app.session.library.find("py-01-values-and-lists"))
        await pilot.pause()
        header = header_text(app)
        assert "exercises" in header and "no video: no clock and no passes" in header
        assert "pass 2" not in header and "0:00:00" not in header
        label = next(label for label in tree_labels(app) if "Values and lists" in label)
        assert label.endswith("Values and lists  exercises") and "✓" not in label
        app.session.open_lesson(app.session.library.find("zth-01-micrograd"))
        await pilot.pause()
        assert "pass 1: watch" in header_text(app) and "/ 2:25:52" in header_text(app)  # never opened: pass 1
        await app.action_quit()


async def pick_and_check(app: StudyApp, pilot, key: str) -> None:
    app.study_screen.outline.focus()
    node = app.study_screen.outline._exercise_nodes[key]
    node.parent.expand()
    await pilot.pause()
    app.study_screen.outline.select_node(node)
    await pilot.pause()
    await pilot.press("f5")


@pytest.mark.real_kernel  # the check runs in the kernel
async def test_only_a_course_studytui_added_runs_checks_without_the_trust_step(tmp_path, lessons_dir):
    notes, folder = added_course(tmp_path)
    mine = sorted(folder.glob("02-*.md"))[0]
    mine.write_text(mine.read_text(encoding="utf-8") + EXERCISE, encoding="utf-8")  # the learner's own exercise
    copied = notes / "courses" / "from-a-friend"
    shutil.copytree(folder, copied)  # record file and all
    for path in copied.glob("*.md"):
        path.write_text(path.read_text(encoding="utf-8").replace(folder.name, "friend"), encoding="utf-8")
    app = make_app(notes, lessons_dir)
    async with app.run_test(size=SIZE) as pilot:
        own_id = next(lesson.id for lesson in app.session.library.lessons if lesson.path == mine)
        await pick_and_check(app, pilot, f"{own_id}/grad-one")
        await until(lambda: "define `grad` first" in shown(app), 20, "the check of the learner's own course")
        assert not isinstance(app.screen, TrustDialog)

        friend_id = own_id.replace(folder.name, "friend")
        await pick_and_check(app, pilot, f"{friend_id}/grad-one")
        await until(lambda: isinstance(app.screen, TrustDialog) and app.screen.query("#trust-folder"),
                    what="the trust question for the copied course")
        assert str(copied) in app.screen.query_one("#trust-folder").content.plain
        await pilot.press("n")
        await until(lambda: not isinstance(app.screen, TrustDialog), what="the dialog to close")
        await app.action_quit()
