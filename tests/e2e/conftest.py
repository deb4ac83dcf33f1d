"""The `terminal` fixture: a private tmux server with an isolated home and notes folder."""

from __future__ import annotations

import os

import pytest

from tests.e2e.terminal import Terminal


@pytest.fixture
def terminal(tmp_path, isolated_home):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TMUX", "PYTEST"))}
    env.update(HOME=str(isolated_home), TERM="xterm-256color", STUDYTUI_NOTES=str(tmp_path / "notes"))
    workdir = tmp_path / "elsewhere"  # no ./lessons here: the bundled curriculum must open
    workdir.mkdir()
    term = Terminal(workdir, env)
    yield term
    term.close()
