"""The kernel's help in a real terminal, keys sent in bursts: `np.linspace?`, `len??` and
`%pinfo len` open their page in the pager from its top, q closes it and the cell typed in the same
burst runs (Escape too, sent alone); `/` searches; `%load` fills the cell."""

from __future__ import annotations

import shutil

import pytest

from tests.e2e.terminal import STUDYTUI, Terminal
from tests.waiting import until_sync

pytestmark = [
    pytest.mark.timeout(180),
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
]


def page_from_its_top(terminal: Terminal, title: str, first_line: str) -> str:
    terminal.wait_for(f"help: {title}", timeout=30)
    terminal.wait_for("line 1 of")

    def at_the_top() -> bool:  # a capture may catch the pager half drawn: look again until it is whole
        rows = terminal.screen().splitlines()
        top = next((index for index, row in enumerate(rows) if f"help: {title}" in row), None)
        return top is not None and first_line in rows[top + 1]

    try:
        until_sync(at_the_top, what="the page's first line at the top")
    except AssertionError:
        raise AssertionError(f"the page's first line is not at the top:\n{terminal.screen()}") from None
    return terminal.screen()


def test_help_pages_open_from_the_top_and_load_fills_the_cell(terminal, tmp_path):
    snippet = tmp_path / "snippet.py"
    snippet.write_text("total = 6 * 7 + 1\nprint('loaded', total)\n", encoding="utf-8")
    terminal.start([str(STUDYTUI)])
    terminal.wait_for("kernel: idle", timeout=40)
    terminal.keys("C-o")  # pass 2: notes and code
    terminal.wait_for("code  f4")
    terminal.keys("F4", "import numpy as np", "Enter", "np.linspace?", "Enter")
    screen = page_from_its_top(terminal, "np.linspace?", "Signature:")
    assert "np.linspace(" in screen and "Class docstring" not in screen, screen
    assert "\x1b" not in screen

    terminal.keys("q", "x = 6 * 7", "Enter")
    terminal.wait_for("In [3]: x = 6 * 7")
    terminal.keys("len??", "Enter")
    page_from_its_top(terminal, "len??", "Signature: len(obj, /)")

    # Escape alone: an Escape with a key right after it in one write is that key with alt, in any terminal.
    terminal.keys("Escape")
    until_sync(lambda: "help: len??" not in terminal.screen(), what="the pager closed")
    terminal.keys("x", "Enter")
    terminal.wait_for("Out[5]: 42")
    terminal.keys("%pinfo len", "Enter")
    page_from_its_top(terminal, "%pinfo len", "Signature: len(obj, /)")
    terminal.keys("/", "items", "Enter")
    terminal.wait_for("line 2 of")  # "Docstring: Return the number of items in a container."

    terminal.keys("q", f"%load {snippet}", "Enter")
    terminal.wait_for("print('loaded', total)")
    terminal.keys("Enter")
    terminal.wait_for("loaded 43")
    terminal.keys("C-q")
