"""Installing what a lesson needs, in a real terminal: the palette command, a dialog that names the
lessons folder, n that installs nothing, y that installs from a package index served by the test on
127.0.0.1, and the keys typed right after the dialog closes landing in the code cell."""

from __future__ import annotations

import os

import pytest

from tests.e2e.terminal import STUDYTUI
from tests.package_index import build_wheel, kernel_venv, pip_from, serve, write_simple_index
from tests.waiting import until_sync

pytestmark = pytest.mark.timeout(240)

LESSON = """\
---
id: needy
title: Needs a package
course: Practice
duration: "10:00"
requires: [tinypkg]
---
## 00:00 Start
"""


def flat(text: str) -> str:
    """The screen without whitespace: a path wrapped over two lines is found whole."""
    return "".join(text.split())


def dialog(screen: str) -> str:
    """The text inside the dialog's border, without whitespace."""
    inside = [line[line.index("█") + 1 : line.rindex("█")] for line in screen.splitlines() if line.count("█") >= 2]
    return flat("".join(inside))


def test_install_dialog_n_then_y_and_the_keys_typed_after_it(terminal, tmp_path, monkeypatch):
    root = tmp_path / "index"
    write_simple_index(root, "main", [build_wheel(tmp_path / "wheels", "tinypkg", "1.0")])
    with serve(root) as index:
        pip_from(monkeypatch, f"{index.url}/main/simple", tmp_path / "pip-cache")
        env = kernel_venv(tmp_path, monkeypatch)
        terminal.env.update({name: value for name, value in os.environ.items() if name.startswith(("PIP_", "JUPYTER"))})
        for name in ("PIP_FIND_LINKS", "PIP_EXTRA_INDEX_URL", "PIP_CONSTRAINT"):
            terminal.env.pop(name, None)
        terminal.env["STUDYTUI_KERNEL"] = env.kernel_name
        lessons = terminal.cwd / "lessons"  # a course the learner cloned: ./lessons
        lessons.mkdir()
        (lessons / "needy.md").write_text(LESSON, encoding="utf-8")

        terminal.start([str(STUDYTUI), "--pass", "2"])
        terminal.wait_for("kernel: idle", timeout=60)
        until_sync(lambda: "notcheckedinthekernel" in flat(terminal.screen()), timeout=30, what="the unchecked list")

        terminal.keys("C-p")
        terminal.wait_for("Search for commands")
        terminal.type("Install what this lesson needs")
        terminal.wait_for("Install what this lesson needs into the kernel")
        terminal.keys("Enter")
        terminal.wait_for("Install these packages into the kernel?")
        assert flat(str(lessons)) in dialog(terminal.screen()), terminal.screen()
        assert "tinypkg" in terminal.screen()
        terminal.keys("n")
        until_sync(lambda: "Nothinginstalled" in flat(terminal.screen()), timeout=10, what="n answered")
        assert index.requests == [] and env.installed() == {}, "n: pip never ran"

        terminal.keys("C-p")
        terminal.wait_for("Search for commands")
        terminal.type("Install what this lesson needs")
        terminal.wait_for("Install what this lesson needs into the kernel")
        terminal.keys("Enter")
        terminal.wait_for("Install these packages into the kernel?")
        # y, then at once a cell, in one burst: the cell must land in the code cell and run after.
        terminal.tmux("send-keys", "-t", "main", "y", "print('after the install', 6 * 7)", "Enter")
        try:
            until_sync(lambda: "aftertheinstall42" in flat(terminal.screen()), timeout=120, what="the cell after y")
        except AssertionError:
            raise AssertionError(terminal.screen()) from None
        screen = flat(terminal.screen())
        assert "pipwillfetch1package" in screen and "Installed" in screen, terminal.screen()
        typed_after = screen.index("In[2]:print('aftertheinstall',6*7)")
        assert screen.index("Installed.") < typed_after, "the cell typed after y runs after the install"
        assert env.installed() == {"tinypkg": "1.0"}
        terminal.keys("C-q")
        until_sync(terminal.exited, timeout=20, what="studytui to quit")
