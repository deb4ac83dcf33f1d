"""Installing what a lesson needs: a dialog that names the lessons folder and lists what pip gets,
answered only with y; pip from a package index served by the test on 127.0.0.1 into a kernel of its
own; torch from the CPU index on a machine without an NVIDIA GPU; a failed or stopped pip said so."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from textual.widgets import Static

from studytui.config import Settings
from studytui.core.lessons import TrustStore
from studytui.ui.app import StudyApp
from studytui.ui.requirements.install_dialog import InstallDialog
from tests.package_index import IndexServer, KernelVenv, build_wheel, kernel_venv, pip_from, serve, write_simple_index
from tests.ui.conftest import left_in_pass_two
from tests.ui.test_app import SIZE, log_text
from tests.ui.test_study import notified
from tests.waiting import until

pytestmark = [pytest.mark.timeout(180), pytest.mark.real_kernel]  # pip runs in the kernel
NO_GPU = shutil.which("nvidia-smi") is None and not os.path.exists("/proc/driver/nvidia")

LESSON = """\
---
id: needy
title: Needs packages
course: Practice
duration: "10:00"
requires: [{requires}]
---
## 00:00 Start
"""


@pytest.fixture
def index(tmp_path) -> IndexServer:
    wheels = tmp_path / "wheels"
    root = tmp_path / "index"
    write_simple_index(root, "main", [build_wheel(wheels / "main", "tinypkg", "1.0"),
                                      build_wheel(wheels / "main", "torch", "2.13.0", "BUILD = 'cuda'\n")])
    write_simple_index(root, "cpu", [build_wheel(wheels / "cpu", "torch", "2.13.0+cpu", "BUILD = 'cpu'\n")])
    write_simple_index(root, "stalled", [build_wheel(wheels / "stalled", "slowpkg", "1.0")])
    with serve(root) as server:
        yield server


@pytest.fixture
def env(tmp_path, monkeypatch, index) -> KernelVenv:
    pip_from(monkeypatch, f"{index.url}/main/simple", tmp_path / "pip-cache")
    return kernel_venv(tmp_path, monkeypatch)


def make_app(tmp_path: Path, env: KernelVenv, index: IndexServer, requires: str, *, trusted: bool) -> StudyApp:
    lessons = tmp_path / "lessons"
    lessons.mkdir()
    (lessons / "needy.md").write_text(LESSON.format(requires=requires))
    if trusted:
        TrustStore().trust(lessons)
    left_in_pass_two(tmp_path / "notes", "needy")  # the code pane, where what it needs is said, shows in pass 2
    settings = Settings(lessons_dir=lessons, notes_dir=tmp_path / "notes", kernel_name=env.kernel_name,
                        torch_cpu_index=f"{index.url}/cpu/simple")
    return StudyApp(settings)


def log_line(app: StudyApp) -> str:
    """The code pane's log as one line: what it says, whatever the width it was wrapped at."""
    return " ".join(log_text(app).split())


def dialog_open(app: StudyApp) -> bool:
    return isinstance(app.screen, InstallDialog) and bool(app.screen.query("#install-packages"))


def dialog_text(app: StudyApp) -> str:
    return "\n".join(str(widget.content) for widget in app.screen.query(Static))


@pytest.mark.skipif(not NO_GPU, reason="this machine has an NVIDIA GPU: torch's default index is right")
async def test_n_installs_nothing_y_installs_what_the_dialog_lists(tmp_path, env, index):
    requires = 'tinypkg, torch, {import: okmod4, pip: "evil-1.0.tar.gz"}'
    app = make_app(tmp_path, env, index, requires, trusted=True)
    async with app.run_test(size=SIZE) as pilot:
        await until(lambda: "This lesson needs tinypkg, torch, okmod4" in log_line(app),
                    timeout=60, what="the missing packages")
        await app.study_screen.run_action("install_requirements")
        await until(lambda: dialog_open(app), what="the install dialog")
        shown = dialog_text(app)
        assert str(tmp_path / "lessons") in shown and "Needs packages" in shown, "it names the pack and lesson"
        assert "  tinypkg\n" in shown and "  torch  (PyTorch's CPU build" in shown, shown
        assert "refused: evil-1.0.tar.gz: an archive file, not a package name" in shown
        await pilot.press("enter", "space", "n")  # Enter, in a burst of typing, answers nothing
        await until(lambda: not isinstance(app.screen, InstallDialog), what="the dialog to close")
        assert "Nothing installed" in log_line(app)
        assert index.requests == [], "n: pip never ran"

        await app.study_screen.run_action("install_requirements")
        await until(lambda: dialog_open(app), what="the install dialog again")
        await pilot.press("y")
        await until(lambda: "checking again" in log_line(app) or "Not installed" in log_line(app),
                    timeout=120, what="the install to end")
        shown = log_line(app)
        assert "No NVIDIA GPU on this machine: torch from PyTorch's CPU index" in shown, shown
        assert "pip will fetch 1 package, 0.0 MB: torch 2.13.0+cpu (0.0 MB)" in shown, shown
        assert "pip will fetch 1 package, 0.0 MB: tinypkg 1.0 (0.0 MB)" in shown, shown
        assert "Installed; checking again" in shown
        await until(lambda: "This lesson needs okmod4" in log_line(app), timeout=30,
                    what="the second look")
        assert app.focused is app.study_screen.code.input_widget, "ctrl+c reaches the install"
        await app.action_quit()
    assert env.installed() == {"tinypkg": "1.0", "torch": "2.13.0+cpu"}
    assert not any("/main/simple/torch" in request for request in index.requests), index.requests
    assert not any("evil" in request for request in index.requests)


async def test_a_failed_pip_is_said_to_have_failed(tmp_path, env, index):
    app = make_app(tmp_path, env, index, "nosuchpkg", trusted=False)
    async with app.run_test(size=SIZE) as pilot:
        await until(lambda: "not checked in the kernel" in log_line(app), timeout=60, what="the unchecked list")
        await app.study_screen.run_action("install_requirements")
        await until(lambda: dialog_open(app), what="the install dialog")
        assert "Not checked against the kernel first" in dialog_text(app)
        await pilot.press("y")
        await until(lambda: "Not installed" in log_line(app), timeout=120, what="the failure")
        shown = log_line(app)
        assert "pip failed (exit code 1) while working out what to install: nothing was installed." in shown
        assert "Installed" not in shown.replace("Not installed", "")
        await app.action_quit()
    assert env.installed() == {}


async def test_ctrl_c_stops_an_install_and_says_so(tmp_path, env, index, monkeypatch):
    monkeypatch.setenv("PIP_INDEX_URL", f"{index.url}/stalled/simple")
    app = make_app(tmp_path, env, index, "slowpkg", trusted=False)
    async with app.run_test(size=SIZE) as pilot:
        await until(lambda: "not checked in the kernel" in log_line(app), timeout=60, what="the unchecked list")
        await app.study_screen.run_action("install_requirements")
        await until(lambda: dialog_open(app), what="the install dialog")
        await pilot.press("y")
        await until(lambda: any("/stalled/" in request for request in index.requests), timeout=60,
                    what="pip to ask the index")
        assert app.focused is app.study_screen.code.input_widget
        await pilot.press("ctrl+c")
        await until(lambda: "Install stopped (ctrl+c)" in log_line(app), timeout=30, what="the stop")
        assert "Not installed" in log_line(app)
        await app.action_quit()
    assert env.installed() == {}


async def test_only_refused_names_install_nothing(tmp_path, env, index):
    app = make_app(tmp_path, env, index, '{import: okmod4, pip: "evil-1.0.tar.gz"}, {import: b, pip: "-e"}',
                   trusted=False)
    async with app.run_test(size=SIZE):
        await until(lambda: "not checked in the kernel" in log_line(app), timeout=60, what="the unchecked list")
        await app.study_screen.run_action("install_requirements")
        await until(lambda: notified(app, "Nothing to install"), what="the notice")
        assert not isinstance(app.screen, InstallDialog)
        assert "Refused, not installed: evil-1.0.tar.gz: an archive file" in log_line(app)
        await app.action_quit()
    assert index.requests == []
