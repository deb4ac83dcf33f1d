"""A matplotlib figure reaches the terminal as the terminal can draw it: Kitty graphics for kitty,
Sixel for a Sixel terminal, half-blocks inside tmux. The installed `studytui` runs on a pty of our
own (every byte it writes is kept) or in tmux."""

from __future__ import annotations

import os
import re
import shutil
import sys
from pathlib import Path

import pytest

from tests.e2e.pty_terminal import CTRL_Q, ENTER, F4, PtyTerminal
from tests.e2e.terminal import STUDYTUI, Terminal
from tests.waiting import until_sync

pytestmark = [pytest.mark.timeout(120)]

PLOT = "import matplotlib.pyplot as plt; plt.plot([1, 3, 2, 4]); plt.show()"
KITTY_GRAPHICS = rb"\x1b_G[^;\x1b]*f=100[^;\x1b]*;[A-Za-z0-9+/=]+\x1b\\"  # an APC with a PNG (base64)
KITTY_PLACEHOLDERS = re.escape(chr(0x10EEEE).encode())  # the cells that show it
SIXEL = rb"\x1bP[0-9;]*q\"?[0-9;]*[#!-~]+\x1b\\"  # DCS ... q, then Sixel data
UPPER_HALF = "▀"


def environment(home: Path, notes: Path, **terminal: str) -> dict[str, str]:
    """This process's environment without any terminal's own variables, plus `terminal`'s."""
    mine = ("TMUX", "STY", "PYTEST", "TERM", "KITTY", "WEZTERM", "KONSOLE", "ITERM", "GHOSTTY", "MPLBACKEND")
    env = {k: v for k, v in os.environ.items() if not k.startswith(mine)}
    env.update(HOME=str(home), STUDYTUI_NOTES=str(notes), **terminal)
    return env


def plot_on_pty(tmp_path: Path, env: dict[str, str], *picture: bytes) -> bytes:
    """Launch studytui on a pty, run a cell that plots, wait for each pattern of `picture` (what the
    terminal is sent) and return all it wrote."""
    assert STUDYTUI.exists(), f"studytui is not installed beside {sys.executable}"
    term = PtyTerminal(tmp_path, env)
    try:
        term.start([str(STUDYTUI), "--pass", "2"])
        term.wait_for_text("kernel: idle", timeout=60)
        term.type(F4)
        term.type(PLOT)
        term.type(ENTER)
        term.wait_for_text("[image saved:", timeout=60)
        for pattern in picture:
            term.wait_for(pattern, timeout=30)
        written = term.written()
        term.type(CTRL_Q)
        until_sync(lambda: term.process is not None and term.process.poll() is not None, timeout=20,
                   what="studytui to quit")
        return written
    finally:
        term.close()


def test_kitty_draws_the_plot_with_kitty_graphics(tmp_path, isolated_home):
    env = environment(isolated_home, tmp_path / "notes", TERM="xterm-kitty", KITTY_WINDOW_ID="1")
    written = plot_on_pty(tmp_path, env, KITTY_GRAPHICS, KITTY_PLACEHOLDERS)
    assert not re.search(SIXEL, written, re.S)


@pytest.mark.parametrize(
    "terminal",
    [{"TERM": "foot"}, {"TERM": "xterm-256color", "TERM_PROGRAM": "WezTerm"}],
    ids=["foot", "wezterm"],
)
def test_a_sixel_terminal_draws_the_plot_as_sixel(tmp_path, isolated_home, terminal):
    env = environment(isolated_home, tmp_path / "notes", **terminal)
    written = plot_on_pty(tmp_path, env, SIXEL)
    assert not re.search(KITTY_GRAPHICS, written, re.S)


def test_the_setting_forces_sixel_on_a_terminal_that_names_no_graphics(tmp_path, isolated_home):
    config = tmp_path / "config.toml"
    config.write_text('images = "sixel"\n', encoding="utf-8")
    env = environment(isolated_home, tmp_path / "notes", TERM="xterm-256color", STUDYTUI_CONFIG=str(config))
    written = plot_on_pty(tmp_path, env, SIXEL)
    assert UPPER_HALF.encode() in written  # the same cells, under the picture


@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
def test_inside_tmux_the_plot_is_half_blocks_even_when_the_outer_terminal_is_kitty(tmp_path, isolated_home):
    # The outer terminal's variables reach programs inside tmux; tmux would not pass the pictures on.
    config = tmp_path / "config.toml"
    config.write_text('images = "auto"\n', encoding="utf-8")
    env = environment(isolated_home, tmp_path / "notes", TERM="xterm-256color", KITTY_WINDOW_ID="1",
                      TERM_PROGRAM="WezTerm", STUDYTUI_CONFIG=str(config))
    raw = tmp_path / "pane.raw"
    term = Terminal(tmp_path, env)
    try:
        term.start([str(STUDYTUI), "--pass", "2"])
        term.tmux("pipe-pane", "-t", "main", f"cat >> {raw}")
        term.wait_for("kernel: idle", timeout=60)
        term.keys("F4")
        term.type(PLOT)
        term.keys("Enter")
        term.wait_for("[image saved:", timeout=60)
        until_sync(lambda: UPPER_HALF in term.screen(), timeout=20, what="the half-block picture")
        screen = term.screen()
        assert "unknown option" not in screen and "config.toml" not in screen  # the setting is known
    finally:
        term.close()
    written = raw.read_bytes()
    assert UPPER_HALF.encode() in written
    assert b"\x1b_G" not in written and not re.search(SIXEL, written, re.S)
