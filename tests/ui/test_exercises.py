"""Exercises in the app with Pilot, a real kernel and real files: outline states, checks, hints,
exercise files checked on save, live reload of lesson files, trust."""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

import platformdirs
import pytest
from textual.widgets import Static

from studytui.config import Settings
from studytui.core.lessons import TRUST_FILE
from studytui.ui.app import StudyApp
from studytui.ui.exercises.trust_dialog import TrustDialog
from tests.ui.test_app import SIZE, log_text, tree_labels
from tests.waiting import until

pytestmark = [pytest.mark.timeout(60), pytest.mark.real_kernel]  # the kernel is what these test

LESSON = """\
---
id: ex-lesson
title: Exercise lesson
course: Practice
duration: "10:00"
---
Practice adding.

## 00:00 Adding

Adding one.

::: exercise add-one Add one
Write `add_one(x)` that returns `x + 1`.

> hint: Use the `+` operator.

> hint: `return x + 1`

```python starter
def add_one(x):
    ...
```

```python check
assert add_one(1) == 2, "add_one(1) should be 2"
```
:::

## 05:00 Doubling

::: exercise double Double it
Write `double(x)`.

```python check
assert double(3) == 6, "double(3) should be 6"
```
:::
"""

OTHER = """\
---
id: other
title: Other lesson
course: Practice
duration: "10:00"
---
## 00:00 Only chapter
Text.
"""


@pytest.fixture
def folder(tmp_path) -> Path:
    lessons = tmp_path / "lessons"
    lessons.mkdir()
    (lessons / "01-ex.md").write_text(LESSON, encoding="utf-8")
    (lessons / "02-other.md").write_text(OTHER, encoding="utf-8")
    return lessons


def shown(app: StudyApp) -> str:
    """The code pane's log as one line of text (the log wraps long lines)."""
    return " ".join("".join(log_text(app).split("\n")).split())


def make_app(lessons: Path, notes: Path) -> StudyApp:
    return StudyApp(Settings(lessons_dir=lessons, notes_dir=notes, start_pass=2))


def exercise_node(app: StudyApp, exercise_id: str):
    return app.study_screen.outline._exercise_nodes[f"ex-lesson/{exercise_id}"]


async def trust_folder(app: StudyApp, pilot) -> None:
    """Trust the lessons folder the only way there is: the dialog, answered with y."""
    await app.study_screen.run_action("trust_lessons")
    await until(lambda: isinstance(app.screen, TrustDialog), what="the trust dialog")
    await pilot.press("y")
    await until(lambda: not isinstance(app.screen, TrustDialog), what="the trust dialog to close")


async def pick(app: StudyApp, pilot, exercise_id: str) -> None:
    app.study_screen.outline.focus()
    node = exercise_node(app, exercise_id)
    node.parent.expand()
    await pilot.pause()
    app.study_screen.outline.select_node(node)
    await pilot.pause()


async def test_outline_states_check_and_progress_on_disk(folder, tmp_path):
    notes = tmp_path / "notes"
    app = make_app(folder, notes)
    async with app.run_test(size=SIZE) as pilot:
        await trust_folder(app, pilot)
        labels = tree_labels(app)
        assert any(label.startswith("0/2 Exercise lesson") for label in labels), labels
        assert any("○ Add one" in label for label in labels)
        adding = labels.index(next(label for label in labels if "00:00 Adding" in label))
        assert "Add one" in labels[adding + 1], "the exercise sits under its chapter"

        await pick(app, pilot, "add-one")
        await until(lambda: "Write `add_one(x)`" in shown(app), what="the task in the code pane")
        assert app.study_screen.code.input_widget.text.startswith("def add_one(x):"), "the starter is in the cell"
        cell = app.study_screen.code.input_widget
        assert cell.cursor_location == cell.document.end, "typing goes on after the starter"

        await pilot.press("f5")
        await until(lambda: "define `add_one` first" in shown(app), timeout=20, what="a failing check",
                    seen=lambda: (app.kernel.state, shown(app)[-600:]))
        assert "✗ Add one" in exercise_node(app, "add-one").label.plain

        app.study_screen.code.input_widget.load_text("def add_one(x):\n    return x + 1\n")
        await pilot.press("ctrl+r")
        await pilot.press("f5")
        await until(lambda: "✓ Add one: passed" in shown(app), timeout=20, what="a passing check")
        assert "✓ Add one" in exercise_node(app, "add-one").label.plain
        assert any(label.startswith("1/2 Exercise lesson") for label in tree_labels(app))
        with sqlite3.connect(notes / ".studytui" / "study-log.sqlite") as saved:  # on disk: in the study log
            checks = saved.execute(
                "SELECT status FROM exercise_checks WHERE lesson = 'ex-lesson' AND exercise = 'add-one' ORDER BY at"
            ).fetchall()
        assert checks == [("failing",), ("passed",)]
        await app.action_quit()

    again = make_app(folder, notes)
    async with again.run_test(size=SIZE):
        assert "✓ Add one" in exercise_node(again, "add-one").label.plain, "results are remembered"
        await again.action_quit()


async def test_hints_open_one_at_a_time(folder, tmp_path):
    app = make_app(folder, tmp_path / "notes")
    async with app.run_test(size=SIZE) as pilot:
        await pick(app, pilot, "add-one")
        await pilot.press("f6")
        assert "hint 1/2 Use the `+` operator." in shown(app)
        assert "hint 2/2" not in shown(app)
        await pilot.press("f6")
        assert "hint 2/2 `return x + 1`" in shown(app)
        await pilot.press("f6")
        assert "that was the last hint (2)" in shown(app)
        await app.action_quit()


async def test_untrusted_folder_asks_on_f5_and_runs_the_check_when_trusted(folder, tmp_path):
    app = make_app(folder, tmp_path / "notes")
    async with app.run_test(size=SIZE) as pilot:
        await pick(app, pilot, "add-one")
        await pilot.press("f5")
        await until(lambda: isinstance(app.screen, TrustDialog) and app.screen.query("#trust-folder"),
                    what="the trust question")
        assert "run the check?" in app.screen.query_one("#trust-question", Static).content.plain
        assert str(folder) in app.screen.query_one("#trust-folder", Static).content.plain, "it names the folder"
        await pilot.press("n")
        await until(lambda: "a lessons folder you have not trusted" in shown(app), what="why it did not run")
        assert "define `add_one` first" not in shown(app)

        trust_file = Path(platformdirs.user_config_dir("studytui")) / TRUST_FILE
        await app.study_screen.run_action("trust_lessons")
        await until(lambda: isinstance(app.screen, TrustDialog) and app.screen.query("#trust-folder"),
                    what="the trust dialog")
        await pilot.press("enter", "escape")  # neither Enter nor escape trusts
        await until(lambda: not isinstance(app.screen, TrustDialog), what="the dialog to close")
        assert not trust_file.exists() or str(folder.resolve()) not in trust_file.read_text()

        await pilot.press("f2", "f5")
        await until(lambda: isinstance(app.screen, TrustDialog), what="the trust question again")
        await pilot.press("y")
        await until(lambda: "define `add_one` first" in shown(app), timeout=20, what="the check to run at once",
                    seen=lambda: (app.kernel.state, type(app.screen).__name__, shown(app)[-600:]))
        assert str(folder.resolve()) in json.loads(trust_file.read_text())["trusted"]
        await app.action_quit()


async def test_exercise_file_is_checked_on_every_save_including_rename(folder, tmp_path):
    notes = tmp_path / "notes"
    app = make_app(folder, notes)
    async with app.run_test(size=SIZE) as pilot:
        await trust_folder(app, pilot)
        await pick(app, pilot, "add-one")
        await until(lambda: app.study_screen.exercises.watching, what="the file watchers")
        await pilot.press("f7")
        path = notes / "exercises" / "ex-lesson" / "add-one.py"
        text = path.read_text()
        assert text.startswith("# Add one  (Exercise lesson)") and "# Write `add_one(x)`" in text
        assert "def add_one(x):\n    ...\n" in text
        assert f"Wrote {path}" in shown(app)

        path.write_text(text.replace("    ...", "    return x - 1") + "print('file ran')\n")
        await until(lambda: "add_one(1) should be 2" in shown(app), timeout=20, what="the failing file check")
        assert "file ran" in shown(app)

        temp = path.with_name(".add-one.py.tmp")  # an editor saving by rename
        temp.write_text("def add_one(x):\n    return x + 1\n")
        os.replace(temp, path)
        await until(lambda: "✓ Add one: passed" in shown(app), timeout=20, what="the passing file check")

        await pilot.press("f7")
        assert "already there" in shown(app) and "return x + 1" in path.read_text(), "never overwritten"
        await app.action_quit()


async def test_lesson_edits_reload_within_a_second_keeping_the_place(folder, tmp_path):
    app = make_app(folder, tmp_path / "notes")
    async with app.run_test(size=SIZE) as pilot:
        await pick(app, pilot, "double")
        await until(lambda: app.study_screen.exercises.watching, what="the file watchers")
        cursor_before = app.study_screen.outline.cursor_node.data
        edited = LESSON.replace("## 05:00 Doubling", "## 02:00 Halfway\n\nA new chapter.\n\n## 05:00 Doubling")
        (folder / "01-ex.md").write_text(edited, encoding="utf-8")
        await until(lambda: any("02:00 Halfway" in label for label in tree_labels(app)), timeout=1.5,
                    what="the new chapter in the outline")
        await pilot.pause()
        assert app.study_screen.outline.cursor_node.data.exercise_id == cursor_before.exercise_id == "double"
        assert app.session.lesson is not None and len(app.session.lesson.chapters) == 3

        (folder / "02-other.md").write_text("---\ntitle: [\n---\n", encoding="utf-8")
        await until(lambda: "Lessons with errors" in tree_labels(app), timeout=1.5, what="the broken file")
        labels = tree_labels(app)
        assert "02-other.md" in labels and any(label.startswith("line 2:") for label in labels)
        assert any("Double it" in label for label in labels), "the other lessons stay"
        await app.action_quit()
