"""What a lesson needs, asked of a real kernel: missing modules and programs are shown with how to
install them; installing runs %pip in the kernel as a visible cell, then asks again."""

from __future__ import annotations

import pytest

from studytui.config import Settings
from studytui.ui.app import StudyApp
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


async def test_missing_modules_and_programs_are_shown_with_their_install_commands(tmp_path):
    lessons = tmp_path / "lessons"
    lessons.mkdir()
    (lessons / "needy.md").write_text(NEEDY)
    app = StudyApp(Settings(lessons_dir=lessons, notes_dir=tmp_path / "notes"))
    async with app.run_test(size=SIZE) as pilot:
        await until(lambda: "definitely_missing_pkg" in log_text(app), timeout=40, what="the missing module")
        shown = " ".join(log_text(app).split())
        assert "This lesson needs definitely_missing_pkg: not installed in the kernel" in shown
        assert "json" not in shown.split("This lesson needs")[1].split(":")[0], "the standard library is there"
        assert "%pip install definitely_missing_pkg" in shown
        assert "sudo apt-get install some-package" in shown and "brew install some-package" in shown

        # The probe is silent: the learner's first cell is still In [1].
        app.study_screen.code.input_widget.load_text("40 + 2")
        await pilot.press("ctrl+r")
        await until(lambda: "42" in log_text(app), timeout=30, what="the first cell's result")
        assert "In [1]" in log_text(app), log_text(app)
        await app.action_quit()


async def test_install_runs_pip_in_the_kernel_live_then_asks_again(tmp_path):
    lessons = tmp_path / "lessons"
    lessons.mkdir()
    # pip is installed already, so `%pip install pip` needs no network; the module stays missing.
    (lessons / "needy.md").write_text(NEEDY.replace(
        "requires: [json, definitely_missing_pkg, {system: definitely-missing-program, apt: some-package}]",
        "requires: [{import: definitely_missing_pkg, pip: pip}]"))
    app = StudyApp(Settings(lessons_dir=lessons, notes_dir=tmp_path / "notes"))
    async with app.run_test(size=SIZE):
        await until(lambda: "%pip install pip" in log_text(app), timeout=40, what="the missing module")
        await app.study_screen.run_action("install_requirements")
        await until(lambda: "Requirement already satisfied" in log_text(app), timeout=60, what="pip's own output")
        await until(lambda: "checking again" in log_text(app), timeout=30, what="the install to finish")
        await until(lambda: log_text(app).count("This lesson needs definitely_missing_pkg") == 2, timeout=30,
                    what="the second look at what is missing")
        assert app.focused is app.study_screen.code.input_widget, "ctrl+c reaches the install"
        await app.action_quit()
