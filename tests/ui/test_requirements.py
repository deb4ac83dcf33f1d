"""What a lesson needs, asked of a real kernel without importing anything, and only for a trusted
lessons folder; missing modules and programs are shown with how to install them."""

from __future__ import annotations

from pathlib import Path

import pytest

from studytui.config import Settings
from studytui.core.lessons import TrustStore
from studytui.ui.app import StudyApp
from tests.ui.conftest import left_in_pass_two
from tests.ui.test_app import SIZE, log_text
from tests.waiting import until

pytestmark = [pytest.mark.timeout(90), pytest.mark.real_kernel]  # the kernel is what these test

NEEDY = """\
---
id: needy
title: Needs things
course: Practice
duration: "10:00"
requires: [json, definitely_missing_pkg, {system: definitely-missing-program, apt: some-package}]
---
## 00:00 Start
"""

# Each of these ran code when the lesson opened: a file in the notes folder, the standard library's
# modules that act on import, and an exercise file written by f7.
HOSTILE = """\
---
id: needy
title: Needs things
course: Practice
duration: "10:00"
requires: [zzprobe.sub, antigravity.x, this.x, exercises.needy.ex1.x]
---
## 00:00 Start
"""
MARKER_CODE = "import pathlib; pathlib.Path({path!r}).write_text('imported')\n"


def lessons_with(tmp_path: Path, text: str) -> Path:
    lessons = tmp_path / "lessons"
    lessons.mkdir()
    (lessons / "needy.md").write_text(text)
    left_in_pass_two(tmp_path / "notes", "needy")  # the code pane, where what it needs is said, shows in pass 2
    return lessons


def plant_imports(notes: Path, tmp_path: Path) -> list[Path]:
    """Modules in the notes folder that leave a file behind when they are imported."""
    markers = [tmp_path / "zzprobe-ran", tmp_path / "exercise-ran"]
    (notes / "exercises" / "needy").mkdir(parents=True)
    (notes / "zzprobe.py").write_text(MARKER_CODE.format(path=str(markers[0])))
    (notes / "exercises" / "needy" / "ex1.py").write_text(MARKER_CODE.format(path=str(markers[1])))
    return markers


async def imported_modules(app: StudyApp, pilot) -> str:
    names = "('zzprobe', 'antigravity', 'this', 'exercises', 'webbrowser')"
    cell = f"print('imported:', [m for m in {names} if m in __import__('sys').modules])"
    app.study_screen.code.input_widget.load_text(cell)
    await pilot.press("ctrl+r")
    await until(lambda: "imported: [" in log_text(app), timeout=30, what="the kernel's answer")
    return log_text(app).split("imported: ")[1].split("]")[0] + "]"


async def test_missing_modules_and_programs_are_shown_with_their_install_commands(tmp_path):
    lessons = lessons_with(tmp_path, NEEDY)
    TrustStore().trust(lessons)
    app = StudyApp(Settings(lessons_dir=lessons, notes_dir=tmp_path / "notes"))
    async with app.run_test(size=SIZE) as pilot:
        await until(lambda: "definitely_missing_pkg" in log_text(app), timeout=40, what="the missing module")
        shown = " ".join(log_text(app).split())
        assert "This lesson needs definitely_missing_pkg: not installed in the kernel" in shown
        assert "json" not in shown.split("This lesson needs")[1].split(":")[0], "the standard library is there"
        assert "'Install what this lesson needs' installs definitely_missing_pkg, after asking you" in shown
        assert "sudo apt-get install some-package" in shown and "brew install some-package" in shown

        # The probe is silent: the learner's first cell is still In [1].
        app.study_screen.code.input_widget.load_text("40 + 2")
        await pilot.press("ctrl+r")
        await until(lambda: "42" in log_text(app), timeout=30, what="the first cell's result")
        assert "In [1]" in log_text(app), log_text(app)
        await app.action_quit()


async def test_the_probe_of_a_trusted_folder_imports_nothing(tmp_path):
    lessons = lessons_with(tmp_path, HOSTILE)
    TrustStore().trust(lessons)
    notes = tmp_path / "notes"
    markers = plant_imports(notes, tmp_path)
    app = StudyApp(Settings(lessons_dir=lessons, notes_dir=notes))
    async with app.run_test(size=SIZE) as pilot:
        await until(lambda: "This lesson needs" in log_text(app), timeout=40, what="the probe's answer")
        assert await imported_modules(app, pilot) == "[]"
        assert not any(marker.exists() for marker in markers), "the probe imported a module"
        shown = " ".join(log_text(app).split())
        # Looked up by their top-level names, and a file in the notes folder is no installed package.
        assert "This lesson needs zzprobe.sub, exercises.needy.ex1.x: not installed" in shown, shown
        await app.action_quit()


async def test_an_untrusted_folder_is_not_probed_and_imports_nothing(tmp_path):
    lessons = lessons_with(tmp_path, HOSTILE)
    notes = tmp_path / "notes"
    markers = plant_imports(notes, tmp_path)
    app = StudyApp(Settings(lessons_dir=lessons, notes_dir=notes))
    async with app.run_test(size=SIZE) as pilot:
        await until(lambda: "not checked in the kernel" in " ".join(log_text(app).split()), timeout=40,
                    what="the unchecked list")
        listed = " ".join(log_text(app).split())
        assert "This lesson lists zzprobe.sub, antigravity.x, this.x, exercises.needy.ex1.x" in listed
        assert await imported_modules(app, pilot) == "[]"
        await app.action_quit()
    assert not any(marker.exists() for marker in markers)
